//! A progress bar on stderr while a large input is read, only when stderr
//! is a terminal; silent otherwise.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Read};

/// Files smaller than this are read too fast for a bar to help.
const MIN_BYTES: u64 = 8 << 20;

pub struct Progress<R> {
    inner: R,
    bar: Option<ProgressBar>,
}

impl<R: Read> Progress<R> {
    pub fn new(inner: R, size: u64, name: &str) -> Self {
        let bar = (size >= MIN_BYTES && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(size);
            let style =
                ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(name.to_owned());
            bar
        });
        Progress { inner, bar }
    }
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(bar) = &self.bar {
            if n == 0 {
                bar.finish_and_clear();
            } else {
                bar.inc(n as u64);
            }
        }
        Ok(n)
    }
}
