//! Test helpers: comparing ASTs with spans erased.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// The Debug rendering of `value` with every span (`12..34`) replaced by `_`.
pub fn without_spans<T: std::fmt::Debug>(value: &T) -> String {
    let text = format!("{value:?}");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_number =
            chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric());
        if starts_number {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if chars.get(j) == Some(&'.') && chars.get(j + 1) == Some(&'.') {
                let mut k = j + 2;
                while k < chars.len() && chars[k].is_ascii_digit() {
                    k += 1;
                }
                if k > j + 2 {
                    out.push('_');
                    i = k;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Parses `q`, prints it, parses the print, and checks both ASTs agree.
pub fn assert_round_trip(q: &str) {
    let first =
        esql_parser::parse(q).unwrap_or_else(|e| panic!("{q}\n{}", e.to_diagnostic().render(q)));
    for printed in [first.query.to_string(), format!("{:#}", first.query)] {
        let second = esql_parser::parse(&printed)
            .unwrap_or_else(|e| panic!("reparse of {printed:?} failed: {}", e.message()));
        assert_eq!(
            without_spans(&first.query),
            without_spans(&second.query),
            "round trip changed the AST\n  query:   {q}\n  printed: {printed}"
        );
    }
}

/// The `.esql` files of this crate's own query corpus, sorted.
pub fn own_queries() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/queries exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "esql"))
        .collect();
    files.sort();
    files
}
