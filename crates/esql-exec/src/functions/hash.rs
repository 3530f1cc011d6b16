//! Digests: MD5, SHA1, SHA256 and HASH(algorithm, input), as lowercase hex
//! of the input's UTF-8 bytes.
//!
//! HASH accepts the message digest names a standard Java runtime knows
//! (`MessageDigest.getInstance`): the standard names, their aliases and
//! object identifiers, all case-insensitive. An unknown constant name fails
//! the query; an unknown name read from a row makes that row null with
//! `java.security.NoSuchAlgorithmException: NAME MessageDigest not available`.

use super::signature::{Param, Returns, Signature, STRING};
use super::support::{arg, func, kw, sv, text};
use super::{CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use digest::DynDigest;
use std::fmt::Write as _;

type Res = Result<Resolved, ResolveError>;

/// A message digest algorithm Java's default provider offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// MD2 (RFC 1319).
    Md2,
    /// MD5 (RFC 1321).
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SHA-512/224.
    Sha512_224,
    /// SHA-512/256.
    Sha512_256,
    /// SHA3-224.
    Sha3_224,
    /// SHA3-256.
    Sha3_256,
    /// SHA3-384.
    Sha3_384,
    /// SHA3-512.
    Sha3_512,
}

/// Each algorithm with the names Java's provider registers for it: the
/// standard name, aliases, then the object identifier (also accepted with
/// an `OID.` prefix).
const NAMES: &[(Algorithm, &[&str], &str)] = &[
    (Algorithm::Md2, &["MD2"], "1.2.840.113549.2.2"),
    (Algorithm::Md5, &["MD5"], "1.2.840.113549.2.5"),
    (Algorithm::Sha1, &["SHA-1", "SHA", "SHA1"], "1.3.14.3.2.26"),
    (
        Algorithm::Sha224,
        &["SHA-224", "SHA224"],
        "2.16.840.1.101.3.4.2.4",
    ),
    (
        Algorithm::Sha256,
        &["SHA-256", "SHA256"],
        "2.16.840.1.101.3.4.2.1",
    ),
    (
        Algorithm::Sha384,
        &["SHA-384", "SHA384"],
        "2.16.840.1.101.3.4.2.2",
    ),
    (
        Algorithm::Sha512,
        &["SHA-512", "SHA512"],
        "2.16.840.1.101.3.4.2.3",
    ),
    (
        Algorithm::Sha512_224,
        &["SHA-512/224", "SHA512/224"],
        "2.16.840.1.101.3.4.2.5",
    ),
    (
        Algorithm::Sha512_256,
        &["SHA-512/256", "SHA512/256"],
        "2.16.840.1.101.3.4.2.6",
    ),
    (Algorithm::Sha3_224, &["SHA3-224"], "2.16.840.1.101.3.4.2.7"),
    (Algorithm::Sha3_256, &["SHA3-256"], "2.16.840.1.101.3.4.2.8"),
    (Algorithm::Sha3_384, &["SHA3-384"], "2.16.840.1.101.3.4.2.9"),
    (
        Algorithm::Sha3_512,
        &["SHA3-512"],
        "2.16.840.1.101.3.4.2.10",
    ),
];

impl Algorithm {
    /// The algorithm Java's `MessageDigest.getInstance(name)` returns, or
    /// its `NoSuchAlgorithmException` message.
    pub fn lookup(name: &str) -> Result<Algorithm, String> {
        let oid = name
            .get(..4)
            .filter(|p| p.eq_ignore_ascii_case("OID."))
            .and_then(|_| name.get(4..));
        for (alg, names, id) in NAMES {
            if names.iter().any(|n| n.eq_ignore_ascii_case(name)) || *id == name || oid == Some(*id)
            {
                return Ok(*alg);
            }
        }
        Err(format!("{name} MessageDigest not available"))
    }

    fn hasher(self) -> Box<dyn DynDigest> {
        match self {
            Algorithm::Md2 => Box::new(md2::Md2::default()),
            Algorithm::Md5 => Box::new(md5::Md5::default()),
            Algorithm::Sha1 => Box::new(sha1::Sha1::default()),
            Algorithm::Sha224 => Box::new(sha2::Sha224::default()),
            Algorithm::Sha256 => Box::new(sha2::Sha256::default()),
            Algorithm::Sha384 => Box::new(sha2::Sha384::default()),
            Algorithm::Sha512 => Box::new(sha2::Sha512::default()),
            Algorithm::Sha512_224 => Box::new(sha2::Sha512_224::default()),
            Algorithm::Sha512_256 => Box::new(sha2::Sha512_256::default()),
            Algorithm::Sha3_224 => Box::new(sha3::Sha3_224::default()),
            Algorithm::Sha3_256 => Box::new(sha3::Sha3_256::default()),
            Algorithm::Sha3_384 => Box::new(sha3::Sha3_384::default()),
            Algorithm::Sha3_512 => Box::new(sha3::Sha3_512::default()),
        }
    }

