//! The one way the integration tests run the `slac` binary: a builder in
//! the style of just's test harness, from the repository root unless told
//! otherwise, without colour, with standard input empty unless given.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A `slac` command line to run.
pub struct Slac {
    args: Vec<OsString>,
    dir: PathBuf,
    stdin: Vec<u8>,
    env: Vec<(String, String)>,
}

/// What a run gave, as text.
#[derive(Debug)]
pub struct Ran {
    /// The exit code; -1 when killed by a signal.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Slac {
    pub fn new<S: Into<OsString>>(args: impl IntoIterator<Item = S>) -> Slac {
        Slac {
            args: args.into_iter().map(Into::into).collect(),
            dir: crate::repo().to_path_buf(),
            stdin: Vec::new(),
            env: Vec::new(),
        }
    }

    /// More arguments after those given.
    pub fn args<S: Into<OsString>>(mut self, more: impl IntoIterator<Item = S>) -> Slac {
        self.args.extend(more.into_iter().map(Into::into));
        self
    }

    /// Run in this directory instead of the repository's root.
    pub fn dir(mut self, dir: &Path) -> Slac {
        self.dir = dir.to_path_buf();
        self
    }

    /// Feed these bytes on standard input.
    pub fn stdin(mut self, bytes: &[u8]) -> Slac {
        self.stdin = bytes.to_vec();
        self
    }

    /// An environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Slac {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Run to the end; the raw output.
    pub fn output(self) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_slac"))
            .args(&self.args)
            .current_dir(&self.dir)
            .env("NO_COLOR", "1")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the slac binary runs");
        if let Some(mut input) = child.stdin.take() {
            // slac may stop reading early (an error): a broken pipe is fine.
            let _ = input.write_all(&self.stdin);
        }
        child.wait_with_output().expect("slac finishes")
    }

    /// Run to the end; the exit code and both streams as text.
    pub fn run(self) -> Ran {
        let out = self.output();
        Ran {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}
