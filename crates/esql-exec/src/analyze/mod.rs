//! Analysis: resolves every name and function of a parsed query against the
//! columns available at each step, checks types, and produces a typed
//! [`Plan`]. All problems are collected and reported together, as
//! Elasticsearch's verifier does (`Found N problems`).

mod commands;
mod enrich;
mod expr;
mod extract;
mod fulltext;
mod inline_stats;
mod literal;
mod lookup_join;
pub mod precision;
mod project;
mod stats;
mod stats_alias;
mod stats_shadow;
mod stats_verify;
mod suggest;

use crate::functions::EvalEnv;
use crate::plan::{Operator, Plan, Site};
use crate::result::Column;
use crate::types::DataType;
use esql_parser::ast::{Command, Query};
use esql_parser::{LineIndex, Span, Spanned};
use std::collections::BTreeSet;
use std::fmt;

/// Elasticsearch's default result size when a query has no LIMIT.
pub const DEFAULT_LIMIT: usize = 1000;
/// Elasticsearch's cap on result rows when the query has a LIMIT.
pub const MAX_LIMIT: usize = 10_000;

/// A column during analysis: its name, type, and the field it came from
/// unchanged (so unused fields can be left unread).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Col {
    pub name: String,
    pub ty: DataType,
    pub origin: Option<Origin>,
}

/// The field a column holds unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A field of the `FROM` indices (its position in the source schema).
    Source(usize),
    /// A field of a `LOOKUP JOIN`'s index: the join's number and the
    /// field's position in the lookup index.
    Lookup {
        /// Which `LOOKUP JOIN` of the query (0 for the first).
        join: usize,
        /// The field's position in the lookup index.
        field: usize,
    },
}

impl Col {
    /// The source field position, for a column that holds one unchanged.
    pub fn source(&self) -> Option<usize> {
        match self.origin {
            Some(Origin::Source(i)) => Some(i),
            _ => None,
        }
    }
}

/// One analysis problem: where and what, in Elasticsearch's wording.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The offending part of the query.
    pub span: Span,
    /// The message.
    pub message: String,
}

/// Analysis failed: every problem found, in source order.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisError {
    /// The problems.
    pub problems: Vec<Problem>,
}

impl AnalysisError {
    /// Elasticsearch's reason text: `Found N problem(s)` then one
    /// `line L:C: message` per problem.
    pub fn reason(&self, source: &str) -> String {
        let index = LineIndex::new(source);
        let n = self.problems.len();
        let mut out = format!("Found {n} problem{}", if n == 1 { "" } else { "s" });
        for p in &self.problems {
            let pos = index.line_col(p.span.start as usize);
            out.push_str(&format!(
                "\nline {}:{}: {}",
                pos.line, pos.column, p.message
            ));
        }
        out
    }
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.problems.iter().map(|p| p.message.as_str()).collect();
        write!(f, "{}", messages.join("; "))
    }
}

pub use crate::schema::SourceSchema;

/// Options that change analysis.
#[derive(Clone, Debug)]
pub struct AnalyzeOptions {
    /// `NOW()` and other per-query constants.
    pub env: EvalEnv,
    /// Limit added when the query has none.
    pub default_limit: usize,
    /// Cap on result rows.
    pub max_limit: usize,
    /// Loaded enrich policies, by name.
    pub enrich: std::collections::HashMap<String, std::sync::Arc<crate::enrich::EnrichTable>>,
    /// The lookup indices `LOOKUP JOIN` names, by name, or why one cannot
    /// be used (Elasticsearch's message).
    pub lookup: std::collections::HashMap<
        String,
        Result<std::sync::Arc<crate::lookup::LookupIndex>, String>,
    >,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            env: EvalEnv::default(),
            default_limit: DEFAULT_LIMIT,
            max_limit: MAX_LIMIT,
            enrich: std::collections::HashMap::new(),
            lookup: std::collections::HashMap::new(),
        }
    }
}

