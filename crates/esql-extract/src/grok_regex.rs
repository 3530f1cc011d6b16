//! Translation of an expanded grok pattern (Oniguruma/Joni, Ruby syntax) to `fancy-regex` syntax.
//!
//! * Named groups `(?<name>...)` / `(?'name'...)` are renamed `g0`, `g1`... because grok names
//!   (`NUMBER:num:int`, `[host][name]`, `a.b`) are not valid Rust group names and may repeat; the
//!   original names are returned in group order. `\k<name>` back-references follow the renaming.
//! * When the pattern has named groups, plain `(...)` groups do not capture (as in Oniguruma).
//! * Ruby semantics: `^`/`$` are line anchors (the result starts with `(?m)`), and the `m` flag means
//!   "dot matches newline" (Rust's `s`).
//! * `\Z` becomes `(?=\n?\z)`, `\<`/`\>` are literal characters, unknown letter escapes are the letter
//!   itself, and a `{` or `}` that is not part of a valid interval is literal.
//! * `(?P<name>...)` is rejected as in Joni (`undefined group option`).

/// A grok regex the Oniguruma-compatible reader refuses, in Joni's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RegexSyntaxError {
    /// A backslash at the end of the pattern.
    EndAtEscape,
    /// `\k<name>` naming no group.
    UndefinedNameReference(String),
    /// `\k<` without its `>`.
    InvalidBackrefName,
    /// A group left open at the end of the pattern.
    EndInGroup,
    /// `[` without its `]`.
    PrematureEndOfCharClass,
    /// `(?` followed by an option Joni does not know.
    UndefinedGroupOption,
    /// `(?<>…)`.
    EmptyGroupName,
    /// A group name without its closing `>` or `'`.
    UnterminatedGroupName,
    /// A group name Joni does not accept.
    InvalidGroupName(String),
}

impl std::fmt::Display for RegexSyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegexSyntaxError::EndAtEscape => write!(f, "end pattern at escape"),
            RegexSyntaxError::UndefinedNameReference(name) => {
                write!(f, "undefined name <{name}> reference")
            }
            RegexSyntaxError::InvalidBackrefName => write!(f, "invalid backref name"),
            RegexSyntaxError::EndInGroup => write!(f, "end pattern in group"),
            RegexSyntaxError::PrematureEndOfCharClass => write!(f, "premature end of char-class"),
            RegexSyntaxError::UndefinedGroupOption => write!(f, "undefined group option"),
            RegexSyntaxError::EmptyGroupName => write!(f, "group name is empty"),
            RegexSyntaxError::UnterminatedGroupName => write!(f, "invalid group name"),
            RegexSyntaxError::InvalidGroupName(name) => write!(f, "invalid group name <{name}>"),
        }
    }
}

/// The translated regex and the original names of its groups `g0`, `g1`, ...
#[derive(Debug, Clone)]
pub(crate) struct Translated {
    pub(crate) regex: String,
    pub(crate) group_names: Vec<String>,
}

/// Escapes that keep their meaning in the translated regex.
const KEPT_ESCAPES: &str = "dDwWsShHbBAzntrfvae0123456789";

/// Translates `pattern`; errors are short messages in the style of Joni's.
pub(crate) fn translate(pattern: &str) -> Result<Translated, RegexSyntaxError> {
    let first = Translator::new(pattern, false).run()?;
    if first.group_names.is_empty() {
        return Ok(first);
    }
    Translator::new(pattern, true).run()
}

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    names: Vec<String>,
    plain_groups_non_capturing: bool,
}

