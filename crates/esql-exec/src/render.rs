//! Text rendering of values exactly as Elasticsearch prints them: doubles as
//! Java's `Double.toString`, dates with the `strict_date_optional_time`
//! printers, ips as `InetAddresses.toAddrString`, multi-values as Java's
//! `List.toString`. Used by `TO_STRING` and by every output format.
//! Doubles and dates come from `esql-javafmt`, shared with the CloudTrail
//! converter.

use crate::value::{Period, Scalar, Value};
use esql_javafmt::{format_date_millis, format_date_nanos, java_double};

/// The first twelve bytes of an IPv4 address mapped into IPv6.
const V4_MAPPED_PREFIX: [u8; 12] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/// Renders an ip as Elasticsearch does: IPv4-mapped addresses as a dotted
/// quad, others as RFC 5952 text (lower-case hex, no leading zeros, the
/// longest run of two or more zero groups, leftmost on ties, as `::`).
pub fn format_ip(bytes: &[u8; 16]) -> String {
    if bytes[..12] == V4_MAPPED_PREFIX {
        return format!("{}.{}.{}.{}", bytes[12], bytes[13], bytes[14], bytes[15]);
    }
    let groups: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| c.iter().fold(0u16, |acc, &b| (acc << 8) | u16::from(b)))
        .collect();
    // The longest run of zero groups, leftmost on ties: a later run replaces
    // the best only once it is strictly longer.
    let (mut best_start, mut best_len) = (0usize, 0usize);
    let (mut run_start, mut run_len) = (0usize, 0usize);
    for (i, &g) in groups.iter().enumerate() {
        if g != 0 {
            run_len = 0;
            continue;
        }
        if run_len == 0 {
            run_start = i;
        }
        run_len += 1;
        if run_len > best_len {
            best_start = run_start;
            best_len = run_len;
        }
    }
    let hex = |g: &[u16]| {
        g.iter()
            .map(|h| format!("{h:x}"))
            .collect::<Vec<_>>()
            .join(":")
    };
    if best_len < 2 {
        return hex(&groups);
    }
    let head = hex(groups.get(..best_start).unwrap_or_default());
    let tail = hex(groups.get(best_start + best_len..).unwrap_or_default());
    format!("{head}::{tail}")
}

/// Parses IPv4 into `n.n.n.n` with four decimal octets (`0`-`255`, no leading
/// zeros) as Elasticsearch's `InetAddresses` does.
fn parse_v4(s: &[u8]) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = s.split(|&b| b == b'.');
    for slot in out.iter_mut() {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 3 || (part.len() > 1 && part.first() == Some(&b'0')) {
            return None;
        }
        let mut v: u32 = 0;
        for &c in part {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
        }
        *slot = u8::try_from(v).ok()?;
    }
    if parts.next().is_some() {
        return None;
    }
    Some(out)
}

/// Parses the hextet part of an IPv6 address (`a:b::c`), where the last
/// 32 bits may be given as a dotted quad.
fn parse_v6(s: &[u8]) -> Option<[u8; 16]> {
    if s.len() < 2 {
        return None;
    }
    if (s.starts_with(b":") && !s.starts_with(b"::")) || (s.ends_with(b":") && !s.ends_with(b"::"))
    {
        return None;
    }
    let (head, tail) = match find_double_colon(s) {
        Some(at) => (s.get(..at).unwrap_or_default(), s.get(at + 2..)),
        None => (s, None),
    };
    let mut groups: Vec<u16> = Vec::with_capacity(8);
    parse_hextets(head, &mut groups)?;
    let Some(tail) = tail else {
        return (groups.len() == 8).then(|| groups_to_bytes(&groups));
    };
    let mut back: Vec<u16> = Vec::with_capacity(8);
    parse_hextets(tail, &mut back)?;
    if groups.len() + back.len() >= 8 {
        return None;
    }
    groups.resize(8 - back.len(), 0);
    groups.extend(back);
    Some(groups_to_bytes(&groups))
}

/// Position of the only `::` of an IPv6 text; a second one fails the parse
/// later, when its halves are split into hextets.
fn find_double_colon(s: &[u8]) -> Option<usize> {
    s.windows(2).position(|w| w == b"::")
}

/// Appends the colon-separated hextets of `s` (possibly ending in a dotted
/// quad) to `out`. An empty `s` adds nothing; empty groups are errors.
fn parse_hextets(s: &[u8], out: &mut Vec<u16>) -> Option<()> {
    if s.is_empty() {
        return Some(());
    }
    let parts: Vec<&[u8]> = s.split(|&b| b == b':').collect();
    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        if i == last && part.contains(&b'.') {
            let q = parse_v4(part)?;
            out.push(u16::from_be_bytes([q[0], q[1]]));
            out.push(u16::from_be_bytes([q[2], q[3]]));
            continue;
        }
        if part.is_empty() {
            return None;
        }
        let mut v: u32 = 0;
        for &c in *part {
            v = v * 16 + (c as char).to_digit(16)?;
            if v > 0xffff {
                return None;
            }
        }
        out.push(v as u16);
    }
    (out.len() <= 8).then_some(())
}

fn groups_to_bytes(groups: &[u16]) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (pair, g) in out.chunks_exact_mut(2).zip(groups) {
        pair.copy_from_slice(&g.to_be_bytes());
    }
    out
}

