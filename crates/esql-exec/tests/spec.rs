//! Semantics specified as cases in `tests/spec/*.spec`, in a layout close to
//! Elasticsearch's csv-spec files, run over the documents in `tests/data/`
//! (and the lookup indices in `tests/lookup/`).
//!
//! A case is a name line, the query (ending with `;`), then its expectation,
//! closed by a line holding only `;`:
//!
//! ```text
//! // A comment line, anywhere between cases.
//! caseName
//! from employees | where salary > 60000 | keep first_name | sort first_name
//! ;
//! warning: Line 1:…   (zero or more, in order, before the header)
//! first_name:keyword
//! Alice
//! ;
//! ```
//!
//! Cells are separated by `|`; `null` is null and `[a, b]` a multi-value, as
//! Elasticsearch's text formats print them. A failing query expects
//! `error: <reason>` (continued on the following lines) instead of a table:
//! the reason is Elasticsearch's (`Found 1 problem` / `line L:C: …`).
//!
//! A case preceded by `// known difference: …` holds what Elasticsearch
//! returns where esql does not (yet); it is reported as ignored (run it with
//! `--ignored`) and never rewritten.
//!
//! `ESQL_BLESS=1 cargo test --test spec` rewrites every other expectation
//! with what esql returns.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_exec::api::{cell_text as value_to_text, Session};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

/// `NOW()` for every case: 2024-05-11T00:00:00Z.
const NOW_MS: i64 = 1_715_385_600_000;

/// One case of a spec file.
#[derive(Clone, Debug)]
struct Case {
    name: String,
    query: String,
    /// Why esql is known to differ from Elasticsearch here, if it does.
    known_difference: Option<String>,
    expected: Expected,
    /// Line range (0-based, end exclusive) of the expectation block, for blessing.
    expectation_lines: (usize, usize),
}

/// What a case expects, also what a run gives.
#[derive(Clone, Debug, PartialEq)]
enum Expected {
    Table {
        warnings: Vec<String>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Error(String),
}

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec")
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn split_cells(line: &str) -> Vec<String> {
    line.split('|').map(|c| c.trim().to_string()).collect()
}

/// Parses a spec file into its cases.
fn parse_spec(file: &str, text: &str) -> Vec<Case> {
    let lines: Vec<&str> = text.lines().collect();
    let mut cases = Vec::new();
    let mut known = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if let Some(comment) = line.strip_prefix("//") {
            if let Some(why) = comment.trim().strip_prefix("known difference:") {
                known = Some(why.trim().to_string());
            }
            i += 1;
            continue;
        }
        let name = line.to_string();
        i += 1;
        let mut query = Vec::new();
        loop {
            let l = lines
                .get(i)
                .unwrap_or_else(|| panic!("{file}: case {name}: the query has no closing `;`"));
            i += 1;
            if let Some(last) = l.trim_end().strip_suffix(';') {
                if !last.trim().is_empty() {
                    query.push(last.trim_end());
                }
                break;
            }
            query.push(l);
        }
        let start = i;
        while lines
            .get(i)
            .unwrap_or_else(|| panic!("{file}: case {name}: no closing `;`"))
            .trim()
            != ";"
        {
            i += 1;
        }
        let block: Vec<&str> = lines[start..i].to_vec();
        let expected = parse_expectation(file, &name, &block);
        cases.push(Case {
            name,
            query: query.join("\n"),
            known_difference: known.take(),
            expected,
            expectation_lines: (start, i),
        });
        i += 1;
    }
    cases
}

fn parse_expectation(file: &str, name: &str, block: &[&str]) -> Expected {
    if let Some(first) = block.first().and_then(|l| l.strip_prefix("error:")) {
        let mut reason = vec![first.trim().to_string()];
        reason.extend(block[1..].iter().map(|l| l.to_string()));
        return Expected::Error(reason.join("\n"));
    }
    let mut warnings = Vec::new();
    let mut rest = block.iter();
    let mut header = None;
    for l in rest.by_ref() {
        if let Some(w) = l.strip_prefix("warning:") {
            warnings.push(w.trim().to_string());
        } else {
            header = Some(split_cells(l));
            break;
        }
    }
    let header = header.unwrap_or_else(|| panic!("{file}: case {name}: no header line"));
    let rows = rest.map(|l| split_cells(l)).collect();
    Expected::Table {
        warnings,
        header,
        rows,
    }
}

