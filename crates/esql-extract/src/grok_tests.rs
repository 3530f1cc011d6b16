//! Tests of the GROK engine (cases from the ES|QL grok.csv-spec tests and Elasticsearch's grok rules).

use super::grok::{GrokError, GrokMatchError, GrokPattern, GrokType, GrokValue};
use super::grok_convert::NumberFormatError;

fn kw(s: &str) -> GrokValue {
    GrokValue::Keyword(s.to_string())
}

/// Matches `input` and renders each column as `name=v1|v2` (`name=` for null); `None` = no match.
fn run(pattern: &str, input: &str) -> Option<Vec<String>> {
    let p = GrokPattern::compile(pattern).unwrap();
    let row = p.matches(input).unwrap()?;
    Some(
        p.output_columns()
            .iter()
            .zip(row)
            .map(|((n, _), vs)| {
                let vs: Vec<String> = vs
                    .iter()
                    .map(|v| match v {
                        GrokValue::Keyword(s) => s.clone(),
                        GrokValue::Integer(i) => i.to_string(),
                        GrokValue::Long(i) => i.to_string(),
                        GrokValue::Double(d) => d.to_string(),
                        GrokValue::Boolean(b) => b.to_string(),
                    })
                    .collect();
                format!("{n}={}", vs.join("|"))
            })
            .collect(),
    )
}

fn check(pattern: &str, input: &str, expected: Option<&[&str]>) {
    let want = expected.map(|e| e.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(
        run(pattern, input),
        want,
        "pattern {pattern:?} input {input:?}"
    );
}

#[test]
fn conformance_cases() {
    check("%{WORD:b} .*", "foo bar", Some(&["b=foo"]));
    check("%{NUMBER:b:int} .*", "foo bar", None);
    check(
        "%{WORD} %{WORD:last_name}",
        "Georgi Facello",
        Some(&["last_name=Facello"]),
    );
    let sub = "%{WORD:city.country.continent.planet.name} %{WORD}";
    check(
        sub,
        "San Francisco",
        Some(&["city.country.continent.planet.name=San"]),
    );
    check(sub, "Amsterdam", None);
    check(
        "%{WORD:zip_parts} %{WORD:zip_parts}",
        "1016 ED",
        Some(&["zip_parts=1016|ED"]),
    );
    check("%{WORD:zip_parts} %{WORD:zip_parts}", "100-7014", None);
    let city = "Zürich, the %{WORD:city} %{WORD:city} %{WORD:city} %{WORD:city}";
    let long = "Zürich, the largest city in Switzerland";
    check(city, long, Some(&["city=largest|city|in|Switzerland"]));
    let city2 = "Zürich, the %{WORD:city} %{WORD:foo} %{WORD:city} %{WORD:foo}";
    check(
        city2,
        long,
        Some(&["city=largest|in", "foo=city|Switzerland"]),
    );
    check(
        "%{TIMESTAMP_ISO8601:date} %{IP:ip} %{EMAILADDRESS:email} %{NUMBER:num:int}",
        "1953-01-23T12:15:00Z 127.0.0.1 some.email@foo.com 42",
        Some(&[
            "date=1953-01-23T12:15:00Z",
            "email=some.email@foo.com",
            "ip=127.0.0.1",
            "num=42",
        ]),
    );
    check(
        "%{NUMBER:b:int} %{NUMBER:c:float} %{NUMBER:d:double} %{WORD:e:boolean}",
        "12 15.5 15.6 true",
        Some(&["b=12", "c=15.5", "d=15.6", "e=true"]),
    );
    let manual = "(?<b>[0-9a-z]{4,11}) (?<c>[0-9a-z]{1,11})";
    check(manual, "asdf bar", Some(&["b=asdf", "c=bar"]));
    check(manual, "foo bar", None);
    check("Ge(?<emp_no>[a-z]{2})gi", "Georgi", Some(&["emp_no=or"]));
    check("%{WORD:b} %{WORD:b}", "foo bar", Some(&["b=foo|bar"]));
    let three = "%{WORD:first_name} %{WORD:last_name} %{NUMBER:num:int}";
    let expect = Some(&["first_name=Georgi", "last_name=Facello", "num=123"][..]);
    check(three, "Georgi Facello 123 456", expect);
    check(three, "123 Georgi Facello 123", expect);
    check(three, "123 Georgi Facello 123 456", expect);
    check(
        "%{NUMBER:text:int} %{WORD:description}",
        "123 abc",
        Some(&["description=abc", "text=123"]),
    );
    let optional = "%{WORD:a}?\\s*%{WORD:b}?\\s*%{WORD:c}?";
    check(optional, "Accountant", Some(&["a=Accountant", "b=", "c="]));
    check(
        optional,
        "Senior Python Developer",
        Some(&["a=Senior", "b=Python", "c=Developer"]),
    );
}

#[test]
fn multiple_patterns() {
    let p = GrokPattern::compile_many(&["ABC %{WORD:foo}", "XYZ %{WORD:bar}"]).unwrap();
    let names: Vec<&str> = p.output_columns().iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["bar", "foo"]);
    assert_eq!(
        p.matches("XYZ extractme").unwrap(),
        Some(vec![vec![kw("extractme")], vec![]])
    );
    let p = GrokPattern::compile_many(&["Georgi %{WORD:g}", "%{WORD:first} %{WORD:last}"]).unwrap();
    assert_eq!(
        p.matches("Georgi Facello").unwrap(),
        Some(vec![vec![], vec![kw("Facello")], vec![]])
    );
    assert_eq!(
        p.matches("Parto Bamford").unwrap(),
        Some(vec![vec![kw("Parto")], vec![], vec![kw("Bamford")]])
    );
}

