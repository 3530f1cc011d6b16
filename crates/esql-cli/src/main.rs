//! The `esql` command: run ES|QL hunts offline over NDJSON.

mod ast_json;
mod batch;
mod clock_hint;
mod convert_cmd;
mod data_args;
mod data_cmd;
mod did_you_mean;
mod directives;
mod fit;
mod histogram;
mod hunts;
mod man_page;
mod memory_arg;
mod param_args;
mod parse_cmd;
mod progress;
mod run_cmd;
mod shell;
mod snapshot;
mod sources;
mod style;
mod table;
mod terminal;
mod test_cmd;
mod unknown_index;
mod vertical;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: the scan and the CloudTrail
/// conversion allocate many small strings, and glibc's malloc/free took
/// about a third of a raw CloudTrail scan (see the README's performance
/// section for the measured effect).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MAIN_EXAMPLES: &str = "\
Examples:
  esql queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql \\
       --data-dir testdata/cloudtrail --now 2024-05-11T00:00:00Z
  esql -d data -q 'from logs-* | stats count(*) by event.action | sort `count(*)` desc'
  esql hunts/ -d data                 run every hunt of a folder
  esql -d data -q 'from logs | where n > ?min' --param min=10
  esql -d data -q 'from logs | where @timestamp >= ?_tstart' --from 2024-05-01T00:00:00Z
  esql test examples/hunts            check hunts against their snapshots
  esql parse hunt.toml

Exit status: 0 success, 1 a query was rejected (or a test failed),
2 usage, file or data errors, 3 an internal error of esql. With several
queries, the worst of them.";

const RUN_EXAMPLES: &str = "\
Examples:
  esql run hunt.esql -d data --now 2024-05-11T00:00:00Z
  esql run hunt.esql -d data --now latest   NOW() = the newest @timestamp of the data
  esql run hunt.toml -d data            every ES|QL query of hunt.query / rule.query
  esql run notes.md -d data             every ```esql / ```sql block
  esql run hunts/ -d data               every .esql/.toml/.md file below hunts/, sorted
  cat hunt.esql | esql run - -d data --format csv
  esql run -d data -q 'from logs-* | limit 5' --format json
  esql run -d data -q 'from logs | stats count(*) by ??f' --param-identifier f=host.name
  esql run -d data -q 'row a = ?1, b = ?2' --param 10 --param '\"text\"'
  esql run -d data -q 'from logs | where @timestamp >= ?_tstart and @timestamp <= ?_tend' \\
       --from 2024-05-01T00:00:00Z --to 2024-05-02T00:00:00Z";

const INDICES_EXAMPLES: &str = "\
Examples:
  esql indices -d data                  index, documents, files, bytes
  esql indices -d data --format csv
  esql indices --index logs=export.ndjson.gz --mapping logs.mapping.json";

const FIELDS_EXAMPLES: &str = "\
Examples:
  esql fields 'logs-*' -d data          field, type, source, per-index types
  esql fields logs-aws.cloudtrail-default -d data --format csv | grep ^aws
  esql fields 'a,b' -d data --mapping a.mapping.json";

const TEST_EXAMPLES: &str = "\
Examples:
  esql test examples/hunts              compare every hunt with HUNT.snap
  esql test examples/hunts --bless      write or update the snapshots
  esql test hunts/ -d fixtures --now 2024-05-11T00:00:00Z

A hunt's leading comments may set its data and clock (they override the
command line); paths are relative to the hunt file:
  // esql-test: data-dir=fixtures now=2024-05-11T00:00:00Z        (.esql)
  // esql-test: param=min=10 param-identifier=f=host.name from=2024-05-01T00:00:00Z
  # esql-test: data-dir=fixtures field-types=types.tsv            (.toml)
  <!-- esql-test: data-dir=fixtures index=logs=logs.ndjson -->    (Markdown)";

const PARSE_EXAMPLES: &str = "\
Examples:
  esql parse hunt.esql                  canonical form, one command per line
  esql parse hunt.toml --json           the syntax tree of every query
  esql parse -q 'from a | where x = 1' --strict
  echo '{\"id\":1,\"query\":\"row a = 1\"}' | esql parse --batch";

const SHELL_EXAMPLES: &str = "\
Examples:
  esql shell -d data --now 2024-05-11T00:00:00Z
  esql -d data                          (on a terminal, with no query: the shell)
  esql shell -d data --histogram        draw row counts over @timestamp

In the shell: end a query with `;` or a blank line; .help lists the
dot commands (.indices, .fields PATTERN, .format FMT, .now TS, .histogram).
History is kept in $XDG_DATA_HOME/esql/history (~/.local/share/esql/history).";

