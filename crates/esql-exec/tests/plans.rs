//! Snapshots of typed plans (what `esql --explain` prints) for analyzer
//! behaviour: implicit casts, column flow through EVAL shadowing, KEEP
//! ordering, SORT + LIMIT fusion, STATS over aggregate expressions, and the
//! columns DISSECT and GROK append. Runs against `tests/data`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_exec::api::Session;
use std::path::Path;

/// `NOW()` for every plan: 2024-05-11T00:00:00Z.
const NOW_MS: i64 = 1_715_385_600_000;

const HUNT: &str = include_str!(
    "../../../queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql"
);

/// The plan of `query` over `tests/data`, as `--explain` prints it.
fn plan(query: &str) -> String {
    let session = Session::new()
        .with_data_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"))
        .with_now_ms(NOW_MS);
    match session.prepare(query) {
        Ok(prepared) => prepared.explain(),
        Err(e) => panic!("{query}: {e}"),
    }
}

#[test]
fn shipped_hunt() {
    insta::assert_snapshot!(plan(HUNT));
}

#[test]
fn implicit_casts_of_string_literals() {
    insta::assert_snapshot!(plan(
        "from logs-aws.cloudtrail-* | where @timestamp > \"2024-05-01\" and source.ip == \"10.0.0.1\" | keep event.action | limit 5"
    ));
}

#[test]
fn eval_shadowing_moves_the_column_to_the_end() {
    insta::assert_snapshot!(plan(
        "from employees | keep emp_no, salary, first_name | eval salary = salary * 2, bonus = salary + 1 | limit 3"
    ));
}

#[test]
fn keep_orders_by_pattern_with_precedence() {
    insta::assert_snapshot!(plan("from employees | keep *name, *, emp_no | limit 1"));
}

#[test]
fn sort_then_limit_fuses_into_top_n() {
    insta::assert_snapshot!(plan(
        "from employees | sort salary desc nulls last, emp_no | limit 3 | keep emp_no, salary"
    ));
}

#[test]
fn limit_moves_behind_keep_and_eval_onto_the_sort() {
    insta::assert_snapshot!(plan(
        "from employees | sort salary desc | keep emp_no, salary | eval s2 = salary * 2 | limit 3"
    ));
}

#[test]
fn limit_after_a_filter_does_not_reach_the_sort() {
    insta::assert_snapshot!(plan(
        "from employees | sort salary desc | where salary > 1000 | keep emp_no | limit 3"
    ));
}

#[test]
fn stats_with_expressions_over_aggregates() {
    insta::assert_snapshot!(plan(
        "from employees | stats x = sum(salary) / count(*), m = max(height) by gender | limit 10"
    ));
}

#[test]
fn dissect_and_grok_append_columns() {
    insta::assert_snapshot!(plan(
        "from logs-aws.cloudtrail-* | dissect aws.cloudtrail.request_parameters \"{%{?k}=%{service}, %{?q}=%{quota}}\" | grok user_agent.original \"%{WORD:agent}/%{NUMBER:version:float}\" | keep service, quota, agent, version | limit 10"
    ));
}
