//! LIKE and RLIKE patterns translated to anchored Rust regular expressions.
//!
//! LIKE: `*` any run, `?` one character, `\` escapes the next character,
//! everything else literal. RLIKE: Lucene regular-expression syntax with
//! its default flags, which the `regex` crate can express once `@`, quoted
//! literals and character classes are rewritten.

use regex::{Regex, RegexBuilder};

/// Largest compiled program accepted for a query pattern (bytes).
pub const MAX_PATTERN_SIZE: usize = 1 << 20;

/// Compiles an already translated pattern with the size limit.
pub fn compile(translated: &str) -> Result<Regex, String> {
    RegexBuilder::new(translated)
        .size_limit(MAX_PATTERN_SIZE)
        .dfa_size_limit(MAX_PATTERN_SIZE * 2)
        .build()
        .map_err(|e| format!("Invalid regex pattern: {e}"))
}

/// Translates a LIKE pattern.
pub fn like_to_regex(pattern: &str) -> String {
    let mut out = String::from("(?s)^(?:");
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
    out.push_str(")$");
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

/// Translates a Lucene RLIKE pattern, or explains why it cannot be run.
pub fn rlike_to_regex(pattern: &str) -> Result<String, String> {
    let mut out = String::from("(?s)^(?:");
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let mut in_class = false;
    // Whether the last thing emitted can take a repetition operator; Lucene
    // reads an operator with nothing to repeat as a literal character.
    let mut after_atom = false;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if !in_class && matches!(c, '*' | '+' | '?') && !after_atom {
            out.push('\\');
            out.push(c);
            after_atom = true;
            continue;
        }
        after_atom = !matches!(c, '(' | '|');
        if in_class {
            match c {
                ']' => {
                    in_class = false;
                    out.push(']');
                }
                '\\' => {
                    if let Some(&n) = chars.get(i) {
                        i += 1;
                        push_escape(&mut out, n);
                    }
                }
                '[' => out.push_str("\\["),
                '&' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                other => out.push(other),
            }
            continue;
        }
        match c {
            '\\' => match chars.get(i) {
                Some(&n) => {
                    i += 1;
                    push_escape(&mut out, n);
                }
                None => {
                    return Err(format!(
                        "Invalid regex pattern [{pattern}]: trailing backslash"
                    ))
                }
            },
            '"' => {
                let mut lit = String::new();
                loop {
                    match chars.get(i) {
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            lit.push(ch);
                            i += 1;
                        }
                        None => {
                            return Err(format!(
                                "Invalid regex pattern [{pattern}]: unterminated quoted literal"
                            ))
                        }
                    }
                }
                out.push_str(&regex::escape(&lit));
            }
            '@' => out.push_str(".*"),
            '[' => {
                in_class = true;
                out.push('[');
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
            }
            '{' => {
                // A repetition `{n}`, `{n,}`, `{n,m}`; otherwise a literal brace.
                let rest: String = chars.iter().skip(i).collect();
                let close = rest.find('}');
                let is_rep = close.is_some_and(|end| {
                    let body = &rest[..end];
                    !body.is_empty() && body.chars().all(|ch| ch.is_ascii_digit() || ch == ',')
                });
                if is_rep {
                    out.push('{');
                } else {
                    out.push_str("\\{");
                }
            }
            '}' => out.push('}'),
            '#' => out.push_str("[^\\x00-\\x{10FFFF}]"),
            '&' | '~' | '<' => {
                return Err(format!(
                    "Invalid regex pattern [{pattern}]: the Lucene operator [{c}] is not supported"
                ))
            }
            '^' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '.' | '?' | '+' | '*' | '|' | '(' | ')' => out.push(c),
            other => out.push_str(&regex::escape(&other.to_string())),
        }
    }
    if in_class {
        return Err(format!(
            "Invalid regex pattern [{pattern}]: unterminated character class"
        ));
    }
    out.push_str(")$");
    Ok(out)
}

fn push_escape(out: &mut String, n: char) {
    match n {
        'd' => out.push_str("[0-9]"),
        'D' => out.push_str("[^0-9]"),
        'w' => out.push_str("[A-Za-z0-9_]"),
        'W' => out.push_str("[^A-Za-z0-9_]"),
        's' => out.push_str("[ \\t\\n\\x0B\\f\\r]"),
        'S' => out.push_str("[^ \\t\\n\\x0B\\f\\r]"),
        other => out.push_str(&regex::escape(&other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn like(p: &str, s: &str) -> bool {
        compile(&like_to_regex(p)).unwrap().is_match(s)
    }
    fn rlike(p: &str, s: &str) -> bool {
        compile(&rlike_to_regex(p).unwrap()).unwrap().is_match(s)
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
        assert!(rlike("x{", "x{"));
        assert!(rlike_to_regex("a&b").is_err());
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
