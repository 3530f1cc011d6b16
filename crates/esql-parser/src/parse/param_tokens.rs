//! The checks Elasticsearch makes on parameter tokens as the lexer hands
//! them to the parser: one kind of parameter per query (anonymous `?`,
//! named `?n` or positional `?1`), and enough values for the anonymous ones.

use super::token::{Tok, Token};
use crate::error::{ParseError, ParseErrorKind};
use crate::params::QueryParams;

/// The 1-based number of each anonymous parameter token (by its start
/// offset), and the first error, if any.
pub(crate) fn scan(
    source: &str,
    tokens: &[Token],
    params: &QueryParams,
) -> (Vec<(u32, usize)>, Option<ParseError>) {
    let mut anonymous = Vec::new();
    let mut seen = [false; 3];
    for t in tokens {
        let kind = match t.kind {
            Tok::Param | Tok::DoubleParams => 0,
            Tok::NamedParam | Tok::NamedDoubleParam => {
                let name = source
                    .get(t.span.start as usize..t.span.end as usize)
                    .unwrap_or("")
                    .trim_start_matches('?');
                if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
                    2
                } else {
                    1
                }
            }
            _ => continue,
        };
        if let Some(e) = mixed(&mut seen, kind, t) {
            return (anonymous, Some(e));
        }
        if kind == 0 {
            let n = anonymous.len() + 1;
            if n > params.len() {
                let message = format!("Not enough actual parameters {}", params.len());
                return (anonymous, Some(invalid(t, message)));
            }
            anonymous.push((t.span.start, n));
        }
    }
    (anonymous, None)
}

const KINDS: [&str; 3] = ["anonymous", "named", "positional"];

/// Elasticsearch's error when `kind` joins another kind already seen.
fn mixed(seen: &mut [bool; 3], kind: usize, t: &Token) -> Option<ParseError> {
    if let Some(s) = seen.get_mut(kind) {
        *s = true;
    }
    let other = (0..3).find(|&k| k != kind && seen.get(k).copied().unwrap_or(false))?;
    let message = format!(
        "Inconsistent parameter declaration, use one of positional, named or anonymous params but not a combination of {} and {}",
        KINDS.get(kind).unwrap_or(&""),
        KINDS.get(other).unwrap_or(&"")
    );
    Some(invalid(t, message))
}

fn invalid(t: &Token, message: String) -> ParseError {
    ParseError {
        span: t.span,
        kind: ParseErrorKind::Invalid(message),
    }
}
