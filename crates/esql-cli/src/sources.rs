//! Loading ES|QL queries from the files hunts are kept in.
//!
//! * `.esql` (and any unknown extension, and `-` for standard input): the
//!   whole text is one query.
//! * `.toml` in the detection-rules layout: every ES|QL entry of `hunt.query`
//!   (a string or an array of strings) and `rule.query` when the rule's
//!   `language` is `esql`. Hunts that list other languages too (osquery SQL
//!   entries next to ES|QL ones) contribute only the entries whose first word
//!   is an ES|QL source command.
//! * Markdown (`.md`, `.markdown`): every fenced code block tagged `esql`, and
//!   every block tagged `sql` whose first word is an ES|QL source command.
//!
//! Each query comes with where it was found, so diagnostics, which count lines
//! from the start of the query, can be mapped back to lines of the file.

use std::fmt;
use std::io::Read as _;
use std::path::Path;

/// One query found in a file, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuerySource {
    /// A human label such as `hunt.toml: query 2 (Rare logins)` (with the
    /// hunt's or rule's name) or `file.md: block 1 (line 23)`.
    pub origin: String,
    /// The query text, exactly as stored (TOML strings already unescaped).
    pub text: String,
    /// The 0-based line of the file on which the query text starts: line `L`
    /// of a diagnostic is line `L + line_offset` of the file. `0` when the
    /// position could not be worked out (TOML strings written with escapes).
    pub line_offset: usize,
    /// The hunt's or rule's `name`, or a Markdown file's first `#` heading.
    pub name: Option<String>,
}

/// Why no query could be loaded.
#[derive(Debug)]
pub enum SourceError {
    /// The file (or standard input) could not be read.
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid TOML.
    Toml {
        /// The path as given.
        path: String,
        /// The TOML parser's message, with its position.
        message: String,
    },
    /// The file holds no ES|QL query.
    NoQuery {
        /// The path as given.
        path: String,
    },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io { path, source } => write!(f, "cannot read {path}: {source}"),
            SourceError::Toml { path, message } => write!(f, "invalid TOML in {path}: {message}"),
            SourceError::NoQuery { path } => write!(f, "no ES|QL query found in {path}"),
        }
    }
}

impl std::error::Error for SourceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SourceError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Reads `path` (`-` for standard input) and returns the queries it holds,
/// in file order.
pub fn load_queries(path: &Path) -> Result<Vec<QuerySource>, SourceError> {
    let shown = path.display().to_string();
    let io_error = |source| SourceError::Io {
        path: shown.clone(),
        source,
    };
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(io_error)?;
        return queries_from_text("<stdin>", &text);
    }
    let text = std::fs::read_to_string(path).map_err(io_error)?;
    queries_from_text(&shown, &text)
}

/// Extracts the queries of `text`, choosing the format by the extension of
/// `file_name` (`.toml`, `.md`/`.markdown`; anything else is one ES|QL query).
/// `file_name` also starts every [`QuerySource::origin`].
pub fn queries_from_text(file_name: &str, text: &str) -> Result<Vec<QuerySource>, SourceError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ext = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let queries = match ext.as_deref() {
        Some("toml") => from_toml(file_name, text)?,
        Some("md") | Some("markdown") => from_markdown(file_name, text),
        _ if text.trim().is_empty() => Vec::new(),
        _ => vec![QuerySource {
            origin: file_name.to_string(),
            text: text.to_string(),
            line_offset: 0,
            name: None,
        }],
    };
    if queries.is_empty() {
        return Err(SourceError::NoQuery {
            path: file_name.to_string(),
        });
    }
    Ok(queries)
}

