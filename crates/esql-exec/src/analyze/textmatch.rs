//! Per-value tests behind the full-text functions, and the approximation
//! of analysed `text` fields they use.
//!
//! A `text` value is analysed like Elasticsearch's standard analyzer in
//! the common case: lower-cased and split into runs of letters and digits.
//! An unquoted value matches when ANY of its tokens is among the field's
//! tokens (a `match` query's default OR); a quoted value (a phrase) when
//! its tokens appear as a contiguous run. `keyword` values match exactly
//! (case-sensitive), wildcard patterns match the whole value. Other types
//! compare by value.

use super::fulltext_error::QueryBuildError;
use super::kql::RangeOp;
use crate::functions::convert::cast_scalar;
use crate::functions::Resolved;
use crate::plan::{Site, TypedExpr};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use regex::Regex;
use std::cmp::Ordering;
use std::sync::Arc;

/// A test applied to each value of a cell; the cell matches when any of
/// its values does.
#[derive(Debug)]
pub(crate) enum Pred {
    /// Equal to the value (same type as the field).
    Equal(Scalar),
    /// Within `[low, high]` (dates given to the day cover the whole day).
    Between(Scalar, Scalar),
    /// Compared with the bound: the orderings accepted.
    Compare(Scalar, Vec<Ordering>),
    /// The whole string matches one of the anchored patterns.
    Pattern(Regex),
    /// An IP within a CIDR block (address bytes, prefix length in bits).
    Cidr([u8; 16], u32),
    /// Analysed text: some (or, with `all`, every) query token is present,
    /// each allowed `fuzz` edits.
    Tokens {
        /// Query tokens.
        tokens: Vec<String>,
        /// Every token must be present (operator AND).
        all: bool,
        /// Allowed edit distance per token.
        fuzz: usize,
    },
    /// Analysed text: one token matches the (case-insensitive) pattern.
    TokenPattern(Regex),
    /// Analysed text: the tokens appear contiguously, in order.
    Phrase(Vec<String>),
    /// The whole string within `fuzz` edits of the value.
    Fuzzy(String, usize),
}

impl Pred {
    fn matches(&self, s: &Scalar) -> bool {
        match self {
            Pred::Equal(v) => v.total_cmp(s) == Ordering::Equal,
            Pred::Between(lo, hi) => {
                s.total_cmp(lo) != Ordering::Less && s.total_cmp(hi) != Ordering::Greater
            }
            Pred::Compare(bound, accept) => accept.contains(&s.total_cmp(bound)),
            Pred::Pattern(re) => s.as_str().is_some_and(|t| re.is_match(t)),
            Pred::Cidr(net, bits) => match s {
                Scalar::Ip(ip) => mask(ip, *bits) == mask(net, *bits),
                _ => false,
            },
            Pred::Tokens { tokens, all, fuzz } => s.as_str().is_some_and(|t| {
                let have = analyze(t);
                let found = |q: &String| have.iter().any(|h| within(q, h, *fuzz));
                if *all {
                    tokens.iter().all(found)
                } else {
                    tokens.iter().any(found)
                }
            }),
            Pred::TokenPattern(re) => s
                .as_str()
                .is_some_and(|t| analyze(t).iter().any(|h| re.is_match(h))),
            Pred::Phrase(want) => s.as_str().is_some_and(|t| {
                let have = analyze(t);
                want.is_empty() || have.windows(want.len()).any(|w| w == want.as_slice())
            }),
            Pred::Fuzzy(want, fuzz) => s.as_str().is_some_and(|t| within(want, t, *fuzz)),
        }
    }
}

fn mask(ip: &[u8; 16], bits: u32) -> [u8; 16] {
    let mut out = *ip;
    for (i, b) in out.iter_mut().enumerate() {
        let start = (i as u32) * 8;
        if start >= bits {
            *b = 0;
        } else if bits - start < 8 {
            *b &= 0xffu8 << (8 - (bits - start));
        }
    }
    out
}