/// Runs a query over `tests/data` and renders what it gives in the layout
/// of an expectation.
fn execute(query: &str) -> Expected {
    let session = Session::new()
        .with_data_dir(data_dir())
        .with_data_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lookup"))
        .with_enrich_policy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/enrich/languages_policy.json"),
        )
        .with_now_ms(NOW_MS);
    let run = session.prepare(query).and_then(|q| {
        let parse_warnings: Vec<String> = q
            .parse_diagnostics()
            .iter()
            .map(|w| w.headline(query))
            .collect();
        q.run().map(|answer| (parse_warnings, answer.table))
    });
    match run {
        Ok((mut warnings, result)) => {
            warnings.extend(result.warnings.iter().cloned());
            let header = result
                .columns
                .iter()
                .map(|c| format!("{}:{}", c.name, c.ty.name()))
                .collect();
            let rows = result
                .rows
                .iter()
                .map(|r| r.iter().map(value_to_text).collect())
                .collect();
            Expected::Table {
                warnings,
                header,
                rows,
            }
        }
        Err(e) => Expected::Error(e.reason(query)),
    }
}

/// An expectation as spec-file lines, with the columns aligned.
fn render(expected: &Expected) -> Vec<String> {
    match expected {
        Expected::Error(reason) => {
            let mut lines: Vec<String> = reason.lines().map(str::to_string).collect();
            if let Some(first) = lines.first_mut() {
                *first = format!("error: {first}");
            }
            lines
        }
        Expected::Table {
            warnings,
            header,
            rows,
        } => {
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for row in rows {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            let line = |cells: &[String]| {
                let n = cells.len();
                cells
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        if k + 1 == n {
                            c.clone()
                        } else {
                            let pad = widths[k].saturating_sub(c.chars().count());
                            format!("{c}{}", " ".repeat(pad))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            let mut lines: Vec<String> = warnings.iter().map(|w| format!("warning: {w}")).collect();
            lines.push(line(header));
            lines.extend(rows.iter().map(|r| line(r)));
            lines
        }
    }
}

fn check(case: &Case) -> Result<(), Failed> {
    let actual = execute(&case.query);
    if actual == case.expected {
        return Ok(());
    }
    Err(format!(
        "query:\n{}\nexpected:\n{}\nactual:\n{}",
        case.query,
        render(&case.expected).join("\n"),
        render(&actual).join("\n")
    )
    .into())
}

fn spec_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(spec_dir())
        .expect("tests/spec exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "spec"))
        .collect();
    files.sort();
    files
}

/// Rewrites the expectation of every case not marked as a known difference.
fn bless(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let file = path.display().to_string();
    let cases = parse_spec(&file, &text);
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut at = 0;
    for case in &cases {
        let (start, end) = case.expectation_lines;
        out.extend(lines[at..start].iter().map(|l| l.to_string()));
        if case.known_difference.is_some() {
            out.extend(lines[start..end].iter().map(|l| l.to_string()));
        } else {
            out.extend(render(&execute(&case.query)));
        }
        at = end;
    }
    out.extend(lines[at..].iter().map(|l| l.to_string()));
    let mut new_text = out.join("\n");
    new_text.push('\n');
    if new_text != text {
        std::fs::write(path, new_text).unwrap();
    }
}

fn main() {
    let args = Arguments::from_args();
    let blessing = std::env::var_os("ESQL_BLESS").is_some_and(|v| v == "1");
    let mut trials = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in spec_files() {
        if blessing {
            bless(&path);
        }
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        for case in parse_spec(&path.display().to_string(), &text) {
            let name = format!("{stem}::{}", case.name);
            assert!(seen.insert(name.clone()), "duplicate case name {name}");
            let ignored = case.known_difference.is_some();
            trials.push(Trial::test(name, move || check(&case)).with_ignored_flag(ignored));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
