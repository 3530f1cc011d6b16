//! Helpers for tests that run the built `esql` binary over data folders
//! they create.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A data folder under the system temp dir, removed on drop.
pub struct DataDir {
    path: PathBuf,
}

impl DataDir {
    /// A new empty folder, unique to this process and call.
    pub fn new(label: &str) -> DataDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!(
            "esql-robustness-{}-{label}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        DataDir { path }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` to `name` inside the folder and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// What a run of the binary produced.
pub struct Run {
    /// The exit code (None when killed by a signal).
    pub code: Option<i32>,
    /// Standard output, with CSV's `\r\n` line ends read as `\n`.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Wall-clock time.
    pub elapsed: Duration,
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts that stderr contains `needle`.
    pub fn assert_stderr(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stderr\n{}\n--- stdout\n{}",
            self.stderr,
            self.stdout
        );
        self
    }

    /// Asserts that stdout contains `needle`.
    pub fn assert_stdout(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts that the process did not overflow its stack.
    pub fn assert_no_stack_overflow(&self) -> &Run {
        assert!(
            !self.stderr.contains("overflowed its stack"),
            "stack overflow (exit {:?})",
            self.code
        );
        self
    }

    /// Asserts that nothing panicked.
    pub fn assert_no_panic(&self) -> &Run {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "panic\n--- stderr\n{}",
            self.stderr
        );
        self
    }
}

/// The built binary.
pub fn esql_bin() -> &'static str {
    env!("CARGO_BIN_EXE_esql")
}

/// Runs `esql` with `args` and no stdin.
pub fn esql(args: &[&str]) -> Run {
    let start = Instant::now();
    let out = Command::new(esql_bin())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    finish(out, start)
}

/// Runs `query` over `dir` with csv output and any extra arguments.
pub fn query(dir: &DataDir, query: &str, extra: &[&str]) -> Run {
    let d = dir.path().to_str().unwrap();
    let mut args = vec!["-q", query, "-d", d, "--format", "csv"];
    args.extend_from_slice(extra);
    esql(&args)
}

/// Runs a shell command line (for pipelines).
pub fn shell(line: &str) -> Run {
    let start = Instant::now();
    let out = Command::new("sh")
        .arg("-c")
        .arg(line)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    finish(out, start)
}

fn finish(out: Output, start: Instant) -> Run {
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: start.elapsed(),
    }
}
