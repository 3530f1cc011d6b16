//! A mode-aware lexer that follows the ES|QL ANTLR lexer: the command word
//! that opens a pipe segment decides how the rest of the segment is cut into
//! tokens (expression tokens, index patterns, name patterns, …).

use super::scan::*;
use super::token::{Cmd, Tok, Token, COMMANDS, EXPR_KEYWORDS};
use crate::span::Span;

/// Lexer modes (one per ANTLR `mode`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Default,
    Expr,
    From,
    Project,
    Rename,
    Enrich,
    EnrichField,
    MvExpand,
    Show,
    ChangePoint,
    Fork,
    Join,
    Lookup,
    LookupField,
    Explain,
}

/// The first lexer error: byte offset and the offending text.
pub(crate) type LexError = (usize, String);

/// Cuts `src` into tokens (hidden whitespace and comments dropped). Bad
/// characters are skipped the way ANTLR recovers; the first one is returned.
pub(crate) fn tokenize(src: &str) -> (Vec<Token>, Option<LexError>) {
    let mut lx = Lexer {
        src,
        pos: 0,
        mode: Mode::Default,
        stack: Vec::new(),
        tokens: Vec::new(),
        error: None,
    };
    lx.run();
    let end = src.len();
    lx.tokens.push(Token {
        kind: Tok::Eof,
        span: Span::new(end, end),
    });
    (lx.tokens, lx.error)
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    mode: Mode,
    stack: Vec<Mode>,
    tokens: Vec<Token>,
    error: Option<LexError>,
}

/// What one lexing step produced.
enum Step {
    /// A token of `len` bytes.
    Token(Tok, usize),
    /// Hidden text (whitespace, comment) of `len` bytes.
    Skip(usize),
    /// No rule matched: ANTLR reports `len` bytes and skips them.
    Error(usize),
}

