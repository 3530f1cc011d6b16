//! Lucene `RegExp` syntax parsed to a tree, reading every pattern the way
//! Lucene 10's recursive-descent parser does (`parseUnionExp` →
//! `parseInterExp` → `parseConcatExp` → `parseRepeatExp` → `parseComplExp`
//! → `parseCharClassExp` → `parseSimpleExp`), with the syntax flags ES|QL's
//! `RLikePattern` passes: `RegExp.ALL | RegExp.DEPRECATED_COMPLEMENT`. So
//! `&` (intersection), `~` (complement), `#` (empty language), `@` (any
//! string) and `<...>` (named automaton or numeric interval) are operators.
//!
//! Facts relied on (Lucene `RegExp.java`): an operator character found where
//! an expression must start is read as a literal (`*a`, `|a`, `)a`, `&a`);
//! a concatenation stops before `)`, `|` and `&`; an operand that is missing
//! at the end of the pattern fails with `unexpected end-of-string`; a
//! backslash before an ASCII letter other than `d D s S w W` is an error;
//! error positions count UTF-16 code units.

use crate::error::SyntaxError;

/// A parsed Lucene regular expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Re {
    /// Alternatives (`a|b`).
    Union(Vec<Re>),
    /// Intersection (`a&b`).
    Inter(Vec<Re>),
    /// Sequence.
    Concat(Vec<Re>),
    /// `x{min,max}`; `max` None is unbounded (`?` is 0..1, `*` 0.., `+` 1..).
    Repeat(Box<Re>, u32, Option<u32>),
    /// `~x`: every string `x` does not match.
    Complement(Box<Re>),
    /// A literal string (a single character or `"quoted"` text).
    Str(String),
    /// One character in (or, when negated, not in) the inclusive ranges.
    Class {
        /// Inclusive code-point ranges.
        ranges: Vec<(u32, u32)>,
        /// `[^...]`.
        negated: bool,
    },
    /// `.`: any one character.
    AnyChar,
    /// `@`: any string.
    AnyString,
    /// `#`: the empty language.
    Nothing,
    /// `<name>`: a named automaton (none exist for ES|QL).
    Named(String),
    /// `<n-m>`: decimal numbers in `min..=max`; `digits > 0` fixes the width.
    Interval {
        /// Lower bound.
        min: u32,
        /// Upper bound.
        max: u32,
        /// Fixed width (zero-padded) or 0 for any number of leading zeros.
        digits: usize,
    },
}

impl Re {
    /// True when the tree uses intersection, complement, a numeric
    /// interval or a named automaton (which the `regex` translation does not
    /// express).
    pub fn needs_automaton(&self) -> bool {
        match self {
            Re::Inter(_) | Re::Complement(_) | Re::Interval { .. } | Re::Named(_) => true,
            Re::Union(v) | Re::Concat(v) => v.iter().any(Re::needs_automaton),
            Re::Repeat(x, ..) => x.needs_automaton(),
            _ => false,
        }
    }
}

/// Deepest nesting of groups, complements and repetitions accepted.
const MAX_DEPTH: usize = 100;

