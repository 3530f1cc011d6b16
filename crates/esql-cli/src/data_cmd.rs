//! `esql indices` and `esql fields`: what the data holds, before writing
//! a query over it.

use crate::data_args::DataArgs;
use crate::run_cmd::Format;
use esql_exec::api::{self, Table};
use std::io::Write;

/// Arguments of `esql indices`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct IndicesArgs {
    /// Where the data is.
    #[command(flatten)]
    pub data: DataArgs,
    /// Output format (default: table on a terminal, txt otherwise).
    #[arg(long, value_enum, help_heading = "Output")]
    pub format: Option<Format>,
}

/// Runs `esql indices`: one row per index with its documents, files and
/// bytes. Exit 0, or 2 when the data cannot be opened.
pub fn run_indices(args: &IndicesArgs) -> u8 {
    let session = match open(&args.data) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match session.indices_overview() {
        Ok(table) => {
            let code = print(&table, args.format);
            for w in &table.warnings {
                eprintln!("Warning: {}", w.trim_end());
            }
            code
        }
        Err(e) => {
            eprintln!("{}", e.render(""));
            2
        }
    }
}

/// The session over `data`, with what opening it skipped printed as
/// warnings; `Err` is the exit code after the error was printed.
pub fn open(data: &DataArgs) -> Result<api::Session, u8> {
    let session = data.session().map_err(|message| {
        eprintln!("esql: {message}");
        2u8
    })?;
    match session.open() {
        Ok(skipped) => {
            for s in skipped {
                eprintln!("Warning: {s}");
            }
        }
        Err(e) => {
            eprintln!("esql: {e}");
            return Err(2);
        }
    }
    Ok(session)
}

/// Prints `table` on stdout in `format` (a boxed table on a terminal, txt
/// otherwise); 0, or 2 when stdout fails.
pub fn print(table: &Table, format: Option<Format>) -> u8 {
    let width = crate::terminal::stdout_width();
    let format = format.unwrap_or(if width.is_some() {
        Format::Table
    } else {
        Format::Txt
    });
    let colour = width.is_some() && crate::style::stdout();
    let mut out = std::io::stdout().lock();
    let written = match format {
        Format::Table => writeln!(out, "{}", crate::table::render_table(table, colour, width)),
        Format::Vertical => {
            let shape = crate::table::Shape::Vertical;
            writeln!(out, "{}", crate::table::render(table, colour, width, shape))
        }
        Format::Txt => table.write(api::Format::Txt, &mut out),
        Format::Json => table.write(api::Format::Json, &mut out),
        Format::Csv => table.write(api::Format::Csv, &mut out),
        Format::Tsv => table.write(api::Format::Tsv, &mut out),
        Format::Ndjson => table.write(api::Format::Ndjson, &mut out),
        Format::Arrow => table.write(api::Format::Arrow, &mut out),
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("esql: writing to standard output: {e}");
            2
        }
    }
}

/// Arguments of `esql fields`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FieldsArgs {
    /// The index pattern(s), as after FROM: `logs-*`, `a,b`, `logs-*,-logs-old`.
    #[arg(value_name = "PATTERN", default_value = "*")]
    pub pattern: String,
    /// Where the data is.
    #[command(flatten)]
    pub data: DataArgs,
    /// Output format (default: table on a terminal, txt otherwise).
    #[arg(long, value_enum, help_heading = "Output")]
    pub format: Option<Format>,
}

/// Runs `esql fields`: one row per field of `FROM PATTERN` with its type,
/// where the type came from and, for a conflict, each index's type. Exit
/// 0; 1 when the pattern is rejected (e.g. an unknown index); 2 when the
/// data cannot be opened.
pub fn run_fields(args: &FieldsArgs) -> u8 {
    let session = match open(&args.data) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match session.field_report(&args.pattern) {
        Ok(table) => print(&table, args.format),
        Err(e) => {
            let text = format!("FROM {}", args.pattern);
            let report = e.render(&text);
            eprintln!("{}", report.trim_end());
            if let Some(hint) = crate::unknown_index::hint(&report, &session, &args.data.data_dirs)
            {
                eprintln!("{hint}");
            }
            if e.is_query_error() {
                1
            } else {
                2
            }
        }
    }
}
