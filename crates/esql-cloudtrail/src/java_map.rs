//! `toString()` of the Java objects the ingest `json` processor builds:
//! `java.util.HashMap` for objects, `ArrayList` for arrays, `Integer`/`Long`
//! and `Double` for numbers, `Boolean`, `String`.
//!
//! * a map prints `{k1=v1, k2=v2}` in HashMap iteration order;
//! * a list prints `[a, b]` in its own order;
//! * a string prints as is (no quotes, no escaping);
//! * a double prints as `Double.toString` does (`1.5`, `100.0`, `1.0E10`).
//!
//! HashMap iteration order for string keys: the table has `capacity`
//! buckets (16, doubled while the keys exceed three quarters of it); a key
//! with `h = String.hashCode()` sits in bucket `(h ^ (h >>> 16)) &
//! (capacity - 1)`; buckets are visited in index order and keys sharing a
//! bucket in insertion order (a resize splits buckets keeping that order).
//! Removing keys never shrinks the table, so the capacity comes from the
//! number of keys the object had when parsed.

use super::raw::{Raw, RawObject};
use esql_javafmt::java_double;
use serde_json::Number;

/// Java's `String.hashCode()`: `h = 31 * h + c` over the UTF-16 code units,
/// wrapping at 32 bits.
pub fn java_hash(s: &str) -> u32 {
    s.encode_utf16()
        .fold(0u32, |h, c| h.wrapping_mul(31).wrapping_add(u32::from(c)))
}

/// The table capacity of a `HashMap` that received `n` distinct keys
/// (initial capacity 16, load factor 0.75).
pub fn capacity(n: usize) -> u32 {
    let mut cap: u32 = 16;
    while (n as u64) * 4 > u64::from(cap) * 3 && cap < (1 << 30) {
        cap *= 2;
    }
    cap
}

/// The bucket of `key` in a table of `cap` buckets.
pub fn bucket(key: &str, cap: u32) -> u32 {
    let h = java_hash(key);
    (h ^ (h >> 16)) & (cap - 1)
}

/// Positions of `keys` (in insertion order) in HashMap iteration order for
/// a table that held `parsed_len` keys.
pub fn iteration_order<'a>(keys: impl Iterator<Item = &'a str>, parsed_len: usize) -> Vec<usize> {
    let keys: Vec<&str> = keys.collect();
    let cap = capacity(parsed_len.max(keys.len()));
    let mut order: Vec<(u32, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (bucket(k, cap), i))
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(_, i)| i).collect()
}

/// `toString()` of the Java value `v` stands for.
pub fn to_java_string(v: &Raw) -> String {
    let mut out = String::new();
    write_java(v, &mut out);
    out
}

fn write_java(v: &Raw, out: &mut String) {
    match v {
        Raw::Null => out.push_str("null"),
        Raw::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Raw::Number(n) => out.push_str(&java_number(n)),
        Raw::String(s) => out.push_str(s),
        Raw::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_java(x, out);
            }
            out.push(']');
        }
        Raw::Object(o) => write_map(o, out),
    }
}

fn write_map(o: &RawObject, out: &mut String) {
    out.push('{');
    let order = iteration_order(o.entries.iter().map(|(k, _)| k.as_str()), o.parsed_len);
    for (n, i) in order.into_iter().enumerate() {
        if let Some((k, v)) = o.entries.get(i) {
            if n > 0 {
                out.push_str(", ");
            }
            out.push_str(k);
            out.push('=');
            write_java(v, out);
        }
    }
    out.push('}');
}

