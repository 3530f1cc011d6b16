use super::*;

fn kql(s: &str) -> Query {
    parse(s, Dialect::Kql).unwrap()
}

fn field(name: &str) -> Field {
    Field::Name {
        name: name.into(),
        quoted: false,
    }
}

fn term(text: &str) -> Values {
    Values::Term(Term {
        text: text.into(),
        pattern: None,
        quoted: false,
    })
}

fn m(f: &str, v: &str) -> Query {
    Query::Match(field(f), term(v))
}

fn and(l: Query, r: Query) -> Query {
    Query::And(Box::new(l), Box::new(r))
}

fn or(l: Query, r: Query) -> Query {
    Query::Or(Box::new(l), Box::new(r))
}

fn not(x: Query) -> Query {
    Query::Not(Box::new(x))
}

#[test]
fn field_values_and_precedence() {
    assert_eq!(
        kql("event.action:executed and process.name:curl"),
        and(m("event.action", "executed"), m("process.name", "curl"))
    );
    assert_eq!(
        kql("a:1 OR b:2 and NOT c:3"),
        or(m("a", "1"), and(m("b", "2"), not(m("c", "3"))))
    );
    assert_eq!(
        kql("(a:1 or b:2) and c:3"),
        and(or(m("a", "1"), m("b", "2")), m("c", "3"))
    );
    assert_eq!(kql(""), Query::All);
    assert_eq!(kql("*"), Query::All);
    assert_eq!(kql("*:*"), Query::All);
}

#[test]
fn quoted_values_and_fields() {
    let q = kql(r#"kibana.alert.rule.tags : "Rule Type: Higher-Order Rule" "#);
    let Query::Match(f, Values::Term(t)) = q else {
        panic!("{q:?}")
    };
    assert_eq!(f, field("kibana.alert.rule.tags"));
    assert_eq!(t.text, "Rule Type: Higher-Order Rule");
    assert!(t.quoted && t.pattern.is_none());
    let q = kql(r#""my field": "a \"b\" \\ c""#);
    assert_eq!(
        q,
        Query::Match(
            Field::Name {
                name: "my field".into(),
                quoted: true
            },
            Values::Term(Term {
                text: r#"a "b" \ c"#.into(),
                pattern: None,
                quoted: true
            })
        )
    );
    // A quoted star is literal.
    let Query::Match(_, Values::Term(t)) = kql(r#"verbs:"*""#) else {
        panic!()
    };
    assert_eq!((t.text.as_str(), t.pattern), ("*", None));
}

#[test]
fn value_lists() {
    assert_eq!(
        kql("process.name:(curl or curl.exe)"),
        Query::Match(
            field("process.name"),
            Values::Or(Box::new(term("curl")), Box::new(term("curl.exe")))
        )
    );
    let q = kql(r#"v:("*" or get and not list)"#);
    let Query::Match(_, Values::Or(_, r)) = q else {
        panic!("{q:?}")
    };
    assert_eq!(
        *r,
        Values::And(
            Box::new(term("get")),
            Box::new(Values::Not(Box::new(term("list"))))
        )
    );
}

#[test]
fn wildcards_exists_and_multiword() {
    let Query::Match(_, Values::Term(t)) = kql("p:/var/lib/*/script.sh") else {
        panic!()
    };
    assert_eq!(t.pattern.as_deref(), Some("/var/lib/*/script.sh"));
    let Query::Match(_, Values::Term(t)) = kql(r"p:a\*b*") else {
        panic!()
    };
    assert_eq!(t.text, "a*b*");
    assert_eq!(t.pattern.as_deref(), Some(r"a\*b*"));
    assert_eq!(kql("host.name:*"), Query::Exists(field("host.name")));
    assert_eq!(kql("message: quick  brown"), m("message", "quick brown"));
    assert_eq!(kql(r"a:b\:c\ d"), m("a", "b:c d"));
    assert_eq!(kql(r"a:\and"), m("a", "and"));
    assert_eq!(kql("a:android"), m("a", "android"));
    assert_eq!(kql(r"a:\u0041"), m("a", "A"));
    assert_eq!(kql("error"), Query::Match(Field::Default, term("error")));
}

#[test]
fn ranges() {
    assert_eq!(
        kql("bytes >= 10"),
        Query::Range(field("bytes"), RangeOp::Ge, "10".into())
    );
    assert_eq!(
        kql(r#"@timestamp < "2024-01-01""#),
        Query::Range(field("@timestamp"), RangeOp::Lt, "2024-01-01".into())
    );
    assert_eq!(
        kql("x>1"),
        Query::Range(field("x"), RangeOp::Gt, "1".into())
    );
    assert_eq!(
        kql("x<=1"),
        Query::Range(field("x"), RangeOp::Le, "1".into())
    );
}

#[test]
fn errors() {
    let e = |s: &str| parse(s, Dialect::Kql).unwrap_err().to_string();
    assert_eq!(
        e("a:(b"),
        "line 1:5: mismatched input '<EOF>' expecting ')'"
    );
    assert_eq!(e("a:b)"), "line 1:4: mismatched input ')' expecting <EOF>");
    assert_eq!(
        e("a and"),
        "line 1:6: mismatched input '<EOF>' expecting a query"
    );
    assert_eq!(
        e("a > "),
        "line 1:5: mismatched input '<EOF>' expecting a value"
    );
    assert_eq!(e(r#"a:"b"#), "line 1:3: token recognition error at: '\"'");
    assert_eq!(e(r"a:\x"), "line 1:3: token recognition error at: '\\x'");
    assert_eq!(e("a:{b:c}"), "line 1:3: nested queries are not supported");
}

#[test]
fn lucene_dialect() {
    let l = |s: &str| parse(s, Dialect::Lucene).unwrap();
    // Lower-case `and` is a term; adjacent clauses are ORed.
    assert_eq!(
        l("a:x and"),
        or(m("a", "x"), Query::Match(Field::Default, term("and")))
    );
    assert_eq!(l("a:x AND -b:y"), and(m("a", "x"), not(m("b", "y"))));
    assert_eq!(
        l("a:x && !b:y || c:z"),
        or(and(m("a", "x"), not(m("b", "y"))), m("c", "z"))
    );
    assert_eq!(
        l("n:>=5"),
        Query::Range(field("n"), RangeOp::Ge, "5".into())
    );
    let Query::Match(_, Values::Term(t)) = l("a:f?o*") else {
        panic!()
    };
    assert_eq!(t.pattern.as_deref(), Some("f?o*"));
    assert!(parse("a:[1 TO 2]", Dialect::Lucene).is_err());
}
