//! Hash aggregation for STATS: one accumulator set per group, groups in
//! first-seen order; a row with multi-valued keys joins every combination.

use crate::aggregates::Accumulator;
use crate::eval::{eval, truth, EvalContext};
use crate::plan::{AggregateSpec, StatsSpec};
use crate::value::{Row, Scalar, Value};
use foldhash::HashMap;
use foldhash::HashMapExt;
use std::sync::Arc;

/// One group: its key values and one accumulator per aggregate.
type Group = (Vec<Value>, Vec<Box<dyn Accumulator>>);

/// Running state of one STATS operator.
pub struct Aggregation {
    spec: Arc<StatsSpec>,
    index: HashMap<Vec<Value>, usize>,
    groups: Vec<Group>,
    scratch: Vec<Value>,
    /// The grouping key of the row being added (reused: no allocation per
    /// row).
    keys: Vec<Value>,
    /// Per aggregate: whether its accumulators grow with their input, so
    /// their growth is charged to the memory budget.
    grows: Vec<bool>,
}

impl Aggregation {
    /// Empty state for `spec`.
    pub fn new(spec: Arc<StatsSpec>) -> Self {
        let grows = spec
            .aggregates
            .iter()
            .map(|a| (a.aggregate.new_accumulator)().grows())
            .collect();
        Aggregation {
            spec,
            index: HashMap::new(),
            groups: Vec::new(),
            scratch: Vec::new(),
            keys: Vec::new(),
            grows,
        }
    }

    fn fresh(&self) -> Vec<Box<dyn Accumulator>> {
        self.spec
            .aggregates
            .iter()
            .map(|a| (a.aggregate.new_accumulator)())
            .collect()
    }

    /// Adds one input row.
    pub fn add(&mut self, row: &Row, ctx: &mut EvalContext) {
        let mut keys = std::mem::take(&mut self.keys);
        keys.extend(self.spec.groups.iter().map(|g| eval(g, row, ctx)));
        self.accumulate(&keys, row, ctx);
        keys.clear();
        self.keys = keys;
    }

    /// Adds one input row and returns its grouping key values.
    pub fn add_keyed(&mut self, row: &Row, ctx: &mut EvalContext) -> Vec<Value> {
        let keys: Vec<Value> = self.spec.groups.iter().map(|g| eval(g, row, ctx)).collect();
        self.accumulate(&keys, row, ctx);
        keys
    }

    fn accumulate(&mut self, keys: &[Value], row: &Row, ctx: &mut EvalContext) {
        if keys.iter().any(|k| matches!(k, Value::Many(_))) {
            let spec = self.spec.clone();
            // The row joins every combination of key values: evaluate its
            // arguments once for all of them.
            let args: Vec<Option<Vec<Value>>> = spec
                .aggregates
                .iter()
                .map(|a| {
                    if let Some(f) = &a.filter {
                        if truth(&eval(f, row, ctx)) != Some(true) {
                            return None;
                        }
                    }
                    Some(a.args.iter().map(|x| eval(x, row, ctx)).collect())
                })
                .collect();
            for key in combinations(keys) {
                let slot = self.slot(&key, ctx);
                if let Some((_, accs)) = self.groups.get_mut(slot) {
                    for (((acc, a), agg), &grows) in accs
                        .iter_mut()
                        .zip(&args)
                        .zip(&spec.aggregates)
                        .zip(&self.grows)
                    {
                        if let Some(a) = a {
                            feed(acc.as_mut(), a, agg, grows, ctx);
                        }
                    }
                }
            }
            return;
        }
        // One group: arguments go straight into its accumulators through a
        // reused buffer (no allocation per row).
        let slot = self.slot(keys, ctx);
        let Aggregation {
            spec,
            groups,
            scratch,
            grows,
            ..
        } = self;
        let Some((_, accs)) = groups.get_mut(slot) else {
            return;
        };
        for ((acc, agg), &grows) in accs.iter_mut().zip(&spec.aggregates).zip(grows.iter()) {
            if let Some(f) = &agg.filter {
                if truth(&eval(f, row, ctx)) != Some(true) {
                    continue;
                }
            }
            scratch.clear();
            scratch.extend(agg.args.iter().map(|x| eval(x, row, ctx)));
            feed(acc.as_mut(), scratch, agg, grows, ctx);
        }
    }

