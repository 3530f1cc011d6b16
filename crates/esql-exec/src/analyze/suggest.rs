//! `Unknown column [x], did you mean [y]?` suggestions, by edit distance.

use strsim::levenshtein;

/// Elasticsearch's unknown-column message with its suggestions.
pub(crate) fn unknown_column(name: &str, candidates: &[&str]) -> String {
    let similar = similar(name, candidates);
    match similar.as_slice() {
        [] => format!("Unknown column [{name}]"),
        [one] => format!("Unknown column [{name}], did you mean [{one}]?"),
        many => format!(
            "Unknown column [{name}], did you mean any of [{}]?",
            many.join(", ")
        ),
    }
}

/// Candidates close to `name`: a Levenshtein similarity
/// (1 - distance / longer length) of at least 0.5, most similar first —
/// the rule Elasticsearch's suggestion helper applies.
pub(crate) fn similar(name: &str, candidates: &[&str]) -> Vec<String> {
    let mut scored: Vec<(usize, usize, String)> = Vec::new();
    for c in candidates {
        if *c == name || scored.iter().any(|(_, _, s)| s == c) {
            continue;
        }
        let d = levenshtein(name, c);
        let longest = name.chars().count().max(c.chars().count()).max(1);
        // similarity >= 0.5  <=>  2 * d <= longest
        if 2 * d <= longest {
            // Sort by similarity descending: d / longest ascending.
            scored.push((d * 1_000_000 / longest, scored.len(), c.to_string()));
        }
    }
    scored.sort();
    scored.into_iter().map(|(_, _, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        assert_eq!(
            unknown_column("hots", &["host", "status"]),
            "Unknown column [hots], did you mean [host]?"
        );
        assert_eq!(unknown_column("zzz", &["host"]), "Unknown column [zzz]");
    }

    #[test]
    fn levenshtein_distances() {
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("abc", ""), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("flaw", "lawn"), 2);
        assert_eq!(levenshtein("ab", "ba"), 2);
        assert_eq!(levenshtein("héllo", "hello"), 1);
    }
}
