//! `esql convert`: raw CloudTrail files to the ECS documents the queries
//! see, one JSON object per line on stdout.

use clap::Args;
use esql_exec::cloudtrail::{for_each_document_line, InputFormat};
use esql_exec::reader::Flow;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `esql convert`.
#[derive(Args, Debug, Clone)]
pub struct ConvertArgs {
    /// CloudTrail delivery files (`{"Records":[…]}`, `.json` or `.json.gz`)
    /// or NDJSON files of raw records.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs the command; returns the exit code (0 ok, 2 I/O or bad data).
pub fn run(args: &ConvertArgs) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in &args.files {
        let mut closed = false;
        let result = for_each_document_line(
            path,
            InputFormat::CloudTrail,
            0,
            u64::MAX,
            None,
            |_, line| {
                if out
                    .write_all(line)
                    .and_then(|_| out.write_all(b"\n"))
                    .is_err()
                {
                    closed = true;
                    return Ok(Flow::Stop);
                }
                Ok(Flow::Continue)
            },
        );
        if let Err(e) = result {
            eprintln!("esql: {e}");
            return 2;
        }
        if closed {
            return 0;
        }
    }
    if out.flush().is_err() {
        return 0;
    }
    0
}
