//! What a session can list for an interactive front end: index names and
//! the fields of a pattern with their types (the functions are listed by
//! [`super::functions()`]).

use super::session::Session;
use crate::engine::QueryError;
use crate::result::Column;

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
        let all = crate::api::functions();
        let count = all.iter().find(|f| f.name == "count").unwrap();
        assert!(count.kind == crate::api::FunctionKind::Aggregate);
        assert!(count.signature.starts_with("count("));
        assert!(all
            .iter()
            .any(|f| f.name == "date_trunc" && f.kind == crate::api::FunctionKind::Scalar));
    }
}
