//! The typed logical plan the analyzer produces and the executor runs.
//!
//! Columns are referred to by position in the row an operator receives;
//! functions are resolved evaluators. Nothing here is looked up by name.

mod explain;

use crate::aggregates::ResolvedAggregate;
use crate::functions::Resolved;
use crate::result::Column;
use crate::types::DataType;
use crate::value::Value;
use esql_extract::{DissectPattern, GrokPattern};
use esql_parser::ast::BinaryOp;
use std::sync::Arc;

/// Where a warning raised by an expression is reported: Elasticsearch's
/// `Line L:C` position and the expression's source text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Site {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The expression's source text.
    pub text: Arc<str>,
}

/// A resolved, typed expression.
#[derive(Clone, Debug)]
pub enum TypedExpr {
    /// A constant.
    Literal(Value, DataType),
    /// The cell at a position of the input row.
    Column(usize, DataType),
    /// A scalar function call (also casts and conversions).
    Call {
        /// The evaluator.
        func: Resolved,
        /// Arguments.
        args: Vec<TypedExpr>,
        /// Where failures are reported.
        site: Site,
    },
    /// Three-valued AND.
    And(Box<TypedExpr>, Box<TypedExpr>),
    /// Three-valued OR.
    Or(Box<TypedExpr>, Box<TypedExpr>),
    /// Three-valued NOT.
    Not(Box<TypedExpr>),
    /// Comparison or arithmetic on single values.
    Binary {
        /// The operator (comparison or arithmetic).
        op: BinaryOp,
        /// Left operand.
        left: Box<TypedExpr>,
        /// Right operand.
        right: Box<TypedExpr>,
        /// Result type.
        ty: DataType,
        /// Where failures are reported.
        site: Site,
    },
    /// Unary minus.
    Neg(Box<TypedExpr>, DataType, Site),
    /// `x IN (…)`, three-valued.
    In {
        /// The tested value.
        expr: Box<TypedExpr>,
        /// Candidates.
        list: Vec<TypedExpr>,
        /// Where failures are reported.
        site: Site,
    },
    /// `x IS [NOT] NULL`.
    IsNull(Box<TypedExpr>, bool),
    /// `x [NOT] LIKE/RLIKE pattern(s)`: any pattern matching the whole string.
    Like {
        /// The tested string.
        expr: Box<TypedExpr>,
        /// Compiled, anchored patterns.
        patterns: Arc<Vec<esql_pattern::TextMatcher>>,
        /// Where failures are reported.
        site: Site,
    },
}

impl TypedExpr {
    /// The expression's type.
    pub fn data_type(&self) -> DataType {
        match self {
            TypedExpr::Literal(_, t) | TypedExpr::Column(_, t) => *t,
            TypedExpr::Call { func, .. } => func.return_type,
            TypedExpr::Binary { ty, .. } | TypedExpr::Neg(_, ty, _) => *ty,
            TypedExpr::And(..)
            | TypedExpr::Or(..)
            | TypedExpr::Not(_)
            | TypedExpr::In { .. }
            | TypedExpr::IsNull(..)
            | TypedExpr::Like { .. } => DataType::Boolean,
        }
    }

    /// Calls `f` on every column position the expression reads.
    pub fn for_each_column(&self, f: &mut dyn FnMut(usize)) {
        match self {
            TypedExpr::Literal(..) => {}
            TypedExpr::Column(i, _) => f(*i),
            TypedExpr::Call { args, .. } => args.iter().for_each(|a| a.for_each_column(f)),
            TypedExpr::And(a, b) | TypedExpr::Or(a, b) => {
                a.for_each_column(f);
                b.for_each_column(f);
            }
            TypedExpr::Binary { left, right, .. } => {
                left.for_each_column(f);
                right.for_each_column(f);
            }
            TypedExpr::Not(a) | TypedExpr::Neg(a, ..) | TypedExpr::IsNull(a, _) => {
                a.for_each_column(f)
            }
            TypedExpr::In { expr, list, .. } => {
                expr.for_each_column(f);
                list.iter().for_each(|a| a.for_each_column(f));
            }
            TypedExpr::Like { expr, .. } => expr.for_each_column(f),
        }
    }
}

/// One aggregate of a STATS operator.
#[derive(Clone)]
pub struct AggregateSpec {
    /// Output column name.
    pub name: String,
    /// The resolved aggregate.
    pub aggregate: ResolvedAggregate,
    /// Per-row argument expressions (empty for `COUNT(*)`).
    pub args: Vec<TypedExpr>,
    /// Optional per-aggregate filter.
    pub filter: Option<TypedExpr>,
    /// Where failures of the final value are reported.
    pub site: Site,
}

/// A STATS operator.
#[derive(Clone)]
pub struct StatsSpec {
    /// Aggregates, in output order.
    pub aggregates: Vec<AggregateSpec>,
    /// Grouping key expressions, in output order.
    pub groups: Vec<TypedExpr>,
    /// Scalar expressions over the aggregate and group results, evaluated
    /// per output row: the row they see is `[aggregates…, groups…]`.
    /// Each output column is one of these.
    pub outputs: Vec<TypedExpr>,
}

