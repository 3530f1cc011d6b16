//! NETWORK_DIRECTION(source_ip, destination_ip, internal_networks): whether
//! traffic is `internal`, `outbound`, `inbound` or `external`, given the
//! networks that count as internal — CIDR blocks, single addresses, or the
//! named networks of Elasticsearch's network direction rules (`loopback`,
//! `private`, `public`, `unicast`, `multicast`, …).
//!
//! A network that does not parse makes the row null with the warning
//! Elasticsearch's address parser gives (`'x' is not an IP string
//! literal.`, `Expected [ip/prefix] but was [x]`, `Illegal prefix length
//! …`, or Java's `NumberFormatException` for a prefix that is no integer).

use super::signature::{Param, Returns, Signature, IP, STRING};
use super::support::{func, kw, raw, text};
use super::{CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

type Res = Result<Resolved, ResolveError>;

/// An address as Java's `InetAddress` sees it: IPv4 when IPv4-mapped.
struct Addr {
    bytes: [u8; 16],
    v4: Option<[u8; 4]>,
}

impl Addr {
    fn new(bytes: [u8; 16]) -> Addr {
        let v4 = match bytes {
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d] => Some([a, b, c, d]),
            _ => None,
        };
        Addr { bytes, v4 }
    }

    fn loopback(&self) -> bool {
        match self.v4 {
            Some([a, ..]) => a == 127,
            None => self.bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        }
    }

    fn link_local_unicast(&self) -> bool {
        match self.v4 {
            Some([a, b, ..]) => a == 169 && b == 254,
            None => matches!(self.bytes, [0xfe, b, ..] if b & 0xc0 == 0x80),
        }
    }

    fn multicast(&self) -> bool {
        match self.v4 {
            Some([a, ..]) => a & 0xf0 == 0xe0,
            None => matches!(self.bytes, [0xff, ..]),
        }
    }

    fn interface_local_multicast(&self) -> bool {
        self.v4.is_none() && matches!(self.bytes, [0xff, b, ..] if b & 0x0f == 0x01)
    }

    fn link_local_multicast(&self) -> bool {
        match self.v4 {
            Some([a, b, c, _]) => a == 224 && b == 0 && c == 0,
            None => matches!(self.bytes, [0xff, b, ..] if b & 0x0f == 0x02),
        }
    }

    fn unspecified(&self) -> bool {
        self.v4 == Some([0; 4]) || self.bytes == [0; 16]
    }

    fn broadcast(&self) -> bool {
        self.v4 == Some([0xff; 4])
    }

    fn unicast(&self) -> bool {
        !self.broadcast()
            && !self.unspecified()
            && !self.loopback()
            && !self.multicast()
            && !self.link_local_unicast()
    }

    fn private(&self) -> bool {
        const PRIVATE: [&str; 4] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fd00::/8"];
        PRIVATE
            .iter()
            .any(|block| in_block(&self.bytes, block).unwrap_or(false))
    }

    fn public(&self) -> bool {
        !(self.private()
            || self.loopback()
            || self.unspecified()
            || self.link_local_unicast()
            || self.link_local_multicast()
            || self.interface_local_multicast()
            || self.broadcast())
    }
}

/// An address literal as Elasticsearch's `InetAddresses.forString` reads it.
fn parse_address(s: &str) -> Result<[u8; 16], EvalError> {
    crate::render::parse_ip(s)
        .ok_or_else(|| EvalError::illegal_argument(format!("'{s}' is not an IP string literal.")))
}

/// `Integer.parseInt(s)`: an optional sign and decimal digits within `i32`.
fn java_int(s: &str) -> Result<i32, EvalError> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let valid = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    valid
        .then(|| s.parse::<i32>().ok())
        .flatten()
        .ok_or_else(|| {
            EvalError::other(
                "java.lang.NumberFormatException",
                format!("For input string: \"{s}\""),
            )
        })
}

/// Whether `ip` lies in `block` (`addr/prefix` or a single address), as
/// Elasticsearch's `CIDRUtils.isInRange` decides it (IPv4 compared in its
/// IPv4-mapped form), or why `block` does not parse.
fn in_block(ip: &[u8; 16], block: &str) -> Result<bool, EvalError> {
    if !block.contains('/') {
        return Ok(parse_address(block)? == *ip);
    }
    // Java's split drops trailing empty fields.
    let mut fields: Vec<&str> = block.split('/').collect();
    while fields.last() == Some(&"") {
        fields.pop();
    }
    let [addr_text, prefix_text] = fields.as_slice() else {
        return Err(EvalError::illegal_argument(format!(
            "Expected [ip/prefix] but was [{block}]"
        )));
    };
    let net = parse_address(addr_text)?;
    let v4 = net.get(..12) == Some(&super::ip::V4_MAPPED[..]);
    if addr_text.contains(':') && v4 {
        return Err(EvalError::illegal_argument(format!(
            "CIDR notation is not allowed with IPv6-mapped IPv4 address [{addr_text} as it introduces ambiguity as to whether the prefix length should be interpreted as a v4 prefix length or a v6 prefix length"
        )));
    }
    let prefix = java_int(prefix_text)?;
    let width = if v4 { 32 } else { 128 };
    if !(0..=width).contains(&prefix) {
        return Err(EvalError::illegal_argument(format!(
            "Illegal prefix length [{prefix}] in [{block}]. Must be 0-32 for IPv4 ranges, 0-128 for IPv6 ranges"
        )));
    }
    let bits = prefix.unsigned_abs() + if v4 { 96 } else { 0 };
    Ok(super::ip::mask(ip, bits) == super::ip::mask(&net, bits))
}

