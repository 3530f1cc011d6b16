//! The indices of a session's data as a table: name, documents, files and
//! bytes (`esql indices`).

use super::session::{Session, Table};
use crate::engine::QueryError;
use crate::result::Column;
use crate::types::DataType;
use crate::value::{Scalar, Value};

impl Session {
    /// One row per index of the session's data, sorted by name: `index`
    /// (keyword), `documents` (long, counted by reading the index; null
    /// when it cannot be read, with the reason among the table's warnings),
    /// `files` (long) and `bytes` (long, the size of its files as stored,
    /// compressed or not).
    pub fn indices_overview(&self) -> Result<Table, QueryError> {
        let mut rows = Vec::new();
        let mut warnings = Vec::new();
        for name in self.index_names()? {
            let files = self
                .catalog()?
                .index(&name)
                .map(|ix| ix.files)
                .unwrap_or_default();
            let bytes: u64 = files
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum();
            let quoted = format!("\"{}\"", name.replace('"', ""));
            let documents = match self.query(&format!("FROM {quoted} | STATS n = COUNT(*)")) {
                Ok(count) => match count.rows.first().and_then(|r| r.first()) {
                    Some(Value::One(Scalar::Long(n))) => Value::One(Scalar::Long(*n)),
                    _ => Value::Null,
                },
                Err(e) => {
                    let reason = e.render("");
                    let reason = reason.trim_start_matches("esql: ").trim_end();
                    warnings.push(format!("index [{name}]: {reason}"));
                    Value::Null
                }
            };
            rows.push(vec![
                Value::One(Scalar::Str(name.as_str().into())),
                documents,
                Value::One(Scalar::Long(files.len() as i64)),
                Value::One(Scalar::Long(i64::try_from(bytes).unwrap_or(i64::MAX))),
            ]);
        }
        let column = |name: &str, ty| Column {
            name: name.to_string(),
            ty,
        };
        Ok(Table {
            columns: vec![
                column("index", DataType::Keyword),
                column("documents", DataType::Long),
                column("files", DataType::Long),
                column("bytes", DataType::Long),
            ],
            rows,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_documents_and_files() {
        let s = Session::new()
            .with_documents("logs", vec![json!({"a": 1}), json!({"a": 2})])
            .unwrap()
            .with_documents("audit", vec![json!({"u": "x"})])
            .unwrap();
        let table = s.indices_overview().unwrap();
        assert_eq!(
            table.column_names(),
            vec!["index", "documents", "files", "bytes"]
        );
        let rows = table.to_json_rows();
        assert_eq!(rows[0][..3], [json!("audit"), json!(1), json!(1)]);
        assert_eq!(rows[1][..3], [json!("logs"), json!(2), json!(1)]);
        assert!(rows[1][3].as_i64().unwrap() > 0);
    }
}
