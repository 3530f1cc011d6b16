//! Encodings: TO_BASE64 / FROM_BASE64 (RFC 4648 standard alphabet) and
//! URL_ENCODE / URL_DECODE (`application/x-www-form-urlencoded`, as Java's
//! `URLEncoder`/`URLDecoder` with UTF-8).

use super::signature::{Param, Returns, Signature, STRING};
use super::support::{arg, func, kw, sv, text};
use super::{CheckedCall, EvalError, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::Scalar;

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

fn url_encode(c: &CheckedCall<'_>) -> Res {
    one_string(c, |s| {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => {
                    out.push(char::from(b))
                }
                b' ' => out.push('+'),
                other => out.push_str(&format!("%{other:02X}")),
            }
        }
        Ok(kw(out))
    })
}

fn url_decode(c: &CheckedCall<'_>) -> Res {
    one_string(c, |s| {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = s
                        .get(i + 1..i + 3)
                        .and_then(|h| u8::from_str_radix(h, 16).ok());
                    let Some(v) = hex else {
                        return Err(EvalError::illegal_argument(
                            "URLDecoder: Illegal hex characters in escape (%) pattern",
                        ));
                    };
                    out.push(v);
                    i += 2;
                }
                other => out.push(other),
            }
            i += 1;
        }
        Ok(kw(String::from_utf8_lossy(&out)))
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
}