/// A SORT key.
#[derive(Clone, Debug)]
pub struct SortSpec {
    /// What to sort by.
    pub expr: TypedExpr,
    /// Descending order.
    pub descending: bool,
    /// Nulls first.
    pub nulls_first: bool,
}

/// A plan operator. Each takes rows of its input layout and yields rows of
/// its output layout.
#[derive(Clone)]
pub enum Operator {
    /// Keep rows whose condition is true.
    Filter(TypedExpr),
    /// Append computed columns, each seeing the ones before it; then keep
    /// the listed positions of the extended row.
    Eval {
        /// Expressions appended in order.
        exprs: Vec<TypedExpr>,
        /// Positions of the extended row that make the output.
        keep: Vec<usize>,
    },
    /// Reorder or remove columns.
    Project(Vec<usize>),
    /// DISSECT: append the pattern's keys, then project.
    Dissect {
        /// The input string.
        input: TypedExpr,
        /// The compiled pattern.
        pattern: Arc<DissectPattern>,
        /// Positions of the extended row that make the output.
        keep: Vec<usize>,
    },
    /// GROK: append the pattern's captures, then project.
    Grok {
        /// The input string.
        input: TypedExpr,
        /// The compiled pattern.
        pattern: Arc<GrokPattern>,
        /// Positions of the extended row that make the output.
        keep: Vec<usize>,
        /// Where conversion failures (`:int` of `1.5`) are reported.
        site: Site,
    },
    /// One row per value of a column.
    MvExpand(usize),
    /// ENRICH: append the enrich fields at `positions` of the documents
    /// matching column `input`, then project to `keep`.
    Enrich {
        /// The looked-up column.
        input: usize,
        /// The policy's documents.
        table: Arc<crate::enrich::EnrichTable>,
        /// Which enrich fields to append, in output order.
        positions: Vec<usize>,
        /// Positions of the extended row that make the output.
        keep: Vec<usize>,
    },
    /// LOOKUP JOIN: each row extended with the lookup fields of every
    /// matching document (one row per document, nulls when none), then
    /// projected to the spec's `keep`.
    LookupJoin {
        /// The join: keys, lookup fields, and its documents once loaded.
        spec: Arc<crate::lookup::LookupJoinSpec>,
        /// Where multi-value warnings are reported (the command's text).
        site: Site,
    },
    /// Grouped aggregation.
    Stats(Arc<StatsSpec>),
    /// INLINE STATS: every input row, extended with its group's aggregate
    /// results (`[input…, stats outputs…]`), then projected to `keep`.
    InlineStats {
        /// The aggregation, as STATS would run it.
        spec: Arc<StatsSpec>,
        /// Positions of the extended row that make the output.
        keep: Vec<usize>,
    },
    /// Sort all rows.
    Sort(Vec<SortSpec>),
    /// Keep the first n rows.
    Limit(usize),
    /// Sort, then keep the first n rows.
    TopN(Vec<SortSpec>, usize),
}

impl Operator {
    /// True for the operators that need all their input before they give
    /// a row (STATS, INLINE STATS, SORT, TOP-N); the others stream.
    pub fn is_blocking(&self) -> bool {
        match self {
            Operator::Stats(_)
            | Operator::InlineStats { .. }
            | Operator::Sort(_)
            | Operator::TopN(..) => true,
            Operator::Filter(_)
            | Operator::Eval { .. }
            | Operator::Project(_)
            | Operator::Dissect { .. }
            | Operator::Grok { .. }
            | Operator::MvExpand(_)
            | Operator::Enrich { .. }
            | Operator::LookupJoin { .. }
            | Operator::Limit(_) => false,
        }
    }
}

/// Where rows come from.
#[derive(Clone, Debug)]
pub enum SourcePlan {
    /// `ROW`: one row of constants.
    Row(Vec<Value>),
    /// `FROM`: documents of the resolved indices.
    From(FromPlan),
    /// `SHOW INFO`: one row describing esql.
    ShowInfo(Vec<Value>),
}

/// The documents a `FROM` reads, and which fields it materialises.
#[derive(Clone, Debug)]
pub struct FromPlan {
    /// Indices with their files, in order.
    pub indices: Vec<crate::catalog::IndexInfo>,
    /// The fields to read, in row order, with their types.
    pub fields: Vec<(String, DataType)>,
    /// Metadata columns appended after the fields (`_index`, `_id`, …).
    pub metadata: Vec<String>,
    /// Literals each matching line must contain (prefilter), if any.
    pub required_literals: Vec<Vec<String>>,
    /// The fields (row positions) the prefiltered leading filters read: a
    /// line where one of them may be multi-valued is parsed even when it
    /// lacks the literals, as the filter would warn on it.
    pub prefilter_columns: Vec<usize>,
    /// What a raw CloudTrail record must hold to be converted at all.
    pub record_prefilter: crate::reader::record_prefilter::RecordPrefilter,
}

/// A complete plan.
#[derive(Clone)]
pub struct Plan {
    /// The source of rows.
    pub source: SourcePlan,
    /// The operators, in order.
    pub operators: Vec<Operator>,
    /// The output columns.
    pub columns: Vec<Column>,
    /// Warnings raised while analysing (e.g. the default limit).
    pub warnings: Vec<String>,
}
