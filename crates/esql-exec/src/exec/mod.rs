//! Execution: rows flow through the plan's operators. Streaming operators
//! (filter, eval, project, dissect, grok, mv_expand, limit) handle one row
//! at a time; STATS, SORT and TOP-N gather their input and then feed the
//! rest of the plan.

mod extract;
mod inline_stats;

pub mod parallel;
mod sort;
mod stats;

use crate::eval::{eval, truth, EvalContext};
use crate::plan::Operator;
use crate::reader::Flow;
use crate::value::{Row, Value};

pub use inline_stats::InlineAggregation;
pub use sort::TopN;
pub use stats::Aggregation;

/// A consumer of rows: either the output buffer or a blocking operator.
enum Stage {
    Stats(Aggregation),
    Inline(InlineAggregation),
    Sort(TopN),
    Collect(Vec<Row>),
}

/// Runs `operators` over rows pushed by the source.
pub struct Pipeline<'p> {
    streaming: &'p [Operator],
    limit_counts: Vec<usize>,
    stage: Stage,
    rest: &'p [Operator],
    done: bool,
    /// Charge collected output rows to the memory budget (loading a table).
    charge_rows: bool,
}

impl<'p> Pipeline<'p> {
    /// A pipeline for `operators`.
    pub fn new(operators: &'p [Operator]) -> Pipeline<'p> {
        let split = operators
            .iter()
            .position(Operator::is_blocking)
            .unwrap_or(operators.len());
        let (streaming, tail) = operators.split_at(split);
        let (stage, rest) = match tail.split_first() {
            Some((Operator::Stats(spec), rest)) => {
                (Stage::Stats(Aggregation::new(spec.clone())), rest)
            }
            Some((Operator::InlineStats { spec, keep }, rest)) => (
                Stage::Inline(InlineAggregation::new(spec.clone(), keep.clone())),
                rest,
            ),
            Some((Operator::Sort(keys), rest)) => {
                (Stage::Sort(TopN::new(keys.clone(), None)), rest)
            }
            Some((Operator::TopN(keys, n), rest)) => {
                (Stage::Sort(TopN::new(keys.clone(), Some(*n))), rest)
            }
            _ => (Stage::Collect(Vec::new()), &[][..]),
        };
        Pipeline {
            streaming,
            limit_counts: vec![0; streaming.len()],
            stage,
            rest,
            // Nothing passes a leading LIMIT 0: no input is wanted.
            done: matches!(streaming.first(), Some(Operator::Limit(0))),
            charge_rows: false,
        }
    }

    /// The same pipeline, charging every row it collects to the memory
    /// budget (a table ENRICH or LOOKUP JOIN holds for the whole query).
    pub fn charging_rows(mut self) -> Self {
        self.charge_rows = true;
        self
    }

    /// Pushes one row; `Flow::Stop` once no more input can change the result.
    pub fn push(&mut self, row: Row, ctx: &mut EvalContext) -> Flow {
        if self.done || ctx.env.cancel.requested() {
            self.done = true;
            return Flow::Stop;
        }
        self.push_from(0, row, ctx);
        if self.done {
            Flow::Stop
        } else {
            Flow::Continue
        }
    }

    fn push_from(&mut self, start: usize, mut row: Row, ctx: &mut EvalContext) {
        let mut i = start;
        while let Some(op) = self.streaming.get(i) {
            match op {
                Operator::Filter(cond) => {
                    if truth(&eval(cond, &row, ctx)) != Some(true) {
                        return;
                    }
                }
                Operator::Eval { exprs, keep } => {
                    for e in exprs {
                        let v = eval(e, &row, ctx);
                        row.push(v);
                    }
                    row = project(row, keep, ctx);
                }
                Operator::Project(keep) => row = project(row, keep, ctx),
                Operator::Dissect {
                    input,
                    pattern,
                    keep,
                } => {
                    let v = eval(input, &row, ctx);
                    extract::dissect(&v, pattern, &mut row);
                    row = project(row, keep, ctx);
                }
                Operator::Grok {
                    input,
                    pattern,
                    keep,
                    site,
                } => {
                    let v = eval(input, &row, ctx);
                    extract::grok(&v, pattern, &mut row, ctx, site);
                    row = project(row, keep, ctx);
                }
                Operator::Enrich {
                    input,
                    table,
                    positions,
                    keep,
                } => {
                    let Some(cell) = row.get(*input).cloned() else {
                        ctx.env.invariants.broken(|| {
                            format!("ENRICH input position {input} is past the end of a row of {} cells", row.len())
                        });
                        return;
                    };
                    row.extend(table.lookup(&cell, positions));
                    row = project(row, keep, ctx);
                }
                Operator::LookupJoin { spec, site } => {
                    let Some(state) = spec.state() else {
                        ctx.env.invariants.broken(|| {
                            format!(
                                "LOOKUP JOIN [{}] runs before its documents were loaded",
                                spec.index.name
                            )
                        });
                        return;
                    };
                    let mut left = Vec::with_capacity(spec.keys.len());
                    for k in &spec.keys {
                        match row.get(k.left) {
                            Some(cell) => left.push(cell),
                            None => {
                                let len = row.len();
                                ctx.env.invariants.broken(|| {
                                    format!("LOOKUP JOIN key position {} is past the end of a row of {len} cells", k.left)
                                });
                                return;
                            }
                        }
                    }
                    let found = state.probe(&left);
                    if found.multi_value {
                        ctx.warnings.record(
                            site,
                            &crate::functions::EvalError::illegal_argument(
                                "LOOKUP JOIN encountered multi-value",
                            ),
                        );
                    }
                    match found.docs.split_last() {
                        None => {
                            row.extend(state.outputs(None));
                            row = project(row, &spec.keep, ctx);
                        }
                        Some((&last, rest)) => {
                            for &d in rest {
                                let mut copy = row.clone();
                                copy.extend(state.outputs(Some(d)));
                                let copy = project(copy, &spec.keep, ctx);
                                self.push_from(i + 1, copy, ctx);
                                if self.limit_exhausted_after(i) || self.done {
                                    return;
                                }
                            }
                            row.extend(state.outputs(Some(last)));
                            row = project(row, &spec.keep, ctx);
                        }
                    }
                }
                Operator::MvExpand(col) => {
                    if let Some(Value::Many(values)) = row.get(*col) {
                        let values = values.clone();
                        for v in values.iter() {
                            let mut copy = row.clone();
                            if let Some(cell) = copy.get_mut(*col) {
                                *cell = Value::One(v.clone());
                            }
                            self.push_from(i + 1, copy, ctx);
                            if self.limit_exhausted_after(i) {
                                break;
                            }
                        }
                        return;
                    }
                }
                Operator::Limit(n) => {
                    let Some(count) = self.limit_counts.get_mut(i) else {
                        ctx.env
                            .invariants
                            .broken(|| format!("LIMIT at operator {i} has no counter"));
                        self.done = true;
                        return;
                    };
                    if *count >= *n {
                        self.done = true;
                        return;
                    }
                    *count += 1;
                    if *count >= *n {
                        // This row still flows on; no later input can.
                        self.done = true;
                    }
                }
                // `streaming` ends before the first blocking operator.
                blocking => debug_assert!(blocking.is_blocking()),
            }
            i += 1;
        }
        self.consume(row, ctx);
    }

    /// True when a LIMIT after position `i` has let through all it will:
    /// no further row from `i` can reach the output.
    fn limit_exhausted_after(&self, i: usize) -> bool {
        self.streaming
            .iter()
            .zip(&self.limit_counts)
            .skip(i + 1)
            .any(|(op, count)| matches!(op, Operator::Limit(n) if count >= n))
    }

    fn consume(&mut self, row: Row, ctx: &mut EvalContext) {
        match &mut self.stage {
            Stage::Stats(agg) => agg.add(&row, ctx),
            Stage::Inline(inline) => inline.add(row, ctx),
            Stage::Sort(top) => top.add(row, ctx),
            Stage::Collect(rows) => {
                if self.charge_rows {
                    ctx.env.memory.charge(crate::memory::row_bytes(&row));
                }
                rows.push(row)
            }
        }
        if ctx.env.memory.exceeded() || ctx.env.invariants.is_broken() {
            self.done = true;
        }
    }

    /// Ends the input and returns the final rows.
    pub fn finish(self, ctx: &mut EvalContext) -> Vec<Row> {
        let rows = match self.stage {
            Stage::Collect(rows) => return rows,
            Stage::Stats(agg) => agg.finish(ctx),
            Stage::Inline(inline) => inline.finish(ctx),
            Stage::Sort(top) => top.finish(),
        };
        run_rows(self.rest, rows, ctx)
    }
}

/// What a pipeline gathered, to be combined with other pipelines' shares.
pub enum Partial {
    /// Output rows, in input order.
    Rows(Vec<Row>),
    /// A partial aggregation.
    Stats(Aggregation),
    /// A partial sort.
    Sort(TopN),
    /// Rows gathered by an INLINE STATS (never split across workers).
    Inline(InlineAggregation),
}

/// Where a plan can be cut so that disjoint parts of the input can be run
/// separately: workers run `operators[..worker_end]` (ending with a
/// blocking operator or a LIMIT when `worker_end > main_start`), the merging pipeline
/// runs `operators[main_start..]` over the workers' shares in input order.
pub fn split_point(operators: &[Operator]) -> (usize, usize) {
    for (i, op) in operators.iter().enumerate() {
        match op {
            // A part of the input in order gives the whole input's first n
            // rows at most its own first n: workers apply LIMIT too, and stop
            // reading there; the merging pipeline applies it again.
            Operator::Limit(_) => return (i + 1, i),
            // INLINE STATS needs every row before it can give any back, and
            // its partial states do not merge: the merging pipeline runs it.
            Operator::InlineStats { .. } => return (i, i),
            op if op.is_blocking() => return (i + 1, i),
            _ => {}
        }
    }
    (operators.len(), operators.len())
}

impl Pipeline<'_> {
    /// Ends the input without finishing the blocking operator.
    pub fn into_partial(self) -> Partial {
        match self.stage {
            Stage::Collect(rows) => Partial::Rows(rows),
            Stage::Stats(agg) => Partial::Stats(agg),
            Stage::Inline(inline) => Partial::Inline(inline),
            Stage::Sort(top) => Partial::Sort(top),
        }
    }

