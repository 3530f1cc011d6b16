//! Tests of `dissect.rs`.
use super::*;

/// Runs `pattern` (with `sep`) on `input` and returns `name=value` pairs, or `None` for no match.
fn run(pattern: &str, sep: &str, input: &str) -> Option<Vec<String>> {
    let p = DissectPattern::parse(pattern, sep).unwrap();
    let row = p.matches(input)?;
    Some(
        p.output_names()
            .iter()
            .zip(row)
            .map(|(n, v)| format!("{n}={}", v.unwrap()))
            .collect(),
    )
}

fn check(pattern: &str, sep: &str, input: &str, expected: Option<&[&str]>) {
    let got = run(pattern, sep, input);
    let want = expected.map(|e| e.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(got, want, "pattern {pattern:?} input {input:?}");
}

#[test]
fn conformance_cases() {
    // Cases from the ES|QL dissect.csv-spec tests.
    check("%{b} %{c}", "", "foo bar", Some(&["b=foo", "c=bar"]));
    check("%{b} %{c} baz", "", "foo bar", None);
    check(
        "%{?} %{last_name}",
        "",
        "Georgi Facello",
        Some(&["last_name=Facello"]),
    );
    check(
        "%{name} %{?}",
        "",
        "Georgi1 Facello",
        Some(&["name=Georgi1"]),
    );
    check(
        "%{Y}-%{M}-%{D}T%{h}:%{m}:%{s}Z - %{msg} - %{ip};",
        "",
        "1953-01-23T12:15:00Z - some text - 127.0.0.1;",
        Some(&[
            "Y=1953",
            "M=01",
            "D=23",
            "h=12",
            "m=15",
            "s=00",
            "msg=some text",
            "ip=127.0.0.1",
        ]),
    );
    let app = "%{+b} %{c} %{+b} %{d} %{+b}";
    check(
        app,
        "",
        "foo 1 bar 2 baz",
        Some(&["b=foobarbaz", "c=1", "d=2"]),
    );
    check(
        app,
        ",",
        "foo 1 bar 2 baz",
        Some(&["b=foo,bar,baz", "c=1", "d=2"]),
    );
    let ordered = "%{+b/3} %{c} %{+b/2} %{d} %{+b/1}";
    check(
        ordered,
        "",
        "foo 1 bar 2 baz",
        Some(&["b=bazbarfoo", "c=1", "d=2"]),
    );
    check(
        "%{b} %{?c} %{d}",
        "",
        "foo bar baz",
        Some(&["b=foo", "d=baz"]),
    );
    check(
        "%{b->} %{c}",
        "",
        "foo           bar",
        Some(&["b=foo", "c=bar"]),
    );
    check("%{a} %{b}", "", "F foobar", Some(&["a=F", "b=foobar"]));
    check("Ge%{emp_no}gi", "", "Georgi", Some(&["emp_no=or"]));
    check("%{a} %{b} %{c}", "", "Accountant", None);
    check(
        "%{a} %{b} %{c}",
        "",
        "Senior Python Developer",
        Some(&["a=Senior", "b=Python", "c=Developer"]),
    );
    check(
        "Connected to %{server_ip}",
        "",
        "Connected to 10.1.0.1",
        Some(&["server_ip=10.1.0.1"]),
    );
    check("Connected to %{server_ip}", "", "Disconnected", None);
    check("%{b} %{} %{d}", "", "b c d", Some(&["b=b", "d=d"]));
    check("%{b} %{} %{} %{e}", "", "b c d e", Some(&["b=b", "e=e"]));
    check("%{} %{b} %{} %{d}", "", "x b c d", Some(&["b=b", "d=d"]));
    check("%{b} %{} %{d} %{}", "", "b c d x", Some(&["b=b", "d=d"]));
}

#[test]
fn target_walkthrough() {
    let p = "{%{?service_code_key}=%{service_code}, %{?quota_code_key}=%{quota_code}}";
    let ok = Some(&["service_code=ec2", "quota_code=L-1216C47A"][..]);
    check(p, "", "{serviceCode=ec2, quotaCode=L-1216C47A}", ok);
    let more = Some(&["service_code=ec2", "quota_code=L-1216C47A, x=1"][..]);
    check(p, "", "{serviceCode=ec2, quotaCode=L-1216C47A, x=1}", more);
    check(p, "", "serviceCode=ec2, quotaCode=L-1216C47A}", None);
}

#[test]
fn delimiters() {
    // The first occurrence of a delimiter wins; text after the last delimiter is ignored.
    check("%{a},%{b}", "", "x,y,z", Some(&["a=x", "b=y,z"]));
    check("%{a},%{b};", "", "x,y;rest;", Some(&["a=x", "b=y"]));
    // Consecutive delimiters give empty values to the following keys.
    check(
        "%{a},%{b},%{c},%{d}",
        "",
        "foo,,,",
        Some(&["a=foo", "b=", "c=", "d="]),
    );
    check(
        "%{a},%{b}:%{c}",
        "",
        "x,,y:z",
        Some(&["a=x", "b=", "c=y:z"]),
    );
    check("%{a->},%{b}", "", "foo,,,,,,bar", Some(&["a=foo", "b=bar"]));
    // The input must be longer than the leading text.
    check("x%{a}", "", "x", None);
    check("x%{a}", "", "xy", Some(&["a=y"]));
    check("%{a}", "", "", None);
    // Delimiters are bytes, values are UTF-8.
    check("%{a}→%{b}", "", "é→ü", Some(&["a=é", "b=ü"]));
    // A plain key sharing a name with an append key appends, in order.
    check("%{a} %{+a}", "-", "x y", Some(&["a=x-y"]));
    check("%{a} %{+a/1}", "", "x y", Some(&["a=xy"]));
    // A repeated plain key keeps the last value.
    check("%{a} %{a}", "", "x y", Some(&["a=y"]));
    // `%{a}%{b}` has a single key whose delimiter is the literal text `%{b}`.
    check("%{a}%{b}", "", "q%{b}", Some(&["a=q"]));
    // A key name after the modifier; right padding on named skips.
    check("%{?a->} %{b}", "", "x    y", Some(&["b=y"]));
}

#[test]
fn non_ascii_leading_text_offset() {
    // Elasticsearch uses the UTF-16 length of the leading text as a byte offset.
    check("é %{a}", "", "é xyz", Some(&["a= xyz"]));
}

#[test]
fn output_names() {
    let p = DissectPattern::parse("%{b} %{?x} %{+b} %{} %{c}", "").unwrap();
    assert_eq!(p.output_names(), ["b", "c"]);
}

#[test]
fn errors() {
    let invalid = |p: &str| DissectError::InvalidPattern(p.to_string());
    for p in [
        "",
        " ",
        "no fields",
        "%{}",
        "%{?a}",
        "%{+}",
        "%{*a}",
        "%{a/1}",
        "%{+a/1/2}",
        "%{?+a}",
        "%{+a/40000}",
    ] {
        assert_eq!(DissectPattern::parse(p, "").unwrap_err(), invalid(p), "{p}");
    }
    let e = DissectPattern::parse("%{*a}:%{&a}", "").unwrap_err();
    assert_eq!(
        e.to_string(),
        "Reference keys not supported in dissect patterns: [%{*a}]"
    );
    assert_eq!(
        invalid("%{}").to_string(),
        "Invalid pattern for dissect: [%{}]"
    );
}

#[test]
fn multi_valued_input() {
    let p = DissectPattern::parse("%{a} %{b} %{c}", "").unwrap();
    let got = p.extract_values([
        "Principal Support Engineer",
        "Senior Team Lead",
        "Tech Lead",
    ]);
    assert_eq!(
        got,
        vec![
            vec!["Principal", "Senior"],
            vec!["Support", "Team"],
            vec!["Engineer", "Lead"]
        ]
    );
    assert_eq!(
        p.extract_values(["Accountant"]),
        vec![Vec::<String>::new(); 3]
    );
}
