//! The lexer of the KQL and Lucene query string languages (see the
//! parser, `kql.rs`, for the syntax).

use super::kql::{Dialect, RangeOp, Term};

/// A token.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    LParen,
    RParen,
    Colon,
    Cmp(RangeOp),
    And,
    Or,
    Not,
    Plus,
    Quoted(String),
    Word(Term),
    Star,
    Eof,
}

/// Lexer state.
pub(super) struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    dialect: Dialect,
    _src: &'a str,
}

/// An error at a 0-based column.
use super::fulltext_error::{QueryStringError, QueryStringErrorKind as Kind};

/// An error of `kind` at character `col` of the query string.
pub(super) fn err(col: usize, kind: Kind) -> QueryStringError {
    QueryStringError::at(col, kind)
}

impl<'a> Lexer<'a> {
    pub(super) fn tokens(
        src: &'a str,
        dialect: Dialect,
    ) -> Result<Vec<(Tok, usize)>, QueryStringError> {
        let mut lx = Lexer {
            chars: src.chars().collect(),
            pos: 0,
            dialect,
            _src: src,
        };
        let mut out = Vec::new();
        loop {
            while lx.peek().is_some_and(|c| c.is_whitespace()) {
                lx.pos += 1;
            }
            let start = lx.pos;
            let Some(c) = lx.peek() else {
                out.push((Tok::Eof, start));
                return Ok(out);
            };
            let lucene = dialect == Dialect::Lucene;
            let tok = match c {
                '(' => lx.one(Tok::LParen),
                ')' => lx.one(Tok::RParen),
                ':' => lx.one(Tok::Colon),
                '<' | '>' => {
                    lx.pos += 1;
                    let eq = lx.peek() == Some('=');
                    if eq {
                        lx.pos += 1;
                    }
                    Tok::Cmp(match (c, eq) {
                        ('<', false) => RangeOp::Lt,
                        ('<', true) => RangeOp::Le,
                        ('>', false) => RangeOp::Gt,
                        _ => RangeOp::Ge,
                    })
                }
                '"' => Tok::Quoted(lx.quoted()?),
                '{' | '}' => return Err(err(start, Kind::NestedQuery)),
                '&' | '|' if lucene && lx.at(1) == Some(c) => {
                    lx.pos += 2;
                    if c == '&' {
                        Tok::And
                    } else {
                        Tok::Or
                    }
                }
                '!' if lucene => lx.one(Tok::Not),
                '-' if lucene => lx.one(Tok::Not),
                '+' if lucene => lx.one(Tok::Plus),
                '[' | ']' | '^' | '~' | '/' if lucene => {
                    return Err(err(start, Kind::UnsupportedSyntax(c)))
                }
                _ => lx.word()?,
            };
            out.push((tok, start));
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn one(&mut self, t: Tok) -> Tok {
        self.pos += 1;
        t
    }

    fn is_special(&self, c: char) -> bool {
        c.is_whitespace()
            || matches!(c, '(' | ')' | ':' | '<' | '>' | '"' | '{' | '}')
            || (self.dialect == Dialect::Lucene && matches!(c, '[' | ']' | '^' | '~'))
    }

    /// `\uXXXX` after the backslash and `u` were seen.
    fn unicode(&mut self, start: usize) -> Result<char, QueryStringError> {
        let hex: String = self.chars.iter().skip(self.pos).take(4).collect();
        let code = (hex.len() == 4)
            .then(|| u32::from_str_radix(&hex, 16).ok())
            .flatten()
            .and_then(char::from_u32)
            .ok_or_else(|| err(start, Kind::TokenRecognition(Some(format!("\\u{hex}")))))?;
        self.pos += 4;
        Ok(code)
    }

    fn quoted(&mut self) -> Result<String, QueryStringError> {
        let start = self.pos;
        self.pos += 1;
        let mut s = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(err(start, Kind::TokenRecognition(Some("\"".into()))));
            };
            self.pos += 1;
            match c {
                '"' => return Ok(s),
                '\\' => match self.peek() {
                    Some(n @ ('"' | '\\')) => {
                        self.pos += 1;
                        s.push(n);
                    }
                    Some(n @ ('r' | 't' | 'n')) => {
                        self.pos += 1;
                        s.push(whitespace_escape(n));
                    }
                    Some('u') => {
                        self.pos += 1;
                        let ch = self.unicode(self.pos - 2)?;
                        s.push(ch);
                    }
                    _ => s.push('\\'),
                },
                other => s.push(other),
            }
        }
    }

    fn word(&mut self) -> Result<Tok, QueryStringError> {
        let start = self.pos;
        let lucene = self.dialect == Dialect::Lucene;
        let (mut text, mut pattern, mut wild, mut escaped) =
            (String::new(), String::new(), false, false);
        while let Some(c) = self.peek() {
            if self.is_special(c) {
                break;
            }
            self.pos += 1;
            match c {
                '*' => {
                    wild = true;
                    text.push('*');
                    pattern.push('*');
                }
                '?' if lucene => {
                    wild = true;
                    text.push('?');
                    pattern.push('?');
                }
                '\\' => {
                    escaped = true;
                    let Some(n) = self.peek() else {
                        return Err(err(self.pos - 1, Kind::TokenRecognition(Some("\\".into()))));
                    };
                    self.pos += 1;
                    let lit = match n {
                        'r' | 't' | 'n' => whitespace_escape(n),
                        'u' => self.unicode(self.pos - 2)?,
                        _ if lucene || self.is_special(n) || matches!(n, '\\' | '*') => n,
                        _ if self.keyword_follows() => n,
                        _ => {
                            return Err(err(
                                self.pos - 2,
                                Kind::TokenRecognition(Some(format!("\\{n}"))),
                            ))
                        }
                    };
                    text.push(lit);
                    if matches!(lit, '*' | '?' | '\\') {
                        pattern.push('\\');
                    }
                    pattern.push(lit);
                }
                other => {
                    text.push(other);
                    pattern.push(other);
                }
            }
        }
        if !escaped {
            let kw = |k: &str| match self.dialect {
                Dialect::Kql => text.eq_ignore_ascii_case(k),
                Dialect::Lucene => text == k.to_ascii_uppercase(),
            };
            if kw("and") {
                return Ok(Tok::And);
            } else if kw("or") {
                return Ok(Tok::Or);
            } else if kw("not") {
                return Ok(Tok::Not);
            } else if text == "*" {
                return Ok(Tok::Star);
            }
        }
        if text.is_empty() {
            return Err(err(start, Kind::TokenRecognition(None)));
        }
        Ok(Tok::Word(Term {
            text,
            pattern: wild.then_some(pattern),
            quoted: false,
        }))
    }

    /// After `\`, whether `and`/`or`/`not` starts at the escaped character.
    fn keyword_follows(&self) -> bool {
        let rest: String = self.chars.iter().skip(self.pos - 1).take(3).collect();
        let rest = rest.to_ascii_lowercase();
        rest.starts_with("and") || rest.starts_with("or") || rest.starts_with("not")
    }
}

fn whitespace_escape(c: char) -> char {
    match c {
        'r' => '\r',
        't' => '\t',
        _ => '\n',
    }
}
