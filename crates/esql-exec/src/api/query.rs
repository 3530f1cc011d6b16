//! [`Query`]: a parsed and analysed query, and [`Answer`]: what its run gave.

use super::session::Table;
use crate::engine::{Output, Prepared, QueryError, RunOptions};
use crate::plan::SourcePlan;
use esql_parser::Diagnostic;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::Arc;

/// A query checked against a session's data, ready to explain or run.
pub struct Query<'s> {
    text: &'s str,
    prepared: Prepared,
    options: &'s RunOptions,
}

/// A finished run: the result table and every warning the run gave.
#[derive(Debug)]
pub struct Answer {
    /// Columns, rows and Elasticsearch's response warnings.
    pub table: Table,
    /// Every warning in the order they are reported: the response's
    /// warnings (evaluation problems, index resolution), then skipped
    /// malformed lines and values that did not fit their field's type.
    pub warnings: Vec<String>,
}

impl<'s> Query<'s> {
    pub(super) fn new(text: &'s str, prepared: Prepared, options: &'s RunOptions) -> Query<'s> {
        Query {
            text,
            prepared,
            options,
        }
    }

    /// The query text.
    pub(super) fn text(&self) -> &'s str {
        self.text
    }

    /// Warnings the parser gave (e.g. a deprecated form), each with its
    /// `line L:C:` position and a source snippet.
    pub fn parse_warnings(&self) -> Vec<String> {
        self.prepared
            .parse_warnings
            .iter()
            .map(|w| w.render(self.text))
            .collect()
    }

    /// The parser's warnings as diagnostics: span, severity and message
    /// (`headline` gives Elasticsearch's `Line L:C: …` line).
    pub fn parse_diagnostics(&self) -> &[Diagnostic] {
        &self.prepared.parse_warnings
    }

    /// Notes about the data that Elasticsearch would not give as warnings,
    /// such as a filter on a field Elastic's ingest pipeline fills (GeoIP,
    /// user agent) when no document has it: offline data never does.
    pub fn notes(&self) -> &[String] {
        &self.prepared.notes
    }

    /// The typed plan, as `--explain` prints it.
    pub fn explain(&self) -> String {
        self.prepared.plan.to_string()
    }

    /// The size in bytes of the data files the query will scan (0 for `ROW`
    /// and `SHOW`).
    pub fn input_bytes(&self) -> u64 {
        match &self.prepared.plan.source {
            SourcePlan::From(from) => from
                .indices
                .iter()
                .flat_map(|ix| ix.files.iter())
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum(),
            _ => 0,
        }
    }

    /// Runs the query.
    pub fn run(self) -> Result<Answer, QueryError> {
        let output = self.prepared.run(self.options)?;
        Ok(answer(output))
    }

    /// Runs the query until it ends or `cancel` is set (from another
    /// thread, e.g. on Ctrl-C): then every worker stops at its next row and
    /// the run fails with [`QueryError::Cancelled`].
    pub fn run_cancellable(self, cancel: Arc<AtomicBool>) -> Result<Answer, QueryError> {
        let options = RunOptions {
            cancel: Some(cancel),
            ..self.options.clone()
        };
        Ok(answer(self.prepared.run(&options)?))
    }

    /// Runs the query, adding to `bytes_read` the data-file bytes read as
    /// the scan goes (compare with [`Query::input_bytes`] for progress).
    pub fn run_with_progress(self, bytes_read: Arc<AtomicU64>) -> Result<Answer, QueryError> {
        let options = RunOptions {
            progress: Some(bytes_read),
            ..self.options.clone()
        };
        Ok(answer(self.prepared.run(&options)?))
    }
}

fn answer(output: Output) -> Answer {
    let mut warnings = output.result.warnings.clone();
    let stats = &output.read_stats;
    if stats.skipped > 0 {
        let examples: Vec<String> = stats
            .skipped_examples
            .iter()
            .map(|(p, l, m)| format!("{}:{l} ({m})", p.display()))
            .collect();
        warnings.push(format!(
            "skipped {} malformed line(s), first at {}",
            stats.skipped,
            examples.join(", ")
        ));
    }
    for (field, n) in &stats.coercion_failures {
        warnings.push(format!(
            "{n} value(s) of field [{field}] did not fit its type and were read as null"
        ));
    }
    Answer {
        table: output.result,
        warnings,
    }
}
