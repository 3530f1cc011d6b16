//! # esql-pattern
//!
//! The pattern engines of ES|QL's `LIKE` and `RLIKE`, matching whole strings.
//!
//! LIKE: `*` any run, `?` one character, `\` escapes the next character,
//! everything else literal. RLIKE: Lucene regular-expression syntax, parsed
//! as Lucene parses it (`lucene.rs`), then run on the `regex` crate when it
//! can express the pattern, else on a derivative-built automaton
//! (intersection `&`, complement `~`, numeric intervals `<n-m>`).
//!
//! [`compile_like`] and [`compile_rlike`] give a [`TextMatcher`];
//! [`like_to_regex`], [`rlike_to_regex`] and [`compile`] expose the
//! translation for callers that build their own regular expressions, and
//! [`like_literals`] the texts a LIKE pattern requires.

// Library code may not index or slice in a way that can panic on input;
// unit tests (compiled with `cfg(test)`) may.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

mod automaton;
mod error;
mod lucene;
mod print;
mod simplify;
mod terms;

pub use automaton::Dfa;
pub use error::{PatternError, SyntaxError};

use automaton::BuildError;

use regex::{Regex, RegexBuilder};
use std::sync::Arc;

/// Largest compiled program accepted for a query pattern (bytes).
pub const MAX_PATTERN_SIZE: usize = 1 << 20;

/// Largest compiled program accepted for a whole LIKE list (bytes).
pub const MAX_LIST_PATTERN_SIZE: usize = 64 << 20;

/// Compiles an already translated pattern with the size limit.
pub fn compile(translated: &str) -> Result<Regex, PatternError> {
    RegexBuilder::new(translated)
        .size_limit(MAX_PATTERN_SIZE)
        .dfa_size_limit(MAX_PATTERN_SIZE * 2)
        .build()
        .map_err(|e| PatternError::Regex(e.to_string()))
}

/// Translates a LIKE pattern.
pub fn like_to_regex(pattern: &str) -> String {
    format!("(?s)^(?:{})$", like_body(pattern))
}

/// The unanchored regular expression of a LIKE pattern.
fn like_body(pattern: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => out.push_str(".*"),
            '?' => out.push('.'),
            '\\' => match chars.next() {
                Some(n) => out.push_str(&regex::escape(&n.to_string())),
                None => out.push_str(&regex::escape("\\")),
            },
            other => out.push_str(&regex::escape(&other.to_string())),
        }
    }
    out
}

/// The literal texts a LIKE pattern requires, in order (used to skip
/// documents that cannot match).
pub fn like_literals(pattern: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' | '?' => {
                if !cur.is_empty() {
                    parts.push(std::mem::take(&mut cur));
                }
            }
            '\\' => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            other => cur.push(other),
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

/// A compiled LIKE or RLIKE pattern, matching whole strings.
#[derive(Debug, Clone)]
pub enum TextMatcher {
    /// An anchored `regex` (LIKE, and RLIKE without `&`, `~` or `<...>`).
    Regex(Regex),
    /// A deterministic automaton built from an RLIKE pattern.
    Automaton {
        /// The RLIKE pattern as written.
        pattern: String,
        /// Its automaton.
        dfa: Arc<Dfa>,
    },
}

impl TextMatcher {
    /// True when the whole of `s` matches.
    pub fn is_match(&self, s: &str) -> bool {
        match self {
            TextMatcher::Regex(re) => re.is_match(s),
            TextMatcher::Automaton { dfa, .. } => dfa.is_match(s),
        }
    }

    /// A short description for plan output.
    pub fn describe(&self) -> String {
        match self {
            TextMatcher::Regex(re) => re.as_str().to_string(),
            TextMatcher::Automaton { pattern, dfa } => {
                format!("lucene:{pattern} ({} states)", dfa.states())
            }
        }
    }
}

/// Compiles a LIKE pattern.
pub fn compile_like(pattern: &str) -> Result<TextMatcher, PatternError> {
    compile(&like_to_regex(pattern)).map(TextMatcher::Regex)
}

/// Compiles the patterns of a LIKE list (`x LIKE ("a*", "*b")`) into few
/// matchers, any of which may match: one regular expression per chunk of
/// [`LIKE_LIST_CHUNK`] patterns, so a list of thousands of patterns is a
/// handful of programs rather than thousands. A chunk too large for one
/// program is compiled pattern by pattern (and a pattern too large for its
/// own program is the error).
pub fn compile_like_list(patterns: &[&str]) -> Result<Vec<TextMatcher>, PatternError> {
    let mut out = Vec::new();
    for chunk in patterns.chunks(LIKE_LIST_CHUNK) {
        match compile_like_any(chunk) {
            Ok(any) => out.push(any),
            Err(_) => {
                for p in chunk {
                    out.push(compile_like(p)?);
                }
            }
        }
    }
    Ok(out)
}

/// Patterns of a LIKE list compiled into one regular expression.
pub const LIKE_LIST_CHUNK: usize = 1000;

/// One matcher for all of `patterns`, or the regex engine's refusal when
/// they do not fit one program.
fn compile_like_any(patterns: &[&str]) -> Result<TextMatcher, PatternError> {
    if let [one] = patterns {
        return compile_like(one);
    }
    let bodies: Vec<String> = patterns
        .iter()
        .map(|p| format!("(?:{})", like_body(p)))
        .collect();
    // The chunk may take the room its patterns would take one by one, up to
    // a bound: one program of n patterns is smaller than n programs.
    let limit = MAX_PATTERN_SIZE
        .saturating_mul(patterns.len())
        .min(MAX_LIST_PATTERN_SIZE);
    RegexBuilder::new(&format!("(?s)^(?:{})$", bodies.join("|")))
        .size_limit(limit)
        .dfa_size_limit(limit.saturating_mul(2))
        .build()
        .map(TextMatcher::Regex)
        .map_err(|e| PatternError::Regex(e.to_string()))
}

