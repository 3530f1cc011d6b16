//! FIRST, LAST, SAMPLE and VARIANCE: answers worked out from Elasticsearch's
//! rules (see the modules' documentation), and resolution messages.

use super::*;

/// `(value, sort)` argument rows.
fn rows(pairs: &[(Value, Value)]) -> Vec<Vec<Value>> {
    pairs
        .iter()
        .map(|(v, s)| vec![v.clone(), s.clone()])
        .collect()
}

fn date(ms: i64) -> Value {
    Value::One(Scalar::Date(ms))
}

fn by_date() -> [ArgInfo<'static>; 2] {
    [col(DataType::Long, "v"), col(DataType::Date, "t")]
}

/// Runs over `rows` cut into contiguous parts of `chunk` rows, merged in
/// input order (as the scan workers' partial states are).
fn run_chunked(name: &str, args: &[ArgInfo<'_>], rows: &[Vec<Value>], chunk: usize) -> Value {
    let agg = resolve(name, name, args).expect("resolves");
    let mut parts = rows.chunks(chunk).map(|c| fill(&agg, c));
    let mut first = parts.next().expect("one part");
    for mut p in parts {
        first.merge(p.as_mut());
    }
    first.finish().expect("an answer")
}

#[test]
fn first_and_last_take_the_whole_value_of_the_winning_row() {
    let input = rows(&[
        (long(2), date(20)),
        (many(vec![Scalar::Long(6), Scalar::Long(7)]), date(10)),
        (long(4), date(30)),
    ]);
    assert_eq!(
        run("first", &by_date(), &input),
        Ok(many(vec![Scalar::Long(6), Scalar::Long(7)]))
    );
    assert_eq!(run("last", &by_date(), &input), Ok(long(4)));
}

#[test]
fn a_null_value_wins_when_its_row_does() {
    let input = rows(&[(Value::Null, date(1)), (long(2), date(2))]);
    assert_eq!(run("first", &by_date(), &input), Ok(Value::Null));
    assert_eq!(run("last", &by_date(), &input), Ok(long(2)));
}

#[test]
fn a_multi_valued_key_counts_with_its_min_for_first_and_max_for_last() {
    let spread = Value::from_vec(vec![Scalar::Date(10), Scalar::Date(30)]);
    let input = rows(&[(long(1), date(20)), (long(2), spread)]);
    assert_eq!(run("first", &by_date(), &input), Ok(long(2)));
    assert_eq!(run("last", &by_date(), &input), Ok(long(2)));
    let input = rows(&[
        (long(1), date(5)),
        (
            long(2),
            Value::from_vec(vec![Scalar::Date(10), Scalar::Date(30)]),
        ),
        (long(3), date(40)),
    ]);
    assert_eq!(run("first", &by_date(), &input), Ok(long(1)));
    assert_eq!(run("last", &by_date(), &input), Ok(long(3)));
}

#[test]
fn a_null_key_ranks_after_every_key() {
    let input = rows(&[
        (long(1), Value::Null),
        (long(2), date(9)),
        (long(3), Value::Null),
    ]);
    assert_eq!(run("first", &by_date(), &input), Ok(long(2)));
    assert_eq!(run("last", &by_date(), &input), Ok(long(2)));
    // Without any key, the first row met answers.
    let keyless = rows(&[(long(1), Value::Null), (long(3), Value::Null)]);
    assert_eq!(run("first", &by_date(), &keyless), Ok(long(1)));
    assert_eq!(run("last", &by_date(), &keyless), Ok(long(1)));
    assert_eq!(run("first", &by_date(), &[]), Ok(Value::Null));
}

#[test]
fn on_equal_keys_the_row_met_first_wins() {
    let input = rows(&[(long(1), date(5)), (long(2), date(5)), (long(3), date(5))]);
    assert_eq!(run("first", &by_date(), &input), Ok(long(1)));
    assert_eq!(run("last", &by_date(), &input), Ok(long(1)));
}

#[test]
fn a_constant_sort_takes_the_first_row() {
    static SEVEN: Value = Value::One(Scalar::Long(7));
    let args = [col(DataType::Long, "v"), lit(DataType::Long, "7", &SEVEN)];
    let input = rows(&[(Value::Null, SEVEN.clone()), (long(2), SEVEN.clone())]);
    assert_eq!(run("first", &args, &input), Ok(Value::Null));
    assert_eq!(run("last", &args, &input), Ok(Value::Null));
    let null_sort = [col(DataType::Long, "v"), col(DataType::Null, "q")];
    let input = rows(&[(long(5), Value::Null), (long(2), Value::Null)]);
    assert_eq!(run("last", &null_sort, &input), Ok(long(5)));
}

#[test]
fn partial_states_merged_in_input_order_agree_with_one_pass() {
    let input: Vec<Vec<Value>> = (0..40i64)
        .map(|i| vec![long(i), if i % 7 == 3 { Value::Null } else { date(i % 5) }])
        .collect();
    for name in ["first", "last"] {
        let whole = run(name, &by_date(), &input).expect("an answer");
        for chunk in [1, 3, 8, 39] {
            assert_eq!(
                run_chunked(name, &by_date(), &input, chunk),
                whole,
                "{name} {chunk}"
            );
        }
    }
    assert_eq!(run("first", &by_date(), &input), Ok(long(0)));
    assert_eq!(run("last", &by_date(), &input), Ok(long(4)));
}

#[test]
fn first_and_last_result_types_and_messages() {
    let text = resolve(
        "first",
        "FIRST(t, t)",
        &[col(DataType::Text, "t"), col(DataType::Integer, "i")],
    )
    .expect("resolves");
    assert_eq!(text.return_type, DataType::Keyword);
    assert_eq!(
        resolve("first", "FIRST(v, d)", &[col(DataType::Long, "v"), col(DataType::Double, "d")]).err(),
        Some(
            "second argument of [FIRST(v, d)] must be [long or date_nanos or datetime], found value [d] type [double]"
                .to_string()
        )
    );
    assert_eq!(
        resolve("last", "LAST(v)", &[col(DataType::Long, "v")]).err(),
        Some("error building [last]: expects exactly two arguments".to_string())
    );
}

#[test]
fn variance_is_the_population_variance() {
    let input: Vec<Vec<Value>> = [2, 4, 4, 4, 5, 5, 7, 9]
        .iter()
        .map(|x| vec![int(*x)])
        .collect();
    let one = [col(DataType::Integer, "x")];
    for name in ["variance", "std_var"] {
        assert_eq!(run(name, &one, &input), Ok(dbl(4.0)), "{name}");
        assert_eq!(run_split(name, &one, &input, 3), Ok(dbl(4.0)), "{name}");
        assert_eq!(run(name, &one, &[]), Ok(Value::Null), "{name}");
    }
    assert_eq!(run("std_dev", &one, &input), Ok(dbl(2.0)));
    assert_eq!(
        resolve("variance", "VARIANCE(k)", &[col(DataType::Keyword, "k")]).err(),
        Some(
            "argument of [VARIANCE(k)] must be [numeric except unsigned_long or counter types], found value [k] type [keyword]"
                .to_string()
        )
    );
}

static THREE: Value = Value::One(Scalar::Integer(3));

fn sample_args() -> [ArgInfo<'static>; 2] {
    [
        col(DataType::Long, "x"),
        lit(DataType::Integer, "3", &THREE),
    ]
}

fn sample_of(rows: &[Vec<Value>], salt: u64) -> Vec<i64> {
    let mut agg = resolve("sample", "SAMPLE(x, 3)", &sample_args()).expect("resolves");
    agg.salt(salt);
    let v = fill(&agg, rows).finish().expect("an answer");
    v.as_slice().iter().filter_map(Scalar::as_i64).collect()
}

#[test]
fn sample_keeps_up_to_limit_of_the_input_values() {
    let input: Vec<Vec<Value>> = (0..50i64).map(|i| vec![long(i)]).collect();
    let got = sample_of(&input, 0);
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|v| (0..50).contains(v)));
    // Fewer values than the limit: all of them, multi-values one by one,
    // nulls giving none.
    let small = vec![
        vec![many(vec![Scalar::Long(1), Scalar::Long(2)])],
        vec![Value::Null],
    ];
    let mut got = sample_of(&small, 0);
    got.sort_unstable();
    assert_eq!(got, vec![1, 2]);
    assert!(sample_of(&[vec![Value::Null]], 0).is_empty());
}

