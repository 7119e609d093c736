//! The file system as `slac eval` reads it: [`Disk`], with a progress bar
//! on each large file when standard error is a terminal.

use super::progress::Progress;
use crate::inputs::{Disk, Files, Opened};
use std::io;
use std::path::{Path, PathBuf};

pub struct ProgressFiles;

impl Files for ProgressFiles {
    fn open(&self, path: &Path) -> io::Result<Opened<'_>> {
        let Opened { reader, size } = Disk.open(path)?;
        let reader = Box::new(Progress::new(reader, size, &path.display().to_string()));
        Ok(Opened { reader, size })
    }

    fn directory_of(&self, file: &Path) -> PathBuf {
        Disk.directory_of(file)
    }
}
