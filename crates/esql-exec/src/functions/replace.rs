//! `REPLACE(s, regex, replacement)`: Java regular expressions (through
//! `fancy-regex`, which has look-around, back-references and inline
//! flags), replace-all, with Java's `$n` / `${name}` / `\x` replacement
//! syntax. A constant pattern is compiled once, at resolution.

use super::signature::{Param, Returns, Signature, STRING};
use super::support::{arg, func, kw, sv, text};
use super::{CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use fancy_regex::{Captures, Regex};
use std::sync::Arc;

/// Why a REPLACE pattern or replacement is refused, in Java's words.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ReplaceError {
    /// The pattern does not compile (the regex engine's reason).
    InvalidPattern {
        /// The pattern.
        pattern: String,
        /// Why.
        reason: String,
    },
    /// A backslash at the end of the replacement.
    MissingEscaped,
    /// `${name` without `}`.
    UnterminatedGroupName,
    /// `$` not followed by a group number or name.
    IllegalGroupReference,
    /// `$n` for a group the pattern does not have.
    NoGroup(usize),
}

impl std::fmt::Display for ReplaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReplaceError::InvalidPattern { pattern, reason } => {
                write!(f, "Invalid regex pattern [{pattern}]: {reason}")
            }
            ReplaceError::MissingEscaped => write!(f, "character to be escaped is missing"),
            ReplaceError::UnterminatedGroupName => {
                write!(f, "named capturing group is missing trailing '}}'")
            }
            ReplaceError::IllegalGroupReference => write!(f, "Illegal group reference"),
            ReplaceError::NoGroup(n) => write!(f, "No group {n}"),
        }
    }
}

fn compile(pattern: &str) -> Result<Regex, ReplaceError> {
    Regex::new(pattern).map_err(|e| ReplaceError::InvalidPattern {
        pattern: pattern.to_string(),
        reason: e.to_string(),
    })
}

/// One piece of a parsed replacement string.
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Text(String),
    Group(usize),
    Named(String),
}

/// Parses Java's replacement syntax against a pattern with `groups`
/// capture groups (Java reads as many digits as still name a group).
fn parse_replacement(r: &str, groups: usize) -> Result<Vec<Piece>, ReplaceError> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = r.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => lit.push(n),
                None => return Err(ReplaceError::MissingEscaped),
            },
            '$' => {
                if !lit.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut lit)));
                }
                if chars.peek() == Some(&'{') {
                    chars.next();
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(ch) => name.push(ch),
                            None => return Err(ReplaceError::UnterminatedGroupName),
                        }
                    }
                    out.push(Piece::Named(name));
                    continue;
                }
                let mut n = match chars.peek().and_then(|d| d.to_digit(10)) {
                    Some(d) => d as usize,
                    None => return Err(ReplaceError::IllegalGroupReference),
                };
                chars.next();
                while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    let next = n * 10 + d as usize;
                    if next > groups {
                        break;
                    }
                    n = next;
                    chars.next();
                }
                if n > groups {
                    return Err(ReplaceError::NoGroup(n));
                }
                out.push(Piece::Group(n));
            }
            other => lit.push(other),
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Text(lit));
    }
    Ok(out)
}

fn expand(caps: &Captures<'_>, pieces: &[Piece], out: &mut String) {
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Group(n) => out.push_str(caps.get(*n).map(|m| m.as_str()).unwrap_or("")),
            Piece::Named(n) => out.push_str(caps.name(n).map(|m| m.as_str()).unwrap_or("")),
        }
    }
}

/// Replaces every match of `re` in `s`.
fn replace_all(re: &Regex, s: &str, replacement: &str) -> Result<String, EvalError> {
    let pieces = parse_replacement(replacement, re.captures_len().saturating_sub(1))
        .map_err(|e| EvalError::illegal_argument(e.to_string()))?;
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for caps in re.captures_iter(s) {
        let caps = caps.map_err(|e| EvalError::illegal_argument(e.to_string()))?;
        let Some(m) = caps.get(0) else { continue };
        out.push_str(s.get(last..m.start()).unwrap_or(""));
        expand(&caps, &pieces, &mut out);
        last = m.end();
    }
    out.push_str(s.get(last..).unwrap_or(""));
    Ok(out)
}

fn replace(c: &CheckedCall<'_>) -> Result<Resolved, ResolveError> {
    let fixed: Option<Arc<Regex>> = match c.constant(1).and_then(|s| s.as_str()) {
        Some(p) => Some(Arc::new(
            compile(p).map_err(|e| ResolveError::Other(e.to_string()))?,
        )),
        None => None,
    };
    Ok(sv(c.return_type, move |a| {
        let (s, r) = (text(arg(a, 0)?)?, text(arg(a, 2)?)?);
        let re = match &fixed {
            Some(re) => re.clone(),
            None => Arc::new(compile(text(arg(a, 1)?)?).map_err(|e| {
                EvalError::other("java.util.regex.PatternSyntaxException", e.to_string())
            })?),
        };
        replace_all(&re, s, r).map(kw)
    }))
}

/// The regex replacement function.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[func(
    "replace",
    &[],
    Signature::of(
        &[
            Param::new("s", STRING),
            Param::new("regex", STRING),
            Param::new("replacement", STRING),
        ],
        Returns::Fixed(DataType::Keyword),
    ),
    "Replaces every match of a Java regular expression.",
    replace,
)];

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str, p: &str, rep: &str) -> String {
        replace_all(&compile(p).unwrap(), s, rep).unwrap()
    }

    #[test]
    fn java_replacements() {
        assert_eq!(r("Hello World", "World", "Universe"), "Hello Universe");
        assert_eq!(r("a1b22", "\\d+", "#"), "a#b#");
        assert_eq!(r("john.doe", "(\\w+)\\.(\\w+)", "$2 $1"), "doe john");
        assert_eq!(r("ABC abc", "(?i)abc", "x"), "x x");
        assert_eq!(r("cost", "cost", "\\$5"), "$5");
        assert_eq!(r("ab", "(?<first>a)", "${first}!"), "a!b");
        assert_eq!(r("abc", "", "-"), "-a-b-c-");
        assert!(compile("(").is_err());
        assert_eq!(
            parse_replacement("$12", 1).unwrap(),
            vec![Piece::Group(1), Piece::Text("2".into())]
        );
    }
}
