//! AST snapshots of every query in the corpus (one per command/operator
//! family), and rendered error snapshots.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[test]
fn corpus_asts() {
    for f in common::own_queries() {
        let q = std::fs::read_to_string(&f).unwrap();
        let parsed = esql_parser::parse(&q).unwrap();
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("ast_{name}"), common::outline(&parsed.query));
    }
}

const BAD: &[(&str, &str)] = &[
    ("bad_escape", "ROW a = \"\\d\""),
    ("unknown_command", "FROM a | FOO x"),
    ("inline_without_stats", "FROM a | INLINE count(*)"),
    ("non_assoc_compare", "ROW a = 1 | WHERE a == b == c"),
    ("reserved_part", "FROM a | WHERE event.by == 1"),
    ("ciequal", "FROM a | WHERE a =~ \"x\""),
    ("unit", "ROW a = 1 foo"),
    ("decimal_span", "ROW a = 1.5 hours"),
    ("empty_array", "ROW a = []"),
    ("mixed_array", "ROW a = [1, \"x\"]"),
    ("missing_expr", "FROM a | WHERE"),
    ("trailing_pipe", "FROM a |"),
    ("unclosed_paren", "ROW a = (1 + 2"),
    ("rlike_list", "FROM a | WHERE a RLIKE (\"x\")"),
    ("double_equals_assign", "FROM a | WHERE a = 1 = 2"),
    ("multiline", "FROM a\n| WHERE x > 1\n| EVAL y = )"),
    ("bad_source", "FROM a(b)"),
];

#[test]
fn rendered_errors() {
    for (name, q) in BAD {
        let err = esql_parser::parse(q).expect_err(q);
        insta::assert_snapshot!(
            format!("err_{name}"),
            format!("{q}\n\n{}", err.to_diagnostic().render(q))
        );
    }
}

#[test]
fn seed_hunt_warning_rendered() {
    let q = include_str!(
        "../../../queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql"
    );
    let parsed = esql_parser::parse(q).unwrap();
    assert_eq!(parsed.warnings.len(), 1);
    insta::assert_snapshot!(
        "seed_warning",
        esql_parser::diagnostic::render_all(q, &parsed.warnings)
    );
}
