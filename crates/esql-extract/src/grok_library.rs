//! The grok pattern dictionary and the `%{SYNTAX:name:type}` expansion.
//!
//! The dictionary is Elasticsearch's ECS (v1) pattern set, which ES|QL loads with
//! `GrokBuiltinPatterns.get(true)`. The data files live in `data/grok/` (see the README there for
//! their origin and licence). Expansion follows `Grok.toRegex`: the leftmost `%{...}` reference is
//! replaced by `(?<SYNTAX:name>definition)` (or `(?:definition)` without a name) and the scan restarts
//! at the replacement, so nested references are expanded depth first.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The pattern files, in Elasticsearch's load order (a later definition replaces an earlier one).
const PATTERN_FILES: &[&str] = &[include_str!("../data/grok/grok-patterns")];

/// At most this many `%{...}` references are expanded in one pattern (Elasticsearch's sanity limit).
pub const GROK_MAX_EXPANSIONS: usize = 100_000;

/// An error raised while expanding a grok pattern (the text after `for grok: `).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ExpandError {
    /// `%{NAME}` is not in the dictionary.
    UnknownPattern(String),
    /// A definition refers to itself.
    Circular(String),
    /// More than [`GROK_MAX_EXPANSIONS`] references.
    TooManyExpansions,
}

impl ExpandError {
    /// Elasticsearch's wording of the error.
    pub(crate) fn message(&self) -> String {
        match self {
            ExpandError::UnknownPattern(n) => {
                format!("Unable to find pattern [{n}] in Grok's pattern dictionary")
            }
            ExpandError::Circular(n) => format!("circular reference in pattern back [{n}]"),
            ExpandError::TooManyExpansions => {
                "Can not convert grok patterns to regular expression".to_string()
            }
        }
    }
}

/// Parses pattern files the way `GrokBuiltinPatterns.loadPatternsFromFile` does.
fn load(files: &[&str]) -> HashMap<String, String> {
    let mut bank = HashMap::new();
    for file in files {
        for line in file.lines() {
            let line = line.trim_start_matches(is_java_space);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(split) = line.find(is_java_space) {
                let name = &line[..split];
                let definition = line[split..].trim_start_matches(is_java_space);
                bank.insert(name.to_string(), definition.to_string());
            }
        }
    }
    bank
}

/// Java's `\s`: `[ \t\n\x0B\f\r]`.
fn is_java_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')
}

/// The built-in dictionary.
pub(crate) fn builtin() -> &'static HashMap<String, String> {
    static BANK: OnceLock<HashMap<String, String>> = OnceLock::new();
    BANK.get_or_init(|| load(PATTERN_FILES))
}

/// One `%{...}` reference found in a pattern.
struct Reference<'a> {
    start: usize,
    end: usize,
    /// `SYNTAX` or `SYNTAX:subname`.
    name: &'a str,
    syntax: &'a str,
    has_subname: bool,
}

/// `[A-z0-9]` (note that this range also holds `[ \ ] ^ _` and the backquote).
fn is_syntax_byte(b: u8) -> bool {
    (b'A'..=b'z').contains(&b) || b.is_ascii_digit()
}

/// `[[:alnum:]@\[\]_:.-]`.
fn is_subname_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '@' | '[' | ']' | '_' | ':' | '.' | '-')
}

/// Tries to read `%\{SYNTAX(:subname)?(=definition)?\}` at `start` (which holds `%{`).
fn reference_at(s: &str, start: usize) -> Option<Reference<'_>> {
    let bytes = s.as_bytes();
    let syntax_start = start + 2;
    let mut i = syntax_start;
    while bytes.get(i).copied().is_some_and(is_syntax_byte) {
        i += 1;
    }
    if i == syntax_start {
        return None;
    }
    let syntax_end = i;
    let mut has_subname = false;
    if bytes.get(i) == Some(&b':') {
        let sub_len: usize = s[i + 1..]
            .chars()
            .take_while(|c| is_subname_char(*c))
            .map(char::len_utf8)
            .sum();
        if sub_len > 0 {
            has_subname = true;
            i += 1 + sub_len;
        }
    }
    let name_end = i;
    // `(?:=(?:[^{}]+|\.+)+)?`: the definition (ignored by Elasticsearch) runs up to `{` or `}`.
    if bytes.get(i) == Some(&b'=') {
        let def_len = s[i + 1..].find(['{', '}']).unwrap_or(s.len() - i - 1);
        if def_len > 0 && bytes.get(i + 1 + def_len) == Some(&b'}') {
            i += 1 + def_len;
        }
    }
    if bytes.get(i) != Some(&b'}') {
        return None;
    }
    Some(Reference {
        start,
        end: i + 1,
        name: &s[syntax_start..name_end],
        syntax: &s[syntax_start..syntax_end],
        has_subname,
    })
}

/// The leftmost reference in `s`.
fn find_reference(s: &str) -> Option<Reference<'_>> {
    let mut from = 0;
    while let Some(off) = s.get(from..).and_then(|r| r.find("%{")) {
        let start = from + off;
        if let Some(r) = reference_at(s, start) {
            return Some(r);
        }
        from = start + 1;
    }
    None
}

/// Expands every `%{...}` reference of `pattern` with `bank`.
pub(crate) fn expand(pattern: &str, bank: &HashMap<String, String>) -> Result<String, ExpandError> {
    let mut done = String::new();
    let mut current = pattern.to_string();
    for _ in 0..GROK_MAX_EXPANSIONS {
        let Some(r) = find_reference(&current) else {
            done.push_str(&current);
            return Ok(done);
        };
        let definition = bank
            .get(r.syntax)
            .ok_or_else(|| ExpandError::UnknownPattern(r.syntax.to_string()))?;
        if definition.contains(&format!("%{{{}}}", r.syntax))
            || definition.contains(&format!("%{{{}:", r.syntax))
        {
            return Err(ExpandError::Circular(r.syntax.to_string()));
        }
        let part = if r.has_subname {
            format!("(?<{}>{definition})", r.name)
        } else {
            format!("(?:{definition})")
        };
        done.push_str(&current[..r.start]);
        let rest = &current[r.end..];
        current = part + rest;
    }
    Err(ExpandError::TooManyExpansions)
}
