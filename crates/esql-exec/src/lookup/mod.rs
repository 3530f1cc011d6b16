//! LOOKUP JOIN: a left outer join of the rows with the documents of a
//! lookup index.
//!
//! The lookup index's fields are known when the query is analysed
//! ([`LookupIndex`]); its documents are read when the query runs, only the
//! fields the query uses (see `engine::table_load`), and each join indexes
//! them by its keys ([`JoinState`]). Matching follows Elasticsearch:
//!
//! * a left row whose key is null matches nothing; one whose key is
//!   multi-valued matches nothing and warns (`LOOKUP JOIN encountered
//!   multi-value`);
//! * a document whose key field is multi-valued is never matched; when it
//!   would have been (one of its values meets the left key), the join warns;
//! * several matching documents give one row each, in document order; no
//!   match gives one row with nulls for the lookup fields.

pub mod key;

use crate::catalog::{FloatStorage, IndexInfo};
use crate::memory::MemoryBudget;
use crate::types::DataType;
use crate::value::{Scalar, Value};
use key::{Key, KeyKind};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

/// A lookup index as the analyzer sees it: its fields, and where its
/// documents are.
#[derive(Debug)]
pub struct LookupIndex {
    /// The index name as `LOOKUP JOIN` names it.
    pub name: String,
    /// Its files and declared types.
    pub info: IndexInfo,
    /// Its fields with their types, sorted by name (as `FROM` lists them).
    pub fields: Vec<(String, DataType)>,
    /// Fields stored at reduced precision.
    pub storage: BTreeMap<String, FloatStorage>,
    /// Messages for fields whose type cannot be used.
    pub conflicts: Vec<(String, String)>,
}

impl LookupIndex {
    /// The position of field `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|(n, _)| n == name)
    }

    /// The storage precision of field `name`.
    pub fn storage_of(&self, name: &str) -> FloatStorage {
        self.storage.get(name).copied().unwrap_or_default()
    }
}

/// Documents of a lookup index, read for the fields some join needs.
#[derive(Debug, Default)]
pub struct LoadedIndex {
    /// The field positions (in [`LookupIndex::fields`]) each row holds, in order.
    pub columns: Vec<usize>,
    /// One row per document, in document order.
    pub rows: Vec<Vec<Value>>,
}

impl LoadedIndex {
    fn column(&self, field: usize) -> Option<usize> {
        self.columns.iter().position(|&c| c == field)
    }
}

/// A comparison of the expression form of `ON`, oriented left OP right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==` (also every key of the field-list form).
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
}

impl CmpOp {
    /// The operator for the operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::LtEq => CmpOp::GtEq,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::GtEq => CmpOp::LtEq,
            other => other,
        }
    }

    /// The ES|QL spelling.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtEq => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtEq => ">=",
        }
    }

    fn holds(self, o: Ordering) -> bool {
        match self {
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::NotEq => o != Ordering::Equal,
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::LtEq => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::GtEq => o != Ordering::Less,
        }
    }
}

/// One condition of a join: a left column compared with a lookup field.
#[derive(Clone, Debug)]
pub struct JoinKey {
    /// The left column (row position).
    pub left: usize,
    /// The lookup field (position in [`LookupIndex::fields`]).
    pub right: usize,
    /// How they compare.
    pub op: CmpOp,
    /// What the lookup field stores.
    pub kind: KeyKind,
}

/// One `LOOKUP JOIN` of a plan.
#[derive(Debug)]
pub struct LookupJoinSpec {
    /// The join's number in the query (0 for the first `LOOKUP JOIN`).
    pub id: usize,
    /// The lookup index.
    pub index: Arc<LookupIndex>,
    /// The conditions, all of which must hold.
    pub keys: Vec<JoinKey>,
    /// The lookup fields appended to each left row, in output order.
    pub outputs: Vec<usize>,
    /// Positions of the extended row (`[left…, outputs…]`) that make the output.
    pub keep: Vec<usize>,
    state: OnceLock<JoinState>,
}