impl Lexer<'_> {
    fn run(&mut self) {
        while self.pos < self.src.len() {
            let rest = &self.src[self.pos..];
            let step = match self.hidden(rest) {
                Some(n) => Step::Skip(n),
                None => self.step(rest),
            };
            match step {
                Step::Skip(n) => self.pos += n,
                Step::Token(kind, n) => {
                    self.tokens.push(Token {
                        kind,
                        span: Span::new(self.pos, self.pos + n),
                    });
                    self.transition(kind, &rest[..n]);
                    self.pos += n;
                }
                Step::Error(n) => {
                    let n = n.max(rest.chars().next().map(char::len_utf8).unwrap_or(1));
                    let n = n.min(rest.len());
                    if self.error.is_none() {
                        self.error = Some((self.pos, rest[..n].to_string()));
                    }
                    self.pos += n;
                }
            }
        }
    }

    fn hidden(&self, rest: &str) -> Option<usize> {
        let ws = rest
            .find(|c: char| !matches!(c, ' ' | '\t' | '\r' | '\n'))
            .unwrap_or(rest.len());
        if ws > 0 {
            return Some(ws);
        }
        if rest.starts_with("//") {
            let end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
            return Some(end);
        }
        if rest.starts_with("/*") {
            let n = block_comment_len(rest);
            if n > 0 {
                return Some(n);
            }
        }
        None
    }

    fn push(&mut self, m: Mode) {
        self.stack.push(self.mode);
        self.mode = m;
    }

    fn pop(&mut self, times: usize) {
        for _ in 0..times {
            self.mode = self.stack.pop().unwrap_or(Mode::Default);
        }
    }

    fn transition(&mut self, kind: Tok, text: &str) {
        use Mode::*;
        match (self.mode, kind) {
            (Default, Tok::Command(c)) => self.push(match c {
                Cmd::ChangePoint => ChangePoint,
                Cmd::Enrich => Enrich,
                Cmd::Explain => Explain,
                Cmd::From | Cmd::Ts => From,
                Cmd::Fork => Fork,
                Cmd::Lookup | Cmd::Full | Cmd::Left | Cmd::Right => Join,
                Cmd::DevLookup => Lookup,
                Cmd::MvExpand => MvExpand,
                Cmd::Drop | Cmd::Keep | Cmd::Insist => Project,
                Cmd::Rename => Rename,
                Cmd::Show => Show,
                _ => Expr,
            }),
            (Default, Tok::UnknownCmd) => self.push(Expr),
            (Expr, Tok::Lp | Tok::OpenBracket) => {
                self.push(Expr);
                self.push(Expr);
            }
            (Expr, Tok::Rp | Tok::CloseBracket) => self.pop(2),
            (Fork | Explain, Tok::Lp) => self.push(Default),
            (EnrichField, Tok::Pipe) | (LookupField, Tok::Pipe) => self.pop(2),
            (EnrichField, Tok::Rp) | (LookupField, Tok::Rp) => self.pop(3),
            (From | Fork, Tok::Rp) => self.pop(1),
            (_, Tok::Rp) => self.pop(2),
            (_, Tok::Pipe) => self.pop(1),
            (Enrich, Tok::On | Tok::With) => self.push(EnrichField),
            (Lookup, Tok::On) => self.push(LookupField),
            (Join, Tok::On | Tok::Using) => {
                self.pop(1);
                self.push(Expr);
            }
            _ => {}
        }
        let _ = text;
    }

    fn step(&self, rest: &str) -> Step {
        let c = rest.chars().next().unwrap_or(' ');
        if c == '|' && self.mode != Mode::Default {
            return Step::Token(Tok::Pipe, 1);
        }
        match self.mode {
            Mode::Default => Self::default_mode(rest),
            Mode::Expr => Self::expr_mode(rest),
            Mode::From => Self::from_mode(rest, false),
            Mode::Join => Self::from_mode(rest, true),
            Mode::Lookup => match c {
                ')' => Step::Token(Tok::Rp, 1),
                ':' => Step::Token(Tok::Colon, 1),
                ',' => Step::Token(Tok::Comma, 1),
                '.' => Step::Token(Tok::Dot, 1),
                _ => Self::from_mode(rest, true),
            },
            Mode::Project | Mode::Rename | Mode::EnrichField | Mode::LookupField => {
                self.pattern_mode(rest)
            }
            Mode::Enrich => Self::enrich_mode(rest),
            Mode::MvExpand | Mode::ChangePoint => self.name_mode(rest),
            Mode::Show => {
                if rest.get(..4).is_some_and(|w| eq_ci(w, "info")) {
                    Step::Token(Tok::Info, 4)
                } else {
                    Step::Error(0)
                }
            }
            Mode::Fork | Mode::Explain => match c {
                '(' => Step::Token(Tok::Lp, 1),
                ')' if self.mode == Mode::Fork => Step::Token(Tok::Rp, 1),
                _ => Step::Error(0),
            },
        }
    }

    fn default_mode(rest: &str) -> Step {
        let n = rest
            .find([' ', '\r', '\n', '\t', '[', ']', '/'])
            .unwrap_or(rest.len());
        if n == 0 {
            return Step::Error(0);
        }
        let word = &rest[..n];
        if eq_ci(word, "inline") {
            if let Some(len) = inline_stats_len(rest, n) {
                return Step::Token(Tok::Command(Cmd::InlineStats), len);
            }
        }
        for (kw, cmd) in COMMANDS {
            if word.len() == kw.len() && eq_ci(word, kw) {
                return Step::Token(Tok::Command(*cmd), n);
            }
        }
        Step::Token(Tok::UnknownCmd, n)
    }

    fn params(rest: &str) -> Step {
        let double = rest.starts_with("??");
        let start = if double { 2 } else { 1 };
        let after = &rest[start..];
        let name = match after.chars().next() {
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                1 + word_body(&after[1..]).map(|(_, b)| b.len()).unwrap_or(0)
            }
            Some(c) if c.is_ascii_digit() => digits(after).map(|(_, d)| d.len()).unwrap_or(0),
            _ => 0,
        };
        let kind = match (double, name > 0) {
            (false, false) => Tok::Param,
            (false, true) => Tok::NamedParam,
            (true, false) => Tok::DoubleParams,
            (true, true) => Tok::NamedDoubleParam,
        };
        Step::Token(kind, start + name)
    }

    fn string(rest: &str) -> Step {
        match scan_string(rest) {
            StrScan::Ok(n) => Step::Token(Tok::QuotedString, n),
            StrScan::Fail(at) => {
                let len = rest[at..].chars().next().map(char::len_utf8).unwrap_or(0);
                Step::Error(at + len)
            }
        }
    }

    fn expr_mode(rest: &str) -> Step {
        let b = rest.as_bytes();
        let c = rest.chars().next().unwrap_or(' ');
        let next = b.get(1).copied();
        if c == '"' {
            return Self::string(rest);
        }
        if c.is_ascii_digit() || (c == '.' && next.is_some_and(|d| d.is_ascii_digit())) {
            if let Some((kind, n)) = scan_number(rest) {
                return Step::Token(kind, n);
            }
        }
        if c.is_ascii_alphabetic() || c == '_' || c == '@' {
            let n = ident_len(rest);
            if n == 0 {
                return Step::Error(0);
            }
            let word = &rest[..n];
            for (kw, tok) in EXPR_KEYWORDS {
                if word.len() == kw.len() && eq_ci(word, kw) {
                    return Step::Token(*tok, n);
                }
            }
            return Step::Token(Tok::Ident, n);
        }
        if c == '`' {
            let n = quoted_id_len(rest);
            return if n > 0 {
                Step::Token(Tok::QuotedIdent, n)
            } else {
                Step::Error(rest.len())
            };
        }
        let two = |t: Tok| Step::Token(t, 2);
        let one = |t: Tok| Step::Token(t, 1);
        match (c, next) {
            ('=', Some(b'=')) => two(Tok::Eq),
            ('=', Some(b'~')) => two(Tok::CiEq),
            ('=', _) => one(Tok::Assign),
            (':', Some(b':')) => two(Tok::CastOp),
            (':', _) => one(Tok::Colon),
            ('!', Some(b'=')) => two(Tok::Neq),
            ('<', Some(b'=')) => two(Tok::Lte),
            ('<', _) => one(Tok::Lt),
            ('>', Some(b'=')) => two(Tok::Gte),
            ('>', _) => one(Tok::Gt),
            ('+', _) => one(Tok::Plus),
            ('-', _) => one(Tok::Minus),
            ('*', _) => one(Tok::Asterisk),
            ('/', _) => one(Tok::Slash),
            ('%', _) => one(Tok::Percent),
            ('{', _) => one(Tok::LeftBrace),
            ('}', _) => one(Tok::RightBrace),
            (',', _) => one(Tok::Comma),
            ('.', _) => one(Tok::Dot),
            ('?', _) => Self::params(rest),
            ('[', _) => one(Tok::OpenBracket),
            (']', _) => one(Tok::CloseBracket),
            ('(', _) => one(Tok::Lp),
            (')', _) => one(Tok::Rp),
            _ => Step::Error(0),
        }
    }

    fn from_mode(rest: &str, join: bool) -> Step {
        let c = rest.chars().next().unwrap_or(' ');
        let next = rest.as_bytes().get(1).copied();
        match (c, next) {
            ('"', _) => return Self::string(rest),
            (':', Some(b':')) if !join => return Step::Token(Tok::CastOp, 2),
            (':', _) => return Step::Token(Tok::Colon, 1),
            (',', _) if !join => return Step::Token(Tok::Comma, 1),
            ('=', _) if !join => return Step::Token(Tok::Assign, 1),
            ('[', _) if !join => return Step::Token(Tok::OpenBracket, 1),
            (']', _) if !join => return Step::Token(Tok::CloseBracket, 1),
            (')', _) if !join => return Step::Token(Tok::Rp, 1),
            _ => {}
        }
        let n = unquoted_source_len(rest);
        if n == 0 {
            return Step::Error(0);
        }
        let word = &rest[..n];
        let kw: &[(&str, Tok)] = if join {
            &[("join", Tok::Join), ("as", Tok::As), ("on", Tok::On)]
        } else {
            &[("metadata", Tok::Metadata)]
        };
        for (k, t) in kw {
            if eq_ci(word, k) {
                return Step::Token(*t, n);
            }
        }
        if join && word == "USING" {
            return Step::Token(Tok::Using, n);
        }
        Step::Token(Tok::UnquotedSource, n)
    }

    fn pattern_mode(&self, rest: &str) -> Step {
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            ')' => return Step::Token(Tok::Rp, 1),
            '.' => return Step::Token(Tok::Dot, 1),
            ',' => return Step::Token(Tok::Comma, 1),
            '?' if self.mode != Mode::LookupField => return Self::params(rest),
            '=' if matches!(self.mode, Mode::Rename | Mode::EnrichField) => {
                return Step::Token(Tok::Assign, 1)
            }
            _ => {}
        }
        let n = id_pattern_len(rest);
        if n == 0 {
            return Step::Error(0);
        }
        let word = &rest[..n];
        if self.mode == Mode::Rename && eq_ci(word, "as") {
            return Step::Token(Tok::As, n);
        }
        if self.mode == Mode::EnrichField && eq_ci(word, "with") {
            return Step::Token(Tok::With, n);
        }
        Step::Token(Tok::IdPattern, n)
    }

    fn enrich_mode(rest: &str) -> Step {
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            ')' => return Step::Token(Tok::Rp, 1),
            '"' => return Self::string(rest),
            _ => {}
        }
        let n = policy_name_len(rest);
        if n == 0 {
            return Step::Error(0);
        }
        let word = &rest[..n];
        if eq_ci(word, "on") {
            return Step::Token(Tok::On, n);
        }
        if eq_ci(word, "with") {
            return Step::Token(Tok::With, n);
        }
        Step::Token(Tok::EnrichPolicyName, n)
    }

    fn name_mode(&self, rest: &str) -> Step {
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            ')' => return Step::Token(Tok::Rp, 1),
            '.' => return Step::Token(Tok::Dot, 1),
            ',' if self.mode == Mode::ChangePoint => return Step::Token(Tok::Comma, 1),
            '?' if self.mode == Mode::MvExpand => return Self::params(rest),
            '`' => {
                let n = quoted_id_len(rest);
                return if n > 0 {
                    Step::Token(Tok::QuotedIdent, n)
                } else {
                    Step::Error(rest.len())
                };
            }
            _ => {}
        }
        let n = ident_len(rest);
        if n == 0 {
            return Step::Error(0);
        }
        let word = &rest[..n];
        if self.mode == Mode::ChangePoint {
            if eq_ci(word, "on") {
                return Step::Token(Tok::On, n);
            }
            if eq_ci(word, "as") {
                return Step::Token(Tok::As, n);
            }
        }
        Step::Token(Tok::Ident, n)
    }
}
