//! `Unknown column [x], did you mean [y]?` suggestions, by edit distance.

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

/// Candidates close to `name`: a Levenshtein similarity of at least 0.7
/// (1 - distance / longer length) — Lucene's default threshold as
/// Elasticsearch uses it — best first, then alphabetically.
pub(crate) fn similar(name: &str, candidates: &[&str]) -> Vec<String> {
    let mut scored: Vec<(usize, String)> = Vec::new();
    for c in candidates {
        if *c == name {
            continue;
        }
        let d = levenshtein(name, c);
        let longest = name.chars().count().max(c.chars().count()).max(1);
        let similarity = 1.0 - d as f64 / longest as f64;
        if similarity >= 0.7 && !scored.iter().any(|(_, s)| s == c) {
            scored.push((d, c.to_string()));
        }
    }
    scored.sort();
    let best = scored.first().map(|(d, _)| *d);
    scored
        .into_iter()
        .filter(|(d, _)| Some(*d) == best)
        .map(|(_, s)| s)
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
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
}
