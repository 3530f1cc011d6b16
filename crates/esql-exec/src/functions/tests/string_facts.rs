use super::harness::*;

#[test]
fn lengths() {
    assert_eq!(call("length", &[s("hello")]), i(5));
    assert_eq!(call("length", &[s("¡")]), i(1));
    assert_eq!(call("length", &[s("❗️")]), i(2));
    assert_eq!(call("byte_length", &[s("¡")]), i(2));
    assert_eq!(call("bit_length", &[s("abc")]), i(24));
    assert_eq!(call("LENGTH", &[null()]), null());
    assert_eq!(
        fails("length", &[strs(&["a", "b"])]),
        "java.lang.IllegalArgumentException: single-value function encountered multi-value"
    );
}

#[test]
fn substrings() {
    assert_eq!(call("substring", &[s("Georgi"), i(0), i(2)]), s("Ge"));
    assert_eq!(call("substring", &[s("Georgi"), i(1), i(3)]), s("Geo"));
    assert_eq!(call("substring", &[s("Georgi"), i(-3), i(2)]), s("rg"));
    assert_eq!(call("substring", &[s("Georgi"), i(2)]), s("eorgi"));
    assert_eq!(call("substring", &[s("Georgi"), i(10), i(2)]), s(""));
    assert_eq!(call("substring", &[s("ünî"), i(2), i(1)]), s("n"));
    assert_eq!(
        fails("substring", &[s("abc"), i(1), i(-1)]),
        "java.lang.IllegalArgumentException: Length parameter cannot be negative, found [-1]"
    );
    assert_eq!(call("left", &[s("Georgi"), i(3)]), s("Geo"));
    assert_eq!(call("right", &[s("Georgi"), i(3)]), s("rgi"));
    assert_eq!(call("right", &[s("ab"), i(5)]), s("ab"));
    assert_eq!(call("left", &[s("ab"), i(-1)]), s(""));
}

#[test]
fn concat_split_trim() {
    assert_eq!(call("concat", &[s("a"), s("b"), s("c")]), s("abc"));
    assert_eq!(call("concat", &[s("a"), null()]), null());
    assert_eq!(call("split", &[s("a,,b"), s(",")]), strs(&["a", "", "b"]));
    assert_eq!(call("split", &[s("abc"), s(",")]), s("abc"));
    assert_eq!(call("trim", &[s("  a b \t")]), s("a b"));
    assert_eq!(call("ltrim", &[s("  a ")]), s("a "));
    assert_eq!(call("rtrim", &[s("  a ")]), s("  a"));
}

#[test]
fn search_and_case() {
    assert_eq!(call("locate", &[s("hello"), s("ll")]), i(3));
    assert_eq!(call("locate", &[s("hello"), s("x")]), i(0));
    assert_eq!(call("locate", &[s("hello hello"), s("ll"), i(5)]), i(9));
    assert_eq!(call("starts_with", &[s("hello"), s("he")]), b(true));
    assert_eq!(call("ends_with", &[s("hello"), s("he")]), b(false));
    assert_eq!(call("contains", &[s("hello"), s("ell")]), b(true));
    assert_eq!(call("to_upper", &[s("aBc")]), s("ABC"));
    assert_eq!(call("to_lower", &[strs(&["A", "B"])]), strs(&["a", "b"]));
    assert_eq!(call("reverse", &[s("Ünîcødé")]), s("édøcînÜ"));
    assert_eq!(call("repeat", &[s("ab"), i(3)]), s("ababab"));
    assert_eq!(call("space", &[i(2)]), s("  "));
    assert!(fails("repeat", &[s("a"), i(-1)])
        .ends_with("Number parameter cannot be negative, found [-1]"));
}

#[test]
fn regex_replace() {
    assert_eq!(
        call("replace", &[s("Hello World"), s("World"), s("Universe")]),
        s("Hello Universe")
    );
    assert_eq!(
        call(
            "replace",
            &[s("C:\\Users\\x"), s("(?i)c:\\\\users"), s("U")]
        ),
        s("U\\x")
    );
    let e = try_call("replace", &[s("a"), s("("), s("b")])
        .err()
        .unwrap();
    assert!(e.starts_with("Invalid regex pattern [(]"), "{e}");
}

#[test]
fn resolution_errors() {
    use crate::types::DataType;
    assert_eq!(
        resolve_error("length", "length(1)", &[(DataType::Integer, "1")]),
        "argument of [length(1)] must be [string], found value [1] type [integer]"
    );
    assert_eq!(
        resolve_error("left", "left(a)", &[(DataType::Keyword, "a")]),
        "error building [left]: function [left] expects exactly two arguments, it received 1"
    );
    assert_eq!(
        resolve_error("length", "length()", &[]),
        "error building [length]: expects exactly one argument"
    );
    assert_eq!(
        resolve_error("substring", "substring(a, \"x\")", &[(DataType::Keyword, "a"), (DataType::Keyword, "\"x\"")]),
        "second argument of [substring(a, \"x\")] must be [integer], found value [\"x\"] type [keyword]"
    );
}

#[test]
fn encodings() {
    assert_eq!(call("to_base64", &[s("elastic")]), s("ZWxhc3RpYw=="));
    assert_eq!(call("from_base64", &[s("ZWxhc3RpYw==")]), s("elastic"));
    assert_eq!(call("url_encode", &[s("a b&c/é")]), s("a+b%26c%2F%C3%A9"));
    assert_eq!(call("url_decode", &[s("a+b%26c%2F%C3%A9")]), s("a b&c/é"));
}
