//! Query parameters supplied with a query (the `params` of Elasticsearch's
//! `_query` request), substituted while the tree is built as Elasticsearch
//! substitutes them: `?name`, `?1` and `?` become constants (or names, when
//! the parameter is declared an identifier or a pattern), `??name` becomes a
//! field or function name.

use crate::ast::Literal;
use strsim::levenshtein;

/// What one parameter stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    /// A constant (`{"n": 10}`, `{"n": {"value": 10}}`, or a bare value).
    Value(Literal),
    /// A field or function name (`{"n": {"identifier": "host.name"}}`).
    Identifier(String),
    /// A name pattern for KEEP and DROP (`{"n": {"pattern": "host.*"}}`).
    Pattern(String),
}

/// The parameters of one query: all named, or all unnamed (taken by
/// position, `?1`, or in order, `?`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryParams {
    list: Vec<(Option<String>, ParamValue)>,
}

/// Elasticsearch's rule for a parameter name: a letter or `_` first, then
/// letters, digits and `_`.
pub fn valid_param_name(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl QueryParams {
    /// No parameters.
    pub fn none() -> QueryParams {
        QueryParams::default()
    }

    /// Unnamed parameters, `?1` (or the first `?`) being the first.
    pub fn positional(values: Vec<ParamValue>) -> QueryParams {
        QueryParams {
            list: values.into_iter().map(|v| (None, v)).collect(),
        }
    }

    /// Named parameters; `Err` has Elasticsearch's message for each
    /// invalid name (`[1] is not a valid parameter name`), joined by `; `.
    pub fn named(values: Vec<(String, ParamValue)>) -> Result<QueryParams, String> {
        let bad: Vec<String> = values
            .iter()
            .filter(|(n, _)| !valid_param_name(n))
            .map(|(n, _)| {
                format!(
                    "[{n}] is not a valid parameter name, a valid parameter name starts with a letter or underscore, and contains letters, digits and underscores only"
                )
            })
            .collect();
        if !bad.is_empty() {
            return Err(bad.join("; "));
        }
        Ok(QueryParams {
            list: values.into_iter().map(|(n, v)| (Some(n), v)).collect(),
        })
    }

    /// The number of parameters.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The parameter at 1-based `position` (named parameters count too,
    /// in the order given).
    pub fn at(&self, position: usize) -> Option<&ParamValue> {
        position
            .checked_sub(1)
            .and_then(|i| self.list.get(i))
            .map(|(_, v)| v)
    }

    /// The named parameter `name` (the last one given under that name).
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.list
            .iter()
            .rev()
            .find(|(n, _)| n.as_deref() == Some(name))
            .map(|(_, v)| v)
    }

    /// The names, in the order given, each once.
    pub fn names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for n in self.list.iter().filter_map(|(n, _)| n.as_deref()) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }

    /// Elasticsearch's message for a name no parameter has, with the
    /// similar names it suggests.
    pub(crate) fn unknown_message(&self, name: &str) -> String {
        let similar = similar(name, &self.names());
        match similar.as_slice() {
            [] => format!("Unknown query parameter [{name}]"),
            [one] => format!("Unknown query parameter [{name}], did you mean [{one}]?"),
            many => format!(
                "Unknown query parameter [{name}], did you mean any of [{}]?",
                many.join(", ")
            ),
        }
    }

    /// Elasticsearch's message for a position no parameter has.
    pub(crate) fn no_position_message(&self, position: &str) -> String {
        match self.len() {
            0 => format!("No parameter is defined for position {position}"),
            1 => format!("No parameter is defined for position {position}, did you mean position 1?"),
            n => format!(
                "No parameter is defined for position {position}, did you mean any position between 1 and {n}?"
            ),
        }
    }
}

/// Names with a Levenshtein similarity (1 − distance / longer length) of at
/// least 0.5, most similar first, ties in the order given.
fn similar(name: &str, candidates: &[&str]) -> Vec<String> {
    let mut scored: Vec<(usize, usize, String)> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let d = levenshtein(name, c);
        let longest = name.chars().count().max(c.chars().count()).max(1);
        if 2 * d <= longest {
            scored.push((d * 1_000_000 / longest, i, c.to_string()));
        }
    }
    scored.sort();
    scored.into_iter().map(|(_, _, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_elasticsearch_rule() {
        assert!(valid_param_name("n1"));
        assert!(valid_param_name("_tstart"));
        assert!(!valid_param_name("1"));
        assert!(!valid_param_name("-a"));
        assert!(!valid_param_name(""));
        assert!(QueryParams::named(vec![("1".into(), ParamValue::Value(Literal::Null))]).is_err());
    }

    #[test]
    fn lookups_by_name_and_position() {
        let p = QueryParams::named(vec![
            ("n1".into(), ParamValue::Value(Literal::Integer(5))),
            ("n3".into(), ParamValue::Identifier("x".into())),
        ])
        .unwrap();
        assert_eq!(p.get("n1"), Some(&ParamValue::Value(Literal::Integer(5))));
        assert_eq!(p.at(2), Some(&ParamValue::Identifier("x".into())));
        assert_eq!(p.at(0), None);
        assert_eq!(
            p.unknown_message("n2"),
            "Unknown query parameter [n2], did you mean any of [n1, n3]?"
        );
        assert_eq!(p.unknown_message("zzz"), "Unknown query parameter [zzz]");
        assert_eq!(
            p.no_position_message("3"),
            "No parameter is defined for position 3, did you mean any position between 1 and 2?"
        );
    }
}
