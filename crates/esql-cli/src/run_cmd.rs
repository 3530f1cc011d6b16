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
    /// A boxed table fitted to the terminal (the default on a terminal).
    Table,
    /// One record after the other, a field per line (psql's `\x`).
    Vertical,
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
    /// Output format (default: table on a terminal, txt otherwise). In a
    /// run of several queries, json writes one document a line with the
    /// query's `origin`.
    #[arg(long, value_enum, help_heading = "Output")]
    pub format: Option<Format>,
    /// Write the results to FILE instead of standard output.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        help_heading = "Output"
    )]
    pub output: Option<PathBuf>,
    /// Draw the count of matching rows over a date column (default
    /// `@timestamp`) above the result, with Unicode blocks.
    #[arg(
        long,
        value_name = "COLUMN",
        num_args = 0..=1,
        default_missing_value = "@timestamp",
        help_heading = "Output"
    )]
    pub histogram: Option<String>,
    /// Print no warnings (errors are still printed).
    #[arg(long, help_heading = "Output")]
    pub quiet: bool,
    /// Print the typed plan instead of running it.
    #[arg(long, help_heading = "Output")]
    pub explain: bool,
    /// Reject what Elasticsearch rejects (a lone `=` as comparison).
    #[arg(long, help_heading = "Execution")]
    pub strict: bool,
    /// What to do with malformed NDJSON lines.
    #[arg(long, value_enum, default_value = "fail", help_heading = "Execution")]
    pub on_bad_line: Option<OnBadLine>,
    /// Worker threads for scanning (default: one per core).
    #[arg(long, value_name = "N", help_heading = "Execution")]
    pub threads: Option<usize>,
    /// Memory STATS groups and rows gathered by SORT / INLINE STATS may take
    /// (an estimate), e.g. 512mb or 2g; past it the query stops with an error
    /// (exit 2). Default: a quarter of the machine's memory.
    #[arg(
        long,
        value_name = "SIZE",
        value_parser = crate::memory_arg::parse_size,
        help_heading = "Execution"
    )]
    pub memory_limit: Option<usize>,
}

/// Runs the command; returns the exit code (0 ok, 1 query error, 2 usage or
/// I/O, 3 an internal error; with several queries, the worst of them).
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
    let mut sink = match Sink::open(args.output.as_deref()) {
        Ok(s) => s,
        Err(message) => {
            report_message(&message);
            return 2;
        }
    };
    let format = args.format.unwrap_or(if sink.terminal_width.is_some() {
        Format::Table
    } else {
        Format::Txt
    });
    let mut warned = Warned {
        quiet: args.quiet,
        implicit_limit: false,
    };
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
                sink.colour(format),
            );
            let json_lines = several && format == Format::Json;
            if several && !json_lines && sink.line(&heading).is_err() {
                return code;
            }
            let mut diagnostics =
                Diagnostics::new(several.then_some(q.origin.as_str()), &mut warned);
            let shown = Shown {
                format,
                origin: json_lines.then_some(q.origin.as_str()),
                explain: args.explain,
                histogram: args.histogram.as_deref(),
                clock_hint: args.data.now.is_none(),
                data_dirs: &args.data.data_dirs,
            };
            match run_one(q, &session, &shown, &mut sink, &mut diagnostics) {
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

/// Where results go: standard output or the `-o` file.
struct Sink {
    out: Box<dyn Write>,
    /// The terminal's width when results go to a terminal.
    terminal_width: Option<u16>,
    /// True for `-o FILE` (never coloured).
    to_file: bool,
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink, String> {
        match path {
            Some(p) => {
                let file = std::fs::File::create(p)
                    .map_err(|e| format!("cannot write {}: {e}", p.display()))?;
                Ok(Sink {
                    out: Box::new(std::io::BufWriter::new(file)),
                    terminal_width: None,
                    to_file: true,
                })
            }
            None => Ok(Sink {
                out: Box::new(std::io::stdout()),
                terminal_width: crate::terminal::stdout_width(),
                to_file: false,
            }),
        }
    }

    /// True when headings and tables should be coloured.
    fn colour(&self, format: Format) -> bool {
        matches!(format, Format::Table | Format::Vertical)
            && !self.to_file
            && crate::style::stdout()
    }

    /// Writes one line; `Err` when the output is closed.
    fn line(&mut self, text: &str) -> Result<(), ()> {
        writeln!(self.out, "{text}")
            .and_then(|_| self.out.flush())
            .map_err(|_| ())
    }
}

/// How one query's result is shown.
struct Shown<'a> {
    format: Format,
    /// In a multi-query json run, the origin put in each document.
    origin: Option<&'a str>,
    explain: bool,
    /// `--histogram`: the date column to draw the counts over.
    histogram: Option<&'a str>,
    /// NOW() is the clock: warn when a filter on it may explain an empty
    /// answer.
    clock_hint: bool,
    /// The `-d` folders, searched for files esql cannot read when an index
    /// is unknown.
    data_dirs: &'a [PathBuf],
}

