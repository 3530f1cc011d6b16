//! The public entry point: parse, resolve indices, analyse, execute.

use crate::analyze::{analyze, AnalysisError, AnalyzeOptions, SourceSchema};
use crate::catalog::{Catalog, CatalogError, IndexInfo, PatternRef};
use crate::enrich::EnrichTable;
use crate::eval::EvalContext;
use crate::exec::Pipeline;
use crate::functions::EvalEnv;
use crate::plan::{Plan, SourcePlan};
use crate::reader::{self, BadLinePolicy, Flow, ReadError, ReadStats, ScanIndex, ScanSpec};
use crate::result::QueryResult;
use crate::schema;
use crate::value::Row;
use esql_parser::ast::{Command, Query, SourceCommand};
use esql_parser::visit::{walk_query, Visitor};
use esql_parser::{Diagnostic, ParseError, ParseOptions, Spanned};
use std::collections::HashMap;
use std::fmt;
use std::ops::ControlFlow;
use std::sync::Arc;

mod lookup_prepare;
#[cfg(test)]
mod prefilter_tests;
mod stages;
mod table_load;

/// Options for one query run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// `NOW()`, in milliseconds since the epoch.
    pub now_ms: i64,
    /// Reject a lone `=` as Elasticsearch does.
    pub strict: bool,
    /// What to do with malformed lines.
    pub on_bad_line: BadLinePolicy,
    /// Limit added when the query has none.
    pub default_limit: usize,
    /// Cap on result rows.
    pub max_limit: usize,
    /// Worker threads for scanning (0: one per available core).
    pub threads: usize,
    /// Bytes that STATS groups and rows gathered by SORT and INLINE STATS
    /// may hold (an estimate); past it the query fails.
    pub memory_limit: usize,
    /// When set, bumped by the number of data-file bytes read as the scan
    /// goes (for progress displays; compressed files count their size on
    /// disk once read).
    pub progress: Option<std::sync::Arc<std::sync::atomic::AtomicU64>>,
    /// Set to stop the query: it fails with [`QueryError::Cancelled`].
    pub cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// The query's parameters (`?name`, `?1`, `?`, `??name`), as the
    /// `params` of Elasticsearch's request.
    pub params: Arc<esql_parser::QueryParams>,
    /// A budget to share instead of a new one of `memory_limit` (the
    /// tables ENRICH and LOOKUP JOIN load count against the query's).
    pub memory: Option<crate::memory::MemoryBudget>,
    /// Charge the result rows to the budget as they are collected (when
    /// loading a table; runs on one worker).
    pub charge_rows: bool,
}

/// The library's default for [`RunOptions::memory_limit`] (4 GiB).
pub const DEFAULT_MEMORY_LIMIT: usize = 4 << 30;

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            now_ms: 0,
            strict: false,
            on_bad_line: BadLinePolicy::Fail,
            default_limit: crate::analyze::DEFAULT_LIMIT,
            max_limit: crate::analyze::MAX_LIMIT,
            threads: 0,
            memory_limit: DEFAULT_MEMORY_LIMIT,
            progress: None,
            cancel: None,
            params: Arc::default(),
            memory: None,
            charge_rows: false,
        }
    }
}

/// Why a query failed.
#[derive(Debug)]
pub enum QueryError {
    /// The text is not valid ES|QL.
    Parse(ParseError),
    /// Names or types do not resolve (`Found N problems`).
    Analysis(AnalysisError),
    /// Indices could not be resolved or opened.
    Catalog(CatalogError),
    /// A data file could not be read.
    Read(ReadError),
    /// A broken invariant of esql itself (a bug, not a problem of the
    /// query or the data): the run stopped instead of answering wrongly.
    Internal(String),
    /// The caller stopped the query (see `RunOptions::cancel`).
    Cancelled,
    /// Blocking operators needed more memory than the limit allows.
    MemoryLimit {
        /// The limit, in bytes.
        limit: usize,
        /// The estimate when the query stopped, in bytes.
        used: usize,
    },
}

