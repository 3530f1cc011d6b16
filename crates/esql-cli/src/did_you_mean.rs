//! What to say when `esql WORD` names no file: a typo'd subcommand
//! (`esql shel`) or a query given without `-q` (`esql 'from logs'`).

use std::path::Path;

/// The subcommands, for suggestions.
const SUBCOMMANDS: [&str; 9] = [
    "indices",
    "fields",
    "run",
    "shell",
    "parse",
    "convert",
    "test",
    "completions",
    "man",
];

/// The message for a query file argument that does not exist, when it
/// looks like a query or a subcommand (`None` otherwise).
pub fn missing_file(path: &Path) -> Option<String> {
    let text = path.to_string_lossy();
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let query_start = ["from", "row", "show", "ts"].contains(&first.as_str());
    if query_start || text.contains('|') {
        return Some(format!(
            "no file [{text}]; to run it as a query, give it with -q: esql -q '{text}'"
        ));
    }
    if let Some(command) = SUBCOMMANDS
        .iter()
        .find(|c| distance(c, &text) <= 2 && !text.contains(['/', '.']))
    {
        return Some(format!(
            "no file [{text}]; did you mean the subcommand `esql {command}`?"
        ));
    }
    None
}

/// Levenshtein distance between two short words.
pub fn distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_subcommand_or_the_query_flag() {
        assert_eq!(
            missing_file(Path::new("shel")).as_deref(),
            Some("no file [shel]; did you mean the subcommand `esql shell`?")
        );
        assert_eq!(
            missing_file(Path::new("from logs | limit 1")).as_deref(),
            Some("no file [from logs | limit 1]; to run it as a query, give it with -q: esql -q 'from logs | limit 1'")
        );
        assert_eq!(missing_file(Path::new("hunts/a.esql")), None);
        assert_eq!(distance("parse", "prase"), 2);
    }
}