/// Warnings already printed in this run, and whether to print any.
pub struct Warned {
    /// `--quiet`: print no warning.
    pub quiet: bool,
    /// The implicit `LIMIT 1000` warning was printed (it is printed once a run).
    pub implicit_limit: bool,
}

impl Warned {
    /// True when warning `text` should be printed now.
    pub fn admit(&mut self, text: &str) -> bool {
        if self.quiet {
            return false;
        }
        if text.starts_with("No limit defined, adding default limit") {
            return !std::mem::replace(&mut self.implicit_limit, true);
        }
        true
    }
}

/// One line of NDJSON for a multi-query json run: the `_query` response
/// with the query's `origin` as its first field.
fn json_line(response: &str, origin: &str) -> String {
    let origin = serde_json::Value::String(origin.to_string()).to_string();
    let body = response.trim_end();
    match body.strip_prefix('{') {
        Some(rest) if rest.trim_start().starts_with('}') => format!("{{\"origin\":{origin}}}"),
        Some(rest) => format!("{{\"origin\":{origin},{rest}"),
        None => format!("{{\"origin\":{origin},\"response\":{body}}}"),
    }
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
        (None, Some(path)) if !path.exists() && path != Path::new("-") => {
            match crate::did_you_mean::missing_file(path) {
                Some(hint) => Err(hint),
                None => single(sources::load_queries(path).map_err(|e| e.to_string())),
            }
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
    warned: &'a mut Warned,
}

impl<'a> Diagnostics<'a> {
    fn new(origin: Option<&'a str>, warned: &'a mut Warned) -> Self {
        let same_terminal = std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
        Diagnostics {
            heading: origin.filter(|_| !same_terminal),
            colour: crate::style::stderr(),
            warned,
        }
    }

    /// Prints warning `text` unless `--quiet` or already printed this run.
    fn warn(&mut self, text: &str) {
        if self.warned.admit(text) {
            self.emit(&format!("Warning: {text}"));
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
    fn error(&mut self, q: &QuerySource, e: &QueryError) -> u8 {
        self.emit(&e.render_in_file(&q.text, q.line_offset));
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
    shown: &Shown<'_>,
    sink: &mut Sink,
    diagnostics: &mut Diagnostics<'_>,
) -> Option<u8> {
    let text = q.text.as_str();
    let query = match session.prepare(text) {
        Ok(p) => p,
        Err(e) => {
            let code = diagnostics.error(q, &e);
            if let Some(hint) =
                crate::unknown_index::hint(&e.render(text), session, shown.data_dirs)
            {
                diagnostics.emit(&hint);
            }
            return Some(code);
        }
    };
    for w in query.parse_warnings() {
        diagnostics.warn(&w);
    }
    for n in query.notes() {
        diagnostics.emit(&format!("Note: {n}"));
    }
    if shown.explain {
        return sink.line(&query.explain()).ok().map(|_| 0);
    }
    let suspect = if shown.clock_hint {
        crate::clock_hint::suspect(&query)
    } else {
        None
    };
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
        Err(e) => return Some(diagnostics.error(q, &e)),
    };
    if let Some(column) = shown.histogram {
        let width = sink.terminal_width.unwrap_or(80);
        match crate::histogram::draw(session, text, column, width) {
            Ok(picture) => {
                if sink.line(&picture).is_err() {
                    return None;
                }
            }
            Err(e) => diagnostics.emit(&e.render()),
        }
    }
    let colour = sink.colour(shown.format);
    let width = sink.terminal_width;
    let out = &mut sink.out;
    let written = match (shown.format, shown.origin) {
        (Format::Json, Some(origin)) => {
            let response = answer.table.to_text(api::Format::Json);
            writeln!(out, "{}", json_line(&response, origin))
        }
        (Format::Table, _) => {
            let table = crate::table::render_table(&answer.table, colour, width);
            writeln!(out, "{table}")
        }
        (Format::Vertical, _) => {
            let shape = crate::table::Shape::Vertical;
            let table = crate::table::render(&answer.table, colour, width, shape);
            writeln!(out, "{table}")
        }
        (Format::Txt, _) => answer.table.write(api::Format::Txt, out),
        (Format::Json, None) => answer.table.write(api::Format::Json, out),
        (Format::Csv, _) => answer.table.write(api::Format::Csv, out),
        (Format::Tsv, _) => answer.table.write(api::Format::Tsv, out),
        (Format::Ndjson, _) => answer.table.write(api::Format::Ndjson, out),
        (Format::Arrow, _) => answer.table.write(api::Format::Arrow, out),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return None;
        }
        diagnostics.emit(&format!("esql: writing the result: {e}"));
        return Some(2);
    }
    for w in &answer.warnings {
        diagnostics.warn(w);
    }
    if answer.table.rows.is_empty() {
        let line_offset = q.line_offset;
        if let Some(hint) = suspect
            .as_ref()
            .and_then(|s| crate::clock_hint::warning(session, s, line_offset))
        {
            diagnostics.warn(&hint);
        }
    }
    Some(0)
}
