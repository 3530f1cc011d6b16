//! `esql run`: run queries over NDJSON data and print the result.

use crate::sources::{self, QuerySource};
use clap::{Args, ValueEnum};
use esql_exec::catalog::{Catalog, CatalogConfig};
use esql_exec::cloudtrail::InputFormat;
use esql_exec::engine::{self, QueryError, RunOptions};
use esql_exec::format;
use esql_exec::plan::SourcePlan;
use esql_exec::reader::BadLinePolicy;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Elasticsearch's `format=txt` table.
    Txt,
    /// A boxed table (the default on a terminal).
    Table,
    /// Elasticsearch's `_query` JSON response.
    Json,
    /// Comma-separated values (Elasticsearch's `format=csv`).
    Csv,
    /// Tab-separated values (Elasticsearch's `format=tsv`).
    Tsv,
    /// One JSON object per row.
    Ndjson,
}

/// What to do with lines that are not JSON objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnBadLine {
    /// Stop with an error naming the file and line.
    Fail,
    /// Skip the line, count it and report it on stderr.
    Skip,
}

/// Parses an index given as `NAME=PATH` (`--index`, `index=` directives).
pub fn index_spec(spec: &str) -> Result<(String, PathBuf), String> {
    match spec.split_once('=') {
        Some((name, path)) => Ok((name.to_string(), PathBuf::from(path))),
        None => Err(format!("expects NAME=PATH, got [{spec}]")),
    }
}

/// Arguments of `esql run` (also the default command).
#[derive(Args, Debug, Clone, Default)]
pub struct RunArgs {
    /// A query file (.esql, detection-rules .toml, Markdown) or `-` for stdin.
    pub file: Option<PathBuf>,
    /// The query text (instead of a file).
    #[arg(short = 'q', long = "query")]
    pub query: Option<String>,
    /// A folder of NDJSON files: each `NAME.ndjson[.gz]` (or folder `NAME/`) is index NAME.
    #[arg(short = 'd', long = "data-dir")]
    pub data_dirs: Vec<PathBuf>,
    /// Add an index explicitly: NAME=PATH (a file or a folder).
    #[arg(long = "index", value_name = "NAME=PATH", value_parser = index_spec)]
    pub indices: Vec<(String, PathBuf)>,
    /// An Elasticsearch `_mapping` JSON file.
    #[arg(long = "mapping")]
    pub mappings: Vec<PathBuf>,
    /// A field-type table: `field<TAB>type[<TAB>index_pattern]` per line.
    #[arg(long = "field-types")]
    pub field_types: Vec<PathBuf>,
    /// An enrich policy for ENRICH: Elasticsearch's policy JSON whose
    /// `indices` name NDJSON files (see the README).
    #[arg(long = "enrich-policy", value_name = "FILE")]
    pub enrich_policies: Vec<PathBuf>,
    /// NOW() as an RFC 3339 timestamp (default: the clock).
    #[arg(long)]
    pub now: Option<String>,
    /// Output format (default: table on a terminal, txt otherwise).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Print the typed plan instead of running it.
    #[arg(long)]
    pub explain: bool,
    /// Reject what Elasticsearch rejects (a lone `=` as comparison).
    #[arg(long)]
    pub strict: bool,
    /// What to do with malformed NDJSON lines.
    #[arg(long, value_enum, default_value = "fail")]
    pub on_bad_line: Option<OnBadLine>,
    /// Worker threads for scanning (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Memory STATS groups and rows gathered by SORT / INLINE STATS may take
    /// (an estimate), e.g. 512mb or 2g; past it the query stops with an error
    /// (exit 2). Default: a quarter of the machine's memory.
    #[arg(long, value_name = "SIZE", value_parser = crate::memory_arg::parse_size)]
    pub memory_limit: Option<usize>,
    /// How data files are read: `ndjson` documents, `cloudtrail` raw
    /// records (delivery files or NDJSON), or `auto` (NDJSON, converting
    /// CloudTrail delivery files `{"Records":[…]}`).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,
}

/// Values of `--input-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// NDJSON, with CloudTrail delivery files converted (the default).
    Auto,
    /// NDJSON documents only.
    Ndjson,
    /// Raw CloudTrail records, converted to ECS documents.
    Cloudtrail,
}

