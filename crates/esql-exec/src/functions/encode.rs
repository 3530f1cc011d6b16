//! Encodings: TO_BASE64 / FROM_BASE64 (RFC 4648 standard alphabet),
//! URL_ENCODE / URL_ENCODE_COMPONENT (percent-encoding of all but RFC
//! 3986's unreserved characters) and URL_DECODE (Java's `URLDecoder` with
//! UTF-8).

use super::signature::{Param, Returns, Signature, STRING};
use super::support::{arg, func, kw, per_value, sv, text};
use super::{CheckedCall, EvalError, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::Scalar;
use std::fmt::Write as _;

type Res = Result<Resolved, super::ResolveError>;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let idx = ((n >> (18 - 6 * i)) & 63) as usize;
                out.push(char::from(ALPHABET.get(idx).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let body = s.trim_end_matches('=');
    if s.len() - body.len() > 2 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in body.bytes() {
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 6).then_some(out)
}

/// The kernel of a one-string-argument function.
fn one_string(c: &CheckedCall<'_>, f: fn(&str) -> Result<Scalar, EvalError>) -> Res {
    Ok(sv(c.return_type, move |a| f(text(arg(a, 0)?)?)))
}

fn to_base64(c: &CheckedCall<'_>) -> Res {
    one_string(c, |s| Ok(kw(base64_encode(s.as_bytes()))))
}

fn from_base64(c: &CheckedCall<'_>) -> Res {
    one_string(c, |s| {
        let bytes = base64_decode(s).ok_or_else(|| {
            EvalError::illegal_argument(format!("Input is not valid base64: [{s}]"))
        })?;
        Ok(kw(String::from_utf8_lossy(&bytes)))
    })
}

/// Percent-encodes every byte but RFC 3986's unreserved characters
/// (alphanumerics, `-`, `.`, `_`, `~`); a space becomes `+` when
/// `plus_for_space`, `%20` otherwise.
pub fn percent_encode(s: &str, plus_for_space: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b))
            }
            b' ' if plus_for_space => out.push('+'),
            other => {
                let _ = write!(out, "%{other:02X}");
            }
        }
    }
    out
}