/// The analyzer's output: the plan, and which source fields it reads.
pub struct Analyzed {
    /// The typed plan (its FROM source lists every schema field; the
    /// caller narrows it to [`Analyzed::used_fields`]).
    pub plan: Plan,
    /// Positions (in the source schema) of fields the query reads or outputs.
    pub used_fields: BTreeSet<usize>,
    /// The lookup fields the query reads or outputs: (join number, field
    /// position in its lookup index).
    pub used_lookup: BTreeSet<(usize, usize)>,
}

/// Analysis state threaded through the commands.
pub(crate) struct Analyzer<'a> {
    pub source: &'a str,
    pub lines: LineIndex<'a>,
    pub options: &'a AnalyzeOptions,
    pub problems: Vec<Problem>,
    pub used: BTreeSet<usize>,
    pub used_lookup: BTreeSet<(usize, usize)>,
    /// The number the next `LOOKUP JOIN` gets.
    pub next_join: usize,
    /// Set right after a `LOOKUP JOIN`: what a following `WHERE` needs to
    /// move its conditions on left columns before the join.
    pub join_context: Option<lookup_join::JoinContext>,
    /// The lookup index of each `LOOKUP JOIN` analysed, by join number.
    pub joined: Vec<(usize, std::sync::Arc<crate::lookup::LookupIndex>)>,
    /// Filters a `WHERE` moved before the last `LOOKUP JOIN`.
    pub pushed_filters: Vec<Operator>,
    pub conflicts: &'a [(String, String)],
    /// Warnings from evaluating constants (ROW values).
    pub warnings: Vec<String>,
    /// Warnings Elasticsearch raises after analysis, while optimizing (the
    /// fields STATS drops for a repeated name), reported after the rest.
    pub late_warnings: Vec<String>,
}

impl<'a> Analyzer<'a> {
    pub fn problem(&mut self, span: Span, message: impl Into<String>) {
        self.problems.push(Problem {
            span,
            message: message.into(),
        });
    }

    /// Marks the field column `c` holds as used.
    pub fn mark(&mut self, c: &Col) {
        match c.origin {
            Some(Origin::Source(o)) => {
                self.used.insert(o);
            }
            Some(Origin::Lookup { join, field }) => {
                self.used_lookup.insert((join, field));
            }
            None => {}
        }
    }

    pub fn text(&self, span: Span) -> &'a str {
        span.text(self.source)
    }

    pub fn site(&self, span: Span) -> Site {
        let pos = self.lines.line_col(span.start as usize);
        Site {
            line: pos.line,
            column: pos.column,
            text: self.text(span).into(),
        }
    }
}

