//! Values: a cell holds zero (null), one, or several values of one type,
//! exactly as Elasticsearch's blocks do.

use crate::types::DataType;
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A calendar period (`date_period`): years, months and days.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Period {
    /// Whole months (years are folded in as 12 months).
    pub months: i64,
    /// Whole days (weeks are folded in as 7 days).
    pub days: i32,
}

/// One value of a known type.
#[derive(Clone, Debug)]
pub enum Scalar {
    /// `boolean`
    Boolean(bool),
    /// `integer`
    Integer(i32),
    /// `long`
    Long(i64),
    /// `unsigned_long`
    UnsignedLong(u64),
    /// `double` (never NaN or infinite)
    Double(f64),
    /// `keyword` or `text`
    Str(Arc<str>),
    /// `date`: milliseconds since the epoch, UTC
    Date(i64),
    /// `date_nanos`: nanoseconds since the epoch, UTC
    DateNanos(i64),
    /// `ip`: 16 bytes, IPv4 mapped as `::ffff:a.b.c.d`
    Ip([u8; 16]),
    /// `version`: the original text (ordered by [`crate::version::compare`])
    Version(Arc<str>),
    /// `date_period` constant
    Period(Period),
    /// `time_duration` constant, in milliseconds
    Duration(i64),
}

impl Scalar {
    /// A keyword from a string slice.
    pub fn str(s: &str) -> Scalar {
        Scalar::Str(Arc::from(s))
    }

    /// The string content, for `keyword`/`text` values.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Rank of the variant, used to order values of different variants
    /// (which the analyzer normally prevents from meeting).
    fn rank(&self) -> u8 {
        match self {
            Scalar::Boolean(_) => 0,
            Scalar::Integer(_) | Scalar::Long(_) | Scalar::UnsignedLong(_) | Scalar::Double(_) => 1,
            Scalar::Str(_) => 2,
            Scalar::Date(_) | Scalar::DateNanos(_) => 3,
            Scalar::Ip(_) => 4,
            Scalar::Version(_) => 5,
            Scalar::Period(_) => 6,
            Scalar::Duration(_) => 7,
        }
    }

    /// Total order used by SORT, MIN/MAX, multi-value sorting and grouping.
    /// Numbers compare by value across numeric variants; dates compare on
    /// the instant across `date` and `date_nanos`.
    pub fn total_cmp(&self, other: &Scalar) -> Ordering {
        use Scalar::*;
        match (self, other) {
            (Boolean(a), Boolean(b)) => a.cmp(b),
            (Integer(a), Integer(b)) => a.cmp(b),
            (Long(a), Long(b)) => a.cmp(b),
            (UnsignedLong(a), UnsignedLong(b)) => a.cmp(b),
            (Double(a), Double(b)) => a.total_cmp(b),
            (Str(a), Str(b)) => a.as_bytes().cmp(b.as_bytes()),
            (Date(a), Date(b)) => a.cmp(b),
            (DateNanos(a), DateNanos(b)) => a.cmp(b),
            (Date(a), DateNanos(b)) => (*a as i128 * 1_000_000).cmp(&(*b as i128)),
            (DateNanos(a), Date(b)) => (*a as i128).cmp(&(*b as i128 * 1_000_000)),
            (Ip(a), Ip(b)) => a.cmp(b),
            (Version(a), Version(b)) => crate::version::compare(a, b),
            (Period(a), Period(b)) => (a.months, a.days).cmp(&(b.months, b.days)),
            (Duration(a), Duration(b)) => a.cmp(b),
            (a, b) if a.rank() == 1 && b.rank() == 1 => compare_numbers(a, b),
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    /// The value as an `f64`, for numeric variants.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Integer(v) => Some(*v as f64),
            Scalar::Long(v) => Some(*v as f64),
            Scalar::UnsignedLong(v) => Some(*v as f64),
            Scalar::Double(v) => Some(*v),
            _ => None,
        }
    }

    /// The value as an `i64`, for `integer` and `long`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Scalar::Integer(v) => Some(*v as i64),
            Scalar::Long(v) => Some(*v),
            _ => None,
        }
    }
}

/// Compares two numbers of possibly different numeric variants exactly.
fn compare_numbers(a: &Scalar, b: &Scalar) -> Ordering {
    fn as_i128(s: &Scalar) -> Option<i128> {
        match s {
            Scalar::Integer(v) => Some(*v as i128),
            Scalar::Long(v) => Some(*v as i128),
            Scalar::UnsignedLong(v) => Some(*v as i128),
            _ => None,
        }
    }
    match (as_i128(a), as_i128(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => {
            let x = a.as_f64().unwrap_or(0.0);
            let y = b.as_f64().unwrap_or(0.0);
            x.total_cmp(&y)
        }
    }
}

impl PartialEq for Scalar {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            // -0.0 == 0.0 as in Elasticsearch
            (Scalar::Double(a), Scalar::Double(b)) => a == b,
            (Scalar::Str(a), Scalar::Str(b)) => a == b,
            _ => self.total_cmp(other) == Ordering::Equal,
        }
    }
}

