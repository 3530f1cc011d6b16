//! Execution: rows flow through the plan's operators. Streaming operators
//! (filter, eval, project, dissect, grok, mv_expand, limit) handle one row
//! at a time; STATS, SORT and TOP-N gather their input and then feed the
//! rest of the plan.

mod extract;
mod sort;
mod stats;

use crate::eval::{eval, truth, EvalContext};
use crate::plan::Operator;
use crate::reader::Flow;
use crate::value::{Row, Value};

pub use sort::TopN;
pub use stats::Aggregation;

/// A consumer of rows: either the output buffer or a blocking operator.
enum Stage {
    Stats(Aggregation),
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
}

impl<'p> Pipeline<'p> {
    /// A pipeline for `operators`.
    pub fn new(operators: &'p [Operator]) -> Pipeline<'p> {
        let split = operators
            .iter()
            .position(|op| {
                matches!(
                    op,
                    Operator::Stats(_) | Operator::Sort(_) | Operator::TopN(..)
                )
            })
            .unwrap_or(operators.len());
        let (streaming, tail) = operators.split_at(split);
        let (stage, rest) = match tail.split_first() {
            Some((Operator::Stats(spec), rest)) => {
                (Stage::Stats(Aggregation::new(spec.clone())), rest)
            }
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
            done: false,
        }
    }

    /// Pushes one row; `Flow::Stop` once no more input can change the result.
    pub fn push(&mut self, row: Row, ctx: &mut EvalContext) -> Flow {
        if self.done {
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
                    row = project(row, keep);
                }
                Operator::Project(keep) => row = project(row, keep),
                Operator::Dissect {
                    input,
                    pattern,
                    keep,
                } => {
                    let v = eval(input, &row, ctx);
                    extract::dissect(&v, pattern, &mut row);
                    row = project(row, keep);
                }
                Operator::Grok {
                    input,
                    pattern,
                    keep,
                } => {
                    let v = eval(input, &row, ctx);
                    extract::grok(&v, pattern, &mut row);
                    row = project(row, keep);
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
                        }
                        return;
                    }
                }
                Operator::Limit(n) => {
                    let Some(count) = self.limit_counts.get_mut(i) else {
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
                Operator::Stats(_) | Operator::Sort(_) | Operator::TopN(..) => {}
            }
            i += 1;
        }
        self.consume(row, ctx);
    }

    fn consume(&mut self, row: Row, ctx: &mut EvalContext) {
        match &mut self.stage {
            Stage::Stats(agg) => agg.add(&row, ctx),
            Stage::Sort(top) => top.add(row, ctx),
            Stage::Collect(rows) => rows.push(row),
        }
    }

    /// Ends the input and returns the final rows.
    pub fn finish(self, ctx: &mut EvalContext) -> Vec<Row> {
        let rows = match self.stage {
            Stage::Collect(rows) => return rows,
            Stage::Stats(agg) => agg.finish(ctx),
            Stage::Sort(top) => top.finish(),
        };
        run_rows(self.rest, rows, ctx)
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
fn project(mut row: Row, keep: &[usize]) -> Row {
    if keep.len() == row.len() && keep.iter().enumerate().all(|(i, &k)| i == k) {
        return row;
    }
    keep.iter()
        .map(|&k| row.get_mut(k).map(std::mem::take).unwrap_or(Value::Null))
        .collect()
}
