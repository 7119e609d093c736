//! The open buffers: their text and version, the files each one read when
//! it was last checked, and the [`Files`] that serves a buffer's text in
//! place of the file on disk, so an import of an open buffer is what the
//! user sees, saved or not.

use super::position::{Encoding, LineIndex};
use crate::inputs::files::{Disk, Files, Opened};
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

/// One open buffer.
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    /// Every file its last check read (itself and its imports).
    pub reads: BTreeSet<PathBuf>,
}

/// The open buffers, by the path their URI names.
#[derive(Default)]
pub struct Documents {
    open: BTreeMap<PathBuf, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, version: i32, text: String) -> PathBuf {
        let path = path_of(&uri);
        self.open.insert(path.clone(), Document { uri, version, text, reads: BTreeSet::new() });
        path
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(&path_of(uri))
    }

    pub fn get(&self, path: &Path) -> Option<&Document> {
        self.open.get(path)
    }

    pub fn get_mut(&mut self, path: &Path) -> Option<&mut Document> {
        self.open.get_mut(path)
    }

    /// Apply a client's changes in order: a change with a range replaces
    /// that range, one without replaces the whole text.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) -> Option<PathBuf> {
        let path = path_of(uri);
        let doc = self.open.get_mut(&path)?;
        for change in changes {
            match change.range {
                Some(range) => {
                    let index = LineIndex::new(&doc.text);
                    let start = index.offset(range.start, enc);
                    let end = index.offset(range.end, enc).max(start);
                    doc.text.replace_range(start..end, &change.text);
                }
                None => doc.text = change.text,
            }
        }
        doc.version = version;
        Some(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.open.keys()
    }

    /// The open buffers whose last check read `path` (itself included).
    pub fn readers_of(&self, path: &Path) -> Vec<PathBuf> {
        self.open.iter().filter(|(p, d)| *p == path || d.reads.contains(path)).map(|(p, _)| p.clone()).collect()
    }
}

/// The file system with the open buffers laid over it.
pub struct Overlay<'a> {
    pub documents: &'a Documents,
}

impl Files for Overlay<'_> {
    fn open(&self, path: &Path) -> io::Result<Opened<'_>> {
        match self.documents.get(&normalise(path)) {
            Some(doc) => {
                let bytes = doc.text.as_bytes();
                Ok(Opened { reader: Box::new(bytes), size: bytes.len() as u64 })
            }
            // Never standard input: the server's stdin is the protocol.
            None if path.as_os_str() == "-" => Err(io::Error::new(io::ErrorKind::NotFound, "no file named `-`")),
            None => Disk.open(path),
        }
    }

    fn directory_of(&self, file: &Path) -> PathBuf {
        Disk.directory_of(file)
    }
}

/// The path a URI names: a `file:` URI's path, percent-decoded; any other
/// URI (an unsaved buffer) as its text, so it still has a name.
pub fn path_of(uri: &Uri) -> PathBuf {
    let text = uri.as_str();
    let Some(rest) = text.strip_prefix("file://") else { return PathBuf::from(text) };
    // `file://host/path`: the authority is dropped; `file:///C:/x` on
    // Windows names `C:/x`.
    let path = match rest.find('/') {
        Some(i) => &rest[i..],
        None => rest,
    };
    let decoded = percent_decode(path);
    let windows_drive = decoded.len() > 2 && decoded.as_bytes()[2] == b':' && decoded.starts_with('/');
    normalise(Path::new(if windows_drive { &decoded[1..] } else { &decoded }))
}

/// The `file:` URI of a path (made absolute against the working directory).
pub fn uri_of(path: &Path) -> Option<Uri> {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    let mut text = String::from("file://");
    let shown = absolute.to_string_lossy().replace('\\', "/");
    if !shown.starts_with('/') {
        text.push('/');
    }
    for b in shown.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            text.push(b as char);
        } else {
            text.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&text).ok()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A path with `.` and `..` folded, as the driver names imports
/// (`dir/../shared.sla`), so an import finds the open buffer of its file.
pub fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_and_paths_round_trip_with_spaces_and_chinese() {
        let path = Path::new("/tmp/合同 目录/a.sla");
        let uri = uri_of(path).unwrap();
        assert!(uri.as_str().starts_with("file:///tmp/%E5%90%88"), "{}", uri.as_str());
        assert_eq!(path_of(&uri), path);
        let windows = Uri::from_str("file:///c%3A/x/y.sla").unwrap();
        assert_eq!(path_of(&windows), PathBuf::from("c:/x/y.sla"));
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(path_of(&untitled), PathBuf::from("untitled:Untitled-1"));
    }

    #[test]
    fn an_import_through_dot_dot_reads_the_open_buffer() {
        let mut docs = Documents::default();
        let uri = uri_of(Path::new("/w/shared/cal.sla")).unwrap();
        docs.open(uri, 1, "calendar office = 24x7\n".into());
        let overlay = Overlay { documents: &docs };
        let text = overlay.read_text(Path::new("/w/contracts/../shared/./cal.sla")).unwrap();
        assert_eq!(text, "calendar office = 24x7\n");
    }
}
