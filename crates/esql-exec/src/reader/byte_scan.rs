//! Word-at-a-time byte scans of a line: where a plain string run ends, the
//! next quote, whether a line holds no backslash or control character, and
//! the keys arrays sit under.

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
pub(super) fn skip_plain(b: &[u8], mut i: usize) -> usize {
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
pub(super) fn is_plain(line: &[u8]) -> bool {
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
pub(super) fn find_quote(b: &[u8], i: usize) -> Option<usize> {
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

/// The keys (as written, between their quotes) that arrays of `line` sit
/// under: `"k": [` gives `k`. A rough scan for the prefilters, which only
/// need a superset: a `[` inside a string may yield a key too.
pub(super) fn keys_of_arrays(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    memchr::memchr_iter(b'[', line).filter_map(move |at| {
        let head = line.get(..at).unwrap_or_default().trim_ascii_end();
        let head = head
            .strip_suffix(b":")?
            .trim_ascii_end()
            .strip_suffix(b"\"")?;
        let start = memchr::memrchr(b'"', head).map_or(0, |i| i + 1);
        head.get(start..)
    })
}
