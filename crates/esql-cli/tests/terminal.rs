//! The terminal as a person sees it: `esql` run in a pseudo-terminal of 80
//! and 200 columns (tables that fit, the vertical view, the histogram) and
//! the interactive shell (a query and its table, `.help`, completion,
//! Ctrl-C during a long query).

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::DataDir;
use rexpect::session::{spawn_command, PtySession};
use std::process::Command;

/// Generous: CI machines are slow and shared.
const TIMEOUT_MS: u64 = 60_000;

const LONG: &str = "a very long message that goes on and on and on, past any reasonable terminal width, to show how the table cuts it with an ellipsis while short columns stay whole";

fn data() -> DataDir {
    let dir = DataDir::new("terminal");
    let lines: Vec<String> = [
        ("2024-05-10T00:00:10Z", "web-1", "login", 1234),
        ("2024-05-10T00:20:00Z", "web-2", "logout", 5),
        ("2024-05-10T00:25:00Z", "web-2", "login", 7),
        ("2024-05-10T03:05:00Z", "db-1", "login", 99),
    ]
    .iter()
    .map(|(t, h, a, b)| {
        format!(
            r#"{{"@timestamp":"{t}","host":"{h}","event":{{"action":"{a}"}},"bytes":{b},"message":"{LONG}"}}"#
        )
    })
    .collect();
    dir.write("logs.ndjson", lines.join("\n") + "\n");
    dir
}

/// `esql ARGS` in a pseudo-terminal `cols` wide, without colour, with a
/// private HOME (for the shell's history).
fn spawn(cols: u16, home: &DataDir, args: &str) -> PtySession {
    let bin = env!("CARGO_BIN_EXE_esql");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("stty cols {cols} rows 50; exec '{bin}' {args}"))
        .env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    spawn_command(cmd, Some(TIMEOUT_MS)).unwrap()
}

