//! `esql run`: run queries over NDJSON data and print the result.

use crate::data_args::DataArgs;
use crate::sources::{self, QuerySource};
use clap::{Args, ValueEnum};
use esql_exec::api::{self, BadLinePolicy, QueryError, Session};
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
    /// The Arrow IPC stream of Elasticsearch's `format=arrow` (binary; one
    /// query per run).
    Arrow,
}

/// What to do with lines that are not JSON objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnBadLine {
    /// Stop with an error naming the file and line.
    Fail,
    /// Skip the line, count it and report it on stderr.
    Skip,
}

/// Arguments of `esql run` (also the default command).
#[derive(Args, Debug, Clone, Default)]
pub struct RunArgs {
    /// A query file (.esql, detection-rules .toml, Markdown) or `-` for stdin.
    pub file: Option<PathBuf>,
    /// The query text (instead of a file).
    #[arg(short = 'q', long = "query")]
    pub query: Option<String>,
    /// Where the data is, and NOW().
    #[command(flatten)]
    pub data: DataArgs,
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
    let session = match session_of(args) {
        Ok(s) => s,
        Err(message) => {
            report_message(&message);
            return 2;
        }
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
    if several && format == Format::Arrow {
        report_message("--format arrow writes one stream: give it one query");
        return 2;
    }
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
            let mut diagnostics = Diagnostics::new(several.then_some(q.origin.as_str()));
            match run_one(q, &session, format, args.explain, &mut diagnostics) {
                Some(c) => code = code.max(c),
                // stdout was closed (e.g. `| head`): stop quietly.
                None => return code,
            }
        }
    }
    code
}

/// The session `esql run` queries: the data options, the run options, and
/// the data opened (so that a bad folder or mapping is reported once).
fn session_of(args: &RunArgs) -> Result<Session, String> {
    let session = args
        .data
        .session()?
        .with_strict(args.strict)
        .with_bad_lines(match args.on_bad_line {
            Some(OnBadLine::Skip) => BadLinePolicy::Skip,
            _ => BadLinePolicy::Fail,
        })
        .with_threads(args.threads.unwrap_or(0))
        .with_memory_limit(
            args.memory_limit
                .unwrap_or_else(crate::memory_arg::default_limit),
        );
    for skipped in session.open().map_err(|e| e.to_string())? {
        report_warning(skipped);
    }
    Ok(session)
}

/// Prints `Warning: message` on stderr.
fn report_warning(message: &str) {
    eprintln!(
        "{}",
        crate::style::diagnostic(&format!("Warning: {message}"), crate::style::stderr())
    );
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

/// What one query prints on stderr. In a run of several queries, the
/// first message is headed by the query's origin (`-- hunt.toml: query 2`),
/// as its result is on stdout, unless both streams are the same terminal.
struct Diagnostics<'a> {
    heading: Option<&'a str>,
    colour: bool,
}

impl<'a> Diagnostics<'a> {
    fn new(origin: Option<&'a str>) -> Self {
        let same_terminal = std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
        Diagnostics {
            heading: origin.filter(|_| !same_terminal),
            colour: crate::style::stderr(),
        }
    }

    /// Prints `text` (one or more lines) on stderr, after the heading the
    /// first time.
    fn emit(&mut self, text: &str) {
        if let Some(origin) = self.heading.take() {
            let heading = format!("-- {origin}");
            eprintln!(
                "{}",
                crate::style::paint(&heading, crate::style::Paint::Bold, self.colour)
            );
        }
        let body = crate::style::diagnostic(text, self.colour);
        if body.ends_with('\n') {
            eprint!("{body}");
        } else {
            eprintln!("{body}");
        }
    }

    /// Reports a failed query; returns its exit code (1 for the query's
    /// own problems, 2 for data and files, 3 for a bug in esql).
    fn error(&mut self, text: &str, e: &QueryError) -> u8 {
        self.emit(&e.render(text));
        if e.is_internal() {
            3
        } else if e.is_query_error() {
            1
        } else {
            2
        }
    }
}

fn run_one(
    q: &QuerySource,
    session: &Session,
    format: Format,
    explain: bool,
    diagnostics: &mut Diagnostics<'_>,
) -> Option<u8> {
    let text = q.text.as_str();
    let query = match session.prepare(text) {
        Ok(p) => p,
        Err(e) => return Some(diagnostics.error(text, &e)),
    };
    for w in query.parse_warnings() {
        diagnostics.emit(&format!("Warning: {w}"));
    }
    for n in query.notes() {
        diagnostics.emit(&format!("Note: {n}"));
    }
    if explain {
        return print_line(&query.explain()).ok().map(|_| 0);
    }
    let counter = Arc::new(AtomicU64::new(0));
    let progress = crate::progress::Progress::start(counter.clone(), query.input_bytes());
    let outcome = if progress.is_some() {
        query.run_with_progress(counter)
    } else {
        query.run()
    };
    drop(progress);
    let answer = match outcome {
        Ok(o) => o,
        Err(e) => return Some(diagnostics.error(text, &e)),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match format {
        Format::Table => {
            let table = crate::table::render_table(&answer.table, crate::style::stdout(), None);
            writeln!(out, "{table}")
        }
        Format::Txt => answer.table.write(api::Format::Txt, &mut out),
        Format::Json => answer.table.write(api::Format::Json, &mut out),
        Format::Csv => answer.table.write(api::Format::Csv, &mut out),
        Format::Tsv => answer.table.write(api::Format::Tsv, &mut out),
        Format::Ndjson => answer.table.write(api::Format::Ndjson, &mut out),
        Format::Arrow => answer.table.write(api::Format::Arrow, &mut out),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return None;
        }
        diagnostics.emit(&format!("esql: writing the result: {e}"));
        return Some(2);
    }
    for w in &answer.warnings {
        diagnostics.emit(&format!("Warning: {w}"));
    }
    Some(0)
}