impl Eq for Scalar {}

impl Hash for Scalar {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Scalar::Boolean(b) => (0u8, b).hash(state),
            Scalar::Integer(v) => (1u8, *v as i64).hash(state),
            Scalar::Long(v) => (1u8, *v).hash(state),
            Scalar::UnsignedLong(v) => match i64::try_from(*v) {
                Ok(v) => (1u8, v).hash(state),
                Err(_) => (9u8, *v).hash(state),
            },
            Scalar::Double(v) => {
                let v = if *v == 0.0 { 0.0 } else { *v };
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    (1u8, v as i64).hash(state)
                } else {
                    (10u8, v.to_bits()).hash(state)
                }
            }
            Scalar::Str(s) => (2u8, s.as_bytes()).hash(state),
            Scalar::Date(ms) => (3u8, *ms as i128 * 1_000_000).hash(state),
            Scalar::DateNanos(ns) => (3u8, *ns as i128).hash(state),
            Scalar::Ip(b) => (4u8, b).hash(state),
            Scalar::Version(v) => (5u8, crate::version::normalized_key(v)).hash(state),
            Scalar::Period(p) => (6u8, p).hash(state),
            Scalar::Duration(d) => (7u8, d).hash(state),
        }
    }
}

/// One cell: null, a single value, or a multi-value (two or more values of
/// one type). `[]` and `null` are both [`Value::Null`]; a one-element list is
/// [`Value::One`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Value {
    /// No value.
    #[default]
    Null,
    /// Exactly one value.
    One(Scalar),
    /// Two or more values.
    Many(Arc<[Scalar]>),
}

impl Value {
    /// Builds a cell from any number of values, upholding the invariant
    /// (0 → null, 1 → single, more → multi).
    pub fn from_vec(mut values: Vec<Scalar>) -> Value {
        match values.len() {
            0 => Value::Null,
            1 => values.pop().map(Value::One).unwrap_or(Value::Null),
            _ => Value::Many(values.into()),
        }
    }

    /// A single keyword value.
    pub fn str(s: &str) -> Value {
        Value::One(Scalar::str(s))
    }

    /// True for null.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The values of the cell as a slice (empty for null).
    pub fn as_slice(&self) -> &[Scalar] {
        match self {
            Value::Null => &[],
            Value::One(s) => std::slice::from_ref(s),
            Value::Many(v) => v,
        }
    }

    /// Number of values (0 for null).
    pub fn count(&self) -> usize {
        self.as_slice().len()
    }

    /// The single value, if the cell holds exactly one.
    pub fn single(&self) -> Option<&Scalar> {
        match self {
            Value::One(s) => Some(s),
            _ => None,
        }
    }

    /// Sorts the values ascending (keeping duplicates), as doc values of
    /// numeric, date and boolean fields come back from Elasticsearch.
    pub fn sorted(self) -> Value {
        match self {
            Value::Many(v) => {
                let mut v = v.to_vec();
                v.sort_by(Scalar::total_cmp);
                Value::from_vec(v)
            }
            other => other,
        }
    }

    /// Sorts ascending and removes duplicates, as doc values of keyword, ip
    /// and version fields come back from Elasticsearch.
    pub fn sorted_dedup(self) -> Value {
        match self {
            Value::Many(v) => {
                let mut v = v.to_vec();
                v.sort_by(Scalar::total_cmp);
                v.dedup_by(|a, b| a.total_cmp(b) == Ordering::Equal);
                Value::from_vec(v)
            }
            other => other,
        }
    }

    /// Normalises a loaded multi-value the way Elasticsearch stores a field
    /// of type `ty`: strings, ips and versions de-duplicated and sorted,
    /// other types sorted. `text` keeps source order.
    pub fn normalize_for(self, ty: DataType) -> Value {
        match ty {
            DataType::Keyword | DataType::Ip | DataType::Version => self.sorted_dedup(),
            DataType::Text => self,
            _ => self.sorted(),
        }
    }
}

/// A row: one cell per column, indexed by column position.
pub type Row = Vec<Value>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_normalise() {
        assert_eq!(Value::from_vec(vec![]), Value::Null);
        assert_eq!(
            Value::from_vec(vec![Scalar::Long(1)]),
            Value::One(Scalar::Long(1))
        );
        let v = Value::from_vec(vec![Scalar::str("b"), Scalar::str("a"), Scalar::str("b")]);
        assert_eq!(
            v.normalize_for(DataType::Keyword),
            Value::from_vec(vec![Scalar::str("a"), Scalar::str("b")])
        );
    }

    #[test]
    fn numbers_compare_across_variants() {
        assert_eq!(Scalar::Integer(3), Scalar::Long(3));
        assert_eq!(Scalar::Long(3), Scalar::Double(3.0));
        assert!(Scalar::Long(2).total_cmp(&Scalar::Double(2.5)).is_lt());
        assert!(Scalar::str("Z").total_cmp(&Scalar::str("a")).is_lt());
    }

    #[test]
    fn value_stays_small() {
        assert!(std::mem::size_of::<Value>() <= 32);
    }
}
