//! Elasticsearch's limits on a statement, checked where Elasticsearch checks
//! them and reported with its words.
//!
//! - Length: more than [`MAX_LENGTH`] characters (Java `String.length()`,
//!   i.e. UTF-16 code units) is refused before anything is read
//!   (`EsqlParser`).
//! - Piped commands: more than [`MAX_QUERY_DEPTH`] processing commands is
//!   refused once the grammar accepted the text (`LogicalPlanBuilder`
//!   counts one level per `query | processingCommand`).
//! - Expression nesting: Elasticsearch's `ExpressionBuilder` counts one level
//!   each time it builds a sub-expression through its `expression(…)` helper
//!   and refuses a level past [`MAX_EXPRESSION_DEPTH`]. Which sub-expressions
//!   go through that helper decides what "deep" means, so [`DepthTree`]
//!   records exactly those steps (see its documentation) and finds the first
//!   one, in the builder's visiting order, that is too deep.
//!
//! The first and last limits have no position in Elasticsearch's exception
//! (`line -1:-1:`); the report still shows a caret where the limit was
//! crossed.

use super::token::Token;

/// Longest statement Elasticsearch parses, in UTF-16 code units.
pub const MAX_LENGTH: usize = 1_000_000;

/// Most processing commands (`| …`) in a statement.
pub const MAX_QUERY_DEPTH: usize = 500;

/// Deepest nesting of sub-expressions, counted as Elasticsearch's
/// expression builder counts it.
pub const MAX_EXPRESSION_DEPTH: usize = 400;

/// Nesting (counted the same way, chains counted as if each element were
/// the last) at which the parser gives up before going deeper. Elasticsearch's
/// own recursive parser runs out of stack somewhere past its limit and
/// reports that with [`too_large_message`]; stopping at a fixed nesting keeps
/// this parser's recursion, and the tree it builds, bounded.
pub(crate) const MAX_PARSER_NESTING: usize = 600;

/// The counted steps directly under one parsed node.
pub(crate) type Steps = Vec<u32>;

/// A token range `[start, end)`.
pub(crate) type TokenRange = (usize, usize);

/// One sub-expression Elasticsearch builds through `expression(…)`.
struct Step {
    /// The tokens of its parent in Elasticsearch's parse tree: the text the
    /// message quotes.
    parent: TokenRange,
    /// Levels from this step down to its deepest step (1 for a leaf).
    height: u32,
    /// The counted steps directly below, in visiting order.
    children: Steps,
}

/// The counted steps of the expression being parsed, as a flat arena, so
/// that chains of any length are recorded without recursion.
///
/// Elasticsearch counts a level for: both operands of AND/OR, of a
/// comparison and of `+ - * / %`; the operand of NOT, of a sign, of `::`, of
/// IS NULL, of LIKE/RLIKE; each value of IN (the tested value too); the
/// content of parentheses; every operand that is a primary expression
/// (`operatorExpressionDefault`); the field and the query of `:`; each value
/// of a function's map argument; and the expression of a command (WHERE,
/// EVAL, SORT, …). A function's arguments are not counted (they are built
/// through `expressions(…)`), so `f(x)` costs one level (`f(x)` as a
/// primary) and `x` one more. Chains are left-deep: the first term of an
/// N-term OR chain is N - 1 levels below the chain.
#[derive(Default)]
pub(crate) struct DepthTree {
    steps: Vec<Step>,
}

impl DepthTree {
    /// Records a counted step whose parent covers `parent`, above `children`.
    pub(crate) fn step(&mut self, parent: TokenRange, children: Steps) -> u32 {
        let height = self.height(&children) + 1;
        let id = u32::try_from(self.steps.len()).unwrap_or(u32::MAX);
        self.steps.push(Step {
            parent,
            height: u32::try_from(height).unwrap_or(u32::MAX),
            children,
        });
        id
    }

    /// Levels below a node whose counted steps are `steps`.
    pub(crate) fn height(&self, steps: &[u32]) -> usize {
        steps
            .iter()
            .filter_map(|&s| self.steps.get(s as usize))
            .map(|s| s.height as usize)
            .max()
            .unwrap_or(0)
    }

    /// Number of recorded steps (a mark for [`DepthTree::truncate`]).
    pub(crate) fn len(&self) -> usize {
        self.steps.len()
    }

    /// Forgets the steps recorded after `mark`.
    pub(crate) fn truncate(&mut self, mark: usize) {
        self.steps.truncate(mark);
    }

    /// The parent of the first step, in Elasticsearch's visiting order (depth
    /// first, left to right), that lies deeper than [`MAX_EXPRESSION_DEPTH`]
    /// when `root` is at depth 1; `None` when every step fits.
    pub(crate) fn first_too_deep(&self, root: u32) -> Option<TokenRange> {
        let mut stack = vec![(root, 1usize)];
        while let Some((id, depth)) = stack.pop() {
            let step = self.steps.get(id as usize)?;
            if depth > MAX_EXPRESSION_DEPTH {
                return Some(step.parent);
            }
            if depth + step.height as usize - 1 <= MAX_EXPRESSION_DEPTH {
                continue;
            }
            stack.extend(step.children.iter().rev().map(|&c| (c, depth + 1)));
        }
        None
    }
}

/// The texts of `tokens[range]` joined without the whitespace and comments
/// between them, as ANTLR's `getText()` prints a parse-tree node.
pub(crate) fn tokens_text(src: &str, tokens: &[Token], range: TokenRange) -> String {
    tokens
        .get(range.0..range.1.max(range.0))
        .unwrap_or(&[])
        .iter()
        .map(|t| t.span.text(src))
        .collect()
}

/// Elasticsearch's message for an expression nested too deep.
pub(crate) fn expression_depth_message(text: &str) -> String {
    format!(
        "ESQL statement exceeded the maximum expression depth allowed ({MAX_EXPRESSION_DEPTH}): [{text}]"
    )
}

/// Elasticsearch's message for too many piped commands.
pub(crate) fn query_depth_message(text: &str) -> String {
    format!("ESQL statement exceeded the maximum query depth allowed ({MAX_QUERY_DEPTH}): [{text}]")
}

/// Elasticsearch's message for a statement longer than [`MAX_LENGTH`].
pub(crate) fn length_message(length: usize) -> String {
    format!("ESQL statement is too large [{length} characters > {MAX_LENGTH}]")
}

/// Elasticsearch's message when its parser runs out of stack.
pub(crate) fn too_large_message(query: &str) -> String {
    format!(
        "ESQL statement is too large, causing stack overflow when generating the parsing tree: [{query}]"
    )
}