#[test]
fn column_types_and_order() {
    let p =
        GrokPattern::compile("%{NUMBER:z:long} %{WORD:a:x} %{NUMBER:m:float} %{WORD:b:boolean}")
            .unwrap();
    let cols = p.output_columns();
    let expected = [
        ("a", GrokType::Keyword),
        ("b", GrokType::Boolean),
        ("m", GrokType::Double),
        ("z", GrokType::Long),
    ];
    assert_eq!(cols.len(), 4);
    for ((n, t), (en, et)) in cols.iter().zip(expected) {
        assert_eq!((n.as_str(), *t), (en, et));
    }
    // `:float` is rounded to single precision, then widened.
    let row = p.matches("9000000000 x 15.6 TRUE").unwrap().unwrap();
    assert_eq!(row[3], vec![GrokValue::Long(9_000_000_000)]);
    assert_eq!(row[2], vec![GrokValue::Double(f64::from(15.6f32))]);
    assert_eq!(row[1], vec![GrokValue::Boolean(true)]);
}

#[test]
fn conversion_failure() {
    let p = GrokPattern::compile("%{NUMBER:n:int}").unwrap();
    let e = p.matches("x 1.5").unwrap_err();
    assert_eq!(
        e,
        GrokMatchError::Conversion(NumberFormatError::ForInputString("1.5".to_string()))
    );
    assert_eq!(
        e.to_string(),
        "java.lang.NumberFormatException: For input string: \"1.5\""
    );
    assert!(p.extract_values(["1", "2.5"]).is_err());
    assert_eq!(
        p.extract_values(["1", "x", "22"]).unwrap(),
        vec![vec![GrokValue::Integer(1), GrokValue::Integer(22)]]
    );
}

