//! A parsed Lucene pattern printed as an anchored Rust `regex` (for trees
//! without intersection, complement, intervals or named automata).

use super::lucene::Re;
use super::terms::MAX_CHAR;

/// The `regex` crate text for `re`, anchored to the whole string, or None
/// when `re` needs the automaton matcher.
pub fn to_regex(re: &Re) -> Option<String> {
    if re.needs_automaton() {
        return None;
    }
    let mut out = String::from("(?s)^(?:");
    write(re, &mut out);
    out.push_str(")$");
    Some(out)
}

fn write(re: &Re, out: &mut String) {
    match re {
        Re::Union(v) => {
            out.push_str("(?:");
            for (i, x) in v.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                write(x, out);
            }
            out.push(')');
        }
        Re::Concat(v) => {
            out.push_str("(?:");
            v.iter().for_each(|x| write(x, out));
            out.push(')');
        }
        Re::Repeat(x, min, max) => {
            out.push_str("(?:");
            write(x, out);
            out.push(')');
            match max {
                None => out.push_str(&format!("{{{min},}}")),
                Some(m) => out.push_str(&format!("{{{min},{m}}}")),
            }
        }
        Re::Str(s) => {
            out.push_str("(?:");
            out.push_str(&regex::escape(s));
            out.push(')');
        }
        Re::Class { ranges, negated } => {
            out.push('[');
            if *negated {
                out.push('^');
            }
            for &(lo, hi) in ranges {
                push_char(out, lo);
                if hi != lo {
                    out.push('-');
                    push_char(out, hi);
                }
            }
            out.push(']');
        }
        Re::AnyChar => out.push('.'),
        Re::AnyString => out.push_str("(?:.*)"),
        // Intersection, complement, intervals and names never reach here
        // (`needs_automaton`); an empty language is a class without members.
        Re::Nothing | Re::Inter(_) | Re::Complement(_) | Re::Interval { .. } | Re::Named(_) => {
            out.push_str("[^\\x00-\\x{10FFFF}]")
        }
    }
}

fn push_char(out: &mut String, c: u32) {
    out.push_str(&format!("\\x{{{:X}}}", c.min(MAX_CHAR)));
}
