//! String functions. Positions and lengths count Unicode code points, as
//! Elasticsearch does.

use super::signature::{Param, Returns, Signature, INTEGER, STRING};
use super::support::{arg, func, int, kw, per_value, sv, sv_value, text};
use super::{CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

type Res = Result<Resolved, ResolveError>;

/// The kernel of a one-string-argument function.
fn unary_string(c: &CheckedCall<'_>, f: fn(&str) -> Scalar) -> Res {
    Ok(sv(c.return_type, move |a| Ok(f(text(arg(a, 0)?)?))))
}

fn length(c: &CheckedCall<'_>) -> Res {
    unary_string(c, |s| Scalar::Integer(s.chars().count() as i32))
}

fn byte_length(c: &CheckedCall<'_>) -> Res {
    unary_string(c, |s| Scalar::Integer(s.len() as i32))
}

fn bit_length(c: &CheckedCall<'_>) -> Res {
    unary_string(c, |s| Scalar::Integer((s.len() as i32).wrapping_mul(8)))
}

/// Java's `Character.isWhitespace` (no non-breaking spaces).
fn java_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
        || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn trim(c: &CheckedCall<'_>) -> Res {
    unary_string(c, |s| kw(s.trim_matches(java_space)))
}

fn ltrim(c: &CheckedCall<'_>) -> Res {
    unary_string(c, |s| kw(s.trim_start_matches(java_space)))
}

fn rtrim(c: &CheckedCall<'_>) -> Res {
    unary_string(c, |s| kw(s.trim_end_matches(java_space)))
}

fn reverse(c: &CheckedCall<'_>) -> Res {
    unary_string(c, |s| kw(reverse_clusters(s)))
}

fn case_change(c: &CheckedCall<'_>, upper: bool) -> Res {
    Ok(per_value(c.return_type, move |a| {
        let s = text(a)?;
        Ok(kw(if upper {
            s.to_uppercase()
        } else {
            s.to_lowercase()
        }))
    }))
}

fn to_lower(c: &CheckedCall<'_>) -> Res {
    case_change(c, false)
}

fn to_upper(c: &CheckedCall<'_>) -> Res {
    case_change(c, true)
}

/// True for characters that attach to the preceding one in a grapheme
/// cluster: combining marks, variation selectors, emoji modifiers, ZWJ.
fn extends(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// Reverses a string by (approximate) grapheme clusters: a base character
/// keeps its combining marks and ZWJ-joined followers.
fn reverse_clusters(s: &str) -> String {
    let mut clusters: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let joined = extends(c) || prev == Some('\u{200D}');
        if i > 0 && !joined {
            clusters.push(s.get(start..i).unwrap_or(""));
            start = i;
        }
        prev = Some(c);
    }
    if start < s.len() {
        clusters.push(s.get(start..).unwrap_or(""));
    }
    clusters.into_iter().rev().collect()
}

/// The byte offset of code point `n` (clamped to the end).
fn offset(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len())
}

/// Elasticsearch's 1-based start: 0 and 1 both mean the first code point,
/// negative counts from the end; clamped to `[0, count]`.
fn start_index(count: i64, start: i64) -> i64 {
    let i = if start > 0 {
        start - 1
    } else if start < 0 {
        count + start
    } else {
        0
    };
    i.clamp(0, count)
}

fn substring(c: &CheckedCall<'_>) -> Res {
    Ok(sv(c.return_type, |a| {
        let s = text(arg(a, 0)?)?;
        let count = s.chars().count() as i64;
        let length = match a.get(2) {
            Some(l) => int(l)?,
            None => count,
        };
        if length < 0 {
            return Err(EvalError::illegal_argument(format!(
                "Length parameter cannot be negative, found [{length}]"
            )));
        }
        let from = start_index(count, int(arg(a, 1)?)?);
        let to = (from + length).min(count);
        let (b, e) = (offset(s, from as usize), offset(s, to as usize));
        Ok(kw(s.get(b..e).unwrap_or("")))
    }))
}

fn left_right(c: &CheckedCall<'_>, left: bool) -> Res {
    Ok(sv(c.return_type, move |a| {
        let s = text(arg(a, 0)?)?;
        let n = int(arg(a, 1)?)?.max(0) as usize;
        let count = s.chars().count();
        let n = n.min(count);
        let piece = if left {
            s.get(..offset(s, n))
        } else {
            s.get(offset(s, count - n)..)
        };
        Ok(kw(piece.unwrap_or("")))
    }))
}

