//! The ES|QL abstract syntax tree.
//!
//! Syntax only: nothing here knows about data, types or functions. Every node
//! carries the byte span of the text it was parsed from, either on a
//! [`Spanned`] wrapper or in its own `span` field. Equality includes spans.
//! Names are stored joined (`a.b.c`), the way Elasticsearch resolves them:
//! `` `a.b`.c `` and `a.b.c` name the same column.

use crate::span::{Span, Spanned};

/// A whole query: one source command followed by processing commands.
#[derive(Clone, PartialEq, Debug)]
pub struct Query {
    /// `FROM`, `ROW` or `SHOW`.
    pub source: Spanned<SourceCommand>,
    /// The commands after each `|`, in order.
    pub commands: Vec<Spanned<Command>>,
}

/// The command that starts a query.
#[derive(Clone, PartialEq, Debug)]
pub enum SourceCommand {
    /// `FROM pattern, … [METADATA _id, …]`
    From(From),
    /// `ROW a = 1, b = "x"`
    Row(Vec<Field>),
    /// `SHOW INFO`
    ShowInfo,
    /// `TS pattern, …` (time-series source; parsed, not executed offline)
    Ts(From),
}

/// The body of `FROM` (and `TS`).
#[derive(Clone, PartialEq, Debug)]
pub struct From {
    /// Index patterns, in written order.
    pub indices: Vec<Spanned<IndexPattern>>,
    /// Metadata field names after `METADATA`.
    pub metadata: Vec<Spanned<String>>,
}

/// One index pattern of `FROM`, e.g. `logs-aws.cloudtrail-*`, `"quoted"`,
/// `remote:logs-*`, `-excluded*` or `logs::failures`.
#[derive(Clone, PartialEq, Debug)]
pub struct IndexPattern {
    /// Remote cluster prefix (`cluster:`), if any.
    pub cluster: Option<String>,
    /// The pattern itself, without cluster prefix or selector, unquoted.
    pub pattern: String,
    /// Selector after `::` (`data`, `failures`), if any.
    pub selector: Option<String>,
    /// Whether the pattern was written in double quotes.
    pub quoted: bool,
}

/// A processing command (after a `|`).
#[derive(Clone, PartialEq, Debug)]
pub enum Command {
    /// `WHERE condition`
    Where(Expr),
    /// `EVAL field, …`
    Eval(Vec<Field>),
    /// `STATS aggs BY keys`
    Stats(Stats),
    /// `INLINE STATS …` / `INLINESTATS …`
    InlineStats(Stats),
    /// `SORT key, …`
    Sort(Vec<SortKey>),
    /// `LIMIT n` (an integer literal or a parameter)
    Limit(Expr),
    /// `KEEP pattern, …`
    Keep(Vec<Spanned<String>>),
    /// `DROP pattern, …`
    Drop(Vec<Spanned<String>>),
    /// `RENAME old AS new, …` / `RENAME new = old, …`
    Rename(Vec<Rename>),
    /// `DISSECT input "pattern" [APPEND_SEPARATOR = "sep"]`
    Dissect(Dissect),
    /// `GROK input "pattern"[, "pattern" …]`
    Grok(Grok),
    /// `MV_EXPAND column`
    MvExpand(Spanned<String>),
    /// `ENRICH [mode:]policy [ON field] [WITH [new =] field, …]`
    Enrich(Enrich),
    /// `LOOKUP JOIN index ON field, …`
    LookupJoin(LookupJoin),
    /// `COMPLETION [target =] prompt WITH { options }` (an LLM call)
    Completion(Completion),
    /// `SAMPLE probability`
    Sample(Expr),
    /// `CHANGE_POINT value [ON key] [AS type_name, pvalue_name]`
    ChangePoint(ChangePoint),
    /// `FORK (commands) (commands) …`
    Fork(Vec<Spanned<Vec<Spanned<Command>>>>),
    /// Any other command the grammar accepts but esql does not model in
    /// detail (e.g. `RERANK`, `INSIST_🐔`): its keyword and raw text.
    Other(OtherCommand),
}

/// `name = expr` or a bare `expr` (named by its source text).
#[derive(Clone, PartialEq, Debug)]
pub struct Field {
    /// The explicit name, if the `name =` form was used.
    pub name: Option<Spanned<String>>,
    /// The value.
    pub expr: Expr,
}

/// Body of `STATS` and `INLINE STATS`.
#[derive(Clone, PartialEq, Debug)]
pub struct Stats {
    /// Aggregate fields, each with an optional `WHERE` filter.
    pub aggregates: Vec<AggregateField>,
    /// Grouping fields after `BY`.
    pub groups: Vec<Field>,
}