    /// The position of the group `key`, created (and charged to the memory
    /// budget) when new.
    fn slot(&mut self, key: &[Value], ctx: &mut EvalContext) -> usize {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        // The key is held twice (group list and index), plus the
        // accumulators' fixed part; values aggregates gather are not
        // counted.
        let key_bytes: usize = key.iter().map(crate::memory::value_bytes).sum();
        ctx.env
            .memory
            .charge(2 * key_bytes + 64 * self.spec.aggregates.len() + 96);
        let accs = self.fresh();
        self.groups.push((key.to_vec(), accs));
        self.index.insert(key.to_vec(), self.groups.len() - 1);
        self.groups.len() - 1
    }

    /// Folds another partial aggregation of the same operator into this one.
    pub fn merge(&mut self, other: Aggregation) {
        for (key, mut accs) in other.groups {
            match self.index.get(&key) {
                Some(&i) => {
                    if let Some((_, mine)) = self.groups.get_mut(i) {
                        for (m, o) in mine.iter_mut().zip(accs.iter_mut()) {
                            m.merge(o.as_mut());
                        }
                    }
                }
                None => {
                    self.index.insert(key.clone(), self.groups.len());
                    self.groups.push((key, accs));
                }
            }
        }
    }

    /// The output rows.
    pub fn finish(self, ctx: &mut EvalContext) -> Vec<Row> {
        self.finish_keyed(ctx)
            .into_iter()
            .map(|(_, row)| row)
            .collect()
    }

    /// The output rows, each with its group's key values.
    pub fn finish_keyed(mut self, ctx: &mut EvalContext) -> Vec<(Vec<Value>, Row)> {
        if self.groups.is_empty() && self.spec.groups.is_empty() {
            let accs = self.fresh();
            self.groups.push((Vec::new(), accs));
        }
        // With one grouping key Elasticsearch's hash keeps the null group in
        // its first slot; the others come in first-seen order.
        if self.spec.groups.len() == 1 {
            if let Some(i) = self
                .groups
                .iter()
                .position(|(k, _)| k.first().is_some_and(Value::is_null))
            {
                let null_group = self.groups.remove(i);
                self.groups.insert(0, null_group);
            }
        }
        let spec = self.spec.clone();
        let mut out = Vec::with_capacity(self.groups.len());
        for (key, mut accs) in self.groups {
            let mut inner = key.clone();
            for (acc, a) in accs.iter_mut().zip(&spec.aggregates) {
                inner.push(match acc.finish() {
                    Ok(v) => v,
                    Err(e) => {
                        ctx.warnings.record(&a.site, &e);
                        Value::Null
                    }
                });
            }
            out.push((
                key,
                spec.outputs.iter().map(|x| eval(x, &inner, ctx)).collect(),
            ));
        }
        out
    }
}

/// Adds one row's arguments to an accumulator, charging what it grows by
/// to the memory budget and reporting its warnings at the aggregate's
/// place in the query.
fn feed(
    acc: &mut dyn Accumulator,
    args: &[Value],
    agg: &AggregateSpec,
    grows: bool,
    ctx: &mut EvalContext,
) {
    if grows {
        let before = acc.held_bytes();
        acc.add(args);
        let grown = acc.held_bytes().saturating_sub(before);
        if grown > 0 {
            ctx.env.memory.charge(grown);
        }
    } else {
        acc.add(args);
    }
    for e in acc.take_warnings() {
        ctx.warnings.record(&agg.site, &e);
    }
}

/// Every combination of single key values (a null key is its own group).
/// A value repeated within one multi-valued key counts once, as
/// Elasticsearch's block hashes drop duplicates within a position.
pub(super) fn combinations(keys: &[Value]) -> Vec<Vec<Value>> {
    let mut out: Vec<Vec<Value>> = vec![Vec::with_capacity(keys.len())];
    for k in keys {
        match k {
            Value::Many(values) => {
                let mut distinct: Vec<&Scalar> = Vec::with_capacity(values.len());
                for v in values.iter() {
                    if !distinct.contains(&v) {
                        distinct.push(v);
                    }
                }
                let mut next = Vec::with_capacity(out.len() * distinct.len());
                for prefix in &out {
                    for &v in &distinct {
                        let mut p = prefix.clone();
                        p.push(Value::One(v.clone()));
                        next.push(p);
                    }
                }
                out = next;
            }
            single => out.iter_mut().for_each(|p| p.push(single.clone())),
        }
    }
    out
}
