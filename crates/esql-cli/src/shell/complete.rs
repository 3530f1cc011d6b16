//! Completion in the shell: source commands and processing commands,
//! keywords, functions (shown with their signatures), index names after
//! `FROM`, and field names of the open data folders.

use esql_exec::api;
use reedline::{Completer, CompletionResult, Span, Suggestion};

/// The words ES|QL commands start with, and the keywords inside them.
const KEYWORDS: [&str; 38] = [
    "FROM",
    "ROW",
    "SHOW",
    "TS",
    "WHERE",
    "EVAL",
    "STATS",
    "INLINE STATS",
    "KEEP",
    "DROP",
    "RENAME",
    "SORT",
    "LIMIT",
    "DISSECT",
    "GROK",
    "ENRICH",
    "MV_EXPAND",
    "LOOKUP JOIN",
    "CHANGE_POINT",
    "SAMPLE",
    "FORK",
    "COMPLETION",
    "BY",
    "AS",
    "ON",
    "WITH",
    "METADATA",
    "ASC",
    "DESC",
    "NULLS FIRST",
    "NULLS LAST",
    "AND",
    "OR",
    "NOT",
    "IS NULL",
    "IS NOT NULL",
    "LIKE",
    "RLIKE",
];

/// One thing the completer can offer.
struct Candidate {
    value: String,
    description: Option<String>,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Keyword,
    Function,
    Index,
    Field,
}

/// The shell's completer: what it knows of the session, gathered once.
pub struct EsqlCompleter {
    candidates: Vec<Candidate>,
}

impl EsqlCompleter {
    /// A completer offering the keywords, every function, `indices` and
    /// `fields` (name and type).
    pub fn new(indices: &[String], fields: &[api::Column]) -> EsqlCompleter {
        let mut candidates: Vec<Candidate> = KEYWORDS
            .iter()
            .map(|k| Candidate {
                value: (*k).to_string(),
                description: None,
                kind: Kind::Keyword,
            })
            .collect();
        for f in api::functions() {
            candidates.push(Candidate {
                value: f.name.to_ascii_uppercase(),
                description: Some(format!("{} — {}", f.signature, f.doc)),
                kind: Kind::Function,
            });
        }
        for i in indices {
            candidates.push(Candidate {
                value: i.clone(),
                description: Some("index".to_string()),
                kind: Kind::Index,
            });
        }
        for c in fields {
            candidates.push(Candidate {
                value: c.name.clone(),
                description: Some(c.ty.name().to_string()),
                kind: Kind::Field,
            });
        }
        EsqlCompleter { candidates }
    }

    /// The suggestions for the word that ends at byte `pos` of `line`.
    pub fn suggest(&self, line: &str, pos: usize) -> Vec<Suggestion> {
        let before = line.get(..pos).unwrap_or(line);
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !is_word(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = before.get(start..).unwrap_or("");
        if word.is_empty() {
            return Vec::new();
        }
        let after_from = in_source_list(before.get(..start).unwrap_or(""));
        let lower = word.to_ascii_lowercase();
        let upper_case = word.chars().any(|c| c.is_ascii_uppercase());
        self.candidates
            .iter()
            .filter(|c| !after_from || c.kind == Kind::Index)
            .filter(|c| c.value.to_ascii_lowercase().starts_with(&lower))
            .map(|c| {
                let value = match c.kind {
                    Kind::Keyword | Kind::Function if !upper_case => c.value.to_ascii_lowercase(),
                    _ => c.value.clone(),
                };
                let value = if c.kind == Kind::Function {
                    format!("{value}(")
                } else {
                    value
                };
                Suggestion {
                    append_whitespace: matches!(c.kind, Kind::Keyword | Kind::Index),
                    value,
                    description: c.description.clone(),
                    span: Span::new(start, pos),
                    ..Suggestion::default()
                }
            })
            .collect()
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '@' | '-' | '*')
}

/// True when `text` (what precedes the word) ends inside the index list
/// of a `FROM` or `TS` command.
fn in_source_list(text: &str) -> bool {
    let command = text.rsplit('|').next().unwrap_or(text);
    let mut words = command.split_whitespace();
    let starts = words
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("ts"));
    starts && words.all(|w| w.ends_with(','))
}

impl Completer for EsqlCompleter {
    fn complete(&mut self, line: &str, pos: usize) -> CompletionResult {
        CompletionResult::fresh(self.suggest(line, pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use esql_exec::api::{Column, DataType};

    fn completer() -> EsqlCompleter {
        EsqlCompleter::new(
            &["logs-web".to_string(), "audit".to_string()],
            &[Column {
                name: "event.action".to_string(),
                ty: DataType::Keyword,
            }],
        )
    }

    fn values(line: &str) -> Vec<String> {
        completer()
            .suggest(line, line.len())
            .into_iter()
            .map(|s| s.value)
            .collect()
    }

    #[test]
    fn completes_indices_after_from() {
        assert_eq!(values("FROM lo"), vec!["logs-web"]);
        assert_eq!(values("from logs-web, au"), vec!["audit"]);
    }

    #[test]
    fn completes_fields_functions_and_keywords() {
        assert_eq!(values("from a | keep event.a"), vec!["event.action"]);
        assert_eq!(values("from a | keep host, event.a"), vec!["event.action"]);
        assert!(values("from a | eval x = date_tr").contains(&"date_trunc(".to_string()));
        assert!(values("from a | WH").contains(&"WHERE".to_string()));
        assert!(values("from a | wh").contains(&"where".to_string()));
        let s = completer().suggest("from a | eval x = date_tr", 25);
        let d = s.iter().find(|s| s.value == "date_trunc(").unwrap();
        assert!(d.description.as_deref().unwrap().starts_with("date_trunc("));
    }
}