fn left(c: &CheckedCall<'_>) -> Res {
    left_right(c, true)
}

fn right(c: &CheckedCall<'_>) -> Res {
    left_right(c, false)
}

fn concat(c: &CheckedCall<'_>) -> Res {
    Ok(sv(c.return_type, |a| {
        let mut out = String::new();
        for s in a {
            out.push_str(text(s)?);
        }
        Ok(kw(out))
    }))
}

fn split(c: &CheckedCall<'_>) -> Res {
    Ok(sv_value(c.return_type, |a| {
        let (s, d) = (text(arg(a, 0)?)?, text(arg(a, 1)?)?);
        if d.len() != 1 {
            return Err(EvalError::invalid_argument(
                "delimiter must be single byte for now",
            ));
        }
        Ok(Value::from_vec(s.split(d).map(Scalar::str).collect()))
    }))
}

fn locate(c: &CheckedCall<'_>) -> Res {
    Ok(sv(c.return_type, |a| {
        let (s, sub) = (text(arg(a, 0)?)?, text(arg(a, 1)?)?);
        let start = match a.get(2) {
            Some(v) => int(v)?,
            None => 0,
        };
        let count = s.chars().count() as i64;
        let from = offset(s, start_index(count, start) as usize);
        let found = s
            .get(from..)
            .and_then(|rest| rest.find(sub))
            .map(|i| s.get(..from + i).map(|p| p.chars().count() as i32 + 1))
            .unwrap_or(Some(0))
            .unwrap_or(0);
        Ok(Scalar::Integer(found))
    }))
}

fn predicate(c: &CheckedCall<'_>, f: fn(&str, &str) -> bool) -> Res {
    Ok(sv(c.return_type, move |a| {
        Ok(Scalar::Boolean(f(text(arg(a, 0)?)?, text(arg(a, 1)?)?)))
    }))
}

fn starts_with(c: &CheckedCall<'_>) -> Res {
    predicate(c, |s, p| s.starts_with(p))
}

fn ends_with(c: &CheckedCall<'_>) -> Res {
    predicate(c, |s, p| s.ends_with(p))
}

fn contains(c: &CheckedCall<'_>) -> Res {
    predicate(c, |s, p| s.contains(p))
}

/// Elasticsearch's cap on strings built by REPEAT and SPACE (1 MiB).
const MAX_BUILT: usize = 1024 * 1024;

fn count_arg(n: i64) -> Result<usize, EvalError> {
    if n < 0 {
        return Err(EvalError::illegal_argument(format!(
            "Number parameter cannot be negative, found [{n}]"
        )));
    }
    Ok(n as usize)
}

fn too_long(len: usize) -> EvalError {
    EvalError::invalid_argument(format!(
        "Creating strings with more than [{MAX_BUILT}] bytes is not supported (attempted to create [{len}] bytes)"
    ))
}

fn repeat(c: &CheckedCall<'_>) -> Res {
    Ok(sv(c.return_type, |a| {
        let s = text(arg(a, 0)?)?;
        let n = count_arg(int(arg(a, 1)?)?)?;
        let len = s.len().saturating_mul(n);
        if len > MAX_BUILT {
            return Err(too_long(len));
        }
        Ok(kw(s.repeat(n)))
    }))
}

fn space(c: &CheckedCall<'_>) -> Res {
    Ok(sv(c.return_type, |a| {
        let n = count_arg(int(arg(a, 0)?)?)?;
        if n > MAX_BUILT {
            return Err(too_long(n));
        }
        Ok(kw(" ".repeat(n)))
    }))
}

const S: Param = Param::new("s", STRING);