/// True when the first word of `query` (after blank lines, comments and the
/// stray `sql` line some upstream hunts start with) is an ES|QL source command.
fn starts_like_esql(query: &str) -> bool {
    let mut rest = query;
    let mut skipped_sql_line = false;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else if !skipped_sql_line && first_line_is_sql(rest) {
            skipped_sql_line = true;
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    let followed_by_space = rest
        .get(word.len()..)
        .and_then(|r| r.chars().next())
        .is_none_or(char::is_whitespace);
    followed_by_space && matches!(word.as_str(), "from" | "row" | "show" | "ts")
}

fn first_line_is_sql(text: &str) -> bool {
    let line = text.split('\n').next().unwrap_or("");
    line.trim().eq_ignore_ascii_case("sql")
}

fn from_toml(file_name: &str, text: &str) -> Result<Vec<QuerySource>, SourceError> {
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| SourceError::Toml {
            path: file_name.to_string(),
            message: e.to_string().trim_end().to_string(),
        })?;
    let mut locator = Locator { text, cursor: 0 };
    let mut out = Vec::new();
    if let Some(hunt) = table.get("hunt").and_then(toml::Value::as_table) {
        let name = string_field(hunt, "name");
        let only_esql = hunt
            .get("language")
            .and_then(toml::Value::as_array)
            .is_none_or(|langs| {
                langs
                    .iter()
                    .all(|l| l.as_str().is_some_and(|s| s.eq_ignore_ascii_case("ES|QL")))
            });
        let entries: Vec<&str> = match hunt.get("query") {
            Some(toml::Value::String(s)) => vec![s.as_str()],
            Some(toml::Value::Array(items)) => items.iter().filter_map(|v| v.as_str()).collect(),
            _ => Vec::new(),
        };
        for (i, query) in entries.into_iter().enumerate() {
            let line_offset = locator.line_of(query);
            if query.trim().is_empty() || (!only_esql && !starts_like_esql(query)) {
                continue;
            }
            out.push(QuerySource {
                origin: titled(format!("{file_name}: query {}", i + 1), name.as_deref()),
                text: query.to_string(),
                line_offset,
                name: name.clone(),
            });
        }
    }
    if let Some(rule) = table.get("rule").and_then(toml::Value::as_table) {
        let is_esql = rule
            .get("language")
            .and_then(toml::Value::as_str)
            .map(|l| l.eq_ignore_ascii_case("esql"));
        if let Some(query) = rule.get("query").and_then(toml::Value::as_str) {
            let take = is_esql.unwrap_or_else(|| starts_like_esql(query));
            if take && !query.trim().is_empty() {
                let rule_name = string_field(rule, "name");
                out.push(QuerySource {
                    origin: titled(format!("{file_name}: rule.query"), rule_name.as_deref()),
                    text: query.to_string(),
                    line_offset: locator.line_of(query),
                    name: rule_name,
                });
            }
        }
    }
    Ok(out)
}

/// `origin (name)`, or `origin` when the hunt has no name.
fn titled(origin: String, name: Option<&str>) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => format!("{origin} ({})", n.trim()),
        _ => origin,
    }
}

fn string_field(table: &toml::Table, key: &str) -> Option<String> {
    table
        .get(key)
        .and_then(toml::Value::as_str)
        .map(str::to_string)
}

/// Finds where TOML string values start in the raw file text. A value is
/// found when its text appears verbatim right after a string delimiter (as
/// literal strings, and basic strings without escapes, do); values are looked
/// for in file order.
struct Locator<'a> {
    text: &'a str,
    cursor: usize,
}

impl Locator<'_> {
    /// The 0-based line on which `value` starts, or 0 when it is not found.
    fn line_of(&mut self, value: &str) -> usize {
        const OPENERS: [&str; 8] = [
            "'''\n",
            "'''\r\n",
            "\"\"\"\n",
            "\"\"\"\r\n",
            "'''",
            "\"\"\"",
            "'",
            "\"",
        ];
        if value.is_empty() {
            return 0;
        }
        let mut from = self.cursor;
        while let Some(found) = self.text.get(from..).and_then(|rest| rest.find(value)) {
            let at = from + found;
            let before = self.text.get(..at).unwrap_or("");
            if OPENERS.iter().any(|o| before.ends_with(o)) {
                self.cursor = at + value.len();
                return before.matches('\n').count();
            }
            from = at + value.chars().next().map_or(1, char::len_utf8);
        }
        0
    }
}