/// One aggregate of `STATS`: `name = agg(x) [WHERE cond]`.
#[derive(Clone, PartialEq, Debug)]
pub struct AggregateField {
    /// The aggregate expression and its optional name.
    pub field: Field,
    /// The per-aggregate filter.
    pub filter: Option<Expr>,
}

/// `expr [ASC|DESC] [NULLS FIRST|LAST]`
#[derive(Clone, PartialEq, Debug)]
pub struct SortKey {
    /// What to sort by.
    pub expr: Expr,
    /// The written direction, if any (ascending when absent).
    pub order: Option<SortOrder>,
    /// The written null placement, if any.
    pub nulls: Option<NullsOrder>,
    /// Span of the whole key.
    pub span: Span,
}

/// Sort direction.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SortOrder {
    /// `ASC`
    Asc,
    /// `DESC`
    Desc,
}

/// Null placement in `SORT`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NullsOrder {
    /// `NULLS FIRST`
    First,
    /// `NULLS LAST`
    Last,
}

/// One clause of `RENAME`.
#[derive(Clone, PartialEq, Debug)]
pub struct Rename {
    /// The existing column (or pattern).
    pub old: Spanned<String>,
    /// The new name (or pattern).
    pub new: Spanned<String>,
    /// Whether it was written `new = old` rather than `old AS new`.
    pub assign_form: bool,
}

/// Body of `DISSECT`.
#[derive(Clone, PartialEq, Debug)]
pub struct Dissect {
    /// The string to take apart.
    pub input: Expr,
    /// The dissect pattern (a string literal, already unescaped).
    pub pattern: Spanned<String>,
    /// `name = constant` options (only `APPEND_SEPARATOR` is valid).
    pub options: Vec<CommandOption>,
}

/// Body of `GROK`.
#[derive(Clone, PartialEq, Debug)]
pub struct Grok {
    /// The string to match.
    pub input: Expr,
    /// One or more grok patterns (string literals, already unescaped).
    pub patterns: Vec<Spanned<String>>,
}

/// `name = constant` after a command, e.g. `APPEND_SEPARATOR = ","`.
#[derive(Clone, PartialEq, Debug)]
pub struct CommandOption {
    /// The option name as written.
    pub name: Spanned<String>,
    /// Its value (a constant expression).
    pub value: Expr,
}

/// Body of `ENRICH`.
#[derive(Clone, PartialEq, Debug)]
pub struct Enrich {
    /// `_any`, `_coordinator`, `_remote` prefix, if any.
    pub mode: Option<Spanned<String>>,
    /// The policy name.
    pub policy: Spanned<String>,
    /// The match field after `ON`.
    pub on: Option<Spanned<String>>,
    /// `WITH` clauses.
    pub with: Vec<EnrichWith>,
}

/// One `WITH` clause of `ENRICH`: `[new =] enrich_field`.
#[derive(Clone, PartialEq, Debug)]
pub struct EnrichWith {
    /// The output name, if renamed.
    pub new: Option<Spanned<String>>,
    /// The enrich field.
    pub field: Spanned<String>,
}

/// Body of `LOOKUP JOIN`.
#[derive(Clone, PartialEq, Debug)]
pub struct LookupJoin {
    /// The lookup index pattern.
    pub index: Spanned<IndexPattern>,
    /// The join fields (or a join condition expression in newer syntax).
    pub on: Vec<Expr>,
}

/// Body of `COMPLETION`.
#[derive(Clone, PartialEq, Debug)]
pub struct Completion {
    /// The output column, if named.
    pub target: Option<Spanned<String>>,
    /// The prompt expression.
    pub prompt: Expr,
    /// The options after `WITH` (inference id etc.): a map or an identifier.
    pub options: Option<Expr>,
}

/// Body of `CHANGE_POINT`.
#[derive(Clone, PartialEq, Debug)]
pub struct ChangePoint {
    /// The value column.
    pub value: Spanned<String>,
    /// The key column after `ON`.
    pub key: Option<Spanned<String>>,
    /// Output column names after `AS`: type name and p-value name.
    pub names: Option<(Spanned<String>, Spanned<String>)>,
}

/// A command esql parses but does not model: its keyword and its text.
#[derive(Clone, PartialEq, Debug)]
pub struct OtherCommand {
    /// The command keyword, lowercased.
    pub keyword: String,
    /// The full text of the command after the keyword, verbatim.
    pub text: String,
}

