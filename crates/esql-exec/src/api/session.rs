//! [`Session`]: the data a query sees and the options it runs with.

use super::query::Query;
use crate::catalog::{Catalog, CatalogConfig, CatalogError};
use crate::engine::{self, QueryError, RunOptions};
use crate::reader::documents::InputFormat;
use crate::reader::BadLinePolicy;
use crate::render::value_to_json;
use crate::result::QueryResult;
use esql_cloudtrail::PipelineOptions;
use esql_parser::QueryParams;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where a session's data comes from, and how its queries run.
#[derive(Debug, Default)]
pub struct Session {
    config: CatalogConfig,
    input_format: InputFormat,
    pipeline: PipelineOptions,
    options: RunOptions,
    spool: Option<Spool>,
    /// The catalog, opened by the first query (reading folders, mappings
    /// and tables once) and reset whenever the data changes.
    catalog: std::sync::OnceLock<Catalog>,
}

/// A query's answer: typed columns, rows of typed cells, warnings.
pub type Table = QueryResult;

impl QueryResult {
    /// The column names, in order.
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }

    /// The rows as JSON values, as Elasticsearch's `_query` API returns them
    /// (multi-values as arrays, null as null).
    pub fn to_json_rows(&self) -> Vec<Vec<serde_json::Value>> {
        self.rows
            .iter()
            .map(|r| r.iter().map(value_to_json).collect())
            .collect()
    }
}

/// Why a session could not be set up.
#[derive(Debug)]
pub enum SessionError {
    /// The documents could not be spooled to a temporary file.
    Spool(std::io::Error),
    /// Indices, mappings or policies could not be opened.
    Catalog(CatalogError),
    /// In-memory data (e.g. an Arrow column) esql cannot read.
    Data(String),
}

impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionError::Spool(e) => {
                write!(f, "cannot write the documents to a temporary file: {e}")
            }
            SessionError::Catalog(e) => write!(f, "{e}"),
            SessionError::Data(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for SessionError {}

/// A private temporary folder, removed on drop.
#[derive(Debug)]
struct Spool(PathBuf);

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static SPOOLS: AtomicU64 = AtomicU64::new(0);

impl Session {
    /// A session with no data (ROW queries work) and default options:
    /// `NOW()` is the clock, one thread per core.
    pub fn new() -> Session {
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        Session {
            options: RunOptions {
                now_ms,
                ..RunOptions::default()
            },
            ..Session::default()
        }
    }

    /// Adds a folder of NDJSON files: each `NAME.ndjson[.gz]` (or folder
    /// `NAME/`) is index `NAME`.
    pub fn with_data_dir(mut self, dir: impl AsRef<Path>) -> Session {
        self.config.data_dirs.push(dir.as_ref().to_path_buf());
        self.catalog = std::sync::OnceLock::new();
        self
    }

    /// Adds index `name` reading `path` (an NDJSON file or a folder).
    pub fn with_index(mut self, name: &str, path: impl AsRef<Path>) -> Session {
        self.config
            .explicit
            .push((name.to_string(), path.as_ref().to_path_buf()));
        self.catalog = std::sync::OnceLock::new();
        self
    }

    /// Adds index `name` holding `documents` (JSON objects).
    pub fn with_documents<I>(mut self, name: &str, documents: I) -> Result<Session, SessionError>
    where
        I: IntoIterator<Item = serde_json::Value>,
    {
        self.spool_index(name, |out| {
            for doc in documents {
                serde_json::to_writer(&mut *out, &doc)
                    .map_err(|e| SessionError::Spool(e.into()))?;
                out.write_all(b"\n").map_err(SessionError::Spool)?;
            }
            Ok(())
        })?;
        Ok(self)
    }

    /// Adds index `name` whose NDJSON lines `write` produces into a file of
    /// the session's private spool folder.
    pub(super) fn spool_index(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> Result<(), SessionError>,
    ) -> Result<(), SessionError> {
        let path = self
            .spool_dir()?
            .join(format!("{}.ndjson", self.config.explicit.len()));
        let file = std::fs::File::create(&path).map_err(SessionError::Spool)?;
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        out.flush().map_err(SessionError::Spool)?;
        self.config.explicit.push((name.to_string(), path));
        self.catalog = std::sync::OnceLock::new();
        Ok(())
    }

    /// Adds a field-type table with `text` as its content, kept in the
    /// session's private spool folder.
    pub(super) fn spool_field_types(&mut self, text: &str) -> Result<(), SessionError> {
        let path = self
            .spool_dir()?
            .join(format!("{}.types.tsv", self.config.field_types.len()));
        std::fs::write(&path, text).map_err(SessionError::Spool)?;
        self.config.field_types.push(path);
        self.catalog = std::sync::OnceLock::new();
        Ok(())
    }

    /// The private temporary folder, made on first use.
    fn spool_dir(&mut self) -> Result<PathBuf, SessionError> {
        if let Some(s) = &self.spool {
            return Ok(s.0.clone());
        }
        let n = SPOOLS.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("esql-docs-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(SessionError::Spool)?;
        self.spool = Some(Spool(dir.clone()));
        Ok(dir)
    }

    /// `NOW()` of this session's queries (milliseconds since the epoch).
    pub fn now_ms(&self) -> i64 {
        self.options.now_ms
    }

    /// Sets `NOW()` (milliseconds since the epoch).
    pub fn with_now_ms(mut self, now_ms: i64) -> Session {
        self.options.now_ms = now_ms;
        self
    }

    /// Adds an Elasticsearch `_mapping` JSON file (field types of the
    /// indices it names).
    pub fn with_mapping(mut self, path: impl AsRef<Path>) -> Session {
        self.config.mappings.push(path.as_ref().to_path_buf());
        self.catalog = std::sync::OnceLock::new();
        self
    }

    /// Adds a field-type table (`field<TAB>type[<TAB>index_pattern]` lines).
    pub fn with_field_types(mut self, path: impl AsRef<Path>) -> Session {
        self.config.field_types.push(path.as_ref().to_path_buf());
        self.catalog = std::sync::OnceLock::new();
        self
    }

    /// Adds an enrich policy for `ENRICH` (Elasticsearch's policy JSON whose
    /// `indices` name NDJSON files).
    pub fn with_enrich_policy(mut self, path: impl AsRef<Path>) -> Session {
        self.config
            .enrich_policies
            .push(path.as_ref().to_path_buf());
        self.catalog = std::sync::OnceLock::new();
        self
    }

    /// Sets how data files are read (NDJSON, raw CloudTrail, or detected).
    pub fn with_input_format(mut self, format: InputFormat) -> Session {
        self.input_format = format;
        self.catalog = std::sync::OnceLock::new();
        self
    }

    /// Sets the AWS integration version (and options) whose CloudTrail
    /// pipeline converts raw records; the newest version by default.
    pub fn with_cloudtrail_pipeline(mut self, options: PipelineOptions) -> Session {
        self.pipeline = options;
        self.catalog = std::sync::OnceLock::new();
        self
    }

    /// Sets the query parameters every query of this session is run with
    /// (Elasticsearch's request `params`).
    pub fn with_params(mut self, params: QueryParams) -> Session {
        self.options.params = std::sync::Arc::new(params);
        self
    }

    /// Rejects what Elasticsearch rejects (a lone `=` as comparison).
    pub fn with_strict(mut self, strict: bool) -> Session {
        self.options.strict = strict;
        self
    }

    /// Sets what happens to malformed NDJSON lines (fail, or skip and count).
    pub fn with_bad_lines(mut self, policy: BadLinePolicy) -> Session {
        self.options.on_bad_line = policy;
        self
    }

    /// Sets the scanning threads (0: one per core).
    pub fn with_threads(mut self, threads: usize) -> Session {
        self.options.threads = threads;
        self
    }

    /// Sets the bytes STATS groups and rows gathered by SORT / INLINE STATS
    /// may take (an estimate) before a query stops with
    /// [`QueryError::MemoryLimit`].
    pub fn with_memory_limit(mut self, bytes: usize) -> Session {
        self.options.memory_limit = bytes;
        self
    }

    /// Sets every run option at once.
    pub fn with_options(mut self, options: RunOptions) -> Session {
        self.options = options;
        self
    }

    /// Opens the data now (reading folders, mappings, field-type tables and
    /// enrich policies) instead of at the first query, so that a problem
    /// with them is reported before any query runs. Returns what opening
    /// skipped or could not place (a file whose name is no valid index name,
    /// a mapping for an index that does not exist), to be reported once.
    pub fn open(&self) -> Result<&[String], QueryError> {
        self.catalog().map(Catalog::warnings)
    }

    /// Parses and analyses `esql` against the session's data.
    pub fn prepare<'a>(&'a self, esql: &'a str) -> Result<Query<'a>, QueryError> {
        let prepared = engine::prepare(esql, self.catalog()?, &self.options)?;
        Ok(Query::new(esql, prepared, &self.options))
    }

    /// Runs `esql` over the session's data.
    pub fn query(&self, esql: &str) -> Result<Table, QueryError> {
        Ok(self.prepare(esql)?.run()?.table)
    }

    pub(super) fn catalog(&self) -> Result<&Catalog, QueryError> {
        if let Some(c) = self.catalog.get() {
            return Ok(c);
        }
        let opened = Catalog::open(&self.config)
            .map_err(QueryError::Catalog)?
            .with_input_format(self.input_format)
            .with_cloudtrail_pipeline(self.pipeline);
        Ok(self.catalog.get_or_init(|| opened))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn documents_files_and_rows_come_back_typed() {
        let s = Session::new()
            .with_now_ms(0)
            .with_documents(
                "a",
                vec![
                    json!({"x": 1, "t": "2024-05-01T00:00:00Z"}),
                    json!({"x": [2, 3]}),
                ],
            )
            .unwrap()
            .with_documents("b", vec![json!({"x": 10})])
            .unwrap();
        let t = s
            .query("FROM a, b | STATS n = COUNT(x), s = SUM(x)")
            .unwrap();
        assert_eq!(t.to_json_rows(), vec![vec![json!(4), json!(16)]]);
        let t = s.query("FROM a | WHERE t IS NOT NULL | KEEP t").unwrap();
        assert_eq!(t.columns[0].ty.name(), "date");
        assert_eq!(
            t.to_json_rows(),
            vec![vec![json!("2024-05-01T00:00:00.000Z")]]
        );
        let e = s.query("FROM a | KEEP nope").unwrap_err();
        assert!(e.to_string().contains("Unknown column [nope]"), "{e}");
    }

    #[test]
    fn the_spool_is_removed_with_the_session() {
        let s = Session::new()
            .with_documents("a", vec![json!({"x": 1})])
            .unwrap();
        let dir = s.spool.as_ref().map(|d| d.0.clone()).unwrap();
        assert!(dir.exists());
        drop(s);
        assert!(!dir.exists());
    }
}