fn from_markdown(file_name: &str, text: &str) -> Vec<QuerySource> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let name = lines.iter().find_map(|l| {
        l.strip_prefix("# ")
            .map(|h| h.trim().trim_end_matches('#').trim().to_string())
    });
    let mut out = Vec::new();
    let mut block = 0;
    let mut i = 0;
    while i < lines.len() {
        let Some(fence) = Fence::open(lines[i]) else {
            i += 1;
            continue;
        };
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && !fence.closes(lines[end]) {
            end += 1;
        }
        let body: String = lines
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .map(|l| strip_indent(l, fence.indent))
            .collect();
        let body = body.strip_suffix('\n').unwrap_or(&body);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let wanted = fence.lang == "esql" || (fence.lang == "sql" && starts_like_esql(body));
        if matches!(fence.lang.as_str(), "esql" | "sql") {
            block += 1;
        }
        if wanted && !body.trim().is_empty() {
            out.push(QuerySource {
                origin: format!("{file_name}: block {block} (line {})", start + 1),
                text: body.to_string(),
                line_offset: start,
                name: name.clone(),
            });
        }
        i = end + 1;
    }
    out
}

/// An opening code fence (CommonMark: up to three spaces of indentation, then
/// at least three backticks or tildes, then an info string).
struct Fence {
    marker: char,
    len: usize,
    indent: usize,
    lang: String,
}

impl Fence {
    fn open(line: &str) -> Option<Fence> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let marker = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = rest.chars().take_while(|c| *c == marker).count();
        if indent > 3 || len < 3 {
            return None;
        }
        let info = rest[len..].trim();
        if marker == '`' && info.contains('`') {
            return None;
        }
        let lang = info
            .split(|c: char| c.is_whitespace() || c == '{' || c == ',')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Some(Fence {
            marker,
            len,
            indent,
            lang,
        })
    }

    fn closes(&self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = line[indent..].trim_end();
        indent <= 3 && rest.len() >= self.len && rest.chars().all(|c| c == self.marker)
    }
}

/// Removes up to `indent` leading spaces (the fence's own indentation).
fn strip_indent(line: &str, indent: usize) -> &str {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    &line[spaces.min(indent)..]
}

#[cfg(test)]
mod tests {
    use super::*;

    const HUNT: &str = r#"[hunt]
name = "Rare logins"
language = ["ES|QL", "SQL"]
query = [
'''
from logs-*
| where event.action == "login"
''',
'''
SELECT * FROM users
''',
'''
sql
FROM logs-* | LIMIT 1
'''
]
"#;

