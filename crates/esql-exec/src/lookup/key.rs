//! Join keys: how a value of the left side meets a value of a lookup
//! field, as Elasticsearch's term and range queries on that field do.
//!
//! The left value is converted to what the lookup field stores, as the
//! field's query parses a number in Elasticsearch (`NumberFieldMapper`),
//! and then compared with the stored value:
//!
//! * `byte`, `short`, `integer`: a whole value within the int range (a
//!   double with a fraction, or past the range, matches nothing);
//! * `long`: a whole value; a double through its shortest decimal text, as
//!   Java's `Numbers.toLong(String.valueOf(d))` reads it (so
//!   -9.223372036854776E18, which is -2^63 but reads back as
//!   -9223372036854776000, is out of range and matches nothing);
//! * `float`, `half_float`: the value as a Java `float` (`floatValue()`),
//!   then at half precision for `half_float` (2147483647 meets a `float`
//!   field's 2.14748365E9); `double`: the value as a double;
//! * `scaled_float`: `Math.round(value * factor)` against the stored long;
//! * keywords and text by their UTF-8 bytes, ips by their 16 bytes.

use crate::catalog::{mapping::java_round, FloatStorage};
use crate::types::DataType;
use crate::value::Scalar;
use std::cmp::Ordering;
use std::sync::Arc;

/// What a lookup field stores, for comparing left values with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// `byte`, `short`, `integer`.
    Int,
    /// `long`.
    Long,
    /// `double`, `float`, `half_float` (compared as doubles at that precision).
    Float(FloatStorage),
    /// `scaled_float`: the stored long, `round(value * factor)`; holds the factor's bits.
    Scaled(u64),
    /// `keyword`.
    Str,
    /// `ip`.
    Ip,
    /// `boolean`.
    Bool,
    /// `date` (milliseconds).
    Date,
    /// `date_nanos` (nanoseconds).
    Nanos,
}

impl KeyKind {
    /// The kind of a lookup field of ES|QL type `ty` stored as `storage`;
    /// `None` for the types a join cannot look up.
    pub fn of(ty: DataType, storage: FloatStorage) -> Option<KeyKind> {
        Some(match ty {
            DataType::Integer => KeyKind::Int,
            DataType::Long => KeyKind::Long,
            DataType::Double => match storage {
                FloatStorage::Scaled(bits) => KeyKind::Scaled(bits),
                other => KeyKind::Float(other),
            },
            DataType::Keyword => KeyKind::Str,
            DataType::Ip => KeyKind::Ip,
            DataType::Boolean => KeyKind::Bool,
            DataType::Date => KeyKind::Date,
            DataType::DateNanos => KeyKind::Nanos,
            _ => return None,
        })
    }
}

/// A value in the form a lookup field stores it: equal keys match.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A whole number, or a scaled float's stored long.
    Whole(i64),
    /// A double's bits (`-0.0` and `0.0` differ, as points do in Lucene).
    Float(u64),
    /// Keyword bytes.
    Str(Arc<str>),
    /// An address.
    Ip([u8; 16]),
    /// A boolean.
    Bool(bool),
    /// Milliseconds or nanoseconds since the epoch.
    Time(i64),
}

/// A left value as a double (Java's `doubleValue()`), if it is a number.
fn number(s: &Scalar) -> Option<f64> {
    match s {
        Scalar::Integer(i) => Some(f64::from(*i)),
        Scalar::Long(l) => Some(*l as f64),
        Scalar::UnsignedLong(u) => Some(*u as f64),
        Scalar::Double(d) => Some(*d),
        _ => None,
    }
}

/// A left value as a Java `float` (`floatValue()`: one rounding from a
/// long, as from a double).
fn float_value(s: &Scalar) -> Option<f64> {
    Some(match s {
        Scalar::Integer(i) => *i as f32 as f64,
        Scalar::Long(l) => *l as f32 as f64,
        Scalar::UnsignedLong(u) => *u as f32 as f64,
        Scalar::Double(d) => *d as f32 as f64,
        _ => return None,
    })
}

/// The value a left number has for a field stored as `storage`.
fn at_precision(storage: FloatStorage, s: &Scalar) -> Option<f64> {
    match storage {
        FloatStorage::Double | FloatStorage::Scaled(_) => number(s),
        FloatStorage::Float => float_value(s),
        FloatStorage::HalfFloat => float_value(s).map(|f| FloatStorage::HalfFloat.round(f)),
    }
}