impl LookupJoinSpec {
    /// A join whose documents are not loaded yet.
    pub fn new(
        id: usize,
        index: Arc<LookupIndex>,
        keys: Vec<JoinKey>,
        outputs: Vec<usize>,
        keep: Vec<usize>,
    ) -> Self {
        LookupJoinSpec {
            id,
            index,
            keys,
            outputs,
            keep,
            state: OnceLock::new(),
        }
    }

    /// The loaded, indexed documents; `None` before [`LookupJoinSpec::load`].
    pub fn state(&self) -> Option<&JoinState> {
        self.state.get()
    }

    /// True once the documents are loaded.
    pub fn is_loaded(&self) -> bool {
        self.state.get().is_some()
    }

    /// Indexes `table` for this join, charging the index to `memory`.
    pub fn load(&self, table: Arc<LoadedIndex>, memory: &MemoryBudget) {
        if self.state.get().is_none() {
            let _ = self.state.set(JoinState::build(self, table, memory));
        }
    }
}

/// What probing one left row found.
#[derive(Debug, PartialEq, Eq)]
pub struct Matches {
    /// The matching documents, in document order.
    pub docs: Vec<u32>,
    /// Whether the join warns for this row (a multi-valued key on either side).
    pub multi_value: bool,
}

/// A join's documents, indexed by its keys.
#[derive(Debug)]
pub struct JoinState {
    table: Arc<LoadedIndex>,
    keys: Vec<JoinKey>,
    /// Per key: the loaded column of its lookup field.
    key_columns: Vec<Option<usize>>,
    /// Per output field: its loaded column (none when no part of the query reads it).
    output_columns: Vec<Option<usize>>,
    /// The keys of the `==` conditions, when there are some.
    eq_keys: Vec<usize>,
    /// Documents with single-valued keys, by the values of the `==` keys.
    single: HashMap<Vec<Key>, Vec<u32>>,
    /// Documents with single-valued keys, when no condition is `==`.
    scan: Vec<u32>,
    /// Documents with a multi-valued key, by each value of the first `==`
    /// key (or all of them under `None` when no condition is `==`).
    multi: HashMap<Option<Key>, Vec<u32>>,
}