/// An integer as `Integer`/`Long.toString`, a fraction as `Double.toString`.
pub fn java_number(n: &Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() => java_double(f),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::parse;

    fn render(json: &str) -> String {
        to_java_string(&parse(json.as_bytes()).unwrap())
    }

    #[test]
    fn string_hash_by_hand() {
        // "ab": h = 31 * 'a' + 'b' = 31 * 97 + 98 = 3105; 3105 >>> 16 = 0,
        // so its bucket in a 16-slot table is 3105 & 15 = 1 (3105 = 194*16 + 1).
        assert_eq!(java_hash("ab"), 3105);
        assert_eq!(bucket("ab", 16), 1);
        // "hello".hashCode() is 99162322 in Java.
        assert_eq!(java_hash("hello"), 99_162_322);
        // Wrapping: "polygenelubricants".hashCode() is Integer.MIN_VALUE.
        assert_eq!(java_hash("polygenelubricants"), 0x8000_0000);
        // A character outside the BMP counts as two UTF-16 units.
        assert_eq!(java_hash("😀"), 0xD83D_u32 * 31 + 0xDE00);
    }

    #[test]
    fn capacity_doubles_past_three_quarters() {
        assert_eq!(capacity(0), 16);
        assert_eq!(capacity(12), 16);
        assert_eq!(capacity(13), 32);
        assert_eq!(capacity(24), 32);
        assert_eq!(capacity(25), 64);
    }

    #[test]
    fn bucket_order_not_insertion_order() {
        // Buckets in a 16-slot table (hash values worked out with java_hash):
        // "b" = 98 -> 2, "a" = 97 -> 1, "c" = 99 -> 3, "q" = 113 -> 1.
        assert_eq!(render(r#"{"b":1,"a":2,"c":3}"#), "{a=2, b=1, c=3}");
        // "a" and "q" share bucket 1: insertion order within it.
        assert_eq!(render(r#"{"q":1,"c":2,"a":3}"#), "{q=1, a=3, c=2}");
        assert_eq!(render(r#"{"a":1,"c":2,"q":3}"#), "{a=1, q=3, c=2}");
    }

    #[test]
    fn nested_values_and_scalars() {
        assert_eq!(
            render(r#"{"l":["x",{"k":true}],"n":{"m":null}}"#),
            "{l=[x, {k=true}], n={m=null}}"
        );
        assert_eq!(
            render(r#"[1, -2, 1.5, 100.0, 1e10, 0.0001, "a=b, c"]"#),
            "[1, -2, 1.5, 100.0, 1.0E10, 1.0E-4, a=b, c]"
        );
        assert_eq!(java_double(1234567.0), "1234567.0");
        assert_eq!(java_double(12345678.0), "1.2345678E7");
        assert_eq!(java_double(0.001), "0.001");
        assert_eq!(java_double(-2.5e-7), "-2.5E-7");
    }

    #[test]
    fn subnormal_doubles_print_as_java_does() {
        // Double.toString of the smallest doubles picks the closest
        // two-digit decimal when one digit would read back: 4.9E-324, not
        // 5.0E-324.
        assert_eq!(render("[5e-324, 1e-323]"), "[4.9E-324, 9.9E-324]");
    }

    #[test]
    fn pipeline_strings_from_the_integration_docs() {
        // Published hunts DISSECT these in exactly this order.
        assert_eq!(
            render(r#"{"serviceCode":"ec2","quotaCode":"L-1216C47A"}"#),
            "{serviceCode=ec2, quotaCode=L-1216C47A}"
        );
        assert_eq!(
            render(r#"{"roleName":"r","policyArn":"arn:aws:iam::aws:policy/P"}"#),
            "{policyArn=arn:aws:iam::aws:policy/P, roleName=r}"
        );
        assert_eq!(
            render(r#"{"keyName":"k","keyFingerprint":"f","keyMaterial":"m"}"#),
            "{keyMaterial=m, keyFingerprint=f, keyName=k}"
        );
    }

    #[test]
    fn removed_members_keep_the_table_size() {
        // 13 keys make a 32-slot table; after dropping 12 of them the two
        // remaining keys are still ordered by their 32-slot buckets:
        // "p" = 112 -> 16 and "a" = 97 -> 1 (16 slots would put p at 0).
        let mut v = parse(
            br#"{"p":1,"a":2,"c1":null,"c2":null,"c3":null,"c4":null,"c5":null,"c6":null,
                "c7":null,"c8":null,"c9":null,"d1":null,"d2":null}"#,
        )
        .unwrap();
        crate::raw::drop_empty(&mut v);
        assert_eq!(to_java_string(&v), "{a=2, p=1}");
        assert_eq!(render(r#"{"p":1,"a":2}"#), "{p=1, a=2}");
    }
}