/// An expression with its span.
#[derive(Clone, PartialEq, Debug)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// The text it covers, first token to last token.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Clone, PartialEq, Debug)]
pub enum ExprKind {
    /// A constant.
    Literal(Literal),
    /// A column reference, dotted parts joined with `.`.
    Column(String),
    /// A query parameter.
    Param(Param),
    /// A function call (scalar or aggregate; the parser does not know which).
    Call(Call),
    /// Unary minus (unary plus is dropped).
    Neg(Box<Expr>),
    /// `NOT e`
    Not(Box<Expr>),
    /// Arithmetic, comparison and logical binary operators.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `e [NOT] IN (a, b, …)`
    In {
        /// The tested value.
        expr: Box<Expr>,
        /// The candidates.
        list: Vec<Expr>,
        /// `NOT IN`
        negated: bool,
    },
    /// `e IS [NOT] NULL`
    IsNull {
        /// The tested value.
        expr: Box<Expr>,
        /// `IS NOT NULL`
        negated: bool,
    },
    /// `e [NOT] LIKE pattern`, `e [NOT] RLIKE pattern`, and the list forms.
    Like {
        /// The tested string.
        expr: Box<Expr>,
        /// The patterns: string literals or parameters. One unless the
        /// parenthesised list form was written.
        patterns: Vec<Expr>,
        /// Whether the list form `LIKE (…)` was written.
        list_form: bool,
        /// `RLIKE` rather than `LIKE`.
        regex: bool,
        /// `NOT LIKE` / `NOT RLIKE`
        negated: bool,
    },
    /// `field : query` (full-text match operator)
    Match {
        /// The field.
        field: Box<Expr>,
        /// The query value.
        query: Box<Expr>,
    },
    /// `e::type`
    Cast {
        /// The converted value.
        expr: Box<Expr>,
        /// The target type name as written (case preserved).
        to: Spanned<String>,
    },
    /// `{"key": value, …}` (function options; only inside call arguments).
    Map(Vec<MapEntry>),
}

/// A function call.
#[derive(Clone, PartialEq, Debug)]
pub struct Call {
    /// The function name as written.
    pub name: Spanned<String>,
    /// The arguments (a trailing map literal is the last argument).
    pub args: Vec<Expr>,
    /// `f(*)`
    pub star: bool,
}

/// One entry of a map literal.
#[derive(Clone, PartialEq, Debug)]
pub struct MapEntry {
    /// The key (a string literal, unescaped).
    pub key: Spanned<String>,
    /// The value.
    pub value: Expr,
}

/// Binary operators, logical and arithmetic.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum BinaryOp {
    /// `OR`
    Or,
    /// `AND`
    And,
    /// `==` (also a lone `=` read leniently)
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtEq,
    /// `>`
    Gt,
    /// `>=`
    GtEq,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
}

impl BinaryOp {
    /// The operator's ES|QL spelling.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "OR",
            BinaryOp::And => "AND",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::LtEq => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::GtEq => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
        }
    }

    /// True for `== != < <= > >=`.
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Eq
                | BinaryOp::NotEq
                | BinaryOp::Lt
                | BinaryOp::LtEq
                | BinaryOp::Gt
                | BinaryOp::GtEq
        )
    }

    /// True for `+ - * / %`.
    pub fn is_arithmetic(self) -> bool {
        matches!(
            self,
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod
        )
    }
}

/// A constant.
#[derive(Clone, PartialEq, Debug)]
pub enum Literal {
    /// `null`
    Null,
    /// `true` / `false`
    Boolean(bool),
    /// An integer that fits in `i64` (a written sign is folded in).
    Integer(i64),
    /// An integer between `i64::MAX` and `u64::MAX`.
    UnsignedLong(u64),
    /// A decimal, or an integer too large for `u64`.
    Decimal(f64),
    /// A string (escapes already processed).
    String(String),
    /// `7 day`, `30 seconds`, `1h`: an integer quantity and its unit as written.
    TimeSpan {
        /// The quantity.
        value: i64,
        /// The unit as written (case preserved).
        unit: String,
    },
    /// `[a, b, …]` of constants.
    List(Vec<Literal>),
}

/// A query parameter.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Param {
    /// `?` (the n-th anonymous parameter, 1-based, counted by the parser)
    Anonymous(usize),
    /// `?name`
    Named(String),
    /// `?1`
    Positional(usize),
    /// `??name` (identifier or pattern parameter)
    DoubleNamed(String),
}

/// Options for [`crate::parse_with`].
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseOptions {
    /// Reject a lone `=` in comparison position as Elasticsearch does,
    /// instead of reading it as `==` with a warning.
    pub strict: bool,
}