/// Lower-cases and splits into runs of letters and digits.
pub(crate) fn analyze(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `a` and `b` are within `max` edits (insertions, deletions,
/// substitutions and adjacent transpositions, as Lucene's fuzzy queries).
pub(crate) fn within(a: &str, b: &str, max: usize) -> bool {
    if max == 0 {
        return a == b;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // Three rows of the edit-distance table: the one being filled, the one
    // above and the one above that (for transpositions).
    let w = b.len() + 1;
    let mut before: Vec<usize> = vec![0; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur: Vec<usize> = Vec::with_capacity(w);
    let mut last_a: Option<char> = None;
    for (i, &ca) in a.iter().enumerate() {
        let mut left = i + 1;
        let mut diag = i;
        cur.clear();
        cur.push(left);
        let mut last_b: Option<char> = None;
        // The cell of `before` diagonally two steps back, once there is one.
        let mut diag2: Option<usize> = None;
        for ((&cb, &up), &two_up) in b.iter().zip(prev.iter().skip(1)).zip(before.iter()) {
            let cost = usize::from(ca != cb);
            let mut v = (up + 1).min(left + 1).min(diag + cost);
            if let (Some(pa), Some(pb), Some(d2)) = (last_a, last_b, diag2) {
                if ca == pb && pa == cb {
                    v = v.min(d2 + 1);
                }
            }
            cur.push(v);
            left = v;
            diag = up;
            last_b = Some(cb);
            diag2 = Some(two_up);
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
        last_a = Some(ca);
    }
    prev.last().is_some_and(|v| *v <= max)
}

/// `fuzziness` as Elasticsearch reads it: `AUTO` allows 0 edits for terms
/// of 1-2 characters, 1 for 3-5 and 2 above; a number is used as is (at
/// most 2).
pub(crate) fn fuzz_for(fuzziness: &str, term: &str) -> Option<usize> {
    if fuzziness.eq_ignore_ascii_case("auto") {
        return Some(match term.chars().count() {
            0..=2 => 0,
            3..=5 => 1,
            _ => 2,
        });
    }
    let n: f64 = fuzziness.parse().ok()?;
    (0.0..=2.0).contains(&n).then_some(n as usize)
}

/// A boolean node testing `column` (of type `ty`) with `pred`: true when
/// any value passes, false otherwise (never null, never a warning).
pub(crate) fn node(column: usize, ty: DataType, pred: Pred, site: Site) -> TypedExpr {
    let pred = Arc::new(pred);
    let func = Resolved {
        return_type: DataType::Boolean,
        eval: Arc::new(move |args: &[Value], _env| {
            let hit = args
                .first()
                .is_some_and(|v| v.as_slice().iter().any(|s| pred.matches(s)));
            Ok(Value::One(Scalar::Boolean(hit)))
        }),
    };
    TypedExpr::Call {
        func,
        args: vec![TypedExpr::Column(column, ty)],
        site,
    }
}

/// A date written to the day (`2024-05-10`) covers the whole day, as
/// Elasticsearch rounds the upper bound of a date range up.
pub(crate) fn day_end(ty: DataType, text: &str, lo: &Scalar) -> Option<Scalar> {
    let day_only = text.len() == 10 && text.as_bytes().get(4) == Some(&b'-');
    match (day_only, lo) {
        (true, Scalar::Date(ms)) => Some(Scalar::Date(ms + 86_399_999)),
        (true, Scalar::DateNanos(ns)) if ty == DataType::DateNanos => {
            Some(Scalar::DateNanos(ns + 86_399_999_999_999))
        }
        _ => None,
    }
}

/// A CIDR block (`10.0.0.0/8`) as a test on IPs.
pub(crate) fn cidr(text: &str) -> Result<Pred, QueryBuildError> {
    let (addr, bits) = text.split_once('/').unwrap_or((text, ""));
    let ip = match value_of(DataType::Ip, addr)? {
        Scalar::Ip(b) => b,
        _ => return Err(QueryBuildError::InvalidCidr(text.to_string())),
    };
    let v4 = ip[..12] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
    let bits: u32 = bits
        .parse()
        .map_err(|_| QueryBuildError::InvalidCidr(text.to_string()))?;
    let bits = if v4 { bits + 96 } else { bits };
    if bits > 128 {
        return Err(QueryBuildError::InvalidCidr(text.to_string()));
    }
    Ok(Pred::Cidr(ip, bits))
}

/// `field <op> text` on a field of type `ty` (`None`: never matches).
pub(crate) fn range_pred(
    ty: DataType,
    op: RangeOp,
    text: &str,
) -> Result<Option<Pred>, QueryBuildError> {
    let bound = match ty {
        DataType::Keyword | DataType::Text => Scalar::str(text),
        DataType::Null | DataType::Unsupported | DataType::DatePeriod | DataType::TimeDuration => {
            return Ok(None)
        }
        _ => {
            let v = value_of(ty, text)?;
            match (op, day_end(ty, text, &v)) {
                (RangeOp::Gt | RangeOp::Le, Some(end)) => end,
                _ => v,
            }
        }
    };
    let accept = match op {
        RangeOp::Lt => vec![Ordering::Less],
        RangeOp::Le => vec![Ordering::Less, Ordering::Equal],
        RangeOp::Gt => vec![Ordering::Greater],
        RangeOp::Ge => vec![Ordering::Greater, Ordering::Equal],
    };
    Ok(Some(Pred::Compare(bound, accept)))
}

/// Converts query text to a value of the field's type.
pub(crate) fn value_of(ty: DataType, text: &str) -> Result<Scalar, QueryBuildError> {
    cast_scalar(&Scalar::str(text), ty).map_err(|e| QueryBuildError::Value(e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analysis_lowercases_and_splits() {
        assert_eq!(analyze("Hello, World-42!"), vec!["hello", "world", "42"]);
        assert!(analyze(" -- ").is_empty());
    }

    #[test]
    fn edit_distance_with_transpositions() {
        assert!(within("svchost.exe", "svch0st.exe", 1));
        assert!(within("svchost.exe", "scvhost.exe", 1));
        assert!(!within("svchost.exe", "svch0st.exx", 1));
        assert!(within("abc", "abc", 0));
        assert!(!within("abc", "abd", 0));
    }

    /// The full-table optimal string alignment distance, as a reference.
    fn osa(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn edit_distance_matches_the_full_table() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "bca", "abcd", "badc", "kitten", "sitting",
            "svchost", "scvhost", "hostsvc", "ca", "abdc", "dcba", "ǅx", "xǅ",
        ];
        for a in words {
            for b in words {
                let d = osa(a, b);
                for max in 1..=4 {
                    assert_eq!(within(a, b, max), d <= max, "{a:?} {b:?} {max}");
                }
            }
        }
    }

    #[test]
    fn fuzziness_values() {
        assert_eq!(fuzz_for("AUTO", "ab"), Some(0));
        assert_eq!(fuzz_for("auto", "abcd"), Some(1));
        assert_eq!(fuzz_for("AUTO", "abcdef"), Some(2));
        assert_eq!(fuzz_for("1", "x"), Some(1));
        assert_eq!(fuzz_for("3", "x"), None);
    }

    #[test]
    fn predicates() {
        let s = Scalar::str("The Quick brown fox");
        let phrase = Pred::Phrase(vec!["quick".into(), "brown".into()]);
        assert!(phrase.matches(&s));
        assert!(!Pred::Phrase(vec!["brown".into(), "quick".into()]).matches(&s));
        let any = Pred::Tokens {
            tokens: vec!["cat".into(), "fox".into()],
            all: false,
            fuzz: 0,
        };
        assert!(any.matches(&s));
        let all = Pred::Tokens {
            tokens: vec!["cat".into(), "fox".into()],
            all: true,
            fuzz: 0,
        };
        assert!(!all.matches(&s));
        let net = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 0];
        let ip = Scalar::Ip([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 9, 8, 7]);
        assert!(Pred::Cidr(net, 104).matches(&ip));
        assert!(!Pred::Cidr([0; 16], 104).matches(&ip));
    }
}