/// Runs the command; returns the exit code (0 ok, 1 query error, 2 usage or
/// I/O; with several queries, the worst of them).
pub fn run(args: &RunArgs) -> u8 {
    let loaded = match load(args) {
        Ok(l) => l,
        Err(message) => {
            report_message(&message);
            return 2;
        }
    };
    let now_ms = match &args.now {
        Some(text) => match parse_now(text) {
            Some(ms) => ms,
            None => {
                report_message(&format!("--now: [{text}] is not an RFC 3339 timestamp"));
                return 2;
            }
        },
        None => clock_now(),
    };
    let config = CatalogConfig {
        data_dirs: args.data_dirs.clone(),
        explicit: args.indices.clone(),
        mappings: args.mappings.clone(),
        field_types: args.field_types.clone(),
        enrich_policies: args.enrich_policies.clone(),
    };
    let format = match args.input_format {
        Some(InputFormatArg::Ndjson) => InputFormat::Ndjson,
        Some(InputFormatArg::Cloudtrail) => InputFormat::CloudTrail,
        _ => InputFormat::Auto,
    };
    let catalog = match Catalog::open(&config) {
        Ok(c) => c.with_input_format(format),
        Err(e) => {
            report_message(&e.to_string());
            return 2;
        }
    };
    let options = RunOptions {
        now_ms,
        strict: args.strict,
        on_bad_line: match args.on_bad_line {
            Some(OnBadLine::Skip) => BadLinePolicy::Skip,
            _ => BadLinePolicy::Fail,
        },
        threads: args.threads.unwrap_or(0),
        memory_limit: args
            .memory_limit
            .unwrap_or_else(crate::memory_arg::default_limit),
        ..RunOptions::default()
    };
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Txt
    });
    let count: usize = loaded
        .files
        .iter()
        .map(|f| f.as_ref().map_or(0, Vec::len))
        .sum();
    let several = loaded.folder || count > 1;
    let mut code = 0u8;
    for file in &loaded.files {
        let queries = match file {
            Ok(queries) => queries,
            Err(message) => {
                report_message(message);
                code = code.max(2);
                continue;
            }
        };
        for q in queries {
            let heading = crate::style::paint(
                &format!("-- {}", q.origin),
                crate::style::Paint::Bold,
                format == Format::Table && crate::style::stdout(),
            );
            if several && print_line(&heading).is_err() {
                return code;
            }
            match run_one(q, &catalog, &options, format, args.explain) {
                Some(c) => code = code.max(c),
                // stdout was closed (e.g. `| head`): stop quietly.
                None => return code,
            }
        }
    }
    code
}

/// `--now` text as milliseconds since the epoch.
pub fn parse_now(text: &str) -> Option<i64> {
    esql_exec::datetime::parse_millis(text)
}

/// The clock, in milliseconds since the epoch.
pub fn clock_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Prints `esql: message` on stderr.
fn report_message(message: &str) {
    eprintln!(
        "{}",
        crate::style::diagnostic(&format!("esql: {message}"), crate::style::stderr())
    );
}

/// Writes one line to stdout; `Err` when stdout is closed.
fn print_line(text: &str) -> Result<(), ()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{text}")
        .and_then(|_| out.flush())
        .map_err(|_| ())
}

/// The queries to run: one entry per file (a load error for a file of a
/// folder does not stop the others).
struct Loaded {
    /// True when the input was a folder (every query is then headed).
    folder: bool,
    files: Vec<Result<Vec<QuerySource>, String>>,
}

fn load(args: &RunArgs) -> Result<Loaded, String> {
    let single = |r: Result<Vec<QuerySource>, String>| {
        r.map(|q| Loaded {
            folder: false,
            files: vec![Ok(q)],
        })
    };
    match (&args.query, &args.file) {
        (Some(text), None) => {
            single(sources::queries_from_text("query.esql", text).map_err(|e| e.to_string()))
        }
        (None, Some(path)) if path.is_dir() => {
            let files = load_folder(path)?;
            if files.is_empty() {
                return Err(format!(
                    "no hunt (.esql, .toml or Markdown file holding an ES|QL query) under {}",
                    path.display()
                ));
            }
            Ok(Loaded {
                folder: true,
                files,
            })
        }
        (None, Some(path)) => single(sources::load_queries(path).map_err(|e| e.to_string())),
        (Some(_), Some(_)) => Err("give either a query file or --query, not both".into()),
        (None, None) => Err("no query: give a query file, `-` for stdin, or --query TEXT".into()),
    }
}

/// The queries of every hunt file under `dir`; files that hold no ES|QL
/// query (a README, a rule in another language) are left out.
pub fn load_folder(dir: &Path) -> Result<Vec<Result<Vec<QuerySource>, String>>, String> {
    let mut files = Vec::new();
    for path in crate::hunts::find(dir)? {
        match sources::load_queries(&path) {
            Ok(q) => files.push(Ok(q)),
            Err(sources::SourceError::NoQuery { .. }) => {}
            Err(e) => files.push(Err(e.to_string())),
        }
    }
    Ok(files)
}