impl Translator {
    fn new(pattern: &str, plain_groups_non_capturing: bool) -> Self {
        Translator {
            chars: pattern.chars().collect(),
            pos: 0,
            out: String::from("(?m)"),
            names: Vec::new(),
            plain_groups_non_capturing,
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn run(mut self) -> Result<Translated, RegexSyntaxError> {
        while let Some(c) = self.peek(0) {
            match c {
                '\\' => self.escape(false)?,
                '[' => self.class()?,
                '(' => self.group()?,
                '{' => self.brace(),
                '}' => {
                    self.out.push_str("\\}");
                    self.pos += 1;
                }
                _ => {
                    self.out.push(c);
                    self.pos += 1;
                }
            }
        }
        Ok(Translated {
            regex: self.out,
            group_names: self.names,
        })
    }

    /// Reads characters up to (not including) `end`, leaving `pos` after `end`.
    fn read_until(&mut self, end: char) -> Option<String> {
        let mut s = String::new();
        while let Some(c) = self.peek(0) {
            self.pos += 1;
            if c == end {
                return Some(s);
            }
            s.push(c);
        }
        None
    }

    fn escape(&mut self, in_class: bool) -> Result<(), RegexSyntaxError> {
        let Some(c) = self.peek(1) else {
            return Err(RegexSyntaxError::EndAtEscape);
        };
        self.pos += 2;
        match c {
            'Z' if !in_class => self.out.push_str("(?=\\n?\\z)"),
            'G' if !in_class => self.out.push_str("\\A"),
            'h' if in_class => self.out.push_str("0-9a-fA-F"),
            'k' if !in_class && self.peek(0) == Some('<') => {
                self.pos += 1;
                let name = self
                    .read_until('>')
                    .ok_or(RegexSyntaxError::InvalidBackrefName)?;
                let idx = self
                    .names
                    .iter()
                    .position(|n| *n == name)
                    .ok_or_else(|| RegexSyntaxError::UndefinedNameReference(name.clone()))?;
                self.out.push_str(&format!("\\k<g{idx}>"));
            }
            'x' | 'u' | 'p' | 'P' => {
                self.out.push('\\');
                self.out.push(c);
                if self.peek(0) == Some('{') {
                    let arg = self.read_until('}').unwrap_or_default();
                    self.out.push_str(&arg);
                    self.out.push('}');
                } else {
                    let n = match c {
                        'x' => 2,
                        'u' => 4,
                        _ => 1,
                    };
                    for _ in 0..n {
                        if let Some(d) = self.peek(0).filter(|d| d.is_ascii_alphanumeric()) {
                            self.out.push(d);
                            self.pos += 1;
                        }
                    }
                }
            }
            c if KEPT_ESCAPES.contains(c) => {
                self.out.push('\\');
                self.out.push(c);
            }
            c => self.literal(c),
        }
        Ok(())
    }

    /// Emits `c` as a literal character.
    fn literal(&mut self, c: char) {
        if c.is_ascii_punctuation() {
            self.out.push('\\');
        }
        self.out.push(c);
    }

    fn class(&mut self) -> Result<(), RegexSyntaxError> {
        let mut depth = 0usize;
        self.open_class(&mut depth);
        loop {
            let Some(c) = self.peek(0) else {
                return Err(RegexSyntaxError::PrematureEndOfCharClass);
            };
            match c {
                '[' if self.peek(1) == Some(':') => {
                    let end = self.read_posix();
                    self.out.push_str(&end);
                }
                '[' => self.open_class(&mut depth),
                ']' => {
                    self.out.push(']');
                    self.pos += 1;
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                '\\' => self.escape(true)?,
                '-' if self.peek(1) == Some('-') || self.peek(1) == Some('~') => {
                    self.out.push_str("\\-");
                    self.pos += 1;
                }
                '~' if self.peek(1) == Some('~') => {
                    self.out.push_str("\\~");
                    self.pos += 1;
                }
                _ => {
                    self.out.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    /// Opens a (possibly nested) class: `[`, an optional `^`, and a leading literal `]`.
    fn open_class(&mut self, depth: &mut usize) {
        *depth += 1;
        self.out.push('[');
        self.pos += 1;
        if self.peek(0) == Some('^') {
            self.out.push('^');
            self.pos += 1;
        }
        if self.peek(0) == Some(']') {
            self.out.push_str("\\]");
            self.pos += 1;
        }
    }

    /// Copies a POSIX bracket `[:name:]` (or a lone `[` when it is not one).
    fn read_posix(&mut self) -> String {
        let rest: String = self.chars.iter().skip(self.pos).take(16).collect();
        if let Some(end) = rest.find(":]") {
            let text: String = rest[..end + 2].to_string();
            self.pos += text.chars().count();
            return text;
        }
        self.pos += 1;
        "\\[".to_string()
    }

    fn group(&mut self) -> Result<(), RegexSyntaxError> {
        if self.peek(1) != Some('?') {
            self.pos += 1;
            self.out.push_str(if self.plain_groups_non_capturing {
                "(?:"
            } else {
                "("
            });
            return Ok(());
        }
        match self.peek(2) {
            Some('<') if !matches!(self.peek(3), Some('=') | Some('!')) => self.named_group('>'),
            Some('\'') => self.named_group('\''),
            Some('P') => Err(RegexSyntaxError::UndefinedGroupOption),
            Some('#') => {
                self.read_until(')').ok_or(RegexSyntaxError::EndInGroup)?;
                Ok(())
            }
            Some(f) if f == '-' || f.is_ascii_alphabetic() => {
                self.pos += 2;
                self.out.push_str("(?");
                while let Some(f) = self.peek(0) {
                    match f {
                        'm' => self.out.push('s'),
                        'i' | 'x' | 's' | '-' => self.out.push(f),
                        ':' | ')' => break,
                        _ => return Err(RegexSyntaxError::UndefinedGroupOption),
                    }
                    self.pos += 1;
                }
                Ok(())
            }
            _ => {
                self.pos += 2;
                self.out.push_str("(?");
                Ok(())
            }
        }
    }

    fn named_group(&mut self, end: char) -> Result<(), RegexSyntaxError> {
        self.pos += 3;
        let name = self
            .read_until(end)
            .ok_or(RegexSyntaxError::UnterminatedGroupName)?;
        if name.is_empty() {
            return Err(RegexSyntaxError::EmptyGroupName);
        }
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(RegexSyntaxError::InvalidGroupName(name));
        }
        self.out.push_str(&format!("(?<g{}>", self.names.len()));
        self.names.push(name);
        Ok(())
    }

    /// A `{` starts an interval (`{n}`, `{n,}`, `{n,m}`, `{,m}`) or is a literal brace.
    fn brace(&mut self) {
        let rest: String = self.chars.iter().skip(self.pos + 1).take(24).collect();
        if let Some(close) = rest.find('}') {
            let body = &rest[..close];
            let (lo, hi) = match body.split_once(',') {
                Some((lo, hi)) => (lo, Some(hi)),
                None => (body, None),
            };
            let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
            let valid = match hi {
                None => digits(lo),
                Some(hi) => {
                    (digits(lo) && (hi.is_empty() || digits(hi))) || (lo.is_empty() && digits(hi))
                }
            };
            if valid && !self.out.ends_with('(') && !self.out.ends_with('|') {
                let lo = if lo.is_empty() { "0" } else { lo };
                self.out.push('{');
                self.out.push_str(lo);
                if let Some(hi) = hi {
                    self.out.push(',');
                    self.out.push_str(hi);
                }
                self.out.push('}');
                self.pos += close + 2;
                return;
            }
        }
        self.out.push_str("\\{");
        self.pos += 1;
    }
}