/// Analyses `query` (parsed from `source`). `schema` is what `FROM`
/// provides (ignored for `ROW`).
pub fn analyze(
    query: &Query,
    source: &str,
    schema: &SourceSchema,
    options: &AnalyzeOptions,
) -> Result<Analyzed, AnalysisError> {
    let mut a = Analyzer {
        source,
        lines: LineIndex::new(source),
        options,
        problems: Vec::new(),
        used: BTreeSet::new(),
        used_lookup: BTreeSet::new(),
        next_join: 0,
        join_context: None,
        joined: Vec::new(),
        pushed_filters: Vec::new(),
        conflicts: &schema.conflicts,
        warnings: Vec::new(),
        late_warnings: Vec::new(),
    };
    let (source_plan, mut cols) = commands::source(&mut a, &query.source, schema);
    let mut operators: Vec<Operator> = precision::operator(&cols, &schema.float_storage)
        .into_iter()
        .collect();
    // Where the last LOOKUP JOIN's operator is, for the filters a WHERE
    // right after it moves before it.
    let mut join_at: Option<usize> = None;
    for (at, cmd) in query.commands.iter().enumerate() {
        if matches!(cmd.node, Command::InlineStats(_)) {
            inline_stats::order_problems(&mut a, &query.commands, at);
        }
        if !matches!(cmd.node, Command::Where(_)) {
            a.join_context = None;
            join_at = None;
        }
        if let Some(op) = commands::command(&mut a, cmd, &mut cols) {
            if matches!(cmd.node, Command::LookupJoin(_)) {
                join_at = Some(operators.len() + op.len().saturating_sub(1));
            }
            operators.extend(op);
        }
        let pushed = std::mem::take(&mut a.pushed_filters);
        if let Some(at) = join_at.filter(|at| *at <= operators.len()) {
            let n = pushed.len();
            operators.splice(at..at, pushed);
            join_at = Some(at + n);
        }
    }
    lookup_join::sort_warnings(&mut a, &query.commands);
    let mut warnings = std::mem::take(&mut a.warnings);
    finish_limits(&query.commands, &mut operators, options, &mut warnings);
    for w in std::mem::take(&mut a.late_warnings) {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
    for c in &cols {
        a.mark(c);
    }
    if !a.problems.is_empty() {
        let mut problems = a.problems;
        problems.sort_by_key(|p| p.span.start);
        return Err(AnalysisError { problems });
    }
    Ok(Analyzed {
        plan: Plan {
            source: source_plan,
            operators,
            columns: to_columns(&cols),
            warnings,
        },
        used_fields: a.used,
        used_lookup: a.used_lookup,
    })
}

fn to_columns(cols: &[Col]) -> Vec<Column> {
    cols.iter()
        .map(|c| Column {
            name: c.name.clone(),
            ty: c.ty,
        })
        .collect()
}

/// Adds Elasticsearch's implicit limit (with its warning) when the query has
/// no LIMIT, caps explicit limits, and fuses SORT followed by LIMIT into a
/// top-N.
fn finish_limits(
    commands: &[Spanned<Command>],
    operators: &mut Vec<Operator>,
    options: &AnalyzeOptions,
    warnings: &mut Vec<String>,
) {
    let has_limit = commands.iter().any(|c| matches!(c.node, Command::Limit(_)));
    if !has_limit {
        operators.push(Operator::Limit(options.default_limit));
        warnings.push(format!(
            "No limit defined, adding default limit of [{}]",
            options.default_limit
        ));
    } else {
        operators.push(Operator::Limit(options.max_limit));
    }
    let mut fused: Vec<Operator> = Vec::with_capacity(operators.len());
    for op in operators.drain(..) {
        if let Operator::Limit(n) = op {
            if limit_behind_row_preserving(&mut fused, n) {
                continue;
            }
        }
        match (fused.last_mut(), op) {
            (Some(Operator::Limit(m)), Operator::Limit(n)) => *m = (*m).min(n),
            (_, op) => fused.push(op),
        }
    }
    *operators = fused;
}

/// Moves a LIMIT `n` behind the operators that give exactly one row per
/// input row (EVAL, KEEP/DROP/RENAME, DISSECT, GROK, ENRICH), as
/// Elasticsearch's optimizer pushes limits down, onto a SORT (which
/// becomes a top-N) or a top-N (whose count it lowers). Returns false,
/// changing nothing, when no SORT or top-N sits behind them: then the
/// LIMIT stays where it was written.
fn limit_behind_row_preserving(operators: &mut [Operator], n: usize) -> bool {
    // A LOOKUP JOIN gives at least one row per row (it is a left join):
    // the first n rows after it come from the first n at most before it,
    // so a SORT behind it becomes a top-N of n, and the LIMIT stays (as
    // Elasticsearch copies a limit below the join).
    let mut past_join = false;
    let Some(target) = operators.iter_mut().rev().find(|op| {
        if matches!(op, Operator::LookupJoin { .. }) {
            past_join = true;
            return false;
        }
        !one_row_per_row(op)
    }) else {
        return false;
    };
    if past_join {
        match target {
            Operator::Sort(keys) => {
                let keys = std::mem::take(keys);
                *target = Operator::TopN(keys, n);
            }
            Operator::TopN(_, m) => *m = (*m).min(n),
            _ => {}
        }
        return false;
    }
    match target {
        Operator::Sort(keys) => {
            let keys = std::mem::take(keys);
            *target = Operator::TopN(keys, n);
            true
        }
        Operator::TopN(_, m) => {
            *m = (*m).min(n);
            true
        }
        _ => false,
    }
}

/// True for the operators that turn each input row into exactly one
/// output row, so a LIMIT may run before them with the same result.
fn one_row_per_row(op: &Operator) -> bool {
    matches!(
        op,
        Operator::Eval { .. }
            | Operator::Project(_)
            | Operator::Dissect { .. }
            | Operator::Grok { .. }
            | Operator::Enrich { .. }
    )
}
