//! What a session can list for an interactive front end: index names,
//! the fields of a pattern with their types, and every function with its
//! signature (for completion and help).

use super::session::Session;
use crate::engine::QueryError;
use crate::result::Column;

/// One function or aggregate, as a listing shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionInfo {
    /// Lower-case name, e.g. `date_trunc`.
    pub name: &'static str,
    /// Human-readable signature, e.g. `date_trunc(interval, date) -> date`.
    pub signature: &'static str,
    /// One-line description.
    pub doc: &'static str,
    /// True for aggregates (usable in `STATS`).
    pub aggregate: bool,
}

/// Every scalar function, then every aggregate.
pub fn functions() -> Vec<FunctionInfo> {
    let scalars = crate::functions::all().map(|f| FunctionInfo {
        name: f.name,
        signature: f.signature,
        doc: f.doc,
        aggregate: false,
    });
    let aggregates = crate::aggregates::all().map(|a| FunctionInfo {
        name: a.name,
        signature: a.signature,
        doc: a.doc,
        aggregate: true,
    });
    scalars.chain(aggregates).collect()
}

impl Session {
    /// The names of the indices of the session's data, sorted.
    pub fn index_names(&self) -> Result<Vec<String>, QueryError> {
        let mut names: Vec<String> = self
            .catalog()?
            .index_names()
            .into_iter()
            .map(str::to_string)
            .collect();
        names.sort();
        Ok(names)
    }

    /// The columns (name and type) `FROM pattern` gives, in
    /// Elasticsearch's order, without reading any row.
    pub fn fields(&self, pattern: &str) -> Result<Vec<Column>, QueryError> {
        let text = format!("FROM {pattern} | LIMIT 0");
        Ok(self.prepare(&text)?.run()?.table.columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_indices_fields_and_functions() {
        let s = Session::new()
            .with_documents("logs", vec![json!({"host": "a", "bytes": 3})])
            .unwrap()
            .with_documents("audit", vec![json!({"user": "b"})])
            .unwrap();
        assert_eq!(s.index_names().unwrap(), vec!["audit", "logs"]);
        let fields = s.fields("logs").unwrap();
        let named: Vec<(&str, &str)> = fields
            .iter()
            .map(|c| (c.name.as_str(), c.ty.name()))
            .collect();
        assert_eq!(named, vec![("bytes", "long"), ("host", "keyword")]);
        let all = functions();
        let count = all.iter().find(|f| f.name == "count").unwrap();
        assert!(count.aggregate && count.signature.starts_with("count("));
        assert!(all.iter().any(|f| f.name == "date_trunc" && !f.aggregate));
    }
}