#[test]
fn sample_is_repeatable_whatever_the_order_and_the_split() {
    let input: Vec<Vec<Value>> = (0..200i64).map(|i| vec![long(i * 31 % 200)]).collect();
    let mut reversed = input.clone();
    reversed.reverse();
    assert_eq!(sample_of(&input, 7), sample_of(&reversed, 7));
    let mut agg = resolve("sample", "SAMPLE(x, 3)", &sample_args()).expect("resolves");
    agg.salt(7);
    let mut parts = input.chunks(13).map(|c| fill(&agg, c));
    let mut first = parts.next().expect("a part");
    for mut p in parts {
        first.merge(p.as_mut());
    }
    let merged: Vec<i64> = first
        .finish()
        .expect("an answer")
        .as_slice()
        .iter()
        .filter_map(Scalar::as_i64)
        .collect();
    assert_eq!(merged, sample_of(&input, 7));
    // Another position in the query draws another sample.
    assert_ne!(sample_of(&input, 7), sample_of(&input, 8));
}

#[test]
fn sample_limit_messages() {
    static ZERO: Value = Value::One(Scalar::Integer(0));
    static NULL: Value = Value::Null;
    static HALF: Value = Value::One(Scalar::Double(1.5));
    let field = col(DataType::Keyword, "k");
    let err = |text: &str, limit: ArgInfo<'static>| {
        resolve("sample", text, &[field.clone(), limit]).err()
    };
    assert_eq!(
        err("SAMPLE(k, 0)", lit(DataType::Integer, "0", &ZERO)),
        Some("Limit must be greater than 0 in [SAMPLE(k, 0)], found [0]".to_string())
    );
    assert_eq!(
        err("SAMPLE(k, null)", lit(DataType::Null, "null", &NULL)),
        Some("second argument of [SAMPLE(k, null)] cannot be null, received [null]".to_string())
    );
    assert_eq!(
        err("SAMPLE(k, n)", col(DataType::Integer, "n")),
        Some("Limit must be a constant integer in [SAMPLE(k, n)], found [n]".to_string())
    );
    assert_eq!(
        err("SAMPLE(k, 1.5)", lit(DataType::Double, "1.5", &HALF)),
        Some("second argument of [SAMPLE(k, 1.5)] must be [integer], found value [1.5] type [double]".to_string())
    );
}