/// Compiles an RLIKE pattern the way Elasticsearch reads it: Lucene
/// `RegExp` syntax with `RegExp.ALL | RegExp.DEPRECATED_COMPLEMENT`, matched
/// against the whole string. Patterns the `regex` crate can express run on
/// it; the others (and those too large for it) on an automaton.
///
/// Errors use Elasticsearch's wording: `Invalid regex pattern for RLIKE
/// [<pattern>]: [<Lucene message>]` for a pattern Lucene rejects, and
/// Lucene's `TooComplexToDeterminizeException` message for one needing
/// more than 10,000 automaton states.
pub fn compile_rlike(pattern: &str) -> Result<TextMatcher, PatternError> {
    let invalid = |reason: SyntaxError| PatternError::Rlike {
        pattern: pattern.to_string(),
        reason,
    };
    let re = simplify::simplify(lucene::parse(pattern).map_err(invalid)?);
    if let Some(text) = print::to_regex(&re) {
        if let Ok(compiled) = compile(&text) {
            return Ok(TextMatcher::Regex(compiled));
        }
    }
    match Dfa::build(&re) {
        Ok(dfa) => Ok(TextMatcher::Automaton {
            pattern: pattern.to_string(),
            dfa: Arc::new(dfa),
        }),
        Err(BuildError::Invalid(msg)) => Err(invalid(msg)),
        Err(BuildError::TooComplex) => Err(PatternError::TooComplex {
            pattern: pattern.to_string(),
            max_states: automaton::MAX_STATES,
        }),
    }
}

/// Translates an RLIKE pattern to an anchored `regex` text, or explains why
/// it cannot be (a Lucene syntax error, or operators only the automaton
/// matcher of [`compile_rlike`] evaluates).
pub fn rlike_to_regex(pattern: &str) -> Result<String, PatternError> {
    let re = simplify::simplify(
        lucene::parse(pattern).map_err(|reason| PatternError::Rlike {
            pattern: pattern.to_string(),
            reason,
        })?,
    );
    print::to_regex(&re).ok_or_else(|| PatternError::NeedsAutomaton(pattern.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn like(p: &str, s: &str) -> bool {
        compile(&like_to_regex(p)).unwrap().is_match(s)
    }
    fn rlike(p: &str, s: &str) -> bool {
        compile_rlike(p).unwrap().is_match(s)
    }

    #[test]
    fn a_like_list_is_one_matcher_of_any_pattern() {
        let any = compile_like_list(&["a*", "*z", "m?d", "x\\*"]).unwrap();
        assert_eq!(any.len(), 1, "one program for a short list");
        let any = &any[0];
        for yes in ["apple", "fizz", "mud", "x*"] {
            assert!(any.is_match(yes), "{yes}");
        }
        for no in ["banana", "zoo", "mood", "xy", ""] {
            assert!(!any.is_match(no), "{no}");
        }
        let texts: Vec<String> = (0..20_000).map(|i| format!("*{i}*")).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let list = compile_like_list(&refs).unwrap();
        assert_eq!(list.len(), 20_000 / LIKE_LIST_CHUNK);
        assert!(list.iter().any(|m| m.is_match("x19999y")));
        assert!(!list.iter().any(|m| m.is_match("abc")));
    }

    #[test]
    fn like_matches_whole_string() {
        assert!(like("a*c", "abc"));
        assert!(like("a?c", "abc"));
        assert!(!like("a*", "ba"));
        assert!(like("a\\*", "a*"));
        assert!(!like("a\\*", "ab"));
        assert!(like("*.exe", "x.exe"));
        assert!(!like("*.exe", "xaexe"));
    }

    #[test]
    fn rlike_lucene_syntax() {
        assert!(rlike("a.c", "abc"));
        assert!(rlike(".*@corp\\.com", "x@corp.com"));
        assert!(rlike("@", "anything"));
        assert!(rlike("\"a.b\"c", "a.bc"));
        assert!(!rlike("\"a.b\"c", "axbc"));
        assert!(rlike("\\d{2}", "42"));
        assert!(rlike("[a-c]+", "abcabc"));
        // `{` after an expression always opens a repetition; `{`, `}` where
        // an expression starts are literals.
        assert_eq!(
            compile_rlike("x{").unwrap_err().to_string(),
            "Invalid regex pattern for RLIKE [x{]: [integer expected at position 2]"
        );
        assert!(rlike("{a}", "{a}"));
        assert!(rlike_to_regex("a&b").is_err());
        assert!(!rlike("a&b", "a"));
        // A leading operator has nothing to repeat: Lucene reads it literally.
        assert!(rlike("*sh.{1,2}-c*", "*sh -ccc"));
        assert!(!rlike("*sh.{1,2}-c*", "bash -c"));
    }

    #[test]
    fn like_literals_split_on_wildcards() {
        assert_eq!(
            like_literals("*GetService*Quota?"),
            vec!["GetService", "Quota"]
        );
    }
}

#[cfg(test)]
#[path = "matcher_tests.rs"]
mod matcher_tests;
