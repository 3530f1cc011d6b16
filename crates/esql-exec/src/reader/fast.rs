//! A byte-level JSON navigator for scans: it follows only the wanted dotted
//! paths (a trie of key segments) and skips everything else without
//! building it, while still checking the whole line is valid JSON. Leaves
//! are the same [`Raw`] values the serde walker yields; strings with
//! escapes and unusual numbers are decoded by serde_json itself, so both
//! walkers agree on every value.

use super::byte_scan::{find_quote, is_plain, skip_plain};
use super::intern::Interner;
pub use super::path_trie::PathTrie;
use super::walk::Raw;
use std::borrow::Cow;

/// Deepest nesting accepted (serde_json's own recursion limit is 128).
pub const MAX_DEPTH: usize = 128;

/// Why a line is not a JSON object (mirrors serde_json's wording loosely).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong.
    pub message: String,
    /// Byte offset (0-based) where it was found.
    pub offset: usize,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset + 1)
    }
}

/// Boxed, so that results fit in registers on the hot path.
type Res<T> = Result<T, Box<JsonError>>;

/// The walker's position in a line; `PLAIN` when the line holds no
/// backslash and no control character (see [`is_plain`]), so that strings
/// end at their next quote.
struct Cursor<'de, 'o, const PLAIN: bool> {
    b: &'de [u8],
    pos: usize,
    out: &'o mut Vec<(usize, Raw<'de>)>,
    /// Per slot: strings seen before, found by their bytes.
    names: &'o mut [Interner],
}

/// Walks `line` (one JSON object), pushing `(slot, leaf)` for every leaf
/// under a wanted path, in document order.
pub fn walk<'de>(
    line: &'de [u8],
    trie: &PathTrie,
    out: &mut Vec<(usize, Raw<'de>)>,
) -> Result<(), JsonError> {
    walk_sharing(line, trie, out, &mut [])
}

/// [`walk`], where a string written without escapes that `names` (one table
/// per slot) holds is pushed as [`Raw::Shared`], its UTF-8 not checked again.
pub fn walk_sharing<'de>(
    line: &'de [u8],
    trie: &PathTrie,
    out: &mut Vec<(usize, Raw<'de>)>,
    names: &mut [Interner],
) -> Result<(), JsonError> {
    if is_plain(line) {
        Cursor::<true> {
            b: line,
            pos: 0,
            out,
            names,
        }
        .document(trie)
    } else {
        Cursor::<false> {
            b: line,
            pos: 0,
            out,
            names,
        }
        .document(trie)
    }
}

