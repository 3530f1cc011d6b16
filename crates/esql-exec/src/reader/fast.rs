//! A byte-level JSON navigator for scans: it follows only the wanted dotted
//! paths (a trie of key segments) and skips everything else without
//! building it, while still checking the whole line is valid JSON. Leaves
//! are the same [`Raw`] values the serde walker yields; strings with
//! escapes and unusual numbers are decoded by serde_json itself, so both
//! walkers agree on every value.

use super::intern::Interner;
use super::walk::Raw;
use std::borrow::Cow;

/// Deepest nesting accepted (serde_json's own recursion limit is 128).
pub const MAX_DEPTH: usize = 128;

/// A trie of the wanted paths, split at dots.
#[derive(Clone, Debug, Default)]
pub struct PathTrie {
    children: Vec<Child>,
    slot: Option<usize>,
    /// The first bytes of the children's keys, as a bit set: a key
    /// starting with any other byte matches none of them.
    firsts: [u64; 4],
}

/// One key segment under a trie node.
#[derive(Clone, Debug)]
struct Child {
    key: Box<[u8]>,
    /// The key's first (up to) eight bytes, little-endian, zero-padded:
    /// most keys are compared with one word.
    head: u64,
    node: PathTrie,
}

/// The first (up to) eight bytes of `s`, little-endian, zero-padded.
fn head_of(s: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    for (d, &c) in w.iter_mut().zip(s) {
        *d = c;
    }
    u64::from_le_bytes(w)
}

impl PathTrie {
    /// A trie collecting `fields`, each into the slot of its position.
    pub fn new<'a>(fields: impl IntoIterator<Item = &'a str>) -> PathTrie {
        let mut root = PathTrie::default();
        for (i, f) in fields.into_iter().enumerate() {
            let mut node = &mut root;
            for seg in f.split('.') {
                let at = match node.children.iter().position(|c| *c.key == *seg.as_bytes()) {
                    Some(at) => at,
                    None => {
                        if let Some(&c) = seg.as_bytes().first() {
                            if let Some(w) = node.firsts.get_mut(usize::from(c >> 6)) {
                                *w |= 1 << (c & 63);
                            }
                        }
                        node.children.push(Child {
                            key: seg.as_bytes().into(),
                            head: head_of(seg.as_bytes()),
                            node: PathTrie::default(),
                        });
                        node.children.len() - 1
                    }
                };
                node = match node.children.get_mut(at) {
                    Some(c) => &mut c.node,
                    None => return root,
                };
            }
            if node.slot.is_none() {
                node.slot = Some(i);
            }
        }
        root
    }

    /// True when some child's key starts with `c`.
    #[inline(always)]
    fn may_start(&self, c: u8) -> bool {
        self.firsts
            .get(usize::from(c >> 6))
            .is_some_and(|w| w & (1 << (c & 63)) != 0)
    }

    /// The node reached from `self` by the dotted key `key`.
    fn descend(&self, key: &[u8]) -> Option<&PathTrie> {
        self.descend_with(key, head_of(key))
    }

    /// Like [`Self::descend`], for the key `line[start..end]` (unescaped):
    /// its head word is read straight from the line when eight bytes are
    /// there.
    #[inline]
    fn descend_at(&self, line: &[u8], start: usize, end: usize) -> Option<&PathTrie> {
        let key = line.get(start..end).unwrap_or_default();
        let head = match line.get(start..start + 8) {
            Some(w) => {
                let w = u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default());
                match key.len() {
                    n @ 0..=7 => w & ((1u64 << (n * 8)) - 1),
                    _ => w,
                }
            }
            None => head_of(key),
        };
        self.descend_with(key, head)
    }

    fn descend_with(&self, key: &[u8], head: u64) -> Option<&PathTrie> {
        if key.is_empty() {
            return None;
        }
        // Segments hold no dots, so a plain key matches a child exactly;
        // only a key with dots (`"event.action"`) that starts with a child's
        // name and a dot walks several levels.
        for c in &self.children {
            if c.head == head && c.key.len() == key.len() && (key.len() <= 8 || *c.key == *key) {
                return Some(&c.node);
            }
        }
        let dotted = self.children.iter().any(|c| {
            !c.key.is_empty() && key.get(c.key.len()) == Some(&b'.') && key.starts_with(&c.key)
        });
        if !dotted {
            return None;
        }
        let mut node = self;
        for seg in key.split(|&b| b == b'.') {
            node = node
                .children
                .iter()
                .find(|c| *c.key == *seg)
                .map(|c| &c.node)?;
        }
        Some(node)
    }
}

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

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// A mask whose lowest set bit marks the first byte of the little-endian
/// word `w` that is a quote, a backslash or a control character (bits
/// above the first hit may be spurious; only the first one is used).
#[inline]
fn stop_mask(w: u64) -> u64 {
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    zero(quote) | zero(backslash) | (w.wrapping_sub(ONES * 0x20) & !w & HIGHS)
}