#[test]
fn library_patterns() {
    check("%{IP:ip}", "from 2001:db8::1 to", Some(&["ip=2001:db8::1"]));
    check("%{IPV4:ip}", "host 10.0.0.255:80", Some(&["ip=10.0.0.255"]));
    check(
        "%{QUOTEDSTRING:q}",
        r#"say "hi \"there\"" now"#,
        Some(&[r#"q="hi \"there\"""#]),
    );
    check(
        "%{HTTPDATE:t}",
        "[10/Oct/2000:13:55:36 -0700]",
        Some(&["t=10/Oct/2000:13:55:36 -0700"]),
    );
    check("%{LOGLEVEL:l}", "2024 WARNING disk", Some(&["l=WARNING"]));
    check(
        "%{URIPATHPARAM:u}",
        "GET /a/b?c=d&e=f HTTP",
        Some(&["u=/a/b?c=d&e=f"]),
    );
    check("%{USERNAME:u}@", "mail john.doe@x", Some(&["u=john.doe"]));
    check("%{GREEDYDATA:rest}", "a\nb", Some(&["rest=a"]));
    check(
        "%{SYSLOGBASE} %{GREEDYDATA:msg}",
        "Mar  7 12:00:01 host1 sshd[42]: Accepted",
        Some(&[
            "[host][hostname]=host1",
            "[log][syslog][facility][code]=",
            "[log][syslog][priority]=",
            "[process][name]=sshd",
            "[process][pid]=42",
            "msg=Accepted",
            "timestamp=Mar  7 12:00:01",
        ]),
    );
}

#[test]
fn oniguruma_syntax() {
    // `^`/`$` are line anchors; `(?m)` means dot-all.
    check("^%{WORD:w}$", "a b\nword\nc d", Some(&["w=word"]));
    check("(?m)x(?<v>.*)y", "x1\n2y", Some(&["v=1\n2"]));
    // Literal braces, `{,n}` intervals, `\h`, `\Z`, unknown escapes.
    check("\\{(?<k>\\w+)}", "{abc}", Some(&["k=abc"]));
    check("{(?<k>\\w+)}", "{abc}", Some(&["k=abc"]));
    check("(?<h>\\h+)\\Z", "zz beef\n", Some(&["h=beef"]));
    check("(?<n>a{,2})b", "aaab", Some(&["n=aa"]));
    check("\\<(?<n>\\w)\\>", "<q>", Some(&["n=q"]));
    check("(?<a>x)\\k<a>", "yxx", Some(&["a=x"]));
    check("(?'a'x)", "x", Some(&["a=x"]));
    check("(?<a>[[:alpha:]]+)", "12ab3", Some(&["a=ab"]));
    // Plain groups do not capture when named groups exist.
    check("(x)(?<a>y)", "xy", Some(&["a=y"]));
}

#[test]
fn errors() {
    let e = GrokPattern::compile("%{_invalid_:x}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid pattern [%{_invalid_:x}] for grok: Unable to find pattern [_invalid_] in Grok's pattern dictionary"
    );
    let e = GrokPattern::compile("%{NUMBER:foo} %{WORD:foo}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid GROK pattern [%{NUMBER:foo} %{WORD:foo}]: the attribute [foo] is defined multiple times with different types"
    );
    let e = GrokPattern::compile_many(&["%{WORD:a}", "%{NUMBER:a}"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid GROK patterns [%{WORD:a}, %{NUMBER:a}]: the attribute [a] is defined multiple times with different types"
    );
    let e = GrokPattern::compile("(?P<justification>.+)").unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid GROK pattern [(?P<justification>.+)]: [undefined group option]"
    );
    assert!(matches!(
        GrokPattern::compile("(?<a>x"),
        Err(GrokError::Syntax { .. })
    ));
    assert!(matches!(
        GrokPattern::compile_many(&["%{NOPE}", "x"]),
        Err(GrokError::Dictionary { .. })
    ));
}

#[test]
fn backtrack_limit() {
    let p = GrokPattern::compile("(?<a>(x+x+)+(?=y))").unwrap();
    let input = "x".repeat(40);
    assert!(matches!(
        p.matches(&input),
        Err(GrokMatchError::BacktrackLimitExceeded(_))
    ));
}

#[test]
fn every_library_pattern_compiles() {
    for name in super::grok_library::builtin().keys() {
        let pattern = format!("%{{{name}:x}}");
        assert!(
            GrokPattern::compile(&pattern).is_ok(),
            "{name}: {:?}",
            GrokPattern::compile(&pattern).err()
        );
    }
}
