//! `esql convert`: raw CloudTrail files to the ECS documents the queries
//! see, one JSON object per line on stdout.

use crate::data_args::PipelineArgs;
use clap::Args;
use esql_exec::api::{convert_cloudtrail, ConvertError};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `esql convert`.
#[derive(Args, Debug, Clone)]
pub struct ConvertArgs {
    /// CloudTrail delivery files (`{"Records":[…]}`, `.json` or `.json.gz`)
    /// or NDJSON files of raw records.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The CloudTrail pipeline to emulate and its options.
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// Runs the command; returns the exit code (0 ok, 2 I/O or bad data).
pub fn run(args: &ConvertArgs) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let pipeline = args.pipeline.options();
    for path in &args.files {
        match convert_cloudtrail(path, pipeline, &mut out) {
            Ok(_) => {}
            // stdout was closed (e.g. `| head`): stop quietly.
            Err(ConvertError::Write(_)) => return 0,
            Err(e) => {
                eprintln!("esql: {e}");
                return 2;
            }
        }
    }
    let _ = out.flush();
    0
}
