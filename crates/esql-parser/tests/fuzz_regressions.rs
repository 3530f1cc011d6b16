//! Inputs found by fuzzing (`fuzz/`, target `parse`), minimized: a query that
//! parses must print as text that parses back to the same query.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn print(text: &str) -> String {
    esql_parser::parse(text).unwrap().query.to_string()
}

#[test]
fn quoted_name_starting_with_a_question_mark_that_is_no_parameter() {
    // The crash input: the print `ROW ?\0\0` did not parse.
    let printed = print("ROW `?\0\0`");
    assert!(esql_parser::parse(&printed).is_ok(), "{printed:?}");
    assert_eq!(printed, "ROW `?\0\0`");
}

#[test]
fn quoted_name_spelled_like_a_parameter() {
    // Minimized: the quoted name must stay a quoted name, not become a parameter.
    assert_eq!(print("ROW `?`"), "ROW `?`");
    assert_eq!(print("ROW x = `?a`"), "ROW x = `?a`");
    assert_eq!(print("FROM a | KEEP `?b`"), "FROM a | KEEP `?b`");
}

#[test]
fn deep_nesting_is_a_parse_error() {
    // Found as silent SIGSEGV exits of the fuzzer at inputs of ~3,000 bytes;
    // 1,000 parentheses overflowed the main thread's stack in a debug build.
    // The parser now stops at a fixed nesting, well past Elasticsearch's
    // maximum expression depth, with the message Elasticsearch gives when
    // its own parser runs out of stack.
    for query in [
        format!("ROW a = {}1{}", "(".repeat(5_000), ")".repeat(5_000)),
        format!("ROW a = {}1", "-".repeat(5_000)),
        format!("ROW a = {}true", "NOT ".repeat(5_000)),
    ] {
        let Err(e) = esql_parser::parse(&query) else {
            panic!("a 5,000-deep expression parsed");
        };
        assert!(
            e.to_string().starts_with(
                "ESQL statement is too large, causing stack overflow when generating the parsing tree: [ROW a = "
            ),
            "{e}"
        );
    }
}

#[test]
fn parameter_inside_a_name_is_elasticsearchs_error() {
    // Minimized from "ROW ?g. ```\0Wg.\t`": the print `ROW ?g.a b` did not
    // parse. Parameters are substituted while Elasticsearch builds the query
    // and none are supplied offline, so a name made with one is rejected
    // after the grammar accepted the text, with Elasticsearch's wording.
    for (query, message, column) in [
        ("ROW ?g.`a b`", "Unknown query parameter [g]", 5),
        ("FROM a | KEEP ?g.`a.b`", "Unknown query parameter [g]", 15),
        ("FROM a | KEEP x, ?", "Not enough actual parameters 0", 18),
        (
            "FROM a | EVAL y = x.?2",
            "No parameter is defined for position 2",
            21,
        ),
        ("FROM a | EVAL y = ?f(x)", "Unknown query parameter [f]", 19),
    ] {
        let e = esql_parser::parse(query).unwrap_err();
        let headline = e.to_diagnostic().headline(query);
        assert_eq!(headline, format!("line 1:{column}: {message}"), "{query}");
    }
    // A syntax error later in the text is reported first, as the grammar
    // runs before parameters are looked up.
    let e = esql_parser::parse("FROM a | KEEP ?g.b | WHERE (").unwrap_err();
    let headline = e.to_diagnostic().headline("FROM a | KEEP ?g.b | WHERE (");
    assert!(headline.starts_with("line 1:29:"), "{headline}");
}

#[test]
fn dissect_option_name_with_a_dot() {
    // Minimized from "FROM x | DISSECT ms \"`````\" ```.\0` =0": the option name
    // is one identifier, so `x.y` must stay quoted.
    let printed = print("FROM x | DISSECT a \"%{b}\" `x.y` = \",\"");
    assert!(
        printed.ends_with("DISSECT a \"%{b}\" `x.y` = \",\""),
        "{printed}"
    );
    assert_eq!(print(&printed), printed);
}

#[test]
fn negated_cast_of_a_number_keeps_its_sign() {
    // Found by fuzzing: `- -0::r` printed as `-0::r`, whose sign folds into
    // the number when read back.
    for q in [
        "ROW e = - -0::r",
        "ROW e = -(1::long)",
        "ROW e = 0::r - - -0::r",
    ] {
        let printed = print(q);
        assert_eq!(print(&printed), printed, "{q}");
    }
}

#[test]
fn show_followed_by_multibyte_text_is_an_error_not_a_panic() {
    // Found by fuzzing: `SHOW` then a character whose bytes straddle the
    // fourth byte sliced the text inside a character.
    for q in ["SHOW inf\u{59c}", "SHOW i\u{1F414}", "show \u{1F414}"] {
        assert!(esql_parser::parse(q).is_err(), "{q}");
    }
}
