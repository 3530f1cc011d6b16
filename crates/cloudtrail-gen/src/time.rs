//! Epoch-millisecond timestamps: fast ISO 8601 formatting and lenient parsing.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Milliseconds in one second.
pub const SECOND_MS: i64 = 1_000;
/// Milliseconds in one day.
pub const DAY_MS: i64 = 86_400_000;

/// Formats epoch milliseconds the way Elasticsearch renders a `date`: `2024-05-08T04:08:00.000Z`.
pub fn format_ms(ms: i64) -> String {
    let mut s = String::with_capacity(24);
    push_ms(ms, &mut s);
    s
}

/// Appends `format_ms(ms)` to `out`.
pub fn push_ms(ms: i64, out: &mut String) {
    let days = ms.div_euclid(DAY_MS);
    let rem = ms.rem_euclid(DAY_MS);
    let (y, m, d) = civil_from_days(days);
    let secs = rem / SECOND_MS;
    let milli = rem % SECOND_MS;
    push_num(y, 4, out);
    out.push('-');
    push_num(m, 2, out);
    out.push('-');
    push_num(d, 2, out);
    out.push('T');
    push_num(secs / 3600, 2, out);
    out.push(':');
    push_num(secs / 60 % 60, 2, out);
    out.push(':');
    push_num(secs % 60, 2, out);
    out.push('.');
    push_num(milli, 3, out);
    out.push('Z');
}

/// Appends a non-negative number zero-padded to `width` digits (negative years are not produced here).
fn push_num(v: i64, width: usize, out: &mut String) {
    let digits = v.unsigned_abs().to_string();
    if v < 0 {
        out.push('-');
    }
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day), using the
/// era-based method (400-year cycles of 146 097 days).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468; // shift the epoch to 0000-03-01
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of era, 0..146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // year of era, 0..399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of year starting in March, 0..365
    let mp = (5 * doy + 2) / 153; // month starting in March, 0..11
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Parses a UTC instant: RFC 3339 (`2024-05-01T00:00:00Z`, `…+02:00`, fractional seconds allowed),
/// a zone-less date-time taken as UTC (`2024-05-01T00:00:00`), a date (`2024-05-01`), or integer epoch
/// milliseconds. Returns epoch milliseconds.
pub fn parse_instant(text: &str) -> Result<i64, String> {
    let t = text.trim();
    if let Ok(ms) = t.parse::<i64>() {
        return Ok(ms);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.timestamp_millis());
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(dt.and_utc().timestamp_millis());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        if let Some(dt) = d.and_hms_opt(0, 0, 0) {
            return Ok(dt.and_utc().timestamp_millis());
        }
    }
    Err(format!(
        "cannot parse [{t}] as a timestamp (expected e.g. 2024-05-01T00:00:00Z or epoch milliseconds)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_elasticsearch() {
        assert_eq!(format_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_ms(1_715_141_280_000), "2024-05-08T04:08:00.000Z");
        assert_eq!(format_ms(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(format_ms(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn agrees_with_chrono_over_many_days() {
        for day in (-800_000i64..800_000).step_by(997) {
            let ms = day * DAY_MS + 45_296_789;
            let expect = DateTime::from_timestamp_millis(ms)
                .map(|d| d.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string());
            assert_eq!(Some(format_ms(ms)), expect, "day {day}");
        }
    }

    #[test]
    fn parses_common_forms() {
        let want = 1_714_521_600_000;
        assert_eq!(parse_instant("2024-05-01T00:00:00Z"), Ok(want));
        assert_eq!(parse_instant("2024-05-01T00:00:00.000Z"), Ok(want));
        assert_eq!(parse_instant("2024-05-01T02:00:00+02:00"), Ok(want));
        assert_eq!(parse_instant("2024-05-01T00:00:00"), Ok(want));
        assert_eq!(parse_instant("2024-05-01"), Ok(want));
        assert_eq!(parse_instant("1714521600000"), Ok(want));
        assert!(parse_instant("yesterday").is_err());
    }
}
