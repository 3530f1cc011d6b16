//! Time-span units (`30 seconds`, `1 day`) as Elasticsearch spells them
//! (`EsqlDataTypeConverter`'s interval table, plus `m` for minutes).

use crate::value::{Period, Scalar};

/// The span `n unit`: a `time_duration` for sub-day units, a
/// `date_period` for days and longer. `None` for an unknown unit or an
/// overflowing amount.
pub fn span_from_unit(n: i64, unit: &str) -> Option<Scalar> {
    let ms = |per: i64| n.checked_mul(per).map(Scalar::Duration);
    let days = |per: i64| {
        n.checked_mul(per)
            .and_then(|d| i32::try_from(d).ok())
            .map(|days| Scalar::Period(Period { months: 0, days }))
    };
    let months = |per: i64| {
        n.checked_mul(per)
            .map(|months| Scalar::Period(Period { months, days: 0 }))
    };
    match unit.to_ascii_lowercase().as_str() {
        "millisecond" | "milliseconds" | "ms" => ms(1),
        "second" | "seconds" | "sec" | "s" => ms(1000),
        "minute" | "minutes" | "min" | "m" => ms(60_000),
        "hour" | "hours" | "h" => ms(3_600_000),
        "day" | "days" | "d" => days(1),
        "week" | "weeks" | "w" => days(7),
        "month" | "months" | "mo" => months(1),
        "quarter" | "quarters" | "q" => months(3),
        "year" | "years" | "yr" | "y" => months(12),
        _ => None,
    }
}
