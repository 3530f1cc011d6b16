//! Token scanners the lexer's modes share: words, identifiers, quoted
//! names, index and name patterns, strings, numbers, comments.

use super::token::Tok;
use nom::bytes::complete::{take_while, take_while1};
use nom::IResult;

pub(crate) fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

pub(crate) fn digits(s: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit())(s)
}

pub(crate) fn word_body(s: &str) -> IResult<&str, &str> {
    take_while(word_char)(s)
}

/// Length of an UNQUOTED_IDENTIFIER at the start of `s`, or 0.
pub(crate) fn ident_len(s: &str) -> usize {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => {
            1 + word_body(&s[1..]).map(|(_, b)| b.len()).unwrap_or(0)
        }
        Some('_' | '@') => {
            let body = word_body(&s[1..]).map(|(_, b)| b.len()).unwrap_or(0);
            if body == 0 {
                0
            } else {
                1 + body
            }
        }
        _ => 0,
    }
}

/// Length of a QUOTED_ID (`` `…` `` with ``` `` ``` escapes), or 0.
pub(crate) fn quoted_id_len(s: &str) -> usize {
    let b = s.as_bytes();
    if b.first() != Some(&b'`') {
        return 0;
    }
    let mut i = 1;
    let mut blocks = 0;
    while let Some(&c) = b.get(i) {
        if c == b'`' {
            if b.get(i + 1) == Some(&b'`') {
                i += 2;
                blocks += 1;
                continue;
            }
            return if blocks > 0 { i + 1 } else { 0 };
        }
        i += 1;
        blocks += 1;
    }
    0
}

/// Length of an unquoted name pattern part (`[a-z*][a-z0-9_*]*` or `[_@][a-z0-9_*]+`).
pub(crate) fn unquoted_pattern_len(s: &str) -> usize {
    let body = |c: char| word_char(c) || c == '*';
    let mut it = s.char_indices();
    match it.next() {
        Some((_, c)) if c.is_ascii_alphabetic() || c == '*' => {
            1 + s[1..].find(|c: char| !body(c)).unwrap_or(s.len() - 1)
        }
        Some((_, '_' | '@')) => {
            let n = s[1..].find(|c: char| !body(c)).unwrap_or(s.len() - 1);
            if n == 0 {
                0
            } else {
                1 + n
            }
        }
        _ => 0,
    }
}

/// Length of an ID_PATTERN: unquoted pattern parts and quoted ids, glued.
pub(crate) fn id_pattern_len(s: &str) -> usize {
    let mut n = 0;
    loop {
        let rest = &s[n..];
        let l = unquoted_pattern_len(rest).max(quoted_id_len(rest));
        if l == 0 {
            return n;
        }
        n += l;
    }
}

/// Length of an unquoted index pattern (FROM_MODE `UNQUOTED_SOURCE`).
pub(crate) fn unquoted_source_len(s: &str) -> usize {
    let mut n = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            ':' | '"' | '=' | '|' | ',' | '[' | ']' | '(' | ')' | ' ' | '\t' | '\r' | '\n' => break,
            '/' => match it.peek() {
                Some(&(j, d)) if d != '*' && d != '/' => {
                    n = j + d.len_utf8();
                    it.next();
                }
                _ => break,
            },
            _ => n = i + c.len_utf8(),
        }
    }
    n
}

/// Length of an enrich policy name (`[body+ ':'] body+`).
pub(crate) fn policy_name_len(s: &str) -> usize {
    let body = |c: char| {
        !matches!(
            c,
            '\\' | '/'
                | '?'
                | '"'
                | '<'
                | '>'
                | '|'
                | ' '
                | ','
                | '#'
                | '\t'
                | '\r'
                | '\n'
                | ':'
                | '('
                | ')'
        )
    };
    let first = s.find(|c: char| !body(c)).unwrap_or(s.len());
    if first == 0 {
        return 0;
    }
    if s[first..].starts_with(':') {
        let rest = &s[first + 1..];
        let second = rest.find(|c: char| !body(c)).unwrap_or(rest.len());
        if second > 0 {
            return first + 1 + second;
        }
    }
    first
}

/// Result of scanning a double-quoted string.
pub(crate) enum StrScan {
    Ok(usize),
    /// Failed at byte `usize` (the offending character, or the end).
    Fail(usize),
}

pub(crate) fn scan_string(s: &str) -> StrScan {
    let b = s.as_bytes();
    if let Some(body) = s.strip_prefix("\"\"\"") {
        if let Some(end) = body.find("\"\"\"") {
            let inner = &body[..end];
            if !inner.contains(['\r', '\n']) {
                let mut n = 3 + end + 3;
                for _ in 0..2 {
                    if b.get(n) == Some(&b'"') {
                        n += 1;
                    }
                }
                return StrScan::Ok(n);
            }
        }
        // `""` alone is an empty string.
        return StrScan::Ok(2);
    }
    let mut i = 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => return StrScan::Ok(i + 1),
            b'\\' => match b.get(i + 1) {
                Some(b't' | b'n' | b'r' | b'"' | b'\\') => i += 2,
                Some(_) => return StrScan::Fail(i + 1),
                None => return StrScan::Fail(i + 1),
            },
            b'\r' | b'\n' => return StrScan::Fail(i),
            _ => i += 1,
        }
    }
    StrScan::Fail(b.len())
}

/// Length of a numeric literal and whether it is a decimal, or `None`.
pub(crate) fn scan_number(s: &str) -> Option<(Tok, usize)> {
    let b = s.as_bytes();
    let int_len = digits(s).map(|(_, d)| d.len()).unwrap_or(0);
    let mut n = int_len;
    let mut decimal = false;
    if b.get(n) == Some(&b'.') {
        let frac = digits(&s[n + 1..]).map(|(_, d)| d.len()).unwrap_or(0);
        if int_len > 0 || frac > 0 {
            n += 1 + frac;
            decimal = true;
        }
    }
    if n == 0 {
        return None;
    }
    if matches!(b.get(n), Some(b'e' | b'E')) {
        let mut m = n + 1;
        if matches!(b.get(m), Some(b'+' | b'-')) {
            m += 1;
        }
        let exp = digits(&s[m..]).map(|(_, d)| d.len()).unwrap_or(0);
        if exp > 0 {
            n = m + exp;
            decimal = true;
        }
    }
    Some((if decimal { Tok::Decimal } else { Tok::Integer }, n))
}

/// Length of `INLINE STATS` (Elasticsearch 9.2's spelling of INLINESTATS,
/// the two words separated by whitespace) when `rest` starts with it; `n`
/// is the length of the word `inline`.
pub(crate) fn inline_stats_len(rest: &str, n: usize) -> Option<usize> {
    let after = rest.get(n..)?;
    let ws = after.len() - after.trim_start_matches([' ', '\t', '\r', '\n']).len();
    if ws == 0 {
        return None;
    }
    let word = after.get(ws..)?;
    let end = word
        .find([' ', '\r', '\n', '\t', '[', ']', '/'])
        .unwrap_or(word.len());
    word.get(..end)
        .is_some_and(|w| eq_ci(w, "stats"))
        .then_some(n + ws + end)
}

/// Length of a block comment (nested), or 0 when unterminated.
pub(crate) fn block_comment_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(pair) = b.get(i..i + 2) {
        if pair == b"/*" {
            depth += 1;
            i += 2;
        } else if pair == b"*/" {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    0
}

pub(crate) fn eq_ci(text: &str, word: &str) -> bool {
    text.eq_ignore_ascii_case(word)
}
