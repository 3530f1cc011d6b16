//! `esql parse --batch`: many queries in, one verdict per query out.
//!
//! Input is JSON lines `{"id": …, "query": "…"}` (the id may be any JSON
//! value and is echoed back); output is one JSON line per input line:
//! `{"id": …, "ok": true|false, "line": L, "column": C, "message": "…",
//! "kind": "…"}`, where `line`, `column` (1-based, in characters), `message`
//! and `kind` describe the syntax error and are `null` when the query parses.
//! `kind` is `syntax` (the grammar rejects the text), `token` (a character
//! sequence no token matches) or `invalid` (the grammar accepts the text but
//! a command-level check rejects it, as Elasticsearch does while building
//! its plan), or `internal` (the parser failed).

use esql_parser::error::ParseErrorKind;
use esql_parser::{LineIndex, ParseOptions};
use serde_json::{json, Value};
use std::io::{BufRead, Write};

/// Parses every query of `input` and writes one verdict line per query to
/// `output`. Returns 0, or 2 when a line is not a `{"id", "query"}` object or
/// reading or writing fails (the other lines are still answered).
pub fn run_batch(input: impl BufRead, mut output: impl Write, options: ParseOptions) -> u8 {
    let mut status = 0;
    for (number, line) in input.lines().enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("esql parse --batch: cannot read input: {e}");
                return 2;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let verdict = match request(&line) {
            Ok((id, query)) => verdict(id, &query, options),
            Err(problem) => {
                eprintln!("esql parse --batch: line {}: {problem}", number + 1);
                status = 2;
                continue;
            }
        };
        if writeln!(output, "{verdict}").is_err() {
            return 2;
        }
    }
    if output.flush().is_err() {
        return 2;
    }
    status
}

fn request(line: &str) -> Result<(Value, String), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let query = value
        .get("query")
        .and_then(Value::as_str)
        .ok_or("missing string field \"query\"")?
        .to_string();
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    Ok((id, query))
}

fn verdict(id: Value, query: &str, options: ParseOptions) -> Value {
    // A parser bug must not end the whole batch: report it as this query's
    // failure instead.
    let outcome = std::panic::catch_unwind(|| esql_parser::parse_with(query, options).map(|_| ()));
    match outcome {
        Ok(Ok(())) => {
            json!({ "id": id, "ok": true, "line": null, "column": null, "message": null })
        }
        Ok(Err(error)) => {
            let pos = LineIndex::new(query).line_col(error.span.start as usize);
            let (line, column) = match error.kind {
                ParseErrorKind::Unplaced(_) => (-1, -1),
                _ => (pos.line as i64, pos.column as i64),
            };
            json!({
                "id": id,
                "ok": false,
                "line": line,
                "column": column,
                "message": error.message(),
                "kind": match error.kind {
                    ParseErrorKind::Syntax(_) => "syntax",
                    ParseErrorKind::TokenRecognition(_) => "token",
                    ParseErrorKind::Invalid(_) => "invalid",
                    ParseErrorKind::Unplaced(_) => "limit",
                },
            })
        }
        Err(_) => json!({
            "id": id,
            "ok": false,
            "line": null,
            "column": null,
            "message": "internal error: the parser panicked",
            "kind": "internal",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> (u8, Vec<Value>) {
        let mut out = Vec::new();
        let status = run_batch(input.as_bytes(), &mut out, ParseOptions { strict: true });
        let lines = String::from_utf8(out).unwrap();
        let values = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (status, values)
    }

    #[test]
    fn rejects_with_position_and_echoes_ids() {
        let input =
            "{\"id\": \"a\", \"query\": \"from logs\\n| where\"}\n\n{\"id\": 7, \"query\": \"\"}\n";
        let (status, out) = run(input);
        assert_eq!(status, 0);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0]["id"], "a");
        assert_eq!(out[0]["ok"], false);
        assert!(out[0]["line"].as_u64().is_some());
        assert!(out[0]["message"].as_str().is_some());
        assert!(["syntax", "token"].contains(&out[0]["kind"].as_str().unwrap()));
        assert_eq!(out[1]["id"], 7);
        assert_eq!(out[1]["ok"], false);
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let input = "not json\n{\"id\": 1}\n{\"id\": 2, \"query\": \"row\"}\n";
        let (status, out) = run(input);
        assert_eq!(status, 2);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["id"], 2);
    }
}
