//! The `esql` command: run ES|QL hunts offline over NDJSON.

mod ast_json;
mod batch;
mod convert_cmd;
mod memory_arg;
mod parse_cmd;
mod run_cmd;
mod sources;
mod table;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Run ES|QL queries (Elastic's hunting and detection language) offline over
/// NDJSON exports, with Elasticsearch's semantics.
#[derive(Parser)]
#[command(
    name = "esql",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  esql queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql \\\n       --data-dir testdata/cloudtrail --now 2024-05-11T00:00:00Z\n  esql -d data -q 'from logs-* | stats count(*) by event.action | sort `count(*)` desc'\n  esql parse hunt.toml"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Commands>,
    #[command(flatten)]
    run: run_cmd::RunArgs,
}

#[derive(Subcommand)]
enum Commands {
    /// Run queries over NDJSON data (the default command).
    Run(run_cmd::RunArgs),
    /// Check the syntax of queries and print them in canonical form.
    Parse(parse_cmd::ParseArgs),
    /// Convert raw CloudTrail files to the ECS documents queries see (NDJSON).
    Convert(convert_cmd::ConvertArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let code = match cli.command {
        Some(Commands::Parse(args)) => parse_cmd::run(&args),
        Some(Commands::Run(args)) => run_cmd::run(&args),
        Some(Commands::Convert(args)) => convert_cmd::run(&args),
        None => run_cmd::run(&cli.run),
    };
    ExitCode::from(code)
}