const CONVERT_EXAMPLES: &str = "\
Examples:
  esql convert 123_CloudTrail_us-east-1_a.json.gz > cloudtrail.ndjson
  esql convert records.ndjson --cloudtrail-pipeline 5.2.0 --preserve-original-event
  esql convert trail.json.gz | esql -q 'from stdin | limit 5' --index stdin=/dev/stdin";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  esql completions bash > ~/.local/share/bash-completion/completions/esql
  esql completions zsh > ~/.zfunc/_esql     (with fpath+=~/.zfunc in .zshrc)
  esql completions fish > ~/.config/fish/completions/esql.fish";

const MAN_EXAMPLES: &str = "\
Examples:
  esql man | man -l -
  esql man > /usr/local/share/man/man1/esql.1";

/// Run ES|QL queries (Elastic's hunting and detection language) offline over
/// NDJSON exports, with Elasticsearch's semantics.
#[derive(Parser)]
#[command(
    name = "esql",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = MAIN_EXAMPLES
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
    #[command(after_help = RUN_EXAMPLES)]
    Run(run_cmd::RunArgs),
    /// Check the syntax of queries and print them in canonical form.
    #[command(after_help = PARSE_EXAMPLES)]
    Parse(parse_cmd::ParseArgs),
    /// An interactive shell: queries with completion, history and tables
    /// fitted to the terminal, over data that stays open between queries.
    #[command(after_help = SHELL_EXAMPLES)]
    Shell(shell::ShellArgs),
    /// Convert raw CloudTrail files to the ECS documents queries see (NDJSON).
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(convert_cmd::ConvertArgs),
    /// List the indices of the data: documents, files and bytes of each.
    #[command(after_help = INDICES_EXAMPLES)]
    Indices(data_cmd::IndicesArgs),
    /// List the fields of the indices PATTERN matches: type, where the type
    /// came from, and each index's type for a conflict.
    #[command(after_help = FIELDS_EXAMPLES)]
    Fields(data_cmd::FieldsArgs),
    /// Snapshot-test hunts: compare each hunt's result with HUNT.snap.
    #[command(after_help = TEST_EXAMPLES)]
    Test(test_cmd::TestArgs),
    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of esql.
    #[command(after_help = MAN_EXAMPLES)]
    Man,
}

/// Writes `bytes` to stdout: 0, or 2 when stdout fails.
fn print_bytes(bytes: &[u8]) -> u8 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("esql: writing to standard output: {e}");
            2
        }
    }
}

/// `esql` with no query and no file, on a terminal: start the shell.
fn shell_wanted(run: &run_cmd::RunArgs) -> bool {
    use std::io::IsTerminal;
    run.query.is_none()
        && run.file.is_none()
        && std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    // Queries may nest expressions up to Elasticsearch's limit (400 levels,
    // `esql_parser::MAX_EXPRESSION_DEPTH`); analysis, evaluation and printing
    // recurse once per level. In a debug build the deepest accepted queries
    // need more than 2 MiB and less than 8 MiB here (measured); the command
    // runs on a thread with ample room (address space is reserved; only the
    // pages touched are used).
    let worker = std::thread::Builder::new()
        .name("esql".into())
        .stack_size(COMMAND_STACK_BYTES)
        .spawn(move || run_command(cli));
    let code = match worker {
        Ok(handle) => handle.join().unwrap_or(101),
        Err(_) => 2,
    };
    ExitCode::from(code)
}

/// Stack of the thread that runs the command (see `main`).
const COMMAND_STACK_BYTES: usize = 64 << 20;

/// Runs the chosen subcommand and returns its exit code.
fn run_command(cli: Cli) -> u8 {
    match cli.command {
        Some(Commands::Parse(args)) => parse_cmd::run(&args),
        Some(Commands::Run(args)) => run_cmd::run(&args),
        Some(Commands::Shell(args)) => shell::run(&args),
        Some(Commands::Convert(args)) => convert_cmd::run(&args),
        Some(Commands::Test(args)) => test_cmd::run(&args),
        Some(Commands::Indices(args)) => data_cmd::run_indices(&args),
        Some(Commands::Fields(args)) => data_cmd::run_fields(&args),
        Some(Commands::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "esql", &mut script);
            print_bytes(&script)
        }
        Some(Commands::Man) => {
            let mut page = Vec::new();
            match man_page::render(Cli::command(), MAIN_EXAMPLES, &mut page) {
                Ok(()) => print_bytes(&page),
                Err(e) => {
                    eprintln!("esql: rendering the manual page: {e}");
                    2
                }
            }
        }
        None if shell_wanted(&cli.run) => shell::run(&shell::ShellArgs {
            data: cli.run.data.clone(),
            format: cli.run.format,
            histogram: cli.run.histogram.clone(),
            quiet: cli.run.quiet,
        }),
        None => run_cmd::run(&cli.run),
    }
}