/// Parses an ip as Elasticsearch's `InetAddresses` does: a dotted quad
/// (`10.0.0.1`, mapped into IPv6), or IPv6 text with at most one `::` and
/// optionally a trailing dotted quad (`::ffff:1.2.3.4`). A `%scope` suffix is
/// ignored; anything else (blanks, non-ASCII, leading zeros in an octet)
/// fails.
pub fn parse_ip(s: &str) -> Option<[u8; 16]> {
    let bytes = s.as_bytes();
    let text = match bytes.iter().position(|&b| b == b'%') {
        Some(at) if at + 1 == bytes.len() => return None,
        Some(at) => bytes.get(..at).unwrap_or_default(),
        None => bytes,
    };
    if !text.is_ascii() {
        return None;
    }
    if text.contains(&b':') {
        // Colons may not follow a dot.
        if text.iter().skip_while(|&&b| b != b'.').any(|&b| b == b':') {
            return None;
        }
        return parse_v6(text);
    }
    let v4 = parse_v4(text)?;
    let mut out = [0u8; 16];
    out[..12].copy_from_slice(&V4_MAPPED_PREFIX);
    out[12..].copy_from_slice(&v4);
    Some(out)
}

/// Java's `Period.toString` (`P1Y`, `P3M`, `P7D`, `P0D`). Whole years were
/// folded into months when the constant was built, so a month count that is
/// a multiple of twelve prints as years.
fn format_period(p: &Period) -> String {
    if p.months == 0 && p.days == 0 {
        return "P0D".to_string();
    }
    let mut out = String::from("P");
    if p.months != 0 && p.months % 12 == 0 {
        out.push_str(&format!("{}Y", p.months / 12));
    } else if p.months != 0 {
        out.push_str(&format!("{}M", p.months));
    }
    if p.days != 0 {
        out.push_str(&format!("{}D", p.days));
    }
    out
}

/// Java's `Duration.toString` for a duration in milliseconds
/// (`PT30S`, `PT1H30M`, `PT0.5S`, `PT-0.5S`, `PT0S`).
fn format_duration(ms: i64) -> String {
    if ms == 0 {
        return "PT0S".to_string();
    }
    let seconds = ms.div_euclid(1_000);
    let nanos = ms.rem_euclid(1_000) * 1_000_000;
    let effective = if seconds < 0 && nanos > 0 {
        seconds + 1
    } else {
        seconds
    };
    let hours = effective / 3_600;
    let minutes = effective % 3_600 / 60;
    let secs = effective % 60;
    let mut out = String::from("PT");
    if hours != 0 {
        out.push_str(&format!("{hours}H"));
    }
    if minutes != 0 {
        out.push_str(&format!("{minutes}M"));
    }
    if secs == 0 && nanos == 0 && out.len() > 2 {
        return out;
    }
    if seconds < 0 && nanos > 0 && secs == 0 {
        out.push_str("-0");
    } else {
        out.push_str(&secs.to_string());
    }
    if nanos > 0 {
        let frac = if seconds < 0 {
            2_000_000_000 - nanos
        } else {
            nanos + 1_000_000_000
        };
        let digits = frac.to_string();
        let digits = digits.trim_end_matches('0');
        out.push('.');
        out.push_str(digits.get(1..).unwrap_or(""));
    }
    out.push('S');
    out
}

/// Renders one value as Elasticsearch's text formats and `TO_STRING` do.
pub fn scalar_to_string(s: &Scalar) -> String {
    match s {
        Scalar::Boolean(b) => b.to_string(),
        Scalar::Integer(v) => v.to_string(),
        Scalar::Long(v) => v.to_string(),
        Scalar::UnsignedLong(v) => v.to_string(),
        Scalar::Double(v) => java_double(*v),
        Scalar::Str(v) | Scalar::Version(v) => v.to_string(),
        Scalar::Date(ms) => format_date_millis(*ms),
        Scalar::DateNanos(ns) => format_date_nanos(*ns),
        Scalar::Ip(b) => format_ip(b),
        Scalar::Period(p) => format_period(p),
        Scalar::Duration(ms) => format_duration(*ms),
    }
}

/// Renders a cell as Java's `Objects.toString` of Elasticsearch's response
/// value: `null`, the single value, or a multi-value as `[a, b]`.
pub fn value_to_text(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::One(s) => scalar_to_string(s),
        Value::Many(items) => {
            let parts: Vec<String> = items.iter().map(scalar_to_string).collect();
            format!("[{}]", parts.join(", "))
        }
    }
}

/// One value as a `serde_json` value: numbers as numbers (`unsigned_long`
/// above `i64::MAX` included), everything else as its text.
///
/// A `serde_json` number cannot carry Java's layout of a double (`1.0E7`), so
/// the output formats write their JSON text themselves; this is for callers
/// that need a structured value.
pub fn scalar_to_json(s: &Scalar) -> serde_json::Value {
    use serde_json::Value as J;
    match s {
        Scalar::Boolean(b) => J::Bool(*b),
        Scalar::Integer(v) => J::from(*v),
        Scalar::Long(v) => J::from(*v),
        Scalar::UnsignedLong(v) => J::from(*v),
        Scalar::Double(v) => serde_json::Number::from_f64(*v)
            .map(J::Number)
            .unwrap_or_else(|| J::String(java_double(*v))),
        other => J::String(scalar_to_string(other)),
    }
}

/// A cell as a `serde_json` value: `null`, the value, or an array of values.
pub fn value_to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::One(s) => scalar_to_json(s),
        Value::Many(items) => serde_json::Value::Array(items.iter().map(scalar_to_json).collect()),
    }
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
