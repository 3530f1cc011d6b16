//! Elasticsearch's limits on a statement: its length, its number of piped
//! commands and the nesting of its expressions, with Elasticsearch's
//! messages (`line -1:-1:`, no position).
//!
//! Elasticsearch's expression builder counts one level per sub-expression it
//! builds through `expression(…)` and refuses level 401. The thresholds
//! below follow from what it counts (see `parse/limits.rs`):
//!
//! - `WHERE t1 OR … OR tN` with comparison terms `a == i`: the command's
//!   expression is level 1, the chain is left-deep so `t1` is at level N,
//!   the comparison's operand at N + 1 and the column `a`, a primary
//!   expression, at N + 2: 398 terms pass, 399 are refused. With bare
//!   boolean terms (`b OR b …`) the primary is at N + 1: 399 pass.
//! - `p` parentheses around `a`: each adds two levels (the content and the
//!   primary inside it), `a` is at 2 + 2p: 199 pass, 200 are refused.
//! - `n` NOTs, `n` unary minus: one level each, `a` at n + 2: 398 pass.
//! - `n` nested calls `abs(abs(… a))`: arguments are not counted, the call
//!   as a primary is: `a` at n + 2: 398 pass.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_parser::{parse, ParseError};

/// Parses on a thread with room for the recursion of a 400-level nesting
/// in a debug build (the default test thread has 2 MiB).
fn parse_deep(query: String) -> Result<(), ParseError> {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || parse(&query).map(|_| ()))
        .unwrap()
        .join()
        .unwrap()
}

fn refused(query: String) -> String {
    match parse_deep(query) {
        Ok(()) => panic!("accepted"),
        Err(e) => e.to_diagnostic().headline(""),
    }
}

fn or_chain(terms: usize) -> String {
    let terms: Vec<String> = (0..terms).map(|i| format!("a == {i}")).collect();
    format!("FROM t | WHERE {}", terms.join(" OR "))
}

#[test]
fn an_or_chain_of_comparisons_passes_at_398_terms() {
    assert!(parse_deep(or_chain(398)).is_ok());
    // The first sub-expression past the limit is the column of the first
    // term; its parent (`a`, the operand) is what the message quotes.
    assert_eq!(
        refused(or_chain(399)),
        "line -1:-1: ESQL statement exceeded the maximum expression depth allowed (400): [a]"
    );
}

#[test]
fn a_long_chain_quotes_the_part_of_the_chain_at_the_limit() {
    // 402 terms: the links of the chain reach level 401 themselves; the
    // parent of the first one is the link covering the first three terms.
    let message = refused(format!(
        "ROW b = true | WHERE {}",
        vec!["b"; 402].join(" OR ")
    ));
    assert_eq!(
        message,
        "line -1:-1: ESQL statement exceeded the maximum expression depth allowed (400): [bORbORb]"
    );
}

#[test]
fn bare_boolean_terms_cost_one_level_less() {
    let chain = |n: usize| format!("ROW b = true | WHERE {}", vec!["b"; n].join(" AND "));
    assert!(parse_deep(chain(399)).is_ok());
    assert!(refused(chain(400)).contains("maximum expression depth allowed (400)"));
}

#[test]
fn nesting_thresholds_of_parentheses_not_minus_and_calls() {
    let parens = |n: usize| format!("ROW x = {}a{}", "(".repeat(n), ")".repeat(n));
    let nots = |n: usize| format!("ROW x = {}a", "NOT ".repeat(n));
    let minus = |n: usize| format!("ROW x = {}a", "- ".repeat(n));
    let calls = |n: usize| format!("ROW x = {}a{}", "abs(".repeat(n), ")".repeat(n));
    for (shape, below, above) in [
        (&parens as &dyn Fn(usize) -> String, 199, 200),
        (&nots, 398, 399),
        (&minus, 398, 399),
        (&calls, 398, 399),
    ] {
        assert!(parse_deep(shape(below)).is_ok(), "{}", shape(below));
        let message = refused(shape(above));
        assert!(
            message.starts_with(
                "line -1:-1: ESQL statement exceeded the maximum expression depth allowed (400): ["
            ),
            "{message}"
        );
    }
    // Without spaces (ANTLR's getText): the parenthesis at the limit.
    assert!(refused(parens(200)).ends_with("): [(a)]"));
}

#[test]
fn flat_lists_are_not_nesting() {
    let values: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
    let query = format!("ROW a = 1 | WHERE a IN ({})", values.join(","));
    assert!(parse_deep(query).is_ok());
    let args = vec!["a"; 10_000].join(", ");
    assert!(parse_deep(format!("ROW a = \"x\" | EVAL b = CONCAT({args})")).is_ok());
}

#[test]
fn a_syntax_error_later_in_the_text_is_reported_first() {
    // Elasticsearch's grammar reads the whole text before the builder counts.
    let query = format!("ROW x = {}a | WHERE", "NOT ".repeat(450));
    let Err(e) = parse_deep(query) else {
        panic!("accepted")
    };
    assert!(e.message().contains("mismatched input '<EOF>'"), "{e}");
}

#[test]
fn nesting_far_past_the_limit_is_elasticsearchs_stack_overflow() {
    let query = format!("ROW x = {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let message = refused(query.clone());
    assert_eq!(
        message,
        format!(
            "line -1:-1: ESQL statement is too large, causing stack overflow when generating the parsing tree: [{query}]"
        )
    );
}

#[test]
fn more_than_500_commands_are_refused() {
    let query = |n: usize| format!("ROW a = 1{}", " | EVAL a = a + 1".repeat(n));
    assert!(parse_deep(query(500)).is_ok());
    assert_eq!(
        refused(query(501)),
        "line -1:-1: ESQL statement exceeded the maximum query depth allowed (500): [ROWa=1|EVALa=a+1]"
    );
}

#[test]
fn a_statement_longer_than_a_million_characters_is_refused() {
    // The length is Java's: UTF-16 code units.
    let mut query = String::from("ROW a = \"");
    query.push_str(&"é".repeat(1_000_000 - 10));
    query.push('"');
    assert!(parse_deep(query.clone()).is_ok());
    query.push(' ');
    query.push_str(&"é".repeat(10));
    assert_eq!(
        refused(query),
        "line -1:-1: ESQL statement is too large [1000011 characters > 1000000]"
    );
}