/// Whether `ip` is in `network`: a named network or a block.
fn in_network(ip: &Addr, network: &str) -> Result<bool, EvalError> {
    Ok(match network {
        "loopback" => ip.loopback(),
        "global_unicast" | "unicast" => ip.unicast(),
        "link_local_unicast" => ip.link_local_unicast(),
        "interface_local_multicast" => ip.interface_local_multicast(),
        "link_local_multicast" => ip.link_local_multicast(),
        "multicast" => ip.multicast(),
        "unspecified" => ip.unspecified(),
        "private" => ip.private(),
        "public" => ip.public(),
        block => in_block(&ip.bytes, block)?,
    })
}

/// Whether `ip` is in any of `networks`, trying them in order.
fn internal(ip: &Addr, networks: &[Scalar]) -> Result<bool, EvalError> {
    for n in networks {
        if in_network(ip, text(n)?)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The direction of traffic between an internal or external source and
/// destination.
fn direction(source_internal: bool, destination_internal: bool) -> &'static str {
    match (source_internal, destination_internal) {
        (true, true) => "internal",
        (true, false) => "outbound",
        (false, true) => "inbound",
        (false, false) => "external",
    }
}

fn single_ip(cell: Option<&Value>) -> Result<Option<Addr>, EvalError> {
    match cell {
        Some(Value::One(Scalar::Ip(ip))) => Ok(Some(Addr::new(*ip))),
        Some(Value::Many(_)) => Err(EvalError::multi_value()),
        _ => Ok(None),
    }
}

fn network_direction(c: &CheckedCall<'_>) -> Res {
    Ok(raw(c.return_type, |cells, _| {
        let (Some(source), Some(destination)) =
            (single_ip(cells.first())?, single_ip(cells.get(1))?)
        else {
            return Ok(Value::Null);
        };
        let networks = match cells.get(2) {
            None | Some(Value::Null) => return Ok(Value::Null),
            Some(cell) => cell.as_slice(),
        };
        let from = internal(&source, networks)?;
        let to = internal(&destination, networks)?;
        Ok(Value::One(kw(direction(from, to))))
    }))
}

/// The function of this module.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[func(
    "network_direction",
    &[],
    Signature::of(
        &[
            Param::new("source_ip", IP),
            Param::new("destination_ip", IP),
            Param::new("internal_networks", STRING),
        ],
        Returns::Fixed(DataType::Keyword),
    ),
    "inbound, outbound, internal or external, given the internal networks.",
    network_direction,
)];

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Addr {
        Addr::new(crate::render::parse_ip(s).unwrap())
    }

    #[test]
    fn named_networks() {
        assert!(ip("127.0.0.1").loopback() && ip("::1").loopback());
        assert!(ip("10.1.2.3").private() && ip("fd12::1").private());
        assert!(!ip("172.32.0.1").private());
        assert!(ip("8.8.8.8").public() && !ip("192.168.1.1").public());
        assert!(ip("224.0.0.5").link_local_multicast() && ip("239.1.1.1").multicast());
        assert!(ip("ff01::1").interface_local_multicast());
        assert!(ip("169.254.0.1").link_local_unicast() && ip("fe80::1").link_local_unicast());
        assert!(ip("0.0.0.0").unspecified() && ip("::").unspecified());
        assert!(!ip("255.255.255.255").unicast() && ip("1.1.1.1").unicast());
    }

    #[test]
    fn blocks_and_their_errors() {
        let a = ip("10.0.1.1").bytes;
        assert_eq!(in_block(&a, "10.0.0.0/8"), Ok(true));
        assert_eq!(in_block(&a, "10.0.0.0/8/"), Ok(true));
        assert_eq!(in_block(&a, "10.0.1.1"), Ok(true));
        assert_eq!(in_block(&a, "::/0"), Ok(true));
        assert_eq!(in_block(&a, "192.168.0.0/16"), Ok(false));
        let msg = |r: Result<bool, EvalError>| r.unwrap_err().detail();
        assert_eq!(
            msg(in_block(&a, "10.0.0.0/")),
            "java.lang.IllegalArgumentException: Expected [ip/prefix] but was [10.0.0.0/]"
        );
        assert_eq!(
            msg(in_block(&a, "10.0.0.0/33")),
            "java.lang.IllegalArgumentException: Illegal prefix length [33] in [10.0.0.0/33]. Must be 0-32 for IPv4 ranges, 0-128 for IPv6 ranges"
        );
        assert_eq!(
            msg(in_block(&a, "10.0.0.0/x")),
            "java.lang.NumberFormatException: For input string: \"x\""
        );
        assert_eq!(
            msg(in_block(&a, "nope")),
            "java.lang.IllegalArgumentException: 'nope' is not an IP string literal."
        );
        assert!(msg(in_block(&a, "::ffff:0:0/96")).contains("CIDR notation is not allowed"));
    }

    #[test]
    fn directions() {
        assert_eq!(direction(true, true), "internal");
        assert_eq!(direction(true, false), "outbound");
        assert_eq!(direction(false, true), "inbound");
        assert_eq!(direction(false, false), "external");
    }
}