/// Index of the first stop byte at or after `i`, or a position before it
/// within the last seven bytes of the line (the caller then goes on byte
/// by byte). Keys and short values end within the first two words, tested
/// eight bytes at a time; longer strings are searched with the vectorised
/// `memchr2` for the quote or backslash, and the span it skipped is checked
/// for control characters.
#[inline(always)]
fn skip_plain(b: &[u8], mut i: usize) -> usize {
    for _ in 0..2 {
        match word_stop(b, i) {
            Some(Some(at)) => return at,
            Some(None) => i += 8,
            None => return i,
        }
    }
    let rest = b.get(i..).unwrap_or_default();
    match memchr::memchr2(b'"', b'\\', rest) {
        Some(off)
            if !rest
                .get(..off)
                .unwrap_or_default()
                .iter()
                .fold(false, |seen, &c| seen | (c < 0x20)) =>
        {
            i + off
        }
        // A control character comes first, or no quote follows: find the
        // exact byte word by word.
        _ => loop {
            match word_stop(b, i) {
                Some(Some(at)) => return at,
                Some(None) => i += 8,
                None => return i,
            }
        },
    }
}

/// The first stop byte of the eight bytes at `i` (`Some(Some(at))`), none
/// among them (`Some(None)`), or fewer than eight bytes left (`None`).
#[inline]
fn word_stop(b: &[u8], i: usize) -> Option<Option<usize>> {
    let word = <[u8; 8]>::try_from(b.get(i..i + 8)?).ok()?;
    let m = stop_mask(u64::from_le_bytes(word));
    Some((m != 0).then(|| i + (m.trailing_zeros() / 8) as usize))
}

/// True when `line` holds no backslash and no control character, so that
/// the only byte ending a string is the quote. Checked a block at a time
/// with a branch-free fold the compiler vectorises.
fn is_plain(line: &[u8]) -> bool {
    line.chunks(256).all(|block| {
        let (low, backslash) = block.iter().fold((u8::MAX, 0u8), |(low, bs), &c| {
            (low.min(c), bs | u8::from(c == b'\\'))
        });
        low >= 0x20 && backslash == 0
    })
}

/// Index of the first quote at or after `i`: the first 24 bytes a word at
/// a time (keys and short values end there), longer strings with the
/// vectorised `memchr`.
#[inline(always)]
fn find_quote(b: &[u8], i: usize) -> Option<usize> {
    let Some(block) = b.get(i..i + 24) else {
        let rest = b.get(i..)?;
        return rest.iter().position(|&c| c == b'"').map(|p| p + i);
    };
    // One bounds check for the three words.
    let block = <&[u8; 24]>::try_from(block).ok()?;
    for (k, word) in block.chunks_exact(8).enumerate() {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or_default());
        let x = w ^ (ONES * u64::from(b'"'));
        let m = x.wrapping_sub(ONES) & !x & HIGHS;
        if m != 0 {
            return Some(i + 8 * k + (m.trailing_zeros() / 8) as usize);
        }
    }
    memchr::memchr(b'"', b.get(i + 24..)?).map(|p| p + i + 24)
}

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
mod tests {
    use super::*;

