//! `esql parse`: check the syntax of queries and print them canonically.
//!
//! Each query of the input (see [`crate::sources`]) is parsed. A query that
//! parses is printed in canonical form, one command per line (or, with
//! `--json`, as its syntax tree); its warnings go to standard error as
//! `Warning: line L:C: …`. A syntax error goes to standard error as
//! `parsing_exception: line L:C: …` with the offending source line. When the
//! input holds several queries, each block is headed by `-- <origin>`.
//!
//! Exit status: 0 when every query parses, 1 when any has a syntax error,
//! 2 on usage and I/O errors.

use crate::sources::{self, QuerySource};
use esql_parser::ParseOptions;
use serde_json::{json, Value};
use std::io::{IsTerminal as _, Write};
use std::path::PathBuf;

/// Arguments of `esql parse`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ParseArgs {
    /// The file to read: `.esql` (one query), a detection-rules `.toml`
    /// (every ES|QL query in it), Markdown (every `esql`/`sql` code block),
    /// or `-` for standard input.
    #[arg(value_name = "FILE", conflicts_with = "query")]
    pub file: Option<PathBuf>,

    /// Parse this query text instead of reading a file.
    #[arg(short, long, value_name = "TEXT")]
    pub query: Option<String>,

    /// Print the syntax tree as JSON instead of the canonical query.
    #[arg(long)]
    pub json: bool,

    /// Reject a lone `=` used as a comparison, as Elasticsearch does,
    /// instead of reading it as `==` with a warning.
    #[arg(long)]
    pub strict: bool,

    /// Read JSON lines `{"id": …, "query": "…"}` from standard input and
    /// write one `{"id", "ok", "line", "column", "message"}` line per query.
    #[arg(long, conflicts_with_all = ["file", "query", "json"])]
    pub batch: bool,
}

/// Runs `esql parse` and returns the process exit status.
pub fn run(args: &ParseArgs) -> u8 {
    let options = ParseOptions {
        strict: args.strict,
    };
    if args.batch {
        return crate::batch::run_batch(std::io::stdin().lock(), std::io::stdout(), options);
    }
    let queries = match gather(args) {
        Ok(queries) => queries,
        Err(message) => {
            eprintln!("esql parse: {message}");
            return 2;
        }
    };
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    // A write failure (e.g. a closed pipe) is an I/O error.
    report(&queries, args.json, options, &mut out, &mut err).unwrap_or(2)
}

fn gather(args: &ParseArgs) -> Result<Vec<QuerySource>, String> {
    if let Some(text) = &args.query {
        return Ok(vec![QuerySource {
            origin: "<query>".to_string(),
            text: text.clone(),
            line_offset: 0,
            name: None,
        }]);
    }
    let path = match &args.file {
        Some(path) => path.clone(),
        None if std::io::stdin().is_terminal() => {
            return Err("no query given: pass FILE, `-` (standard input) or --query TEXT".into())
        }
        None => PathBuf::from("-"),
    };
    sources::load_queries(&path).map_err(|e| e.to_string())
}

/// Parses `queries`, writing results to `out` and diagnostics to `err`;
/// returns 0 when all parse and 1 when any has a syntax error.
fn report(
    queries: &[QuerySource],
    json: bool,
    options: ParseOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<u8> {
    let several = queries.len() > 1;
    let mut status = 0;
    let mut trees = Vec::new();
    for source in queries {
        let text = source.text.as_str();
        let header = |w: &mut dyn Write| -> std::io::Result<()> {
            if several {
                writeln!(w, "-- {}", source.origin)?;
            }
            Ok(())
        };
        match esql_parser::parse_with(text, options) {
            Ok(parsed) => {
                if !parsed.warnings.is_empty() {
                    header(err)?;
                    for warning in &parsed.warnings {
                        writeln!(err, "Warning: {}", warning.render(text))?;
                    }
                }
                if !json {
                    header(out)?;
                    writeln!(out, "{:#}", parsed.query)?;
                } else if several {
                    trees.push(entry(source, crate::ast_json::query_to_json(&parsed.query)));
                } else {
                    let tree = crate::ast_json::query_to_json(&parsed.query);
                    writeln!(out, "{}", pretty(&tree))?;
                }
            }
            Err(error) => {
                status = 1;
                header(err)?;
                let diagnostic = error.to_diagnostic();
                writeln!(err, "parsing_exception: {}", diagnostic.render(text))?;
                if json && several {
                    trees.push(entry(source, Value::Null));
                }
            }
        }
    }
    if json && several {
        writeln!(out, "{}", pretty(&Value::Array(trees)))?;
    }
    out.flush()?;
    err.flush()?;
    Ok(status)
}

fn entry(source: &QuerySource, ast: Value) -> Value {
    json!({
        "origin": source.origin,
        "name": source.name,
        "line_offset": source.line_offset,
        "ast": ast,
    })
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(origin: &str, text: &str) -> QuerySource {
        QuerySource {
            origin: origin.into(),
            text: text.into(),
            line_offset: 0,
            name: None,
        }
    }

    fn run_report(queries: &[QuerySource], json: bool) -> (u8, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = report(
            queries,
            json,
            ParseOptions { strict: true },
            &mut out,
            &mut err,
        )
        .unwrap();
        (
            status,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn syntax_error_is_rendered_with_prefix() {
        let (status, out, err) = run_report(&[source("q.esql", "from a\n| where")], false);
        assert_eq!(status, 1);
        assert_eq!(out, "");
        assert!(err.starts_with("parsing_exception: line "), "{err}");
        assert!(!err.contains("-- q.esql"));
    }

    #[test]
    fn several_queries_get_headers_and_json_array() {
        let queries = [
            source("h.toml: query 1", "row"),
            source("h.toml: query 2", "|"),
        ];
        let (status, out, err) = run_report(&queries, true);
        assert_eq!(status, 1);
        assert!(
            err.starts_with("-- h.toml: query 1\nparsing_exception: "),
            "{err}"
        );
        assert!(
            err.contains("\n-- h.toml: query 2\nparsing_exception: "),
            "{err}"
        );
        let trees: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(trees[1]["origin"], "h.toml: query 2");
        assert_eq!(trees[1]["ast"], Value::Null);
    }

    #[test]
    fn args_parse_from_command_line() {
        use clap::Parser as _;
        #[derive(clap::Parser)]
        struct Wrapper {
            #[command(flatten)]
            args: ParseArgs,
        }
        let w = Wrapper::try_parse_from(["esql", "-q", "row a = 1", "--json", "--strict"]).unwrap();
        assert_eq!(w.args.query.as_deref(), Some("row a = 1"));
        assert!(w.args.json && w.args.strict && !w.args.batch);
        assert!(Wrapper::try_parse_from(["esql", "f.esql", "-q", "row a = 1"]).is_err());
        assert!(Wrapper::try_parse_from(["esql", "--batch", "--json"]).is_err());
    }
}
