//! Intersections whose operands cannot share a string length are empty:
//! replacing them by the empty language keeps such patterns (Lucene reads
//! `a>&|0>&1` as "a>" & "|0>" & "1") on the fast `regex` path.

use super::lucene::Re;

/// Possible string lengths: `None` when the language is known to be empty.
type Lengths = Option<(u64, Option<u64>)>;

/// `re` with provably empty intersections replaced by [`Re::Nothing`].
pub fn simplify(re: Re) -> Re {
    match re {
        Re::Union(v) => Re::Union(v.into_iter().map(simplify).collect()),
        Re::Concat(v) => Re::Concat(v.into_iter().map(simplify).collect()),
        Re::Repeat(x, min, max) => Re::Repeat(Box::new(simplify(*x)), min, max),
        Re::Complement(x) => Re::Complement(Box::new(simplify(*x))),
        Re::Inter(v) => {
            let v: Vec<Re> = v.into_iter().map(simplify).collect();
            // A named automaton still has to be looked up (and fail).
            if !v.iter().any(names) && lengths(&Re::Inter(v.clone())).is_none() {
                Re::Nothing
            } else {
                Re::Inter(v)
            }
        }
        other => other,
    }
}

fn names(re: &Re) -> bool {
    match re {
        Re::Named(_) => true,
        Re::Union(v) | Re::Concat(v) | Re::Inter(v) => v.iter().any(names),
        Re::Repeat(x, ..) | Re::Complement(x) => names(x),
        _ => false,
    }
}

fn lengths(re: &Re) -> Lengths {
    match re {
        Re::Str(s) => {
            let n = s.chars().count() as u64;
            Some((n, Some(n)))
        }
        Re::Class { .. } | Re::AnyChar => Some((1, Some(1))),
        Re::Nothing => None,
        Re::AnyString | Re::Complement(_) | Re::Named(_) => Some((0, None)),
        Re::Interval { digits, .. } => {
            let d = *digits as u64;
            Some(if d > 0 { (d, Some(d)) } else { (1, None) })
        }
        Re::Concat(v) => v.iter().try_fold((0u64, Some(0u64)), |(lo, hi), x| {
            let (a, b) = lengths(x)?;
            Some((
                lo.saturating_add(a),
                hi.zip(b).map(|(h, b)| h.saturating_add(b)),
            ))
        }),
        Re::Union(v) => v
            .iter()
            .filter_map(lengths)
            .reduce(|(a, b), (c, d)| (a.min(c), b.zip(d).map(|(b, d)| b.max(d)))),
        Re::Inter(v) => {
            let mut acc: (u64, Option<u64>) = (0, None);
            for x in v {
                let (lo, hi) = lengths(x)?;
                acc.0 = acc.0.max(lo);
                acc.1 = match (acc.1, hi) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            match acc.1 {
                Some(hi) if hi < acc.0 => None,
                _ => Some(acc),
            }
        }
        Re::Repeat(x, min, max) => match lengths(x) {
            None => (*min == 0).then_some((0, Some(0))),
            Some((lo, hi)) => {
                let top = match (hi, max) {
                    (Some(0), _) => Some(0),
                    (Some(h), Some(m)) => Some(h.saturating_mul(u64::from(*m))),
                    _ => None,
                };
                Some((lo.saturating_mul(u64::from(*min)), top))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lucene::parse;

    fn simple(p: &str) -> Re {
        simplify(parse(p).unwrap())
    }

    #[test]
    fn length_disjoint_intersections_are_empty() {
        assert_eq!(simple("ab&c"), Re::Nothing);
        assert_eq!(
            simple("a+&b"),
            Re::Inter(vec![
                Re::Repeat(Box::new(Re::Str("a".into())), 1, None),
                Re::Str("b".into()),
            ])
        );
        assert!(!simple(".*(x|y>&|0>&1).*").needs_automaton());
        assert!(simple("(a|bc)&d{3}") == Re::Nothing);
        assert!(simple("<n>&ab").needs_automaton());
    }
}