fn run_one(
    q: &QuerySource,
    catalog: &Catalog,
    options: &RunOptions,
    format: Format,
    explain: bool,
) -> Option<u8> {
    let text = q.text.as_str();
    let prepared = match engine::prepare(text, catalog, options) {
        Ok(p) => p,
        Err(e) => return Some(report_error(text, &e)),
    };
    let colour = crate::style::stderr();
    for w in &prepared.parse_warnings {
        let warning = format!("Warning: {}", w.render(text));
        eprintln!("{}", crate::style::diagnostic(&warning, colour));
    }
    if explain {
        return print_line(&prepared.plan.to_string()).ok().map(|_| 0);
    }
    let total = scanned_bytes(&prepared);
    let counter = Arc::new(AtomicU64::new(0));
    let progress = crate::progress::Progress::start(counter.clone(), total);
    let outcome = if progress.is_some() {
        let options = RunOptions {
            progress: Some(counter),
            ..options.clone()
        };
        prepared.run(&options)
    } else {
        prepared.run(options)
    };
    drop(progress);
    let output = match outcome {
        Ok(o) => o,
        Err(e) => return Some(report_error(text, &e)),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match format {
        Format::Table => {
            let table = crate::table::render_table(&output.result, crate::style::stdout(), None);
            writeln!(out, "{table}")
        }
        Format::Txt => format::write_txt(&output.result, &mut out),
        Format::Json => format::write_json(&output.result, &mut out),
        Format::Csv => format::write_csv(&output.result, &mut out),
        Format::Tsv => format::write_tsv(&output.result, &mut out),
        Format::Ndjson => format::write_ndjson(&output.result, &mut out),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return None;
        }
        eprintln!("esql: writing the result: {e}");
        return Some(2);
    }
    for w in output_warnings(&output) {
        eprintln!("{}", crate::style::diagnostic(&w, colour));
    }
    Some(0)
}

/// The warnings of a run, each starting `Warning: `: the result's, then
/// skipped lines and values that did not fit their type.
pub fn output_warnings(output: &engine::Output) -> Vec<String> {
    let mut out: Vec<String> = output
        .result
        .warnings
        .iter()
        .map(|w| format!("Warning: {w}"))
        .collect();
    let stats = &output.read_stats;
    if stats.skipped > 0 {
        let examples: Vec<String> = stats
            .skipped_examples
            .iter()
            .map(|(p, l, m)| format!("{}:{l} ({m})", p.display()))
            .collect();
        out.push(format!(
            "Warning: skipped {} malformed line(s), first at {}",
            stats.skipped,
            examples.join(", ")
        ));
    }
    for (field, n) in &stats.coercion_failures {
        out.push(format!(
            "Warning: {n} value(s) of field [{field}] did not fit its type and were read as null"
        ));
    }
    out
}

/// The size of the data files a prepared query will scan.
fn scanned_bytes(prepared: &engine::Prepared) -> u64 {
    match &prepared.plan.source {
        SourcePlan::From(from) => from
            .indices
            .iter()
            .flat_map(|ix| ix.files.iter())
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum(),
        _ => 0,
    }
}

fn report_error(text: &str, e: &QueryError) -> u8 {
    eprint!(
        "{}",
        crate::style::diagnostic(&render_error(text, e), crate::style::stderr())
    );
    if e.is_query_error() {
        1
    } else {
        2
    }
}

/// The error report for `e` on query `text`, as printed on stderr (ends with
/// a newline): Elasticsearch's exception type and reason, and for analysis
/// problems a source snippet per problem.
pub fn render_error(text: &str, e: &QueryError) -> String {
    match e {
        QueryError::Parse(p) => {
            format!(
                "{}: {}\n",
                e.exception_type(),
                p.to_diagnostic().render(text)
            )
        }
        QueryError::Analysis(a) => {
            let mut out = format!("{}: {}\n", e.exception_type(), a.reason(text));
            for p in &a.problems {
                let d = esql_parser::Diagnostic::error(p.span, p.message.clone());
                let rendered = d.render(text);
                let snippet: Vec<&str> = rendered.lines().skip(1).collect();
                out.push_str(&snippet.join("\n"));
                out.push('\n');
            }
            out
        }
        other => format!("esql: {other}\n"),
    }
}
