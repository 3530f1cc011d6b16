//! Query parameters substituted while parsing, and Elasticsearch's errors
//! for the ones that cannot be.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_parser::ast::{Command, ExprKind, Literal};
use esql_parser::{parse_with_params, ParamValue, ParseOptions, QueryParams};

fn named(list: &[(&str, ParamValue)]) -> QueryParams {
    QueryParams::named(
        list.iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect(),
    )
    .unwrap()
}

fn int(n: i64) -> ParamValue {
    ParamValue::Value(Literal::Integer(n))
}

fn error(q: &str, params: &QueryParams) -> String {
    let e = parse_with_params(q, ParseOptions::default(), params).unwrap_err();
    e.to_diagnostic().headline(q)
}

#[test]
fn values_become_constants_and_identifiers_names() {
    let p = named(&[
        ("n", int(10)),
        ("f", ParamValue::Identifier("host.name".into())),
        ("k", ParamValue::Pattern("host.*".into())),
    ]);
    let q = "FROM a | WHERE x > ?n | EVAL y = ??f | KEEP ?k, ??f";
    let parsed = parse_with_params(q, ParseOptions::default(), &p).unwrap();
    let printed = parsed.query.to_string();
    assert_eq!(
        printed,
        "FROM a | WHERE x > 10 | EVAL y = host.name | KEEP host.*, host.name"
    );
    let Command::Where(w) = &parsed.query.commands[0].node else {
        panic!("not a WHERE")
    };
    let ExprKind::Binary { right, .. } = &w.kind else {
        panic!("not a comparison")
    };
    assert_eq!(right.kind, ExprKind::Literal(Literal::Integer(10)));
}

#[test]
fn positional_and_anonymous_take_values_in_order() {
    let p = QueryParams::positional(vec![int(1), ParamValue::Value(Literal::String("x".into()))]);
    let q = "ROW a = ?, b = ?";
    let parsed = parse_with_params(q, ParseOptions::default(), &p).unwrap();
    assert_eq!(parsed.query.to_string(), "ROW a = 1, b = \"x\"");
    let parsed = parse_with_params("ROW a = ?2, b = ?1", ParseOptions::default(), &p).unwrap();
    assert_eq!(parsed.query.to_string(), "ROW a = \"x\", b = 1");
}

#[test]
fn errors_name_the_parameter_and_its_place() {
    let p = named(&[("n1", int(5)), ("n3", int(5))]);
    assert_eq!(
        error("FROM t | WHERE x < ?n1 | EVAL y = ?n2", &p),
        "line 1:35: Unknown query parameter [n2], did you mean any of [n1, n3]?"
    );
    let one = QueryParams::positional(vec![int(5)]);
    assert_eq!(
        error("FROM t | WHERE x < ?2", &one),
        "line 1:20: No parameter is defined for position 2, did you mean position 1?"
    );
    assert_eq!(
        error("ROW a = ?, b = ?", &one),
        "line 1:16: Not enough actual parameters 1"
    );
    assert_eq!(
        error("FROM t | WHERE x < ? | EVAL y = ?n2", &p),
        "line 1:33: Inconsistent parameter declaration, use one of positional, named or anonymous params but not a combination of named and anonymous"
    );
    assert_eq!(
        error("FROM t | WHERE x < ?1 | EVAL y = ?n2", &p),
        "line 1:34: Inconsistent parameter declaration, use one of positional, named or anonymous params but not a combination of named and positional"
    );
    assert_eq!(
        error("FROM t | KEEP ?n1", &p),
        "line 1:15: Query parameter [?n1] with value [5] declared as a constant, cannot be used as an identifier"
    );
    let pat = named(&[("k", ParamValue::Pattern("a*".into()))]);
    assert_eq!(
        error("FROM t | EVAL x = ??k", &pat),
        "line 1:19: Query parameter [??k][a*] declared as a pattern, cannot be used as an identifier"
    );
}

#[test]
fn without_params_parameters_stay_in_the_tree() {
    let parsed = esql_parser::parse("ROW a = ?x").unwrap();
    assert_eq!(parsed.query.to_string(), "ROW a = ?x");
}