/// Decodes `application/x-www-form-urlencoded` text as Java's
/// `URLDecoder.decode(s, UTF_8)`: `+` is a space, each run of `%XY`
/// escapes is one UTF-8 byte sequence (malformed bytes become U+FFFD), and
/// a bad escape is Java's `IllegalArgumentException` message.
pub fn url_decode_str(s: &str) -> Result<String, String> {
    // Java walks UTF-16 units; so does this, for the same escape windows.
    let units: Vec<u16> = s.encode_utf16().collect();
    let percent = u16::from(b'%');
    let mut out: Vec<u16> = Vec::with_capacity(units.len());
    let mut i = 0;
    while let Some(&c) = units.get(i) {
        if c == u16::from(b'+') {
            out.push(u16::from(b' '));
            i += 1;
        } else if c == percent {
            let mut bytes = Vec::new();
            while i + 2 < units.len() && units.get(i) == Some(&percent) {
                let pair = String::from_utf16_lossy(units.get(i + 1..i + 3).unwrap_or(&[]));
                bytes.push(escape_byte(&pair)?);
                i += 3;
            }
            if units.get(i) == Some(&percent) {
                return Err("URLDecoder: Incomplete trailing escape (%) pattern".to_string());
            }
            out.extend(String::from_utf8_lossy(&bytes).encode_utf16());
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(String::from_utf16_lossy(&out))
}

/// The byte of one escape's two characters, read as Java's
/// `Integer.parseInt(pair, 16)` reads them (a leading sign allowed).
fn escape_byte(pair: &str) -> Result<u8, String> {
    let illegal = |index: usize| {
        format!(
            "URLDecoder: Illegal hex characters in escape (%) pattern - Error at index {index} in: \"{pair}\""
        )
    };
    let mut it = pair.chars();
    let (first, second) = match (it.next(), it.next()) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(illegal(0)),
    };
    let digit = |c: char, index: usize| c.to_digit(16).ok_or_else(|| illegal(index));
    match first {
        '-' => {
            let d = digit(second, 1)?;
            if d == 0 {
                Ok(0)
            } else {
                Err(
                    "URLDecoder: Illegal hex characters in escape (%) pattern - negative value"
                        .to_string(),
                )
            }
        }
        '+' => Ok(digit(second, 1)? as u8),
        _ => Ok((digit(first, 0)? * 16 + digit(second, 1)?) as u8),
    }
}

/// The kernel of a one-string-argument function applied to every value of
/// a multi-valued argument (the URL functions are conversions in
/// Elasticsearch: a value that fails is dropped with a warning).
fn each_string(c: &CheckedCall<'_>, f: fn(&str) -> Result<Scalar, EvalError>) -> Res {
    Ok(per_value(c.return_type, move |s| f(text(s)?)))
}

fn url_encode(c: &CheckedCall<'_>) -> Res {
    each_string(c, |s| Ok(kw(percent_encode(s, true))))
}

fn url_encode_component(c: &CheckedCall<'_>) -> Res {
    each_string(c, |s| Ok(kw(percent_encode(s, false))))
}

fn url_decode(c: &CheckedCall<'_>) -> Res {
    each_string(c, |s| {
        url_decode_str(s)
            .map(kw)
            .map_err(EvalError::illegal_argument)
    })
}

/// `f(s) -> keyword`.
const STRING_TO_KEYWORD: Signature = Signature::of(
    &[Param::new("s", STRING)],
    Returns::Fixed(DataType::Keyword),
);

/// The encoding functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "to_base64",
        &[],
        STRING_TO_KEYWORD,
        "Base64 of the UTF-8 bytes.",
        to_base64,
    ),
    func(
        "from_base64",
        &[],
        STRING_TO_KEYWORD,
        "Decodes base64.",
        from_base64,
    ),
    func(
        "url_encode",
        &[],
        STRING_TO_KEYWORD,
        "URL-encodes a string.",
        url_encode,
    ),
    func(
        "url_encode_component",
        &[],
        STRING_TO_KEYWORD,
        "URL-encodes a string, spaces as %20.",
        url_encode_component,
    ),
    func(
        "url_decode",
        &[],
        STRING_TO_KEYWORD,
        "URL-decodes a string.",
        url_decode,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        assert_eq!(base64_encode(b"elastic"), "ZWxhc3RpYw==");
        assert_eq!(base64_encode(b"ab"), "YWI=");
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_decode("ZWxhc3RpYw==").unwrap(), b"elastic");
        assert_eq!(base64_decode("YWI").unwrap(), b"ab");
        assert!(base64_decode("!!").is_none());
    }

    #[test]
    fn percent_encoding_keeps_unreserved_characters() {
        assert_eq!(percent_encode("a-b.c_d~e", true), "a-b.c_d~e");
        assert_eq!(percent_encode("a b*", true), "a+b%2A");
        assert_eq!(percent_encode("a b*", false), "a%20b%2A");
        assert_eq!(percent_encode("€/?", false), "%E2%82%AC%2F%3F");
    }

    #[test]
    fn url_decoding_as_java_does() {
        assert_eq!(url_decode_str("a+b%20c").unwrap(), "a b c");
        assert_eq!(url_decode_str("%E2%82%AC").unwrap(), "€");
        // Escapes are read as Integer.parseInt reads them: a sign is allowed.
        assert_eq!(url_decode_str("%+4A").unwrap(), "\u{4}A");
        assert_eq!(
            url_decode_str("%+xA").unwrap_err(),
            "URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 1 in: \"+x\""
        );
        assert_eq!(
            url_decode_str("%-1").unwrap_err(),
            "URLDecoder: Illegal hex characters in escape (%) pattern - negative value"
        );
        assert_eq!(
            url_decode_str("%zz").unwrap_err(),
            "URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: \"zz\""
        );
        assert_eq!(
            url_decode_str("ab%4").unwrap_err(),
            "URLDecoder: Incomplete trailing escape (%) pattern"
        );
        assert_eq!(
            url_decode_str("%").unwrap_err(),
            "URLDecoder: Incomplete trailing escape (%) pattern"
        );
        // A malformed UTF-8 sequence decodes to the replacement character.
        assert_eq!(url_decode_str("%FFx").unwrap(), "\u{FFFD}x");
    }
}
