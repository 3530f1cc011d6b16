//! `esql shell`: an interactive shell over a session that stays open
//! between queries (the catalog and discovered fields are read once).
//!
//! Input ends at `;` or a blank line; lines starting with `.` are shell
//! commands (`.help`). While a query runs the terminal is read for Ctrl-C,
//! which gives the prompt back at once.

mod complete;
mod input;
mod run;

use crate::data_args::DataArgs;
use crate::run_cmd::{Format, Warned};
use clap::Args;
use esql_exec::api::Session;
use reedline::{
    default_emacs_keybindings, ColumnarMenu, DescriptionMode, Emacs, FileBackedHistory, IdeMenu,
    KeyCode, KeyModifiers, MenuBuilder, Reedline, ReedlineEvent, ReedlineMenu, Signal,
};
use std::sync::Arc;

/// Arguments of `esql shell`.
#[derive(Args, Debug, Clone, Default)]
pub struct ShellArgs {
    /// Where the data is, and NOW().
    #[command(flatten)]
    pub data: DataArgs,
    /// How results are shown (default: table).
    #[arg(long, value_enum, help_heading = "Output")]
    pub format: Option<Format>,
    /// Draw the count of rows over this date column above each result.
    #[arg(
        long,
        value_name = "COLUMN",
        num_args = 0..=1,
        default_missing_value = "@timestamp",
        help_heading = "Output"
    )]
    pub histogram: Option<String>,
    /// Print no warnings.
    #[arg(long, help_heading = "Output")]
    pub quiet: bool,
}

const HELP: &str = "\
Type a query and end it with `;` or a blank line. Tab completes commands,
functions, index and field names; Up/Down and Ctrl-R search the history;
Ctrl-C clears the input or stops a running query; Ctrl-D leaves.

  .help               this text
  .indices            the indices of the data folders
  .fields PATTERN     the fields (and types) of FROM PATTERN
  .format FMT         table, vertical, txt, csv, tsv, json or ndjson
  .now TIMESTAMP      set NOW() (e.g. 2024-05-11T00:00:00Z)
  .histogram [COLUMN] draw row counts over a date column (again: stop)
  .quit               leave (also .exit, Ctrl-D)";

/// What the shell keeps between inputs.
pub(crate) struct State {
    pub(crate) session: Arc<Session>,
    pub(crate) data: DataArgs,
    pub(crate) format: Format,
    pub(crate) histogram: Option<String>,
    pub(crate) warned: Warned,
}

/// Runs the shell; returns the exit code (0, or 2 when the data cannot be
/// opened or the terminal cannot be used).
pub fn run(args: &ShellArgs) -> u8 {
    let session = match open(&args.data) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("esql: {message}");
            return 2;
        }
    };
    let indices = session.index_names().unwrap_or_default();
    let fields = if indices.is_empty() {
        Vec::new()
    } else {
        session.fields("*").unwrap_or_default()
    };
    let mut state = State {
        session: Arc::new(session),
        data: args.data.clone(),
        format: args.format.unwrap_or(Format::Table),
        histogram: args.histogram.clone(),
        warned: Warned {
            quiet: args.quiet,
            implicit_limit: false,
        },
    };
    let mut editor = editor(complete::EsqlCompleter::new(&indices, &fields));
    println!(
        "esql shell: {} indices, {} fields. End a query with `;` or a blank line; .help for help.",
        indices.len(),
        fields.len()
    );
    let prompt = input::EsqlPrompt;
    loop {
        let line = match editor.read_line(&prompt) {
            Ok(Signal::Success(line)) => line,
            Ok(Signal::CtrlC) => continue,
            Ok(Signal::CtrlD) => return 0,
            Ok(_) => continue,
            Err(e) => {
                eprintln!("esql: the terminal: {e}");
                return 2;
            }
        };
        let input = line.trim();
        if input.is_empty() {
            continue;
        }
        if let Some(command) = input.strip_prefix('.') {
            if dot_command(command, &mut state) {
                return 0;
            }
        } else {
            run::query(input, &mut state);
        }
    }
}

/// The session of the data options, opened.
fn open(data: &DataArgs) -> Result<Session, String> {
    let session = data
        .session()?
        .with_memory_limit(crate::memory_arg::default_limit());
    session.open().map_err(|e| e.to_string())?;
    Ok(session)
}

/// The line editor: history in the data folder, Tab completion with a
/// menu showing signatures and types, multi-line input.
fn editor(completer: complete::EsqlCompleter) -> Reedline {
    let mut keys = default_emacs_keybindings();
    keys.add_binding(
        KeyModifiers::NONE,
        KeyCode::Tab,
        ReedlineEvent::UntilFound(vec![
            ReedlineEvent::Menu("completion_menu".to_string()),
            ReedlineEvent::MenuNext,
        ]),
    );
    let menu = IdeMenu::default()
        .with_name("completion_menu")
        .with_description_mode(DescriptionMode::PreferRight);
    let _ = ColumnarMenu::default;
    let mut editor = Reedline::create()
        .with_completer(Box::new(completer))
        .with_menu(ReedlineMenu::EngineCompleter(Box::new(menu)))
        .with_edit_mode(Box::new(Emacs::new(keys)))
        .with_validator(Box::new(input::QueryEnd));
    if let Some(path) = input::history_path() {
        let made = path.parent().map(std::fs::create_dir_all);
        if !matches!(made, Some(Err(_))) {
            if let Ok(history) = FileBackedHistory::with_file(10_000, path) {
                editor = editor.with_history(Box::new(history));
            }
        }
    }
    editor
}

/// Runs a `.command`; true when the shell should end.
fn dot_command(command: &str, state: &mut State) -> bool {
    let (name, rest) = command
        .split_once(char::is_whitespace)
        .map_or((command, ""), |(n, r)| (n, r.trim()));
    match name {
        "help" => println!("{HELP}"),
        "quit" | "exit" | "q" => return true,
        "indices" => match state.session.index_names() {
            Ok(names) if names.is_empty() => println!("(no index: give -d DIR or --index)"),
            Ok(names) => println!("{}", names.join("\n")),
            Err(e) => eprintln!("esql: {e}"),
        },
        "fields" => {
            let pattern = if rest.is_empty() { "*" } else { rest };
            run::fields(pattern, state);
        }
        "format" => match <Format as clap::ValueEnum>::from_str(rest, true) {
            Ok(f) => state.format = f,
            Err(_) => eprintln!(
                "esql: .format takes table, vertical, txt, csv, tsv, json or ndjson (not [{rest}])"
            ),
        },
        "now" => {
            let mut data = state.data.clone();
            data.now = Some(rest.to_string());
            match open(&data) {
                Ok(s) => {
                    state.session = Arc::new(s);
                    state.data = data;
                    println!("NOW() is {rest}");
                }
                Err(message) => eprintln!("esql: {message}"),
            }
        }
        "histogram" => {
            state.histogram = match (rest, &state.histogram) {
                ("", Some(_)) => None,
                ("", None) => Some("@timestamp".to_string()),
                (column, _) => Some(column.to_string()),
            };
            match &state.histogram {
                Some(c) => println!("histogram over [{c}] on"),
                None => println!("histogram off"),
            }
        }
        other => eprintln!("esql: unknown command [.{other}]; .help lists them"),
    }
    false
}