    /// The lowercase hex digest of `input`.
    pub fn hex_digest(self, input: &[u8]) -> String {
        let mut h = self.hasher();
        h.update(input);
        let bytes = h.finalize();
        let mut out = String::with_capacity(bytes.len() * 2);
        for b in bytes.iter() {
            let _ = write!(out, "{b:02x}");
        }
        out
    }
}

/// A one-argument digest function (`MD5`, `SHA1`, `SHA256`).
fn fixed(c: &CheckedCall<'_>, alg: Algorithm) -> Res {
    Ok(sv(c.return_type, move |a| {
        Ok(kw(alg.hex_digest(text(arg(a, 0)?)?.as_bytes())))
    }))
}

fn md5_fn(c: &CheckedCall<'_>) -> Res {
    fixed(c, Algorithm::Md5)
}

fn sha1_fn(c: &CheckedCall<'_>) -> Res {
    fixed(c, Algorithm::Sha1)
}

fn sha256_fn(c: &CheckedCall<'_>) -> Res {
    fixed(c, Algorithm::Sha256)
}

fn hash(c: &CheckedCall<'_>) -> Res {
    if let Some(name) = c.constant(0).and_then(|s| s.as_str()) {
        let alg = Algorithm::lookup(name).map_err(|e| {
            ResolveError::other(format!("invalid algorithm for [{}]: {e}", c.info.text))
        })?;
        return Ok(sv(c.return_type, move |a| {
            Ok(kw(alg.hex_digest(text(arg(a, 1)?)?.as_bytes())))
        }));
    }
    Ok(sv(c.return_type, |a| {
        let alg = Algorithm::lookup(text(arg(a, 0)?)?)
            .map_err(|e| EvalError::other("java.security.NoSuchAlgorithmException", e))?;
        Ok(kw(alg.hex_digest(text(arg(a, 1)?)?.as_bytes())))
    }))
}

/// `f(input) -> keyword`.
const DIGEST: Signature = Signature::of(
    &[Param::new("input", STRING)],
    Returns::Fixed(DataType::Keyword),
);

/// The digest functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "hash",
        &[],
        Signature::of(
            &[Param::new("algorithm", STRING), Param::new("input", STRING)],
            Returns::Fixed(DataType::Keyword),
        ),
        "The hex digest of the input under a named algorithm (MD5, SHA-1, SHA-256, SHA3-512, …).",
        hash,
    ),
    func(
        "md5",
        &[],
        DIGEST,
        "The MD5 hex digest of the input.",
        md5_fn,
    ),
    func(
        "sha1",
        &[],
        DIGEST,
        "The SHA-1 hex digest of the input.",
        sha1_fn,
    ),
    func(
        "sha256",
        &[],
        DIGEST,
        "The SHA-256 hex digest of the input.",
        sha256_fn,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_as_java_does() {
        assert_eq!(Algorithm::lookup("md5"), Ok(Algorithm::Md5));
        assert_eq!(Algorithm::lookup("sha"), Ok(Algorithm::Sha1));
        assert_eq!(Algorithm::lookup("Sha-512/256"), Ok(Algorithm::Sha512_256));
        assert_eq!(Algorithm::lookup("sha3-256"), Ok(Algorithm::Sha3_256));
        assert_eq!(
            Algorithm::lookup("2.16.840.1.101.3.4.2.1"),
            Ok(Algorithm::Sha256)
        );
        assert_eq!(Algorithm::lookup("oid.1.3.14.3.2.26"), Ok(Algorithm::Sha1));
        assert_eq!(
            Algorithm::lookup("sha-999"),
            Err("sha-999 MessageDigest not available".to_string())
        );
        assert!(Algorithm::lookup("").is_err());
        assert!(Algorithm::lookup("SHA3").is_err());
    }

    #[test]
    fn digests_of_known_inputs() {
        // RFC 1321, FIPS 180 and FIPS 202 test vectors.
        assert_eq!(
            Algorithm::Md5.hex_digest(b""),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            Algorithm::Md5.hex_digest(b"abc"),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            Algorithm::Sha1.hex_digest(b"abc"),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            Algorithm::Sha256.hex_digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            Algorithm::Sha3_256.hex_digest(b""),
            "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"
        );
        assert_eq!(
            Algorithm::Md2.hex_digest(b"abc"),
            "da853b0d3f88d99b30283a69e6ded6bb"
        );
    }
}