    /// Adds the share of a later part of the input: rows are pushed, partial
    /// states are merged into this pipeline's blocking operator.
    pub fn absorb(&mut self, part: Partial, ctx: &mut EvalContext) -> Flow {
        match (part, &mut self.stage) {
            (Partial::Stats(other), Stage::Stats(mine)) if self.streaming.is_empty() => {
                mine.merge(other)
            }
            (Partial::Sort(other), Stage::Sort(mine)) if self.streaming.is_empty() => {
                mine.merge(other)
            }
            (Partial::Rows(rows), _) => {
                for row in rows {
                    if self.push(row, ctx) == Flow::Stop {
                        return Flow::Stop;
                    }
                }
            }
            (Partial::Stats(other), _) => {
                let mut c = EvalContext::new(ctx.env.clone());
                for row in other.finish(&mut c) {
                    if self.push(row, ctx) == Flow::Stop {
                        return Flow::Stop;
                    }
                }
            }
            (Partial::Inline(other), _) => {
                let mut c = EvalContext::new(ctx.env.clone());
                for row in other.finish(&mut c) {
                    if self.push(row, ctx) == Flow::Stop {
                        return Flow::Stop;
                    }
                }
            }
            (Partial::Sort(other), _) => {
                for row in other.finish() {
                    if self.push(row, ctx) == Flow::Stop {
                        return Flow::Stop;
                    }
                }
            }
        }
        if self.done {
            Flow::Stop
        } else {
            Flow::Continue
        }
    }
}