/// The pseudo-terminal's text reads each byte as a char: decode it.
fn utf8(text: &str) -> String {
    let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `needle` as the pseudo-terminal reader sees it (one char a byte).
fn raw(needle: &str) -> String {
    needle.bytes().map(char::from).collect()
}

/// `needle` as a regular expression matching itself.
fn escaped(needle: &str) -> String {
    needle
        .chars()
        .map(|c| {
            if "\\.+*?()|[]{}^$".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Waits for `needle` on the screen, answering the line editor's cursor
/// position requests (`ESC [6n`) as a terminal would.
fn expect(p: &mut PtySession, needle: &str) {
    let pattern = format!("\x1b\\[6n|{}", escaped(&raw(needle)));
    loop {
        let (_, found) = p
            .exp_regex(&pattern)
            .unwrap_or_else(|e| panic!("waiting for [{needle}]: {e}"));
        if found == "\x1b[6n" {
            keys(p, "\x1b[1;1R");
            p.flush().unwrap();
        } else {
            return;
        }
    }
}

/// Types `text` (sent at once, not buffered).
fn keys(p: &mut PtySession, text: &str) {
    p.send(text).unwrap();
    p.flush().unwrap();
}

/// Everything a non-interactive run printed, with `\r\n` as `\n`.
fn screen(cols: u16, args: &str) -> String {
    let dir = data();
    let home = DataDir::new("home");
    let mut p = spawn(
        cols,
        &home,
        &format!("-d '{}' {args}", dir.path().display()),
    );
    utf8(&p.exp_eof().unwrap()).replace("\r\n", "\n")
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn the_table_fits_80_columns_and_keeps_short_columns_whole() {
    let text = screen(80, "-q 'from logs | keep host, bytes, message'");
    assert!(widest(&text) <= 80, "{text}");
    assert!(
        text.contains("│ web-1   ┆  1234 ┆ a very long message"),
        "{text}"
    );
    assert!(text.contains('…'), "{text}");
    assert!(!text.contains(LONG), "{text}");
    assert!(text.contains("4 rows, 3 columns"), "{text}");
}

#[test]
fn at_200_columns_nothing_is_cut() {
    let text = screen(200, "-q 'from logs | keep host, bytes, message'");
    assert!(widest(&text) <= 200, "{text}");
    assert!(text.contains(LONG), "{text}");
    assert!(!text.contains('…'), "{text}");
}

#[test]
fn vertical_view_when_asked_and_when_no_box_fits() {
    let text = screen(
        80,
        "-q 'from logs | keep host, message | limit 1' --format vertical",
    );
    assert!(text.contains("─[ RECORD 1 ]"), "{text}");
    assert!(text.contains("host    │ web-1"), "{text}");
    // Wrapped, never cut: every word of the long value is there.
    assert!(widest(&text) <= 80, "{text}");
    assert!(text.contains("ellipsis"), "{text}");
    assert!(text.contains("1 row, 2 columns"), "{text}");

    let many: Vec<String> = (0..16).map(|i| format!("col_{i} = message")).collect();
    let q = format!(
        "-q 'from logs | eval {} | keep col_* | limit 2'",
        many.join(", ")
    );
    let text = screen(80, &q);
    assert!(text.contains("─[ RECORD 2 ]"), "{text}");
    assert!(text.contains("2 rows, 16 columns"), "{text}");
    // At 200 columns the sixteen get a box, each cut.
    let text = screen(200, &q);
    assert!(!text.contains("─[ RECORD 1 ]"), "{text}");
    assert!(widest(&text) <= 200, "{text}");
    assert!(text.contains("│ a very lo… ┆"), "{text}");
}

#[test]
fn the_histogram_counts_rows_over_timestamp() {
    let text = screen(80, "-q 'from logs | where bytes > 6' --histogram");
    let first = text.lines().next().unwrap();
    assert!(first == "@timestamp: 3 rows, 5 minutes buckets", "{text}");
    assert!(text.contains('█'), "{text}");
    assert!(text.contains("2024-05-10T00:00:10Z"), "{text}");
    assert!(text.contains("2024-05-10T03:10:00Z"), "{text}");
    assert!(widest(&text) <= 80, "{text}");
    assert!(text.contains("3 rows, 5 columns"), "{text}");
    let text = screen(200, "-q 'from logs' --histogram");
    assert!(
        text.starts_with("@timestamp: 4 rows, 1 minute buckets"),
        "{text}"
    );
}

#[test]
fn the_shell_runs_queries_helps_completes_and_survives_ctrl_c() {
    let dir = data();
    // A file large enough that sorting it takes a while.
    let row =
        r#"{"@timestamp":"2024-05-10T00:00:10Z","n":1,"s":"abcdefghijklmnopqrstuvwxyz0123456789"}"#;
    let mut big = String::new();
    for i in 0..400_000 {
        big.push_str(&row.replace("\"n\":1", &format!("\"n\":{i}")));
        big.push('\n');
    }
    dir.write("big.ndjson", big);
    let home = DataDir::new("home");
    let mut p = spawn(80, &home, &format!("shell -d '{}'", dir.path().display()));
    expect(&mut p, "2 indices");
    expect(&mut p, "esql> ");

    keys(&mut p, ".help\r");
    expect(&mut p, ".fields PATTERN");
    expect(&mut p, "esql> ");

    // A query over two lines, ended by a blank line.
    keys(&mut p, "from logs | keep host, bytes\r");
    keys(&mut p, "| sort bytes desc\r\r");
    expect(&mut p, "│ web-1   ┆  1234 │");
    expect(&mut p, "4 rows, 2 columns");
    expect(&mut p, "esql> ");

    // Completion of a field name, then of an index name.
    // Tab opens the menu with the field's type; Enter takes it.
    keys(&mut p, "from logs | keep event.a\t");
    expect(&mut p, "keyword");
    keys(&mut p, "\r");
    keys(&mut p, ";\r");
    expect(&mut p, "│ event.action │");
    expect(&mut p, "4 rows, 1 column");
    expect(&mut p, "esql> ");

    // An error shows its caret and keeps the shell.
    keys(&mut p, "from logs | keep nope;\r");
    expect(&mut p, "Unknown column [nope]");
    expect(&mut p, "^^^^");
    expect(&mut p, "esql> ");

    // Ctrl-C stops a long query; the shell goes on.
    keys(&mut p, "from big | eval k = concat(s, to_string(n)) | sort k desc, s | stats c = count_distinct(k) by s;\r");
    expect(&mut p, "Ctrl-C stops it");
    p.send_control('c').unwrap();
    p.flush().unwrap();
    expect(&mut p, "stopped (Ctrl-C)");
    expect(&mut p, "esql> ");
    keys(&mut p, "row a = 41 + 1;\r");
    expect(&mut p, "1 row, 1 column");
    expect(&mut p, "esql> ");

    keys(&mut p, ".quit\r");
    p.exp_eof().unwrap();
    let history = std::fs::read_to_string(home.path().join(".local/share/esql/history")).unwrap();
    assert!(history.contains("row a = 41 + 1;"), "{history}");
}
