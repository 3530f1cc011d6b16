//! IP functions: CIDR_MATCH and IP_PREFIX. Addresses are 16 bytes with
//! IPv4 mapped as `::ffff:a.b.c.d`.

use super::signature::{Param, Returns, Signature, INTEGER, IP, STRING};
use super::support::{arg, func, int, per_value, raw, sv, text};
use super::{ArgInfo, CallInfo, CallOption, CheckedCall, EvalError, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

type Res = Result<Resolved, super::ResolveError>;

/// The first 12 bytes of an IPv4 address mapped into IPv6.
pub(super) const V4_MAPPED: [u8; 12] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

fn is_v4(ip: &[u8; 16]) -> bool {
    ip.get(..12) == Some(&V4_MAPPED[..])
}

/// Keeps the first `bits` bits of `ip`.
pub(super) fn mask(ip: &[u8; 16], bits: u32) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (i, (o, b)) in out.iter_mut().zip(ip).enumerate() {
        let start = i as u32 * 8;
        *o = if bits >= start + 8 {
            *b
        } else if bits > start {
            b & (0xffu8 << (8 - (bits - start)))
        } else {
            0
        };
    }
    out
}

/// Parses `addr/len` into the masked network and its prefix length in
/// 128-bit space.
fn parse_cidr(block: &str) -> Option<([u8; 16], u32)> {
    // A bare address is a block of that one address.
    let (addr, len) = match block.split_once('/') {
        Some((addr, len)) => (addr, len.parse::<u32>().ok()?),
        None => (block, if block.contains(':') { 128 } else { 32 }),
    };
    let ip = crate::render::parse_ip(addr)?;
    let bits = if addr.contains(':') {
        (len <= 128).then_some(len)?
    } else {
        (len <= 32).then_some(len + 96)?
    };
    Some((mask(&ip, bits), bits))
}

fn cidr_match(c: &CheckedCall<'_>) -> Res {
    Ok(raw(c.return_type, |cells, _| {
        let ip = match cells.first() {
            Some(Value::One(Scalar::Ip(ip))) => *ip,
            Some(Value::Many(_)) => return Err(EvalError::multi_value()),
            _ => return Ok(Value::Null),
        };
        let mut any_block = false;
        for cell in cells.iter().skip(1) {
            for b in cell.as_slice() {
                any_block = true;
                let block = text(b)?;
                let (net, bits) = parse_cidr(block).ok_or_else(|| {
                    EvalError::illegal_argument(format!("'{block}' is not an IP string literal."))
                })?;
                if mask(&ip, bits) == net {
                    return Ok(Value::One(Scalar::Boolean(true)));
                }
            }
        }
        Ok(if any_block {
            Value::One(Scalar::Boolean(false))
        } else {
            Value::Null
        })
    }))
}

fn ip_prefix(c: &CheckedCall<'_>) -> Res {
    Ok(sv(c.return_type, |a| {
        let Scalar::Ip(ip) = arg(a, 0)? else {
            return Err(super::support::type_bug("ip_prefix"));
        };
        let (v4, v6) = (int(arg(a, 1)?)?, int(arg(a, 2)?)?);
        if !(0..=32).contains(&v4) {
            return Err(EvalError::illegal_argument(format!(
                "Prefix length v4 must be in range [0, 32], found {v4}"
            )));
        }
        if !(0..=128).contains(&v6) {
            return Err(EvalError::illegal_argument(format!(
                "Prefix length v6 must be in range [0, 128], found {v6}"
            )));
        }
        let bits = if is_v4(ip) { v4 as u32 + 96 } else { v6 as u32 };
        Ok(Scalar::Ip(mask(ip, bits)))
    }))
}

/// How `TO_IP` reads IPv4 parts with leading zeros (its `leading_zeros`
/// option).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LeadingZeros {
    /// The default: an address with a leading zero is not an IP.
    Reject,
    /// `010` is ten.
    Decimal,
    /// `010` is eight (as `inet_aton` reads it).
    Octal,
}

/// Parses a dotted-quad IPv4 address whose parts may have leading zeros,
/// read as `mode` says (`None` for anything else).
fn parse_v4_leading_zeros(text: &str, mode: LeadingZeros) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    let (prefix, quad) = out.split_at_mut(12);
    prefix.copy_from_slice(&V4_MAPPED);
    let mut parts = text.split('.');
    for slot in quad.iter_mut() {
        let part = parts.next()?;
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let radix = if mode == LeadingZeros::Octal && part.len() > 1 && part.starts_with('0') {
            8
        } else {
            10
        };
        let digits = part.trim_start_matches('0');
        let v = if digits.is_empty() {
            0
        } else {
            u32::from_str_radix(digits, radix).ok()?
        };
        *slot = u8::try_from(v).ok()?;
    }
    if parts.next().is_some() {
        return None;
    }
    Some(out)
}

/// `TO_IP` of one string, with the `leading_zeros` rule `mode`.
pub fn string_to_ip(text: &str, mode: LeadingZeros) -> Result<Scalar, EvalError> {
    let parsed = match mode {
        LeadingZeros::Reject => crate::render::parse_ip(text),
        _ => parse_v4_leading_zeros(text, mode).or_else(|| crate::render::parse_ip(text)),
    };
    parsed.map(Scalar::Ip).ok_or_else(|| {
        EvalError::illegal_argument(format!("'{text}' is not an IP string literal."))
    })
}

/// `TO_IP(v, {"leading_zeros": "reject" | "decimal" | "octal"})`.
pub(crate) fn to_ip_with_options(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    options: &[CallOption<'_>],
) -> Res {
    let mut mode = LeadingZeros::Reject;
    for (key, value) in options {
        if *key != "leading_zeros" {
            return Err(super::ResolveError::other(format!(
                "Invalid option [{key}] in [{}], expected one of [leading_zeros]",
                call.text
            )));
        }
        let shown = value.single().and_then(Scalar::as_str).unwrap_or_default();
        mode = match shown.to_ascii_lowercase().as_str() {
            "reject" => LeadingZeros::Reject,
            "decimal" => LeadingZeros::Decimal,
            "octal" => LeadingZeros::Octal,
            _ => {
                return Err(super::ResolveError::other(format!(
                "Illegal leading_zeros [{shown}] in [{}], expected one of [reject, octal, decimal]",
                call.text
            )))
            }
        };
    }
    let plain = super::convert::resolve_conversion(args, call, DataType::Ip)?;
    if mode == LeadingZeros::Reject {
        return Ok(plain);
    }
    Ok(per_value(DataType::Ip, move |s| match s {
        Scalar::Str(v) => string_to_ip(v, mode),
        other => super::convert::cast_scalar(other, DataType::Ip),
    }))
}

/// The IP functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "cidr_match",
        &[],
        Signature::of(
            &[Param::new("ip", IP), Param::new("block1", STRING)],
            Returns::Fixed(DataType::Boolean),
        )
        .variadic(),
        "True if the IP is in any block.",
        cidr_match,
    ),
    func(
        "ip_prefix",
        &[],
        Signature::of(
            &[
                Param::new("ip", IP),
                Param::new("prefix_v4", INTEGER),
                Param::new("prefix_v6", INTEGER),
            ],
            Returns::Fixed(DataType::Ip),
        ),
        "Masks an IP to a prefix.",
        ip_prefix,
    ),
];