/// Runs `operators` over an in-memory batch of rows.
pub fn run_rows(operators: &[Operator], rows: Vec<Row>, ctx: &mut EvalContext) -> Vec<Row> {
    let mut p = Pipeline::new(operators);
    for row in rows {
        if p.push(row, ctx) == Flow::Stop {
            break;
        }
    }
    p.finish(ctx)
}

/// The cells of `row` at `keep`, in that order.
fn project(mut row: Row, keep: &[usize], ctx: &EvalContext) -> Row {
    if keep.len() == row.len() && keep.iter().enumerate().all(|(i, &k)| i == k) {
        return row;
    }
    let len = row.len();
    keep.iter()
        .map(|&k| match row.get_mut(k) {
            Some(cell) => std::mem::take(cell),
            None => {
                ctx.env.invariants.broken(|| {
                    format!("projected position {k} is past the end of a row of {len} cells")
                });
                Value::Null
            }
        })
        .collect()
}

#[cfg(test)]
mod invariant_tests {
    use super::*;
    use crate::functions::EvalEnv;
    use crate::value::Scalar;

    fn one(i: i32) -> Value {
        Value::One(Scalar::Integer(i))
    }

    #[test]
    fn a_position_past_the_row_is_an_internal_error_not_a_null() {
        let mut ctx = EvalContext::new(EvalEnv::default());
        let rows = run_rows(
            &[Operator::Project(vec![0, 3])],
            vec![vec![one(1), one(2)]],
            &mut ctx,
        );
        assert_eq!(
            ctx.env.invariants.first(),
            Some("projected position 3 is past the end of a row of 2 cells")
        );
        assert!(rows.len() <= 1, "the pipeline stops at the broken row");
    }

    #[test]
    fn well_formed_plans_break_nothing() {
        let mut ctx = EvalContext::new(EvalEnv::default());
        let rows = run_rows(
            &[Operator::Project(vec![1, 0])],
            vec![vec![one(1), one(2)]],
            &mut ctx,
        );
        assert_eq!(rows, vec![vec![one(2), one(1)]]);
        assert!(!ctx.env.invariants.is_broken());
    }
}
