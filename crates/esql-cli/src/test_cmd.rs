//! `esql test`: snapshot tests for hunts.
//!
//! Every hunt under the folder (see [`crate::hunts`]) runs on its data and
//! its result is compared with its snapshot (see [`crate::snapshot`]). Each
//! hunt gets one line, `ok`, `blessed` or `FAILED` and its path, a failure
//! followed by why (a diff, a missing snapshot, an error); the last line is
//! `N passed, M failed`.
//!
//! Runs are made deterministic: one scanning thread (rows come in file
//! order), the `txt` format, and `NOW()` from `--now` or the hunt's `now=`
//! directive. The hunt's `esql-test:` directives (see
//! [`crate::directives`]) override the command line key by key.
//!
//! Exit status: 0 when every hunt passed, 1 when any failed, 2 when the
//! folder cannot be read, holds no hunt, or `--now` is not a timestamp.

use crate::data_args::DataArgs;
use crate::directives;
use crate::snapshot;
use crate::sources::{self, SourceError};
use crate::style::{paint, Paint};
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `esql test`.
#[derive(Args, Debug, Clone, Default)]
pub struct TestArgs {
    /// A folder of hunts (searched recursively) or one hunt file [default: .]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The data and NOW() of hunts whose directives do not set them.
    #[command(flatten)]
    pub data: DataArgs,
    /// Write or update the snapshots instead of comparing with them.
    #[arg(long)]
    pub bless: bool,
}

/// How one hunt's test ended.
enum Outcome {
    Passed,
    Blessed,
    Failed(String),
}

/// Runs `esql test`; returns the exit status.
pub fn run(args: &TestArgs) -> u8 {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if let Err(e) = args.data.session() {
        eprintln!("esql test: {e}");
        return 2;
    }
    let files = if dir.is_dir() {
        match crate::hunts::find(&dir) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("esql test: {e}");
                return 2;
            }
        }
    } else if dir.is_file() {
        vec![dir.clone()]
    } else {
        eprintln!("esql test: no such folder or file: {}", dir.display());
        return 2;
    };
    let defaults = &args.data;
    let colour = crate::style::stdout();
    let (mut passed, mut failed) = (0usize, 0usize);
    for path in &files {
        let outcome = match test_one(path, defaults, args.bless) {
            Some(o) => o,
            None => continue,
        };
        let shown = path.display();
        match outcome {
            Outcome::Passed => {
                passed += 1;
                println!("{} {shown}", paint("ok     ", Paint::Green, colour));
            }
            Outcome::Blessed => {
                passed += 1;
                println!("{} {shown}", paint("blessed", Paint::Yellow, colour));
            }
            Outcome::Failed(why) => {
                failed += 1;
                println!("{} {shown}", paint("FAILED ", Paint::Red, colour));
                for line in why.lines() {
                    println!("    {line}");
                }
            }
        }
    }
    if passed + failed == 0 {
        eprintln!(
            "esql test: no hunt (.esql, .toml or Markdown file holding an ES|QL query) under {}",
            dir.display()
        );
        return 2;
    }
    println!("{passed} passed, {failed} failed");
    u8::from(failed > 0)
}

/// Tests one hunt file; `None` when it holds no ES|QL query.
fn test_one(path: &Path, defaults: &DataArgs, bless: bool) -> Option<Outcome> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return Some(Outcome::Failed(format!("cannot read the hunt: {e}"))),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let queries = match sources::queries_from_text(&file_name, &text) {
        Ok(q) => q,
        Err(SourceError::NoQuery { .. }) => return None,
        Err(e) => return Some(Outcome::Failed(e.to_string())),
    };
    let snap_path = snapshot::path_of(path);
    Some(check(path, &text, &queries, defaults, &snap_path, bless))
}

fn check(
    path: &Path,
    text: &str,
    queries: &[sources::QuerySource],
    defaults: &DataArgs,
    snap_path: &Path,
    bless: bool,
) -> Outcome {
    let settings = match directives::parse(path, text) {
        Ok(d) => d.or(defaults),
        Err(e) => return Outcome::Failed(e),
    };
    let session = match settings.session() {
        // One scanning thread: rows come in file order.
        Ok(s) => s.with_threads(1),
        Err(e) => return Outcome::Failed(e.replace("--now", "now")),
    };
    if let Err(e) = session.open() {
        return Outcome::Failed(format!("esql: {e}"));
    }
    let actual = match snapshot::render(queries, &session) {
        Ok(a) => a,
        Err(e) => return Outcome::Failed(e),
    };
    let expected = match std::fs::read_to_string(snap_path) {
        Ok(s) => Some(s.replace("\r\n", "\n")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Outcome::Failed(format!("cannot read {}: {e}", snap_path.display()));
        }
    };
    if expected.as_deref() == Some(actual.as_str()) {
        return Outcome::Passed;
    }
    if bless {
        return match std::fs::write(snap_path, &actual) {
            Ok(()) => Outcome::Blessed,
            Err(e) => Outcome::Failed(format!("cannot write {}: {e}", snap_path.display())),
        };
    }
    let snap_name = snap_path.display().to_string();
    match expected {
        None => Outcome::Failed(format!(
            "no snapshot {snap_name}: run `esql test --bless` to write it"
        )),
        Some(expected) => Outcome::Failed(format!(
            "the result differs from {snap_name} (run `esql test --bless` to accept it):\n{}",
            snapshot::diff(&expected, &actual, &snap_name, crate::style::stdout())
        )),
    }
}
