use super::*;

fn s(text: &str) -> Re {
    Re::Str(text.to_string())
}

fn cat(items: Vec<Re>) -> Re {
    Re::Concat(items)
}

#[test]
fn intersection_binds_tighter_than_union() {
    assert_eq!(
        parse("a&b|c").unwrap(),
        Re::Union(vec![Re::Inter(vec![s("a"), s("b")]), s("c")])
    );
}

#[test]
fn hunt_group_reads_stray_operators_as_literals() {
    // `y>&|0>&1`: the `|` after `&` starts an operand, so it is a literal;
    // the alternative is "y>" & "|0>" & "1".
    let parsed = parse("(x|y>&|0>&1)").unwrap();
    assert_eq!(
        parsed,
        Re::Union(vec![
            s("x"),
            Re::Inter(vec![
                cat(vec![s("y"), s(">")]),
                cat(vec![s("|"), s("0"), s(">")]),
                s("1"),
            ]),
        ])
    );
}

#[test]
fn operators_with_nothing_before_them_are_literals() {
    assert_eq!(parse("&a").unwrap(), cat(vec![s("&"), s("a")]));
    assert_eq!(parse("|a").unwrap(), cat(vec![s("|"), s("a")]));
    assert_eq!(parse(")a").unwrap(), cat(vec![s(")"), s("a")]));
    assert_eq!(parse("*").unwrap(), s("*"));
    assert_eq!(
        parse("a||b").unwrap(),
        Re::Union(vec![s("a"), cat(vec![s("|"), s("b")])])
    );
    assert_eq!(
        parse("a&&b").unwrap(),
        Re::Inter(vec![s("a"), cat(vec![s("&"), s("b")])])
    );
}

#[test]
fn missing_operands_at_the_end_are_errors() {
    for p in ["a&", "a|", "a~", "(a&", "\\", "[", "a\\"] {
        assert_eq!(
            parse(p).unwrap_err().to_string(),
            "unexpected end-of-string",
            "{p}"
        );
    }
    assert_eq!(
        parse("(a&)").unwrap_err().to_string(),
        "expected ')' at position 4"
    );
    assert_eq!(
        parse("a)").unwrap_err().to_string(),
        "end-of-string expected at position 1"
    );
    assert_eq!(
        parse("(a").unwrap_err().to_string(),
        "expected ')' at position 2"
    );
    assert_eq!(
        parse("\"ab").unwrap_err().to_string(),
        "expected '\"' at position 3"
    );
}

#[test]
fn complement_applies_to_one_operand() {
    assert_eq!(parse("~a").unwrap(), Re::Complement(Box::new(s("a"))));
    assert_eq!(
        parse("~ab").unwrap(),
        cat(vec![Re::Complement(Box::new(s("a"))), s("b")])
    );
    assert_eq!(
        parse("~~a*").unwrap(),
        Re::Repeat(
            Box::new(Re::Complement(Box::new(Re::Complement(Box::new(s("a")))))),
            0,
            None
        )
    );
}

#[test]
fn empty_forms() {
    assert_eq!(parse("").unwrap(), s(""));
    assert_eq!(parse("()").unwrap(), s(""));
    assert_eq!(parse("a()").unwrap(), cat(vec![s("a"), s("")]));
    assert_eq!(parse("#").unwrap(), Re::Nothing);
    assert_eq!(parse("@").unwrap(), Re::AnyString);
    assert_eq!(parse("\"a.b\"").unwrap(), s("a.b"));
}

#[test]
fn repetitions() {
    assert_eq!(
        parse("a{2,}").unwrap(),
        Re::Repeat(Box::new(s("a")), 2, None)
    );
    assert_eq!(
        parse("a{2}").unwrap(),
        Re::Repeat(Box::new(s("a")), 2, Some(2))
    );
    assert_eq!(
        parse("a{x}").unwrap_err().to_string(),
        "integer expected at position 2"
    );
    assert_eq!(
        parse("a{2,3").unwrap_err().to_string(),
        "expected '}' at position 5"
    );
    assert_eq!(
        parse("a{3,2}").unwrap_err().to_string(),
        "invalid repetition range(out of order): 3..2"
    );
    assert_eq!(
        parse("a{99999999999}").unwrap_err().to_string(),
        "For input string: \"99999999999\""
    );
}

#[test]
fn character_classes() {
    assert_eq!(
        parse("[a-c_]").unwrap(),
        Re::Class {
            ranges: vec![(0x61, 0x63), (0x5F, 0x5F)],
            negated: false
        }
    );
    assert_eq!(
        parse("[^]]").unwrap(),
        Re::Class {
            ranges: vec![(0x5D, 0x5D)],
            negated: true
        }
    );
    assert_eq!(
        parse("[&~]").unwrap(),
        Re::Class {
            ranges: vec![(0x26, 0x26), (0x7E, 0x7E)],
            negated: false
        }
    );
    assert_eq!(
        parse("[c-a]").unwrap_err().to_string(),
        "invalid range: from (99) cannot be > to (97)"
    );
    assert_eq!(
        parse("[ab").unwrap_err().to_string(),
        "expected ']' at position 3"
    );
    assert_eq!(
        parse("[\\q]").unwrap_err().to_string(),
        "invalid character class \\q"
    );
    assert_eq!(
        parse("\\n").unwrap_err().to_string(),
        "invalid character class \\n"
    );
    assert_eq!(
        parse("\\s").unwrap(),
        Re::Class {
            ranges: vec![(0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x20)],
            negated: false
        }
    );
    assert_eq!(parse("\\.").unwrap(), s("."));
}

#[test]
fn angle_brackets() {
    assert_eq!(
        parse("<1-100>").unwrap(),
        Re::Interval {
            min: 1,
            max: 100,
            digits: 0
        }
    );
    assert_eq!(
        parse("<20-05>").unwrap(),
        Re::Interval {
            min: 5,
            max: 20,
            digits: 2
        }
    );
    assert_eq!(parse("<host>").unwrap(), Re::Named("host".to_string()));
    assert_eq!(
        parse("<1-2-3>").unwrap_err().to_string(),
        "interval syntax error at position 6"
    );
    assert_eq!(
        parse("<-3>").unwrap_err().to_string(),
        "interval syntax error at position 3"
    );
    assert_eq!(
        parse("<1-2").unwrap_err().to_string(),
        "expected '>' at position 4"
    );
}

#[test]
fn positions_count_utf16_units() {
    assert_eq!(
        parse("😀)").unwrap_err().to_string(),
        "end-of-string expected at position 2"
    );
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}a{}", "(".repeat(150), ")".repeat(150));
    assert!(parse(&deep)
        .unwrap_err()
        .to_string()
        .contains("nests more than"));
    let ok = format!("{}a{}", "(".repeat(90), ")".repeat(90));
    assert_eq!(parse(&ok).unwrap(), s("a"));
}