    #[test]
    fn toml_hunt_array_keeps_esql_entries_with_lines() {
        let q = queries_from_text("h.toml", HUNT).unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].origin, "h.toml: query 1 (Rare logins)");
        assert_eq!(
            q[0].text,
            "from logs-*\n| where event.action == \"login\"\n"
        );
        assert_eq!(q[0].line_offset, 5);
        assert_eq!(q[0].name.as_deref(), Some("Rare logins"));
        assert_eq!(q[1].origin, "h.toml: query 3 (Rare logins)");
        assert_eq!(q[1].text, "sql\nFROM logs-* | LIMIT 1\n");
        assert_eq!(q[1].line_offset, 12);
    }

    #[test]
    fn toml_hunt_single_string_and_escaped_string() {
        let src = "[hunt]\nname = \"x\"\nquery = \"row a = \\\"1\\\"\"\n";
        let q = queries_from_text("h.toml", src).unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "row a = \"1\"");
        // Written with escapes: the position is not recoverable.
        assert_eq!(q[0].line_offset, 0);
        let src = "[hunt]\nlanguage = [\"ES|QL\"]\nquery = 'from a'\n";
        let q = queries_from_text("h.toml", src).unwrap();
        assert_eq!((q[0].text.as_str(), q[0].line_offset), ("from a", 2));
    }

    #[test]
    fn toml_rule_language_decides() {
        let esql =
            "[rule]\nname = \"R\"\nlanguage = \"esql\"\nquery = '''\nfrom x | limit 1\n'''\n";
        let q = queries_from_text("r.toml", esql).unwrap();
        assert_eq!(q[0].origin, "r.toml: rule.query (R)");
        assert_eq!(q[0].line_offset, 4);
        assert_eq!(q[0].name.as_deref(), Some("R"));
        let eql = "[rule]\nlanguage = \"eql\"\nquery = \"process where true\"\n";
        let err = queries_from_text("r.toml", eql).unwrap_err();
        assert_eq!(err.to_string(), "no ES|QL query found in r.toml");
        let untagged = "[rule]\nquery = \"ROW a = 1\"\n";
        assert_eq!(queries_from_text("r.toml", untagged).unwrap().len(), 1);
        let kql = "[rule]\nquery = \"from:somewhere\"\n";
        assert!(queries_from_text("r.toml", kql).is_err());
    }

    #[test]
    fn toml_syntax_error_is_typed() {
        let err = queries_from_text("bad.toml", "[hunt\nquery = 1").unwrap_err();
        match &err {
            SourceError::Toml { path, message } => {
                assert_eq!(path, "bad.toml");
                assert!(message.contains("line 1"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().starts_with("invalid TOML in bad.toml: "));
    }

    #[test]
    fn markdown_blocks() {
        let md = "# My hunt\n\nIntro\n\n```sql\nfrom a\n| limit 1\n```\n\n```python\nfrom x import y\n```\n\n```sql\nSELECT 1\n```\n  ~~~~esql\n  row b = 2\n   | eval c = b\n  ~~~~\n";
        let q = queries_from_text("doc.md", md).unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].origin, "doc.md: block 1 (line 6)");
        assert_eq!(q[0].text, "from a\n| limit 1");
        assert_eq!(q[0].line_offset, 5);
        assert_eq!(q[0].name.as_deref(), Some("My hunt"));
        assert_eq!(q[1].origin, "doc.md: block 3 (line 18)");
        assert_eq!(q[1].text, "row b = 2\n | eval c = b");
    }

    #[test]
    fn markdown_unclosed_fence_runs_to_end() {
        let q = queries_from_text("a.markdown", "```esql\nrow a = 1\n").unwrap();
        assert_eq!(q[0].text, "row a = 1");
        assert!(queries_from_text("a.md", "no code here\n").is_err());
    }

    #[test]
    fn esql_and_unknown_extensions_are_one_query() {
        let q = queries_from_text("q.esql", "\u{feff}// c\nfrom a\n").unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "// c\nfrom a\n");
        assert_eq!((q[0].origin.as_str(), q[0].line_offset), ("q.esql", 0));
        assert_eq!(
            queries_from_text("q.txt", "row a=1").unwrap()[0].text,
            "row a=1"
        );
        assert!(matches!(
            queries_from_text("<stdin>", " \n"),
            Err(SourceError::NoQuery { .. })
        ));
    }

    #[test]
    fn load_reports_missing_file() {
        let err = load_queries(Path::new("/nonexistent/x.esql")).unwrap_err();
        assert!(matches!(err, SourceError::Io { .. }));
        assert!(err
            .to_string()
            .starts_with("cannot read /nonexistent/x.esql: "));
    }

    #[test]
    fn load_reads_a_file() {
        let dir = std::env::temp_dir().join(format!("esql-sources-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("h.toml");
        std::fs::write(&path, HUNT).unwrap();
        let q = load_queries(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(q.len(), 2);
        assert!(q[0].origin.ends_with("h.toml: query 1 (Rare logins)"));
    }

    #[test]
    fn esql_detection_skips_comments() {
        assert!(starts_like_esql("// x\n/* y */ FROM a"));
        assert!(starts_like_esql("\nrow a = 1"));
        assert!(starts_like_esql("ts"));
        assert!(!starts_like_esql("SELECT 1"));
        assert!(!starts_like_esql("fromage"));
    }
}
