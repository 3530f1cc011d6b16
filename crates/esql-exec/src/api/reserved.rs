//! A friendlier report for a reserved word used as a name (`STATS first =
//! MIN(x)`): Elasticsearch's reason lists every grammar token the parser
//! expected; the terminal report says instead that the word is reserved
//! and how to quote it. [`QueryError::reason`](crate::api::QueryError::reason)
//! keeps Elasticsearch's text.

/// When `message` is a parser error about word `w` where a name was
/// expected (`mismatched input 'w' expecting {…, UNQUOTED_IDENTIFIER, …}`),
/// the message to show instead.
pub fn reserved_word_message(message: &str) -> Option<String> {
    let rest = message.strip_prefix("mismatched input '")?;
    let (word, expected) = rest.split_once("' expecting ")?;
    let is_word = word
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !is_word || !expected.contains("UNQUOTED_IDENTIFIER") {
        return None;
    }
    Some(format!(
        "[{word}] is a reserved word and cannot be a name here; quote it with backticks (`{word}`) to use it as one"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Session;

    #[test]
    fn a_keyword_as_a_name_says_how_to_quote_it() {
        let text = "ROW x = 1 | STATS first = MIN(x)";
        let e = Session::new().query(text).unwrap_err();
        let report = e.render(text);
        assert!(
            report.starts_with(
                "parsing_exception: line 1:19: [first] is a reserved word and cannot be a name here; quote it with backticks (`first`)"
            ),
            "{report}"
        );
        assert!(report.contains("^^^^^"), "{report}");
        // Elasticsearch's reason is unchanged.
        assert!(e.reason(text).contains("expecting {"), "{}", e.reason(text));
        // Quoted, it works.
        assert!(Session::new()
            .query("ROW x = 1 | STATS `first` = MIN(x)")
            .is_ok());
    }

    #[test]
    fn other_parse_errors_keep_their_message() {
        assert_eq!(
            reserved_word_message("mismatched input '|' expecting {UNQUOTED_IDENTIFIER}"),
            None
        );
        assert_eq!(
            reserved_word_message("token recognition error at: '~'"),
            None
        );
    }
}
