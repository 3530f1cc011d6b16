//! Results that Elasticsearch's spec tests expect over the `employees`
//! dataset (stats.csv-spec, stats_count_distinct.csv-spec, keep.csv-spec,
//! boolean.csv-spec).

use super::employees::{Employee, EMPLOYEES};
use super::*;

fn column(f: impl Fn(&Employee) -> Value) -> Vec<Vec<Value>> {
    EMPLOYEES.iter().map(|e| vec![f(e)]).collect()
}

fn languages() -> Vec<Vec<Value>> {
    column(|e| e.languages.map(int).unwrap_or(Value::Null))
}

/// Rows grouped by `languages` (1..=5, then null), as STATS ... BY languages.
fn by_languages(f: impl Fn(&Employee) -> Value) -> Vec<Vec<Vec<Value>>> {
    let mut keys: Vec<Option<i32>> = (1..=5).map(Some).collect();
    keys.push(None);
    keys.iter()
        .map(|k| {
            EMPLOYEES
                .iter()
                .filter(|e| e.languages == *k)
                .map(|e| vec![f(e)])
                .collect()
        })
        .collect()
}

#[test]
fn languages_aggregates() {
    let x = [col(DataType::Integer, "languages")];
    // avgOfInteger, sumOfInteger, maxOfInteger, minOfInteger, countDistinctOfInteger
    assert_eq!(run("avg", &x, &languages()), Ok(dbl(3.1222222222222222)));
    assert_eq!(run("sum", &x, &languages()), Ok(long(281)));
    assert_eq!(run("max", &x, &languages()), Ok(int(5)));
    assert_eq!(run("min", &x, &languages()), Ok(int(1)));
    assert_eq!(run("count_distinct", &x, &languages()), Ok(long(5)));
}

#[test]
fn height_aggregates() {
    let h = [col(DataType::Double, "height")];
    let heights = column(|e| dbl(e.height));
    // countOfDouble, maxOfDouble, countDistinctOfDouble, sumOfDouble (rounded to 10 places)
    assert_eq!(run("count", &h, &heights), Ok(long(100)));
    assert_eq!(run("max", &h, &heights), Ok(dbl(2.1)));
    assert_eq!(run("count_distinct", &h, &heights), Ok(long(54)));
    let sum = as_f64(&run("sum", &h, &heights).expect("sum"));
    assert_eq!((sum * 1e10).round() / 1e10, 176.82);
    // avgOfDouble rounded to 5 places
    let avg = as_f64(&run("avg", &h, &heights).expect("avg"));
    assert_eq!((avg * 1e5).round() / 1e5, 1.7682);
}

#[test]
fn grouped_min_and_count_distinct_of_height() {
    let h = [col(DataType::Double, "height")];
    // groupWithMin
    let mins: Vec<Value> = by_languages(|e| dbl(e.height))
        .iter()
        .map(|g| run("min", &h, g).expect("min"))
        .collect();
    assert_eq!(mins, [1.42, 1.42, 1.44, 1.52, 1.5, 1.41].map(dbl).to_vec());
    // countDistinctWithGroup
    let distinct: Vec<Value> = by_languages(|e| dbl(e.height))
        .iter()
        .map(|g| run("count_distinct", &h, g).expect("count_distinct"))
        .collect();
    assert_eq!(distinct, [13, 16, 14, 15, 20, 10].map(long).to_vec());
}

#[test]
fn median_salary_by_languages() {
    // medianByFieldAndSortedByAggregatedValue
    let s = [col(DataType::Integer, "salary")];
    let medians: Vec<Value> = by_languages(|e| int(e.salary))
        .iter()
        .take(5)
        .map(|g| run("median", &s, g).expect("median"))
        .collect();
    assert_eq!(
        medians,
        [49095.0, 44956.0, 54462.0, 44353.0, 38992.0]
            .map(dbl)
            .to_vec()
    );
}

#[test]
fn salary_averages() {
    let s = [col(DataType::Integer, "salary")];
    // evalOfAverageValue
    assert_eq!(
        run("avg", &s, &column(|e| int(e.salary))),
        Ok(dbl(48248.55))
    );
    // statsBy (boolean.csv-spec): avg(salary) by still_hired
    for (hired, expected) in [(false, 50625.163636363635), (true, 45343.8)] {
        let rows: Vec<Vec<Value>> = EMPLOYEES
            .iter()
            .filter(|e| e.still_hired == hired)
            .map(|e| vec![int(e.salary)])
            .collect();
        assert_eq!(run("avg", &s, &rows), Ok(dbl(expected)));
    }
    // fromStatsLimit: avg(salary) by languages, languages 5 and 4
    let groups = by_languages(|e| int(e.salary));
    assert_eq!(run("avg", &s, &groups[4]), Ok(dbl(41680.76190476191)));
    assert_eq!(run("avg", &s, &groups[3]), Ok(dbl(47733.0)));
}

#[test]
fn multi_valued_salary_change() {
    // maxOfManyDoubles: every value of the multi-valued field counts.
    let c = [col(DataType::Double, "salary_change")];
    let rows =
        column(|e| Value::from_vec(e.salary_change.iter().map(|x| Scalar::Double(*x)).collect()));
    assert_eq!(run("max", &c, &rows), Ok(dbl(14.74)));
}
