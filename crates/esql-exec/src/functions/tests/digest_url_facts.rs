//! Digests and URL encodings: results computed from the published test
//! vectors and the percent-encoding rules, warnings and errors as
//! Elasticsearch words them.

use super::harness::*;
use crate::types::DataType;

#[test]
fn digests() {
    // RFC 1321 / FIPS 180-4 vectors of "abc".
    assert_eq!(
        call("md5", &[s("abc")]),
        s("900150983cd24fb0d6963f7d28e17f72")
    );
    assert_eq!(
        call("sha1", &[s("abc")]),
        s("a9993e364706816aba3e25717850c26c9cd0d89d")
    );
    assert_eq!(
        call("sha256", &[s("abc")]),
        s("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
    assert_eq!(
        call("hash", &[s("SHA-384"), s("abc")]),
        s("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
    );
    assert_eq!(
        call("hash", &[s("sha-224"), s("abc")]),
        s("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")
    );
    assert_eq!(call("md5", &[null()]), null());
    assert_eq!(call("hash", &[null(), s("abc")]), null());
    assert_eq!(ret("sha1", &[s("x")]), DataType::Keyword);
    assert_eq!(
        fails("md5", &[strs(&["a", "b"])]),
        "java.lang.IllegalArgumentException: single-value function encountered multi-value"
    );
}

#[test]
fn unknown_algorithms() {
    let constant = try_call("hash", &[s("sha-999"), s("abc")]).map(|_| ());
    assert_eq!(
        constant.unwrap_err(),
        "invalid algorithm for [hash(...)]: sha-999 MessageDigest not available"
    );
    assert_eq!(
        resolve_error(
            "hash",
            "hash(a, b)",
            &[(DataType::Integer, "a"), (DataType::Keyword, "b")]
        ),
        "first argument of [hash(a, b)] must be [string], found value [a] type [integer]"
    );
}

#[test]
fn url_encodings() {
    assert_eq!(call("url_encode", &[s("a b~*")]), s("a+b~%2A"));
    assert_eq!(call("url_encode_component", &[s("a b~*")]), s("a%20b~%2A"));
    // Conversion functions: every value of a multi-value is converted.
    assert_eq!(
        call("url_encode_component", &[strs(&["a b", "c/d"])]),
        strs(&["a%20b", "c%2Fd"])
    );
    assert_eq!(
        call("url_decode", &[strs(&["a+b", "%41"])]),
        strs(&["a b", "A"])
    );
    assert_eq!(
        fails("url_decode", &[s("%zz")]),
        "java.lang.IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: \"zz\""
    );
    assert_eq!(
        fails("url_decode", &[s("100%")]),
        "java.lang.IllegalArgumentException: URLDecoder: Incomplete trailing escape (%) pattern"
    );
}