/// A whole left value for an int field (`byte`, `short`, `integer`).
fn int_value(s: &Scalar) -> Option<i64> {
    let v = match s {
        Scalar::Integer(i) => i64::from(*i),
        Scalar::Long(l) => *l,
        Scalar::UnsignedLong(u) => i64::try_from(*u).ok()?,
        Scalar::Double(d) => {
            let in_range = *d >= f64::from(i32::MIN) && *d <= f64::from(i32::MAX);
            return (d.fract() == 0.0 && in_range).then_some(*d as i64);
        }
        _ => return None,
    };
    i32::try_from(v).ok().map(i64::from)
}

/// A whole left value for a long field.
fn long_value(s: &Scalar) -> Option<i64> {
    match s {
        Scalar::Integer(i) => Some(i64::from(*i)),
        Scalar::Long(l) => Some(*l),
        Scalar::UnsignedLong(u) => i64::try_from(*u).ok(),
        Scalar::Double(d) if d.fract() == 0.0 => long_of_double_text(*d),
        _ => None,
    }
}

/// The long Java reads from a double's text (`Double.toString`, the
/// shortest decimal that reads back as the double), if it is one.
fn long_of_double_text(d: f64) -> Option<i64> {
    // Rust's `{:e}` writes the same shortest digits: `-9.223372036854776e18`.
    let text = format!("{d:e}");
    let (mantissa, exp) = text.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let negative = mantissa.starts_with('-');
    let unsigned = mantissa.trim_start_matches('-');
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let shift = exp - i32::try_from(frac_part.len()).ok()?;
    if !(0..=38).contains(&shift) {
        return None;
    }
    let mut v: i128 = format!("{int_part}{frac_part}").parse().ok()?;
    for _ in 0..shift {
        v = v.checked_mul(10)?;
    }
    i64::try_from(if negative { -v } else { v }).ok()
}

/// The key a stored value of a field of `kind` has.
pub fn stored(kind: KeyKind, s: &Scalar) -> Option<Key> {
    Some(match (kind, s) {
        (KeyKind::Int | KeyKind::Long, Scalar::Integer(i)) => Key::Whole(i64::from(*i)),
        (KeyKind::Int | KeyKind::Long, Scalar::Long(l)) => Key::Whole(*l),
        (KeyKind::Float(_), Scalar::Double(d)) => Key::Float(d.to_bits()),
        (KeyKind::Scaled(bits), Scalar::Double(d)) => {
            Key::Whole(java_round(d * f64::from_bits(bits)))
        }
        (KeyKind::Str, Scalar::Str(t)) => Key::Str(Arc::clone(t)),
        (KeyKind::Ip, Scalar::Ip(b)) => Key::Ip(*b),
        (KeyKind::Bool, Scalar::Boolean(b)) => Key::Bool(*b),
        (KeyKind::Date, Scalar::Date(t)) => Key::Time(*t),
        (KeyKind::Nanos, Scalar::DateNanos(t)) => Key::Time(*t),
        _ => return None,
    })
}

/// The key a left value looks up in a field of `kind`; `None` when no
/// stored value can equal it (a fraction against a whole-number field).
pub fn probe(kind: KeyKind, s: &Scalar) -> Option<Key> {
    Some(match kind {
        KeyKind::Int => Key::Whole(int_value(s)?),
        KeyKind::Long => Key::Whole(long_value(s)?),
        KeyKind::Float(storage) => Key::Float(at_precision(storage, s)?.to_bits()),
        KeyKind::Scaled(bits) => Key::Whole(java_round(number(s)? * f64::from_bits(bits))),
        KeyKind::Str => match s {
            Scalar::Str(t) => Key::Str(Arc::clone(t)),
            _ => return None,
        },
        KeyKind::Ip => match s {
            Scalar::Ip(b) => Key::Ip(*b),
            _ => return None,
        },
        KeyKind::Bool => match s {
            Scalar::Boolean(b) => Key::Bool(*b),
            _ => return None,
        },
        KeyKind::Date => match s {
            Scalar::Date(t) => Key::Time(*t),
            _ => return None,
        },
        KeyKind::Nanos => match s {
            Scalar::DateNanos(t) => Key::Time(*t),
            _ => return None,
        },
    })
}

