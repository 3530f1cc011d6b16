//! Targeted checks: precedence, spans, leniency, literals, names.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_parser::ast::{BinaryOp, Command, ExprKind, Literal, SourceCommand};
use esql_parser::{parse, parse_with, ParseOptions, Severity};

fn where_expr(q: &str) -> (String, esql_parser::ast::Expr) {
    let p = parse(q).unwrap();
    let Command::Where(e) = &p.query.commands[0].node else {
        panic!("not a WHERE")
    };
    (q.to_string(), e.clone())
}

fn row_exprs(q: &str) -> Vec<esql_parser::ast::Expr> {
    let p = parse(q).unwrap();
    let SourceCommand::Row(fields) = p.query.source.node else {
        panic!("not ROW")
    };
    fields.into_iter().map(|f| f.expr).collect()
}

fn op(e: &esql_parser::ast::Expr) -> Option<BinaryOp> {
    match &e.kind {
        ExprKind::Binary { op, .. } => Some(*op),
        _ => None,
    }
}

#[test]
fn or_binds_looser_than_and() {
    let (_, e) = where_expr("FROM x | WHERE a OR b AND c");
    assert_eq!(op(&e), Some(BinaryOp::Or));
    let ExprKind::Binary { right, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(op(right), Some(BinaryOp::And));
}

#[test]
fn not_binds_tighter_than_and_but_looser_than_comparison() {
    let (_, e) = where_expr("FROM x | WHERE NOT a == b AND c");
    assert_eq!(op(&e), Some(BinaryOp::And));
    let ExprKind::Binary { left, .. } = &e.kind else {
        panic!()
    };
    let ExprKind::Not(inner) = &left.kind else {
        panic!("{left:?}")
    };
    assert_eq!(op(inner), Some(BinaryOp::Eq));
}

#[test]
fn arithmetic_precedence_and_cast() {
    let e = &row_exprs("ROW 1 + 2 * 3")[0];
    assert_eq!(op(e), Some(BinaryOp::Add));
    let e = &row_exprs("ROW -a::long")[0];
    let ExprKind::Neg(inner) = &e.kind else {
        panic!("{e:?}")
    };
    assert!(matches!(inner.kind, ExprKind::Cast { .. }));
    let e = &row_exprs("ROW 1 + 2::long")[0];
    let ExprKind::Binary { right, .. } = &e.kind else {
        panic!()
    };
    assert!(matches!(right.kind, ExprKind::Cast { .. }));
}

#[test]
fn spans_are_exact() {
    let q = "FROM x | STATS count(*), a + 1 BY x";
    let p = parse(q).unwrap();
    let Command::Stats(s) = &p.query.commands[0].node else {
        panic!()
    };
    assert_eq!(s.aggregates[0].field.expr.span.text(q), "count(*)");
    assert_eq!(s.aggregates[1].field.expr.span.text(q), "a + 1");
    let q = "ROW (a+1), -x, 7 days";
    let texts: Vec<String> = row_exprs(q)
        .iter()
        .map(|e| e.span.text(q).to_string())
        .collect();
    assert_eq!(texts, ["(a+1)", "-x", "7 days"]);
}

#[test]
fn lone_equals_is_lenient_with_a_warning() {
    let q = "ROW a = 1 | WHERE a = 1";
    let p = parse(q).unwrap();
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(p.warnings[0].severity, Severity::Warning);
    assert_eq!(
        p.warnings[0].headline(q),
        "Line 1:21: [=] is not an ES|QL comparison operator (Elasticsearch rejects this query: mismatched input '='); evaluated as [==]"
    );
    let lenient = parse("ROW a = 1 | WHERE a = 1").unwrap();
    let strict_ok = parse("ROW a = 1 | WHERE a == 1").unwrap();
    assert_eq!(lenient.query.to_string(), strict_ok.query.to_string());
    let err = parse_with(q, ParseOptions { strict: true }).unwrap_err();
    assert!(err
        .to_diagnostic()
        .headline(q)
        .starts_with("line 1:21: mismatched input '=' expecting"));
}

#[test]
fn assignment_reading_wins() {
    let p = parse("ROW a = 1 | EVAL x = a = b").unwrap();
    let Command::Eval(f) = &p.query.commands[0].node else {
        panic!()
    };
    assert_eq!(f[0].name.as_ref().unwrap().node, "x");
    assert_eq!(op(&f[0].expr), Some(BinaryOp::Eq));
    assert_eq!(p.warnings.len(), 1);
}

#[test]
fn seed_hunt_has_one_warning_at_the_provider_comparison() {
    let q = include_str!(
        "../../../queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql"
    );
    let p = parse(q).unwrap();
    assert_eq!(p.warnings.len(), 1);
    assert!(p.warnings[0].headline(q).starts_with("Line 5:62: [=]"));
    let err = parse_with(q, ParseOptions { strict: true }).unwrap_err();
    assert!(err
        .to_diagnostic()
        .headline(q)
        .starts_with("line 5:62: mismatched input '='"));
}

#[test]
fn integer_literal_widths() {
    let e = row_exprs("ROW 1, 9223372036854775808, 18446744073709551616, -9223372036854775808");
    let lits: Vec<&Literal> = e
        .iter()
        .map(|e| match &e.kind {
            ExprKind::Literal(l) => l,
            k => panic!("{k:?}"),
        })
        .collect();
    assert_eq!(lits[0], &Literal::Integer(1));
    assert_eq!(lits[1], &Literal::UnsignedLong(9223372036854775808));
    assert!(matches!(lits[2], Literal::Decimal(_)));
    assert_eq!(lits[3], &Literal::Integer(i64::MIN));
}

#[test]
fn strings_escapes_and_triple_quotes() {
    let e = row_exprs(r##"ROW "a\tb\"c\\", """x"y"""""##);
    assert_eq!(
        e[0].kind,
        ExprKind::Literal(Literal::String("a\tb\"c\\".into()))
    );
    assert_eq!(
        e[1].kind,
        ExprKind::Literal(Literal::String("x\"y\"".into()))
    );
    let err = parse(r#"ROW "\d""#).unwrap_err();
    assert_eq!(err.message(), r#"token recognition error at: '"\d'"#);
}

#[test]
fn time_span_units() {
    let e = row_exprs("ROW 1h, 30 Seconds");
    assert_eq!(
        e[1].kind,
        ExprKind::Literal(Literal::TimeSpan {
            value: 30,
            unit: "Seconds".into()
        })
    );
    assert_eq!(
        parse("ROW 1 foo").unwrap_err().message(),
        "Unexpected temporal unit: 'foo'"
    );
}

#[test]
fn keyword_word_boundaries() {
    let p = parse("FROM a | STATS c = count(*) BY bytes").unwrap();
    let Command::Stats(s) = &p.query.commands[0].node else {
        panic!()
    };
    assert_eq!(s.groups[0].expr.kind, ExprKind::Column("bytes".into()));
    assert!(parse("FROM a | WHERE event.by == 1").is_err());
    assert!(parse("FROM a | where(a)").is_err());
}

#[test]
fn names_are_joined_and_unquoted() {
    let p = parse("ROW `a``b`.c = 1, source.`as`.x = 2").unwrap();
    let SourceCommand::Row(f) = &p.query.source.node else {
        panic!()
    };
    assert_eq!(f[0].name.as_ref().unwrap().node, "a`b.c");
    assert_eq!(f[1].name.as_ref().unwrap().node, "source.as.x");
    assert_eq!(p.query.to_string(), "ROW `a``b`.c = 1, source.as.x = 2");
}

#[test]
fn canonical_printing() {
    let q = "from logs-* metadata _id | where (a+1)*2 > 3 and not b in (1,2) | sort x desc nulls first | keep a*, `b c`";
    let p = parse(q).unwrap();
    assert_eq!(
        p.query.to_string(),
        "FROM logs-* METADATA _id | WHERE (a + 1) * 2 > 3 AND NOT b IN (1, 2) | SORT x DESC NULLS FIRST | KEEP a*, `b c`"
    );
    assert_eq!(
        format!("{:#}", parse("FROM x | LIMIT 1").unwrap().query),
        "FROM x\n| LIMIT 1"
    );
}

#[test]
fn from_patterns() {
    let p = parse("FROM c1:logs-*, logs::failures, \"q*\" METADATA _index").unwrap();
    let SourceCommand::From(f) = &p.query.source.node else {
        panic!()
    };
    assert_eq!(f.indices[0].node.cluster.as_deref(), Some("c1"));
    assert_eq!(f.indices[1].node.selector.as_deref(), Some("failures"));
    assert!(f.indices[2].node.quoted);
    assert_eq!(f.metadata[0].node, "_index");
}

#[test]
fn first_and_last_are_function_names_before_a_parenthesis() {
    // The current grammar's `functionName` takes the FIRST and LAST keywords.
    let p = parse("FROM x | STATS f = FIRST(v, @timestamp), l = last(v, t) BY k").unwrap();
    assert_eq!(
        p.query.to_string(),
        "FROM x | STATS f = FIRST(v, @timestamp), l = last(v, t) BY k"
    );
    let Command::Stats(s) = &p.query.commands[0].node else {
        panic!("not STATS")
    };
    let ExprKind::Call(c) = &s.aggregates[0].field.expr.kind else {
        panic!("not a call")
    };
    assert_eq!(c.name.node, "FIRST");
    assert_eq!(c.args.len(), 2);
    // Anywhere a call may stand, and printed back without quotes.
    let e = row_exprs("ROW a = 1 + first(2)");
    assert_eq!(e[0].to_string(), "1 + first(2)");
    // The keywords keep their meaning elsewhere.
    assert_eq!(
        parse("FROM x | SORT a NULLS FIRST, b DESC NULLS LAST")
            .unwrap()
            .query
            .to_string(),
        "FROM x | SORT a NULLS FIRST, b DESC NULLS LAST"
    );
    for q in [
        "ROW a = first",
        "ROW a = x.first(1)",
        "FROM x | EVAL last = 1",
        "FROM x | SORT a NULLS FIRST(1)",
    ] {
        assert!(parse(q).is_err(), "{q} should not parse");
    }
}
