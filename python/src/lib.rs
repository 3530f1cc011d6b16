//! The `esql._native` extension module: a thin layer over
//! `esql_exec::api` that the Python package `esql` wraps.
//!
//! Results cross into pyarrow through the Arrow C data interface (no copy
//! of the Arrow buffers); in-memory frames come in through the Arrow C
//! stream interface and are spooled as documents by
//! `Session::with_record_batches`.

use arrow_pyarrow::{PyArrowType, ToPyArrow};
use esql_exec::api::arrow_array::ffi_stream::ArrowArrayStreamReader;
use esql_exec::api::arrow_array::RecordBatchReader;
use esql_exec::api::{self, ArrowOptions, QueryError};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;

create_exception!(
    _native,
    NativeQueryError,
    PyException,
    "A query failed: args are (reason, report)."
);

/// A session: where the data is and how queries run.
#[pyclass(module = "esql._native")]
struct Session {
    inner: api::Session,
}

fn session_error(e: api::SessionError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn query_error(e: &QueryError, text: &str) -> PyErr {
    NativeQueryError::new_err((e.reason(text), e.render(text)))
}

#[pymethods]
impl Session {
    #[new]
    #[pyo3(signature = (data_dirs, indices, mappings, field_types, enrich_policies, now, threads, strict))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        data_dirs: Vec<String>,
        indices: Vec<(String, String)>,
        mappings: Vec<String>,
        field_types: Vec<String>,
        enrich_policies: Vec<String>,
        now: Option<String>,
        threads: usize,
        strict: bool,
    ) -> PyResult<Session> {
        let mut s = api::Session::new()
            .with_threads(threads)
            .with_strict(strict);
        if let Some(now) = now {
            let ms = api::timestamp_millis(&now).ok_or_else(|| {
                PyValueError::new_err(format!("now: [{now}] is not an RFC 3339 timestamp"))
            })?;
            s = s.with_now_ms(ms);
        }
        for d in data_dirs {
            s = s.with_data_dir(d);
        }
        for (name, path) in indices {
            s = s.with_index(&name, path);
        }
        for m in mappings {
            s = s.with_mapping(m);
        }
        for f in field_types {
            s = s.with_field_types(f);
        }
        for p in enrich_policies {
            s = s.with_enrich_policy(p);
        }
        Ok(Session { inner: s })
    }

    /// Registers index `name` holding the rows of an Arrow stream.
    fn add_arrow(
        &mut self,
        py: Python<'_>,
        name: &str,
        stream: PyArrowType<ArrowArrayStreamReader>,
    ) -> PyResult<()> {
        let reader = stream.0;
        let schema = reader.schema();
        let session = &mut self.inner;
        py.allow_threads(|| session.add_record_batches(name, &schema, reader))
            .map_err(session_error)
    }

    /// Runs `text`: returns (pyarrow.RecordBatch, warnings).
    fn query(&self, py: Python<'_>, text: &str) -> PyResult<(PyObject, Vec<String>)> {
        let session = &self.inner;
        let answer = py.allow_threads(|| {
            let query = session.prepare(text)?;
            let mut warnings = query.parse_warnings();
            let answer = query.run()?;
            warnings.extend(answer.warnings);
            Ok::<_, QueryError>((answer.table, warnings))
        });
        let (table, warnings) = answer.map_err(|e| query_error(&e, text))?;
        let batch = table
            .to_record_batch(&ArrowOptions::dataframe())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((batch.to_pyarrow(py)?, warnings))
    }

    /// The typed plan of `text`, as `esql --explain` prints it.
    fn explain(&self, text: &str) -> PyResult<String> {
        let session = &self.inner;
        session
            .prepare(text)
            .map(|q| q.explain())
            .map_err(|e| query_error(&e, text))
    }
}

/// The module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Session>()?;
    m.add("NativeQueryError", m.py().get_type::<NativeQueryError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