/// How the left value `left` compares with the stored key `right` of a
/// field of `kind` (for the range forms `<`, `<=`, `>`, `>=`, `!=`).
pub fn compare(kind: KeyKind, left: &Scalar, right: &Key) -> Option<Ordering> {
    match (kind, right) {
        (KeyKind::Int | KeyKind::Long, Key::Whole(r)) => match left {
            // A double against whole numbers, compared as the number it is:
            // below 2^53 a whole double converts exactly; a fraction or a
            // larger double is compared as a double (every double past 2^53
            // is whole, and the long's double is off by less than a step).
            Scalar::Double(d) if d.fract() == 0.0 && d.abs() < 9.007_199_254_740_992e15 => {
                Some((*d as i64).cmp(r))
            }
            Scalar::Double(d) => d.partial_cmp(&(*r as f64)),
            Scalar::Integer(i) => Some(i64::from(*i).cmp(r)),
            Scalar::Long(l) => Some(l.cmp(r)),
            Scalar::UnsignedLong(u) => Some(i128::from(*u).cmp(&i128::from(*r))),
            _ => None,
        },
        (KeyKind::Float(storage), Key::Float(bits)) => {
            at_precision(storage, left)?.partial_cmp(&f64::from_bits(*bits))
        }
        _ => probe(kind, left).map(|k| k.cmp(right)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eq(kind: KeyKind, left: Scalar, stored_value: Scalar) -> bool {
        probe(kind, &left).is_some() && probe(kind, &left) == stored(kind, &stored_value)
    }

    #[test]
    fn whole_numbers_match_exactly_across_widths() {
        assert!(eq(KeyKind::Long, Scalar::Integer(3), Scalar::Long(3)));
        assert!(eq(KeyKind::Long, Scalar::Double(3.0), Scalar::Integer(3)));
        assert!(!eq(KeyKind::Long, Scalar::Double(3.5), Scalar::Integer(3)));
        // 2^63 is past the long range: it meets no long, not even MAX.
        assert!(!eq(
            KeyKind::Long,
            Scalar::Double(9.223372036854776E18),
            Scalar::Long(i64::MAX)
        ));
    }

    #[test]
    fn floats_compare_at_storage_precision() {
        let float = KeyKind::Float(FloatStorage::Float);
        let stored_max = Scalar::Double(FloatStorage::Float.round(2147483647.0));
        assert!(eq(float, Scalar::Integer(2147483646), stored_max.clone()));
        assert!(eq(float, Scalar::Long(2147483648), stored_max));
        let half = KeyKind::Float(FloatStorage::HalfFloat);
        let stored = Scalar::Double(FloatStorage::HalfFloat.round(-65505.0));
        assert!(eq(half, Scalar::Integer(-65505), stored.clone()));
        assert!(!eq(half, Scalar::Integer(i32::MIN), stored));
        let double = KeyKind::Float(FloatStorage::Double);
        assert!(eq(
            double,
            Scalar::Long(i64::MAX),
            Scalar::Double(9.223372036854776E18)
        ));
    }

    #[test]
    fn scaled_floats_compare_their_stored_longs() {
        let kind = KeyKind::Scaled(100f64.to_bits());
        assert!(eq(kind, Scalar::Integer(5), Scalar::Double(5.0)));
        // Both saturate at the long range.
        assert!(eq(
            kind,
            Scalar::Double(-3.4e38),
            Scalar::Double(-9.223372036854776E16)
        ));
    }

    #[test]
    fn doubles_meet_longs_through_their_text_as_java_reads_them() {
        assert_eq!(long_of_double_text(-9.223372036854776E18), None);
        assert_eq!(long_of_double_text(2147483648.0), Some(2147483648));
        assert_eq!(long_of_double_text(1e20), None);
        assert_eq!(long_of_double_text(-128.0), Some(-128));
        // The int fields take the double itself when it is in range.
        assert!(eq(
            KeyKind::Int,
            Scalar::Double(-2.147483648E9),
            Scalar::Integer(i32::MIN)
        ));
        assert!(!eq(
            KeyKind::Int,
            Scalar::Double(2.147483648E9),
            Scalar::Integer(i32::MAX)
        ));
        assert!(!eq(KeyKind::Int, Scalar::Long(1 << 40), Scalar::Integer(0)));
    }

    #[test]
    fn ranges() {
        assert_eq!(
            compare(KeyKind::Long, &Scalar::Double(2.5), &Key::Whole(2)),
            Some(Ordering::Greater)
        );
        assert_eq!(
            compare(KeyKind::Str, &Scalar::str("a"), &Key::Str(Arc::from("b"))),
            Some(Ordering::Less)
        );
        assert_eq!(
            compare(KeyKind::Ip, &Scalar::str("a"), &Key::Ip([0; 16])),
            None
        );
    }
}
