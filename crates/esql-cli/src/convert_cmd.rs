//! `esql convert`: raw CloudTrail files to the ECS documents the queries
//! see, one JSON object per line on stdout.

use crate::data_args::pipeline_version;
use clap::Args;
use esql_exec::api::{convert_cloudtrail, ConvertError, PipelineOptions, PipelineVersion};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `esql convert`.
#[derive(Args, Debug, Clone)]
pub struct ConvertArgs {
    /// CloudTrail delivery files (`{"Records":[…]}`, `.json` or `.json.gz`)
    /// or NDJSON files of raw records.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The AWS integration version whose CloudTrail pipeline to emulate
    /// (2.25.0-preview01,
    /// 2.44.0-preview01, 2.44.0, 3.8.0, 5.2.0, 6.4.0, 7.0.0, 7.2.0 or 7.3.0;
    /// default: 7.3.0, the newest).
    #[arg(long, value_name = "VERSION", value_parser = pipeline_version)]
    pub cloudtrail_pipeline: Option<PipelineVersion>,
    /// The integration's `preserve_original_event` option: keep each
    /// record's text in `event.original` and tag the document.
    #[arg(long)]
    pub preserve_original_event: bool,
    /// The integration's `actor_target_mapping` option (tag), which turns
    /// on the actor/target fields from version 3.8.0 on.
    #[arg(long)]
    pub actor_target_mapping: bool,
}

impl ConvertArgs {
    /// The pipeline version and options these arguments ask for.
    pub fn pipeline(&self) -> PipelineOptions {
        PipelineOptions {
            version: self.cloudtrail_pipeline.unwrap_or_default(),
            preserve_original_event: self.preserve_original_event,
            actor_target_mapping: self.actor_target_mapping,
        }
    }
}

/// Runs the command; returns the exit code (0 ok, 2 I/O or bad data).
pub fn run(args: &ConvertArgs) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let pipeline = args.pipeline();
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