impl QueryError {
    /// Elasticsearch's exception type for this error.
    pub fn exception_type(&self) -> &'static str {
        match self {
            QueryError::Parse(_) => "parsing_exception",
            QueryError::Analysis(_) => "verification_exception",
            QueryError::Catalog(e) => e.es_exception_type().unwrap_or("io_exception"),
            QueryError::Read(_) => "io_exception",
            QueryError::MemoryLimit { .. } => "circuit_breaking_exception",
            QueryError::Internal(_) => "internal_error",
            QueryError::Cancelled => "task_cancelled_exception",
        }
    }

    /// True for a broken invariant of esql itself (exit code 3).
    pub fn is_internal(&self) -> bool {
        matches!(self, QueryError::Internal(_))
    }

    /// True for problems with the query itself (exit code 1), false for
    /// problems reading data or files (exit code 2).
    pub fn is_query_error(&self) -> bool {
        match self {
            QueryError::Parse(_) | QueryError::Analysis(_) => true,
            QueryError::Catalog(e) => e.es_exception_type().is_some(),
            QueryError::Read(ReadError::BadLine { .. }) => true,
            QueryError::Read(_)
            | QueryError::MemoryLimit { .. }
            | QueryError::Internal(_)
            | QueryError::Cancelled => false,
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Parse(e) => write!(f, "{e}"),
            QueryError::Analysis(e) => write!(f, "{e}"),
            QueryError::Catalog(e) => write!(f, "{e}"),
            QueryError::Read(e) => write!(f, "{e}"),
            QueryError::Cancelled => write!(f, "the query was cancelled"),
            QueryError::Internal(what) => write!(
                f,
                "internal error: {what}; this is a bug in esql, not in the query or the data: please report it with the query"
            ),
            QueryError::MemoryLimit { limit, used } => write!(
                f,
                "memory limit exceeded: the query's groups, gathered rows and loaded ENRICH and LOOKUP JOIN tables would need more than the limit of [{}] (estimated [{}] when it stopped); raise it with --memory-limit",
                human_bytes(*limit),
                human_bytes(*used)
            ),
        }
    }
}

impl std::error::Error for QueryError {}

/// A finished run: the result plus what the parser and reader reported.
#[derive(Debug)]
pub struct Output {
    /// Columns, rows and evaluation warnings.
    pub result: QueryResult,
    /// Counts from reading the data (skipped lines, coercion failures).
    pub read_stats: ReadStats,
}

/// A parsed and analysed query, ready to run or explain.
pub struct Prepared {
    /// The typed plan.
    pub plan: Plan,
    /// Parse-time warnings.
    pub parse_warnings: Vec<Diagnostic>,
    /// Index-resolution warnings.
    pub catalog_warnings: Vec<String>,
    /// Notes about the data that are no Elasticsearch warnings (a filter
    /// on a field the ingest pipeline fills, which offline data lacks).
    pub notes: Vec<String>,
    /// Per-index constants (constant_keyword) by field position.
    scan_indices: Vec<ScanIndex>,
    /// The lookup fields the query reads or returns (join number, field
    /// position): what LOOKUP JOIN loads besides its keys.
    used_lookup: std::collections::BTreeSet<(usize, usize)>,
    /// Bytes the loaded enrich tables hold, charged to the run's budget.
    preloaded_bytes: usize,
}

