//! The declared signatures: what the one checker reports (count, types,
//! implicit casts, leading optional parameters), how signatures are shown,
//! and the typed errors behind the messages.

use super::harness::{resolve_error, try_call};
use crate::functions::{all, lookup, ArgInfo, ArityWording, CallInfo, ResolveError};
use crate::types::DataType;
use crate::value::Value;

fn shown(name: &str) -> String {
    lookup(name).map(|f| f.signature()).unwrap_or_default()
}

#[test]
fn signatures_are_shown_from_their_declarations() {
    assert_eq!(
        shown("substring"),
        "substring(s, start[, length]) -> keyword"
    );
    assert_eq!(shown("log"), "log([base,] n) -> double");
    assert_eq!(shown("concat"), "concat(s1, s2, ...) -> keyword");
    assert_eq!(
        shown("date_format"),
        "date_format([pattern,] date) -> keyword"
    );
    assert_eq!(shown("abs"), "abs(n) -> type of n");
    assert_eq!(shown("now"), "now() -> date");
    assert_eq!(
        shown("to_ip"),
        r#"to_ip(v[, {"leading_zeros": "reject"|"decimal"|"octal"}]) -> ip"#
    );
    // Functions with their own checks keep a written signature.
    assert_eq!(
        shown("date_trunc"),
        "date_trunc(interval, date) -> type of date"
    );
}

#[test]
fn every_declared_signature_is_consistent() {
    let mut declared = 0;
    for f in all() {
        assert!(
            f.signature().starts_with(&format!("{}(", f.name)),
            "{}",
            f.name
        );
        if let Some(signature) = f.declared() {
            declared += 1;
            assert!(signature.min_args() <= signature.max_args(), "{}", f.name);
            for i in 0..signature.min_args() {
                let bound = signature.param_for(i, signature.min_args());
                assert!(bound.is_some(), "{} argument {i}", f.name);
            }
        }
    }
    assert!(declared >= 80, "{declared}");
}

#[test]
fn leading_optional_parameters_bind_from_the_end() {
    // One argument is LOG's value, DATE_FORMAT's date.
    assert_eq!(
        resolve_error("log", "log(k)", &[(DataType::Keyword, "k")]),
        "argument of [log(k)] must be [numeric], found value [k] type [keyword]"
    );
    assert_eq!(
        resolve_error("date_format", "date_format(k)", &[(DataType::Keyword, "k")]),
        "argument of [date_format(k)] must be [date_nanos or datetime], found value [k] type [keyword]"
    );
    assert_eq!(
        resolve_error(
            "date_format",
            "date_format(1, d)",
            &[(DataType::Integer, "1"), (DataType::Date, "d")]
        ),
        "first argument of [date_format(1, d)] must be [string], found value [1] type [integer]"
    );
    assert_eq!(
        resolve_error(
            "date_format",
            "date_format(d)",
            &[(DataType::DateNanos, "d")]
        ),
        "resolved to keyword"
    );
}

#[test]
fn variadic_parameters_repeat_the_last_one() {
    let args = [
        (DataType::Ip, "ip"),
        (DataType::Keyword, "a"),
        (DataType::Keyword, "b"),
        (DataType::Integer, "3"),
    ];
    assert_eq!(
        resolve_error("cidr_match", "cidr_match(ip, a, b, 3)", &args),
        "fourth argument of [cidr_match(ip, a, b, 3)] must be [string], found value [3] type [integer]"
    );
    assert_eq!(
        resolve_error("concat", "concat(a)", &[(DataType::Keyword, "a")]),
        "error building [concat]: expects at least two arguments"
    );
}

#[test]
fn result_types_follow_the_declared_rule() {
    assert_eq!(
        resolve_error("mv_first", "mv_first(t)", &[(DataType::Text, "t")]),
        "resolved to keyword"
    );
    assert_eq!(
        resolve_error(
            "round",
            "round(l, 2)",
            &[(DataType::Long, "l"), (DataType::Integer, "2")]
        ),
        "resolved to long"
    );
    assert_eq!(
        resolve_error("abs", "abs(n)", &[(DataType::Null, "n")]),
        "resolved to null"
    );
    assert_eq!(
        resolve_error("to_text", "to_text(i)", &[(DataType::Integer, "i")]),
        "resolved to text"
    );
}

#[test]
fn string_constants_are_cast_before_the_type_check() {
    // ABS("2.5") reads the constant as a double.
    let (ty, value) =
        try_call("abs", &[Value::str("-2.5")]).unwrap_or((DataType::Null, Ok(Value::Null)));
    assert_eq!(ty, DataType::Double);
    assert_eq!(value, Ok(Value::One(crate::value::Scalar::Double(2.5))));
    let err = try_call("sqrt", &[Value::str("abc")])
        .err()
        .unwrap_or_default();
    assert!(
        err.starts_with("Cannot convert string [abc] to [DOUBLE], error ["),
        "{err}"
    );
    // The argument count is checked first, as Elasticsearch's registry does.
    let err = try_call("sqrt", &[Value::str("abc"), Value::str("1")])
        .err()
        .unwrap_or_default();
    assert_eq!(err, "error building [sqrt]: expects exactly one argument");
}

#[test]
fn resolution_errors_are_typed() {
    let def = lookup("left").expect("left");
    let args = [ArgInfo {
        ty: DataType::Integer,
        text: "1",
        constant: None,
    }];
    let call = CallInfo {
        name: "LEFT",
        text: "LEFT(1)",
    };
    assert!(matches!(
        def.resolve(&args, &call),
        Err(ResolveError::WrongArity {
            min: 2,
            max: 2,
            found: 1,
            wording: ArityWording::Scalar,
            ..
        })
    ));
    let two = [args[0].clone(), args[0].clone()];
    let call = CallInfo {
        name: "LEFT",
        text: "LEFT(1, 1)",
    };
    match def.resolve(&two, &call) {
        Err(ResolveError::WrongType {
            ordinal,
            expected,
            found,
            ..
        }) => {
            assert_eq!(
                (ordinal, expected.as_str(), found.as_str()),
                ("first ", "string", "integer")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_texts_are_elasticsearch_messages() {
    let arity = |min, max, found, wording| {
        ResolveError::WrongArity {
            function: "f".into(),
            min,
            max,
            found,
            wording,
        }
        .to_string()
    };
    assert_eq!(
        arity(1, 2, 3, ArityWording::Scalar),
        "error building [f]: function [f] expects one or two arguments but it received 3"
    );
    assert_eq!(
        arity(1, 2, 3, ArityWording::Aggregate),
        "error building [f]: expects one or two arguments"
    );
    assert_eq!(
        arity(3, usize::MAX, 1, ArityWording::Scalar),
        "error building [f]: expects at least three arguments"
    );
    assert_eq!(
        ResolveError::NotConstant {
            ordinal: "second ",
            call: "f(a, b)".into(),
            text: "b".into()
        }
        .to_string(),
        "second argument of [f(a, b)] must be a constant, received [b]"
    );
    assert_eq!(
        ResolveError::OptionsNotAccepted {
            function: "abs".into()
        }
        .to_string(),
        "function [abs] does not accept options"
    );
    assert_eq!(ResolveError::other("as written").to_string(), "as written");
    assert!(ResolveError::Internal("x".into())
        .to_string()
        .starts_with("internal error"));
}
