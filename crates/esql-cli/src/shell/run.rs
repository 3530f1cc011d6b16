//! Running one query in the shell: on a worker thread, so that Ctrl-C
//! gives the prompt back while it runs, then showing its result.

use super::State;
use crate::run_cmd::Format;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};
use esql_exec::api::{self, Answer, QueryError};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

/// Runs `text` and prints its result (or its error with the caret).
pub fn query(text: &str, state: &mut State) {
    let text = text.trim_end().trim_end_matches(';').to_string();
    let Some(outcome) = run_interruptibly(state, &text) else {
        println!("stopped (Ctrl-C)");
        return;
    };
    let answer = match outcome {
        Ok(a) => a,
        Err(e) => {
            print_error(&text, &e);
            return;
        }
    };
    let width = crate::terminal::width();
    if let Some(column) = &state.histogram {
        match crate::histogram::draw(&state.session, &text, column, width) {
            Ok(picture) => println!("{picture}"),
            Err(e) => eprint!("{}", e.render()),
        }
    }
    show(&answer, state.format, width);
    for w in &answer.warnings {
        if state.warned.admit(w) {
            let line = format!("Warning: {w}");
            eprintln!(
                "{}",
                crate::style::diagnostic(&line, crate::style::stderr())
            );
        }
    }
}

/// `.fields PATTERN`: the columns of `FROM PATTERN` as a table.
pub fn fields(pattern: &str, state: &State) {
    let text = format!("FROM {pattern} | LIMIT 0");
    match state.session.fields(pattern) {
        Ok(columns) => {
            let table = api::Table {
                columns: vec![
                    api::Column {
                        name: "field".to_string(),
                        ty: api::DataType::Keyword,
                    },
                    api::Column {
                        name: "type".to_string(),
                        ty: api::DataType::Keyword,
                    },
                ],
                rows: columns
                    .iter()
                    .map(|c| vec![api::Value::str(&c.name), api::Value::str(c.ty.name())])
                    .collect(),
                warnings: Vec::new(),
            };
            let colour = crate::style::stdout();
            println!(
                "{}",
                crate::table::render_table(&table, colour, Some(crate::terminal::width()))
            );
        }
        Err(e) => print_error(&text, &e),
    }
}

fn print_error(text: &str, e: &QueryError) {
    let report = crate::style::diagnostic(&e.render(text), crate::style::stderr());
    eprint!("{report}");
}

/// Prints `answer` in `format`, tables fitted to `width`.
fn show(answer: &Answer, format: Format, width: u16) {
    let colour = crate::style::stdout();
    let text = match format {
        Format::Table => crate::table::render_table(&answer.table, colour, Some(width)) + "\n",
        Format::Vertical => {
            let shape = crate::table::Shape::Vertical;
            crate::table::render(&answer.table, colour, Some(width), shape) + "\n"
        }
        Format::Txt => answer.table.to_text(api::Format::Txt),
        Format::Csv => answer.table.to_text(api::Format::Csv),
        Format::Tsv => answer.table.to_text(api::Format::Tsv),
        Format::Json => answer.table.to_text(api::Format::Json) + "\n",
        Format::Ndjson => answer.table.to_text(api::Format::Ndjson),
        Format::Arrow => {
            eprintln!(
                "esql: arrow is a binary stream for programs, not the terminal; run `esql --format arrow -q …` into a pipe or a file"
            );
            return;
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}

/// Shown on stderr while a query runs (erased when it ends).
const RUNNING: &str = "running… (Ctrl-C stops it)";

/// Runs `text` on a worker thread while watching the terminal for Ctrl-C;
/// `None` when Ctrl-C came first: the query is then cancelled (its workers
/// stop at their next row) and the shell waits for it to wind down.
fn run_interruptibly(state: &State, text: &str) -> Option<Result<Answer, QueryError>> {
    let session = state.session.clone();
    let owned = text.to_string();
    let cancel = Arc::new(AtomicBool::new(false));
    let worker_cancel = cancel.clone();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let outcome = session
            .prepare(&owned)
            .and_then(|q| q.run_cancellable(worker_cancel));
        let _ = send.send(outcome);
    });
    let raw = crossterm::terminal::enable_raw_mode().is_ok();
    if raw {
        // Raw mode is on, so Ctrl-C now arrives as a key, not a signal.
        eprint!(
            "{}",
            crate::style::paint(RUNNING, crate::style::Paint::Dim, crate::style::stderr())
        );
    }
    let outcome = loop {
        match receive.recv_timeout(Duration::from_millis(40)) {
            Ok(outcome) => break Some(outcome),
            Err(mpsc::RecvTimeoutError::Disconnected) => break None,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if raw && ctrl_c_pressed() {
            cancel.store(true, Ordering::Relaxed);
            // A cancelled scan stops at its next row; a query still parsing
            // or opening a file ends soon after. Its outcome is dropped.
            let _ = receive.recv_timeout(Duration::from_secs(10));
            break None;
        }
    };
    if raw {
        eprint!("\r\x1b[2K");
        let _ = crossterm::terminal::disable_raw_mode();
    }
    outcome
}

/// True when a Ctrl-C key press is waiting on the terminal (other keys
/// typed while a query runs are dropped).
fn ctrl_c_pressed() -> bool {
    while matches!(event::poll(Duration::ZERO), Ok(true)) {
        if let Ok(Event::Key(KeyEvent {
            code: KeyCode::Char('c'),
            modifiers,
            ..
        })) = event::read()
        {
            if modifiers.contains(KeyModifiers::CONTROL) {
                return true;
            }
        }
    }
    false
}