/// Parses and analyses `source` against `catalog`.
pub fn prepare(
    source: &str,
    catalog: &Catalog,
    options: &RunOptions,
) -> Result<Prepared, QueryError> {
    let parsed = esql_parser::parse_with_params(
        source,
        ParseOptions {
            strict: options.strict,
        },
        &options.params,
    )
    .map_err(QueryError::Parse)?;
    let (indices, catalog_warnings) = resolve_indices(&parsed.query, catalog)?;
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let lookups = lookup_prepare::lookup_indices(&parsed.query, catalog, options, threads)?;
    let mut notes = Vec::new();
    let full = if indices.is_empty() {
        SourceSchema::default()
    } else {
        let mut first_bad = None;
        let mut full =
            schema::build_checked(&indices, &mut first_bad, threads).map_err(QueryError::Read)?;
        // A malformed line among those sampled for field discovery is the
        // error the scan would give; report it before analysis, where a
        // field only that line names would be an unknown column instead.
        if let (Some(e), BadLinePolicy::Fail) = (first_bad, options.on_bad_line) {
            return Err(QueryError::Read(e));
        }
        notes = crate::catalog::offline_fields::filter_notes(
            &crate::names::filtered(&parsed.query),
            |f| full.fields.iter().any(|(n, _)| n == f),
        );
        let mut names = crate::names::referenced(&parsed.query);
        lookup_prepare::keep_left_names(&mut names, &parsed.query, &lookups);
        schema::add_declared(&mut full, &indices, &names);
        schema::add_declared_patterns(&mut full, &indices, &crate::names::patterns(&parsed.query));
        full
    };
    let enrich_memory = crate::memory::MemoryBudget::new(options.memory_limit);
    let analyze_options = AnalyzeOptions {
        env: EvalEnv {
            now_ms: options.now_ms,
            ..EvalEnv::default()
        },
        default_limit: options.default_limit,
        max_limit: options.max_limit,
        enrich: enrich_tables(&parsed.query, catalog, options.now_ms, &enrich_memory)?,
        lookup: lookups,
    };
    let first =
        analyze(&parsed.query, source, &full, &analyze_options).map_err(QueryError::Analysis)?;
    let (mut analyzed, narrow) =
        stages::prune_fields(&parsed.query, source, &full, &first, &analyze_options)?;
    let scan_indices = stages::plan_scan(&mut analyzed.plan, indices, &narrow);
    Ok(Prepared {
        plan: analyzed.plan,
        parse_warnings: parsed.warnings,
        catalog_warnings,
        notes,
        scan_indices,
        used_lookup: analyzed.used_lookup,
        preloaded_bytes: enrich_memory.used(),
    })
}

/// Loads the documents of every enrich policy the query uses and the
/// catalog has; policies it lacks are reported by the analyzer.
fn enrich_tables(
    query: &Query,
    catalog: &Catalog,
    now_ms: i64,
    memory: &crate::memory::MemoryBudget,
) -> Result<HashMap<String, Arc<EnrichTable>>, QueryError> {
    /// The policy names of every ENRICH, FORK branches included.
    #[derive(Default)]
    struct Policies(Vec<String>);
    impl Visitor for Policies {
        type Break = std::convert::Infallible;
        fn command(&mut self, cmd: &Spanned<Command>) -> ControlFlow<Self::Break> {
            if let Command::Enrich(e) = &cmd.node {
                self.0.push(e.policy.node.clone());
            }
            ControlFlow::Continue(())
        }
    }
    let mut policies = Policies::default();
    let ControlFlow::Continue(()) = walk_query(query, &mut policies);
    let mut tables = HashMap::new();
    for name in policies.0 {
        if tables.contains_key(&name) {
            continue;
        }
        if let Some(policy) = catalog.enrich_policy(&name) {
            let table = table_load::load_policy(policy, now_ms, memory)?;
            tables.insert(name, Arc::new(table));
        }
    }
    Ok(tables)
}

fn resolve_indices(
    query: &Query,
    catalog: &Catalog,
) -> Result<(Vec<IndexInfo>, Vec<String>), QueryError> {
    let from = match &query.source.node {
        SourceCommand::From(f) | SourceCommand::Ts(f) => f,
        _ => return Ok((Vec::new(), Vec::new())),
    };
    let patterns: Vec<PatternRef<'_>> = from
        .indices
        .iter()
        .map(|p| PatternRef {
            cluster: p.node.cluster.as_deref(),
            pattern: &p.node.pattern,
            selector: p.node.selector.as_deref(),
        })
        .collect();
    match catalog.resolve(&patterns) {
        Ok(resolution) => Ok((resolution.indices, resolution.warnings)),
        Err(e) => Err(match e.unknown_index_problem() {
            Some(message) => {
                let span = from
                    .indices
                    .first()
                    .map(|p| p.span)
                    .unwrap_or(query.source.span);
                QueryError::Analysis(AnalysisError {
                    problems: vec![crate::analyze::Problem { span, message }],
                })
            }
            None => QueryError::Catalog(e),
        }),
    }
}