/// Parses `pattern`; the error is Lucene's `IllegalArgumentException`
/// message.
pub fn parse(pattern: &str) -> Result<Re, SyntaxError> {
    let mut p = Parser {
        chars: pattern.chars().collect(),
        pos: 0,
        depth: 0,
    };
    if p.chars.is_empty() {
        return Ok(Re::Str(String::new()));
    }
    let e = p.union()?;
    if p.more() {
        return Err(SyntaxError::EndOfStringExpected(p.at()));
    }
    Ok(e)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Parser {
    /// The current position in UTF-16 code units, as Lucene reports it.
    fn at(&self) -> usize {
        self.chars
            .iter()
            .take(self.pos)
            .map(|c| c.len_utf16())
            .sum()
    }

    fn more(&self) -> bool {
        self.pos < self.chars.len()
    }

    fn peek(&self, set: &str) -> bool {
        self.chars.get(self.pos).is_some_and(|c| set.contains(*c))
    }

    fn eat(&mut self, c: char) -> bool {
        if self.chars.get(self.pos) == Some(&c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn next(&mut self) -> Result<char, SyntaxError> {
        let c = *self.chars.get(self.pos).ok_or(SyntaxError::UnexpectedEnd)?;
        self.pos += 1;
        Ok(c)
    }

    fn deeper(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError::TooDeep(MAX_DEPTH));
        }
        Ok(())
    }

    fn union(&mut self) -> Result<Re, SyntaxError> {
        let mut items = vec![self.inter()?];
        while self.eat('|') {
            items.push(self.inter()?);
        }
        Ok(single_or(items, Re::Union))
    }

    fn inter(&mut self) -> Result<Re, SyntaxError> {
        let mut items = vec![self.concat()?];
        while self.eat('&') {
            items.push(self.concat()?);
        }
        Ok(single_or(items, Re::Inter))
    }

    fn concat(&mut self) -> Result<Re, SyntaxError> {
        let mut items = vec![self.repeat()?];
        while self.more() && !self.peek(")|&") {
            items.push(self.repeat()?);
        }
        Ok(single_or(items, Re::Concat))
    }

    fn repeat(&mut self) -> Result<Re, SyntaxError> {
        let mut e = self.complement()?;
        let depth = self.depth;
        while self.peek("?*+{") {
            self.deeper()?;
            let (min, max) = match self.next()? {
                '?' => (0, Some(1)),
                '*' => (0, None),
                '+' => (1, None),
                _ => self.bounds()?,
            };
            e = Re::Repeat(Box::new(e), min, max);
        }
        self.depth = depth;
        Ok(e)
    }

    /// The `n}`, `n,}` or `n,m}` after `{`.
    fn bounds(&mut self) -> Result<(u32, Option<u32>), SyntaxError> {
        let n = match self.digits()? {
            Some(n) => n,
            None => return Err(SyntaxError::IntegerExpected(self.at())),
        };
        let m = if self.eat(',') {
            self.digits()?
        } else {
            Some(n)
        };
        if !self.eat('}') {
            return Err(SyntaxError::Expected {
                what: '}',
                at: self.at(),
            });
        }
        if let Some(m) = m {
            if n > m {
                return Err(SyntaxError::RepetitionOutOfOrder(n, m));
            }
        }
        Ok((n, m))
    }

    /// A run of ASCII digits read as Java's `Integer.parseInt` would.
    fn digits(&mut self) -> Result<Option<u32>, SyntaxError> {
        let start = self.pos;
        while self.peek("0123456789") {
            self.pos += 1;
        }
        let text: String = self
            .chars
            .get(start..self.pos)
            .unwrap_or(&[])
            .iter()
            .collect();
        if text.is_empty() {
            return Ok(None);
        }
        java_int(&text).map(Some)
    }

    fn complement(&mut self) -> Result<Re, SyntaxError> {
        if self.eat('~') {
            self.deeper()?;
            let inner = self.complement()?;
            self.depth -= 1;
            return Ok(Re::Complement(Box::new(inner)));
        }
        self.char_class()
    }

    fn char_class(&mut self) -> Result<Re, SyntaxError> {
        if !self.eat('[') {
            return self.simple();
        }
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        loop {
            if self.eat('\\') {
                if self
                    .chars
                    .get(self.pos)
                    .is_some_and(|c| *c == '\\' || c.is_ascii_alphabetic())
                {
                    self.predefined(&mut ranges)?;
                } else {
                    let c = self.next()? as u32;
                    ranges.push((c, c));
                }
            } else {
                let c = self.char_exp()?;
                if self.eat('-') {
                    ranges.push((c, self.char_exp()?));
                } else {
                    ranges.push((c, c));
                }
            }
            if !self.more() || self.peek("]") {
                break;
            }
        }
        for &(from, to) in &ranges {
            if from > to {
                return Err(SyntaxError::ClassRangeOutOfOrder(from, to));
            }
        }
        if !self.eat(']') {
            return Err(SyntaxError::Expected {
                what: ']',
                at: self.at(),
            });
        }
        Ok(Re::Class { ranges, negated })
    }

    /// After a backslash that precedes `\` or an ASCII letter: `\\`, one of
    /// the classes `\d \D \s \S \w \W`, or an error.
    fn predefined(&mut self, out: &mut Vec<(u32, u32)>) -> Result<(), SyntaxError> {
        const MAX: u32 = 0x10FFFF;
        let c = self.next()?;
        let ranges: &[(u32, u32)] = match c {
            '\\' => &[(0x5C, 0x5C)],
            'd' => &[(0x30, 0x39)],
            'D' => &[(0, 0x2F), (0x3A, MAX)],
            's' => &[(0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x20)],
            'S' => &[(0, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x21, MAX)],
            'w' => &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
            'W' => &[
                (0, 0x2F),
                (0x3A, 0x40),
                (0x5B, 0x5E),
                (0x60, 0x60),
                (0x7B, MAX),
            ],
            other => return Err(SyntaxError::InvalidCharClass(other)),
        };
        out.extend_from_slice(ranges);
        Ok(())
    }

    fn char_exp(&mut self) -> Result<u32, SyntaxError> {
        self.eat('\\');
        Ok(self.next()? as u32)
    }

    fn simple(&mut self) -> Result<Re, SyntaxError> {
        if self.eat('.') {
            return Ok(Re::AnyChar);
        }
        if self.eat('#') {
            return Ok(Re::Nothing);
        }
        if self.eat('@') {
            return Ok(Re::AnyString);
        }
        if self.eat('"') {
            let mut text = String::new();
            while self.more() && !self.peek("\"") {
                text.push(self.next()?);
            }
            if !self.eat('"') {
                return Err(SyntaxError::Expected {
                    what: '"',
                    at: self.at(),
                });
            }
            return Ok(Re::Str(text));
        }
        if self.eat('(') {
            if self.eat(')') {
                return Ok(Re::Str(String::new()));
            }
            self.deeper()?;
            let e = self.union()?;
            self.depth -= 1;
            if !self.eat(')') {
                return Err(SyntaxError::Expected {
                    what: ')',
                    at: self.at(),
                });
            }
            return Ok(e);
        }
        if self.eat('<') {
            return self.angle();
        }
        if self.eat('\\') {
            if self
                .chars
                .get(self.pos)
                .is_some_and(|c| *c == '\\' || c.is_ascii_alphabetic())
            {
                let mut ranges = Vec::new();
                self.predefined(&mut ranges)?;
                return Ok(Re::Class {
                    ranges,
                    negated: false,
                });
            }
            return Ok(Re::Str(self.next()?.to_string()));
        }
        Ok(Re::Str(self.next()?.to_string()))
    }

    /// `<name>` or `<n-m>` after `<`.
    fn angle(&mut self) -> Result<Re, SyntaxError> {
        let start = self.pos;
        while self.more() && !self.peek(">") {
            self.pos += 1;
        }
        if !self.eat('>') {
            return Err(SyntaxError::Expected {
                what: '>',
                at: self.at(),
            });
        }
        let body: String = self
            .chars
            .get(start..self.pos - 1)
            .unwrap_or(&[])
            .iter()
            .collect();
        let error = || SyntaxError::IntervalSyntax(self.at() - 1);
        let Some(dash) = body.find('-') else {
            return Ok(Re::Named(body));
        };
        if dash == 0 || dash + 1 == body.len() || body.rfind('-') != Some(dash) {
            return Err(error());
        }
        let (lo, hi) = (&body[..dash], &body[dash + 1..]);
        let (Ok(a), Ok(b)) = (java_int(lo), java_int(hi)) else {
            return Err(error());
        };
        let digits = if lo.chars().count() == hi.chars().count() {
            lo.chars().count()
        } else {
            0
        };
        Ok(Re::Interval {
            min: a.min(b),
            max: a.max(b),
            digits,
        })
    }
}

fn single_or(mut items: Vec<Re>, make: fn(Vec<Re>) -> Re) -> Re {
    if items.len() == 1 {
        if let Some(only) = items.pop() {
            return only;
        }
    }
    make(items)
}

/// Java's `Integer.parseInt` for the texts the parser can pass (an optional
/// `+` then ASCII digits), with its `NumberFormatException` message.
fn java_int(text: &str) -> Result<u32, SyntaxError> {
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SyntaxError::NumberFormat(text.to_string()));
    }
    digits
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= i32::MAX as u32)
        .ok_or_else(|| SyntaxError::NumberFormat(text.to_string()))
}

#[cfg(test)]
#[path = "lucene_tests.rs"]
mod tests;
