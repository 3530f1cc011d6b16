//! Renders request/response objects the way the AWS CloudTrail ingest pipeline stores them:
//! `java.util.HashMap.toString()` of the parsed JSON object, e.g. `{serviceCode=ec2, quotaCode=L-1216C47A}`.
//!
//! Key order is HashMap iteration order: keys are grouped by bucket `(h ^ (h >>> 16)) & (capacity - 1)`
//! where `h` is Java's `String.hashCode` and the capacity is the smallest power of two >= 16 whose 3/4
//! load factor holds every key; keys sharing a bucket keep their insertion order.

/// Java's `String.hashCode` over UTF-16 code units.
fn java_hash(s: &str) -> u32 {
    s.encode_utf16()
        .fold(0u32, |h, c| h.wrapping_mul(31).wrapping_add(u32::from(c)))
}

/// HashMap table capacity for `n` keys (default capacity 16, load factor 0.75).
fn capacity(n: usize) -> u32 {
    let mut cap: u32 = 16;
    while (n as u64) * 4 > u64::from(cap) * 3 {
        cap = cap.saturating_mul(2);
    }
    cap
}

/// Renders `{k1=v1, k2=v2}` with the keys in HashMap order. Values are already rendered (a nested map is
/// passed as the output of another `render` call); `pairs` is in raw JSON order.
pub fn render(pairs: &[(&str, &str)]) -> String {
    let cap = capacity(pairs.len());
    let mut order: Vec<(u32, usize)> = pairs
        .iter()
        .enumerate()
        .map(|(i, (k, _))| {
            let h = java_hash(k);
            ((h ^ (h >> 16)) & (cap - 1), i)
        })
        .collect();
    order.sort_unstable();
    let mut out = String::with_capacity(
        pairs
            .iter()
            .map(|(k, v)| k.len() + v.len() + 3)
            .sum::<usize>()
            + 2,
    );
    out.push('{');
    for (n, (_, i)) in order.iter().enumerate() {
        if let Some((k, v)) = pairs.get(*i) {
            if n > 0 {
                out.push_str(", ");
            }
            out.push_str(k);
            out.push('=');
            out.push_str(v);
        }
    }
    out.push('}');
    out
}

/// Renders a list the way `ArrayList.toString()` does: `[a, b]`.
pub fn render_list(items: &[&str]) -> String {
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_known_pipeline_output() {
        // Strings observed in the integration's pipeline test fixtures.
        assert_eq!(
            render(&[("serviceCode", "ec2"), ("quotaCode", "L-1216C47A")]),
            "{serviceCode=ec2, quotaCode=L-1216C47A}"
        );
        assert_eq!(
            render(&[
                ("userName", "u"),
                ("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess")
            ]),
            "{policyArn=arn:aws:iam::aws:policy/AdministratorAccess, userName=u}"
        );
        assert_eq!(
            render(&[
                ("keyName", "k"),
                ("keyFingerprint", "f"),
                ("keyMaterial", "m")
            ]),
            "{keyMaterial=m, keyFingerprint=f, keyName=k}"
        );
    }

    #[test]
    fn java_hash_values() {
        assert_eq!(java_hash(""), 0);
        assert_eq!(java_hash("a"), 97);
        // "hello".hashCode() == 99162322 in Java.
        assert_eq!(java_hash("hello"), 99_162_322);
        assert_eq!(capacity(12), 16);
        assert_eq!(capacity(13), 32);
        assert_eq!(render_list(&["x", "y"]), "[x, y]");
    }
}