impl Prepared {
    /// Runs the plan.
    pub fn run(self, options: &RunOptions) -> Result<Output, QueryError> {
        let memory = options
            .memory
            .clone()
            .unwrap_or_else(|| crate::memory::MemoryBudget::new(options.memory_limit));
        memory.charge(self.preloaded_bytes);
        memory_check(&memory)?;
        table_load::load_lookups(
            &self.plan.operators,
            &self.used_lookup,
            options.now_ms,
            &memory,
        )?;
        let invariants = crate::invariant::Invariants::default();
        let mut ctx = EvalContext::new(EvalEnv {
            now_ms: options.now_ms,
            memory: memory.clone(),
            invariants: invariants.clone(),
            cancel: options
                .cancel
                .clone()
                .map(crate::cancel::Cancel::from_flag)
                .unwrap_or_default(),
        });
        let cancelled = ctx.env.cancel.clone();
        let mut pipeline = Pipeline::new(&self.plan.operators);
        if options.charge_rows {
            pipeline = pipeline.charging_rows();
        }
        let mut read_stats = ReadStats::default();
        match &self.plan.source {
            SourcePlan::Row(values) | SourcePlan::ShowInfo(values) => {
                pipeline.push(values.clone(), &mut ctx);
            }
            SourcePlan::From(from) => {
                let spec = ScanSpec {
                    fields: from.fields.clone(),
                    metadata: from.metadata.clone(),
                    required_literals: from.required_literals.clone(),
                    prefilter_columns: from.prefilter_columns.clone(),
                    record_prefilter: from.record_prefilter.clone(),
                    on_bad_line: options.on_bad_line,
                    progress: options.progress.clone(),
                };
                let threads = match options.threads {
                    0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
                    n => n,
                };
                if threads > 1 && !options.charge_rows && crate::exec::parallel::supported(&spec) {
                    let (rows, warnings, stats) = crate::exec::parallel::scan(
                        &self.plan.operators,
                        &self.scan_indices,
                        &spec,
                        threads,
                        &ctx.env,
                    )
                    .map_err(QueryError::Read)?;
                    invariant_check(&invariants)?;
                    cancel_check(&cancelled)?;
                    memory_check(&memory)?;
                    ctx.warnings = warnings;
                    return Ok(self.output(rows, ctx, stats));
                }
                read_stats = reader::scan(&self.scan_indices, &spec, |row| {
                    match pipeline.push(row, &mut ctx) {
                        Flow::Stop => Flow::Stop,
                        Flow::Continue => Flow::Continue,
                    }
                })
                .map_err(QueryError::Read)?;
            }
        }
        invariant_check(&invariants)?;
        cancel_check(&cancelled)?;
        memory_check(&memory)?;
        let rows = pipeline.finish(&mut ctx);
        invariant_check(&invariants)?;
        memory_check(&memory)?;
        Ok(self.output(rows, ctx, read_stats))
    }

    fn output(self, rows: Vec<Row>, ctx: EvalContext, read_stats: ReadStats) -> Output {
        let mut warnings = ctx.warnings.lines();
        warnings.extend(self.plan.warnings.iter().cloned());
        warnings.splice(0..0, self.catalog_warnings.iter().cloned());
        Output {
            result: QueryResult {
                columns: self.plan.columns.clone(),
                rows,
                warnings,
            },
            read_stats,
        }
    }
}

/// Fails when the caller asked the run to stop.
fn cancel_check(cancel: &crate::cancel::Cancel) -> Result<(), QueryError> {
    if cancel.requested() {
        Err(QueryError::Cancelled)
    } else {
        Ok(())
    }
}

/// Fails with an internal error when the run broke an invariant.
fn invariant_check(invariants: &crate::invariant::Invariants) -> Result<(), QueryError> {
    match invariants.first() {
        Some(what) => Err(QueryError::Internal(what.to_string())),
        None => Ok(()),
    }
}

fn memory_check(memory: &crate::memory::MemoryBudget) -> Result<(), QueryError> {
    if memory.exceeded() {
        return Err(QueryError::MemoryLimit {
            limit: memory.limit(),
            used: memory.used(),
        });
    }
    Ok(())
}

/// `1.5gb`-style sizes, as Elasticsearch prints byte sizes.
fn human_bytes(n: usize) -> String {
    const UNITS: [(&str, usize); 3] = [("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size {
            let v = n as f64 / size as f64;
            let text = format!("{v:.1}");
            return format!("{}{unit}", text.strip_suffix(".0").unwrap_or(&text));
        }
    }
    format!("{n}b")
}

/// Parses, analyses and runs `source` against `catalog`.
pub fn run(source: &str, catalog: &Catalog, options: &RunOptions) -> Result<Output, QueryError> {
    prepare(source, catalog, options)?.run(options)
}