/// The string functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "length",
        &[],
        Signature::of(&[S], Returns::Fixed(DataType::Integer)),
        "Number of code points.",
        length,
    ),
    func(
        "byte_length",
        &[],
        Signature::of(&[S], Returns::Fixed(DataType::Integer)),
        "Number of UTF-8 bytes.",
        byte_length,
    ),
    func(
        "bit_length",
        &[],
        Signature::of(&[S], Returns::Fixed(DataType::Integer)),
        "Number of bits of the UTF-8 bytes.",
        bit_length,
    ),
    func(
        "substring",
        &[],
        Signature::of(
            &[
                S,
                Param::new("start", INTEGER),
                Param::new("length", INTEGER),
            ],
            Returns::Fixed(DataType::Keyword),
        )
        .optional(1),
        "Part of a string (1-based).",
        substring,
    ),
    func(
        "left",
        &[],
        Signature::of(
            &[S, Param::new("n", INTEGER)],
            Returns::Fixed(DataType::Keyword),
        ),
        "The first n code points.",
        left,
    ),
    func(
        "right",
        &[],
        Signature::of(
            &[S, Param::new("n", INTEGER)],
            Returns::Fixed(DataType::Keyword),
        ),
        "The last n code points.",
        right,
    ),
    func(
        "concat",
        &[],
        Signature::of(
            &[Param::new("s1", STRING), Param::new("s2", STRING)],
            Returns::Fixed(DataType::Keyword),
        )
        .variadic(),
        "Concatenates strings.",
        concat,
    ),
    func(
        "split",
        &[],
        Signature::of(
            &[S, Param::new("delim", STRING)],
            Returns::Fixed(DataType::Keyword),
        ),
        "Splits into a multi-value.",
        split,
    ),
    func(
        "trim",
        &[],
        Signature::of(&[S], Returns::Fixed(DataType::Keyword)),
        "Removes surrounding whitespace.",
        trim,
    ),
    func(
        "ltrim",
        &[],
        Signature::of(&[S], Returns::Fixed(DataType::Keyword)),
        "Removes leading whitespace.",
        ltrim,
    ),
    func(
        "rtrim",
        &[],
        Signature::of(&[S], Returns::Fixed(DataType::Keyword)),
        "Removes trailing whitespace.",
        rtrim,
    ),
    func(
        "locate",
        &[],
        Signature::of(
            &[S, Param::new("sub", STRING), Param::new("start", INTEGER)],
            Returns::Fixed(DataType::Integer),
        )
        .optional(1),
        "1-based position of sub, 0 if absent.",
        locate,
    ),
    func(
        "starts_with",
        &[],
        Signature::of(
            &[S, Param::new("prefix", STRING)],
            Returns::Fixed(DataType::Boolean),
        ),
        "Prefix test.",
        starts_with,
    ),
    func(
        "ends_with",
        &[],
        Signature::of(
            &[S, Param::new("suffix", STRING)],
            Returns::Fixed(DataType::Boolean),
        ),
        "Suffix test.",
        ends_with,
    ),
    func(
        "contains",
        &[],
        Signature::of(
            &[S, Param::new("sub", STRING)],
            Returns::Fixed(DataType::Boolean),
        ),
        "Substring test.",
        contains,
    ),
    func(
        "to_lower",
        &[],
        Signature::of(&[S], Returns::Fixed(DataType::Keyword)),
        "Lower case, per value.",
        to_lower,
    ),
    func(
        "to_upper",
        &[],
        Signature::of(&[S], Returns::Fixed(DataType::Keyword)),
        "Upper case, per value.",
        to_upper,
    ),
    func(
        "reverse",
        &[],
        Signature::of(&[S], Returns::Fixed(DataType::Keyword)),
        "Reverses grapheme clusters.",
        reverse,
    ),
    func(
        "repeat",
        &[],
        Signature::of(
            &[S, Param::new("n", INTEGER)],
            Returns::Fixed(DataType::Keyword),
        ),
        "Repeats a string n times.",
        repeat,
    ),
    func(
        "space",
        &[],
        Signature::of(
            &[Param::new("n", INTEGER)],
            Returns::Fixed(DataType::Keyword),
        ),
        "n spaces.",
        space,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_reverse() {
        assert_eq!(reverse_clusters("abc"), "cba");
        assert_eq!(reverse_clusters("❗️x"), "x❗️");
        assert_eq!(reverse_clusters("e\u{301}a"), "ae\u{301}");
        assert_eq!(reverse_clusters(""), "");
    }

    #[test]
    fn start_positions() {
        assert_eq!(start_index(5, 0), 0);
        assert_eq!(start_index(5, 1), 0);
        assert_eq!(start_index(5, -2), 3);
        assert_eq!(start_index(5, -9), 0);
        assert_eq!(start_index(5, 9), 5);
    }
}