impl JoinState {
    fn build(spec: &LookupJoinSpec, table: Arc<LoadedIndex>, memory: &MemoryBudget) -> JoinState {
        let key_columns: Vec<Option<usize>> =
            spec.keys.iter().map(|k| table.column(k.right)).collect();
        let output_columns = spec.outputs.iter().map(|&f| table.column(f)).collect();
        let eq_keys: Vec<usize> = spec
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.op == CmpOp::Eq)
            .map(|(i, _)| i)
            .collect();
        let mut single: HashMap<Vec<Key>, Vec<u32>> = HashMap::new();
        let mut scan = Vec::new();
        let mut multi: HashMap<Option<Key>, Vec<u32>> = HashMap::new();
        let mut bytes = 0usize;
        'docs: for (d, row) in table.rows.iter().enumerate() {
            let Ok(d) = u32::try_from(d) else { break };
            let mut cells = Vec::with_capacity(spec.keys.len());
            for col in &key_columns {
                let cell = col.and_then(|c| row.get(c)).unwrap_or(&Value::Null);
                if cell.is_null() {
                    // A document without the key field never matches.
                    continue 'docs;
                }
                cells.push(cell);
            }
            if cells.iter().any(|c| matches!(c, Value::Many(_))) {
                let first = eq_keys.first().and_then(|&i| cells.get(i).map(|c| (i, *c)));
                match first {
                    Some((i, cell)) => {
                        let kind = spec.keys.get(i).map(|k| k.kind);
                        for s in cell.as_slice() {
                            if let Some(k) = kind.and_then(|kind| key::stored(kind, s)) {
                                multi.entry(Some(k)).or_default().push(d);
                            }
                        }
                    }
                    None => multi.entry(None).or_default().push(d),
                }
                bytes += 48;
                continue;
            }
            if eq_keys.is_empty() {
                scan.push(d);
                bytes += 4;
                continue;
            }
            let mut tuple = Vec::with_capacity(eq_keys.len());
            for &i in &eq_keys {
                let (Some(k), Some(cell)) = (spec.keys.get(i), cells.get(i)) else {
                    continue 'docs;
                };
                let Some(s) = cell.as_slice().first() else {
                    continue 'docs;
                };
                let Some(key) = key::stored(k.kind, s) else {
                    continue 'docs;
                };
                tuple.push(key);
            }
            bytes += 64 + tuple.len() * 32;
            single.entry(tuple).or_default().push(d);
        }
        memory.charge(bytes);
        JoinState {
            table,
            keys: spec.keys.clone(),
            key_columns,
            output_columns,
            eq_keys,
            single,
            scan,
            multi,
        }
    }

    /// The key cells of document `d`.
    fn doc_cell(&self, d: u32, key: usize) -> &Value {
        let row = self.table.rows.get(d as usize);
        let col = self.key_columns.get(key).copied().flatten();
        match (row, col) {
            (Some(row), Some(c)) => row.get(c).unwrap_or(&Value::Null),
            _ => &Value::Null,
        }
    }

    /// Whether every condition holds between `left` and document `d`,
    /// some value of a multi-valued field sufficing (as a term or range
    /// query matches).
    fn holds(&self, left: &[&Scalar], d: u32) -> bool {
        self.keys.iter().enumerate().all(|(i, k)| {
            let Some(l) = left.get(i) else {
                return false;
            };
            self.doc_cell(d, i).as_slice().iter().any(|s| {
                key::stored(k.kind, s)
                    .and_then(|stored| key::compare(k.kind, l, &stored))
                    .is_some_and(|o| k.op.holds(o))
            })
        })
    }

    /// The documents matching the left key cells `left` (one per condition).
    pub fn probe(&self, left: &[&Value]) -> Matches {
        let none = |multi_value| Matches {
            docs: Vec::new(),
            multi_value,
        };
        if left.iter().any(|v| matches!(v, Value::Many(_))) {
            return none(true);
        }
        let mut values: Vec<&Scalar> = Vec::with_capacity(left.len());
        for v in left {
            match v {
                Value::One(s) => values.push(s),
                _ => return none(false),
            }
        }
        let mut docs: Vec<u32> = Vec::new();
        let mut first_eq: Option<Key> = None;
        if self.eq_keys.is_empty() {
            docs.extend(
                self.scan
                    .iter()
                    .copied()
                    .filter(|&d| self.holds(&values, d)),
            );
        } else {
            let mut tuple = Vec::with_capacity(self.eq_keys.len());
            for &i in &self.eq_keys {
                let (Some(k), Some(v)) = (self.keys.get(i), values.get(i)) else {
                    return none(false);
                };
                match key::probe(k.kind, v) {
                    Some(key) => tuple.push(key),
                    None => return none(false),
                }
            }
            first_eq = tuple.first().cloned();
            if let Some(found) = self.single.get(&tuple) {
                if self.keys.len() == self.eq_keys.len() {
                    docs.extend_from_slice(found);
                } else {
                    docs.extend(found.iter().copied().filter(|&d| self.holds(&values, d)));
                }
            }
        }
        let candidates = if self.eq_keys.is_empty() {
            self.multi.get(&None)
        } else {
            self.multi.get(&first_eq)
        };
        let multi_value = candidates.is_some_and(|c| c.iter().any(|&d| self.holds(&values, d)));
        Matches { docs, multi_value }
    }

    /// The output cells of document `d` (nulls for a field no part of the
    /// query reads, and for `None`: no match).
    pub fn outputs(&self, d: Option<u32>) -> Vec<Value> {
        let row = d.and_then(|d| self.table.rows.get(d as usize));
        self.output_columns
            .iter()
            .map(|c| match (row, c) {
                (Some(row), Some(c)) => row.get(*c).cloned().unwrap_or(Value::Null),
                _ => Value::Null,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