    /// Bytes that end the plain run of a string: the quote, the backslash and
    /// control characters (invalid inside JSON strings).
    static STOP: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 0x20 {
            t[i] = true;
            i += 1;
        }
        t[b'"' as usize] = true;
        t[b'\\' as usize] = true;
        t
    };

    /// The first quote, backslash or control byte at or after `i`.
    fn first_stop(b: &[u8], i: usize) -> Option<usize> {
        b.iter()
            .skip(i)
            .position(|&c| STOP[usize::from(c)])
            .map(|p| p + i)
    }

    #[test]
    fn word_scan_never_passes_a_stop_byte() {
        // Every stop byte at every position of a 20-byte run, with bytes on
        // either side that could disturb the word arithmetic (0x80+, 0x21,
        // 0x1f, 0xff).
        let fillers = [b'a', 0x21, 0x7f, 0x80, 0xff, b'#', b']'];
        for stop in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
            for filler in fillers {
                for at in 0..60 {
                    let mut b = vec![filler; 60];
                    b[at] = stop;
                    for start in 0..=at {
                        let got = skip_plain(&b, start);
                        let want = first_stop(&b, start);
                        assert!(got <= want.unwrap_or(b.len()), "{b:?} from {start}");
                        // The byte-wise scan from `got` finds the same byte.
                        assert_eq!(first_stop(&b, got), want, "{b:?} from {start}");
                    }
                }
            }
        }
        let plain = vec![b'x'; 37];
        assert!(skip_plain(&plain, 0) >= 30);
        // A control character before a later quote is found first.
        let mut b = vec![b'x'; 80];
        b[40] = 0x01;
        b[70] = b'"';
        assert_eq!(first_stop(&b, skip_plain(&b, 0)), Some(40));
    }

    #[test]
    fn plain_lines_and_quote_search() {
        assert!(is_plain(b"{\"a\": \"b c\"}"));
        for bad in [b'\\', b'\t', b'\n', 0x00, 0x1f] {
            for at in [0, 7, 63, 64, 255, 256, 300] {
                let mut line = vec![b'x'; 301];
                line[at] = bad;
                assert!(!is_plain(&line), "{bad} at {at}");
            }
        }
        for len in 0..80 {
            for at in 0..len {
                let mut b = vec![b'a'; len];
                b[at] = b'"';
                for start in 0..=at {
                    assert_eq!(find_quote(&b, start), Some(at), "{len} {at} {start}");
                }
                assert_eq!(find_quote(&b, at + 1), None);
            }
        }
    }

    #[test]
    fn strings_with_escapes_and_multibyte_text_walk_as_before() {
        let trie = PathTrie::new(["a", "b.c"]);
        let mut out = Vec::new();
        let line = "{\"z\":\"long string without stops, then é and ü\",\"a\":\"x\\\"y\\u00e9 tail of text\",\"b\":{\"c\":\"ünïcode value here\"}}";
        walk(line.as_bytes(), &trie, &mut out).unwrap();
        let values: Vec<String> = out.iter().map(|(s, r)| format!("{s}:{r:?}")).collect();
        assert_eq!(
            values,
            vec![
                "0:Str(\"x\\\"yé tail of text\")",
                "1:Str(\"ünïcode value here\")"
            ]
        );
        let bad = "{\"a\":\"control \u{1} inside a long string\"}";
        assert!(walk(bad.as_bytes(), &trie, &mut Vec::new()).is_err());
    }

    #[test]
    fn strings_seen_before_are_shared_and_others_still_checked() {
        let trie = PathTrie::new(["a", "b"]);
        let mut names = vec![Interner::default(), Interner::disabled()];
        let kept = names[0].get("s3");
        let mut out = Vec::new();
        let line = br#"{"a":"s3","b":"s3"}"#;
        walk_sharing(line, &trie, &mut out, &mut names).unwrap();
        match out.as_slice() {
            [(0, Raw::Shared(a)), (1, Raw::Str(b))] => {
                assert!(std::sync::Arc::ptr_eq(a, &kept));
                assert_eq!(b, "s3");
            }
            other => panic!("unexpected leaves {other:?}"),
        }
        // A value written with an escape is decoded, not looked up.
        let mut out = Vec::new();
        walk_sharing(br#"{"a":"s\u0033"}"#, &trie, &mut out, &mut names).unwrap();
        assert_eq!(out, vec![(0, Raw::Str(Cow::Borrowed("s3")))]);
        // Bytes the table does not hold are still checked as UTF-8.
        let bad = b"{\"a\":\"\xff\"}";
        assert!(walk_sharing(bad, &trie, &mut Vec::new(), &mut names).is_err());
    }
}