impl<'de, const PLAIN: bool> Cursor<'de, '_, PLAIN> {
    /// The whole line: one object and nothing after it but whitespace.
    fn document(mut self, trie: &PathTrie) -> Result<(), JsonError> {
        self.ws();
        if self.peek() != Some(b'{') {
            return Err(*self.err("not an object"));
        }
        self.value(trie, 0).map_err(|e| *e)?;
        self.ws();
        if self.pos < self.b.len() {
            return Err(*self.err("trailing characters"));
        }
        Ok(())
    }

    #[cold]
    fn err(&self, m: &str) -> Box<JsonError> {
        Box::new(JsonError {
            message: m.to_string(),
            offset: self.pos,
        })
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// Skips whitespace. Every whitespace byte is at most a space, so one
    /// comparison settles the common case of none.
    #[inline(always)]
    fn ws(&mut self) {
        if self.peek().is_some_and(|c| c > b' ') {
            return;
        }
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, ch: u8, m: &str) -> Res<()> {
        self.ws();
        if self.peek() == Some(ch) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.err(m))
        }
    }

    /// A value under a wanted path (`node`, its trie position).
    fn value(&mut self, node: &PathTrie, depth: usize) -> Res<()> {
        if depth >= MAX_DEPTH {
            return Err(self.err("recursion limit exceeded"));
        }
        self.ws();
        match self.peek() {
            Some(b'{') => self.object(node, depth),
            Some(b'[') => self.array(node, depth),
            Some(b'"') => {
                let (start, end, escaped) = self.string()?;
                if let Some(slot) = node.slot {
                    if !escaped {
                        let bytes = self.b.get(start..end).unwrap_or_default();
                        if let Some(shared) = self.names.get_mut(slot).and_then(|n| n.lookup(bytes))
                        {
                            self.out.push((slot, Raw::Shared(shared)));
                            return Ok(());
                        }
                    }
                    let raw = self.decode_string(start, end, escaped)?;
                    self.out.push((slot, Raw::Str(raw)));
                }
                Ok(())
            }
            Some(b't') => self.literal(b"true", Some(node), Raw::Bool(true)),
            Some(b'f') => self.literal(b"false", Some(node), Raw::Bool(false)),
            Some(b'n') => self.literal(b"null", None, Raw::Bool(false)),
            Some(b'-' | b'0'..=b'9') => self.number(Some(node)),
            Some(_) => Err(self.err("expected value")),
            None => Err(self.err("EOF while parsing a value")),
        }
    }

    fn object(&mut self, node: &PathTrie, depth: usize) -> Res<()> {
        self.pos += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err("key must be a string"));
            }
            let (start, end, escaped) = self.string()?;
            let child = if escaped {
                let decoded = self.decode_string(start, end, true)?;
                node.descend(decoded.as_bytes())
            } else {
                // Most keys are not wanted: their first byte tells.
                match self.b.get(start) {
                    Some(&c) if end > start && node.may_start(c) => {
                        node.descend_at(self.b, start, end)
                    }
                    _ => None,
                }
            };
            self.expect(b':', "expected `:`")?;
            match child {
                Some(child) => self.value(child, depth + 1)?,
                None => self.skip(depth + 1)?,
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.err("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, node: &PathTrie, depth: usize) -> Res<()> {
        self.pos += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.value(node, depth + 1)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    /// Skips a value no wanted path reaches, checking it as [`Self::value`]
    /// would: strings (the common case) inline, containers through
    /// [`Self::skip_nested`].
    #[inline(always)]
    fn skip(&mut self, depth: usize) -> Res<()> {
        if depth >= MAX_DEPTH {
            return Err(self.err("recursion limit exceeded"));
        }
        self.ws();
        if self.peek() == Some(b'"') {
            self.string()?;
            return Ok(());
        }
        self.skip_nested(depth)
    }

    /// Skips a value at nesting `depth` (already checked against the limit,
    /// whitespace skipped) without recursion: the open containers are bits
    /// of a stack word (1 for an array), as nesting never exceeds
    /// [`MAX_DEPTH`] levels.
    fn skip_nested(&mut self, depth: usize) -> Res<()> {
        let mut open: u128 = 0;
        let mut level = 0usize;
        let mut checked = true;
        loop {
            if !checked {
                if depth + level >= MAX_DEPTH {
                    return Err(self.err("recursion limit exceeded"));
                }
                self.ws();
            }
            checked = false;
            match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    self.ws();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        open <<= 1;
                        level += 1;
                        self.key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    self.ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    } else {
                        open = (open << 1) | 1;
                        level += 1;
                        continue;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b't') => self.literal(b"true", None, Raw::Bool(true))?,
                Some(b'f') => self.literal(b"false", None, Raw::Bool(false))?,
                Some(b'n') => self.literal(b"null", None, Raw::Bool(false))?,
                Some(b'-' | b'0'..=b'9') => self.number(None)?,
                Some(_) => return Err(self.err("expected value")),
                None => return Err(self.err("EOF while parsing a value")),
            }
            // After a value: close what ends here, up to the next value.
            loop {
                if level == 0 {
                    return Ok(());
                }
                self.ws();
                let in_array = open & 1 == 1;
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if !in_array {
                            self.key()?;
                        }
                        break;
                    }
                    Some(b'}') if !in_array => self.pos += 1,
                    Some(b']') if in_array => self.pos += 1,
                    _ if in_array => return Err(self.err("expected `,` or `]`")),
                    _ => return Err(self.err("expected `,` or `}`")),
                }
                open >>= 1;
                level -= 1;
            }
        }
    }

    /// An object key of a skipped object and its colon.
    #[inline(always)]
    fn key(&mut self) -> Res<()> {
        self.ws();
        if self.peek() != Some(b'"') {
            return Err(self.err("key must be a string"));
        }
        self.string()?;
        self.expect(b':', "expected `:`")
    }

    /// Skips a string starting at the quote; returns the content range and
    /// whether it holds escapes.
    // Called for every key and string value: inlined, its call overhead was
    // a tenth of a full scan's instructions.
    #[inline(always)]
    fn string(&mut self) -> Res<(usize, usize, bool)> {
        let start = self.pos + 1;
        if PLAIN {
            // Only a quote can end it.
            return match find_quote(self.b, start) {
                Some(end) => {
                    self.pos = end + 1;
                    Ok((start, end, false))
                }
                None => {
                    self.pos = self.b.len();
                    Err(self.err("EOF while parsing a string"))
                }
            };
        }
        let mut i = start;
        let mut escaped = false;
        loop {
            // Eight bytes at a time up to the first candidate; within the
            // last seven bytes of the line, one byte at a time.
            i = skip_plain(self.b, i);
            match self.b.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok((start, i, escaped));
                }
                Some(b'\\') => {}
                Some(&c) if c < 0x20 => {
                    self.pos = i;
                    return Err(self.err("control character in string"));
                }
                Some(_) => {
                    i += 1;
                    continue;
                }
                None => {
                    self.pos = self.b.len();
                    return Err(self.err("EOF while parsing a string"));
                }
            }
            escaped = true;
            match self.b.get(i + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                Some(b'u') => {
                    let hex = self.b.get(i + 2..i + 6).unwrap_or_default();
                    if hex.len() != 4 || !hex.iter().all(u8::is_ascii_hexdigit) {
                        self.pos = i;
                        return Err(self.err("invalid escape"));
                    }
                    i += 6;
                }
                _ => {
                    self.pos = i;
                    return Err(self.err("invalid escape"));
                }
            }
        }
    }

    fn decode_string(&self, start: usize, end: usize, escaped: bool) -> Res<Cow<'de, str>> {
        let bytes: &'de [u8] = self.b.get(start..end).unwrap_or_default();
        if !escaped {
            return std::str::from_utf8(bytes)
                .map(Cow::Borrowed)
                .map_err(|_| self.err("invalid unicode in string"));
        }
        let quoted = self
            .b
            .get(start.saturating_sub(1)..end + 1)
            .unwrap_or_default();
        serde_json::from_slice::<String>(quoted)
            .map(Cow::Owned)
            .map_err(|e| self.err(&e.to_string()))
    }

    #[inline]
    fn literal(&mut self, word: &[u8], node: Option<&PathTrie>, raw: Raw<'de>) -> Res<()> {
        if self.b.get(self.pos..self.pos + word.len()) != Some(word) {
            return Err(self.err("expected value"));
        }
        self.pos += word.len();
        if let Some(slot) = node.and_then(|n| n.slot) {
            if word != b"null" {
                self.out.push((slot, raw));
            }
        }
        Ok(())
    }

    fn number(&mut self, node: Option<&PathTrie>) -> Res<()> {
        let start = self.pos;
        let mut i = start;
        if self.b.get(i) == Some(&b'-') {
            i += 1;
        }
        let int_start = i;
        while self.b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let int_len = i - int_start;
        if int_len == 0 || (int_len > 1 && self.b.get(int_start) == Some(&b'0')) {
            self.pos = i;
            return Err(self.err("invalid number"));
        }
        let mut plain = true;
        if self.b.get(i) == Some(&b'.') {
            plain = false;
            i += 1;
            let s = i;
            while self.b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == s {
                self.pos = i;
                return Err(self.err("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.b.get(i) {
            plain = false;
            i += 1;
            if let Some(b'+' | b'-') = self.b.get(i) {
                i += 1;
            }
            let s = i;
            while self.b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == s {
                self.pos = i;
                return Err(self.err("invalid number"));
            }
        }
        self.pos = i;
        let Some(slot) = node.and_then(|n| n.slot) else {
            return Ok(());
        };
        let text = self.b.get(start..i).unwrap_or_default();
        let raw = if plain && int_len <= 18 && text != b"-0" {
            std::str::from_utf8(text)
                .ok()
                .and_then(|t| t.parse::<i64>().ok())
                .map(Raw::Int)
        } else {
            None
        };
        let raw = match raw {
            Some(r) => r,
            None => {
                let n: serde_json::Number =
                    serde_json::from_slice(text).map_err(|e| self.err(&e.to_string()))?;
                if let Some(v) = n.as_i64() {
                    Raw::Int(v)
                } else if let Some(v) = n.as_u64() {
                    Raw::UInt(v)
                } else {
                    Raw::Float(n.as_f64().unwrap_or(f64::NAN))
                }
            }
        };
        self.out.push((slot, raw));
        Ok(())
    }
}

#[cfg(test)]
#[path = "fast_tests.rs"]
mod tests;
