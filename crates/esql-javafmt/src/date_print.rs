//! Dates and nanosecond dates printed as Elasticsearch's
//! `strict_date_optional_time` printers do.

use crate::calendar::civil_from_days;

/// Writes `yyyy-MM-ddTHH:mm:ss` for whole seconds since the epoch. The year
/// follows Java's `SignStyle.EXCEEDS_PAD` with four digits: `+10000`, `-0001`.
fn push_date_time(out: &mut String, secs: i64) {
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if year > 9_999 {
        out.push('+');
        out.push_str(&year.to_string());
    } else if year < 0 {
        out.push_str(&format!("-{:04}", year.unsigned_abs()));
    } else {
        out.push_str(&format!("{year:04}"));
    }
    out.push_str(&format!(
        "-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        sod / 3_600,
        sod % 3_600 / 60,
        sod % 60
    ));
}

/// Renders a `date` (milliseconds since the epoch) as Elasticsearch's
/// `strict_date_optional_time` printer does: `2024-05-08T04:08:00.000Z`,
/// always three fraction digits, UTC.
pub fn format_date_millis(ms: i64) -> String {
    let mut out = String::with_capacity(24);
    push_date_time(&mut out, ms.div_euclid(1_000));
    out.push_str(&format!(".{:03}Z", ms.rem_euclid(1_000)));
    out
}

/// Renders a `date_nanos` (nanoseconds since the epoch) as Elasticsearch's
/// `strict_date_optional_time_nanos` printer does. Its fraction is Java's
/// `appendFraction(NANO_OF_SECOND, 3, 9, true)`: trailing zeros are dropped
/// but at least three digits stay, so `.360103847Z`, `.937193Z`, `.3601Z`,
/// `.123Z` and `.000Z` are all possible.
pub fn format_date_nanos(ns: i64) -> String {
    let mut out = String::with_capacity(30);
    push_date_time(&mut out, ns.div_euclid(1_000_000_000));
    let mut fraction = format!("{:09}", ns.rem_euclid(1_000_000_000));
    while fraction.len() > 3 && fraction.ends_with('0') {
        fraction.pop();
    }
    out.push('.');
    out.push_str(&fraction);
    out.push('Z');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_millis() {
        assert_eq!(format_date_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            format_date_millis(1_715_141_280_000),
            "2024-05-08T04:08:00.000Z"
        );
        assert_eq!(
            format_date_millis(1_714_557_630_123),
            "2024-05-01T10:00:30.123Z"
        );
        assert_eq!(format_date_millis(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(
            format_date_millis(951_782_400_000),
            "2000-02-29T00:00:00.000Z"
        );
        assert_eq!(
            format_date_millis(253_402_300_799_999),
            "9999-12-31T23:59:59.999Z"
        );
        assert_eq!(
            format_date_millis(253_402_300_800_000),
            "+10000-01-01T00:00:00.000Z"
        );
        assert_eq!(
            format_date_millis(-62_167_219_200_000),
            "0000-01-01T00:00:00.000Z"
        );
        assert_eq!(
            format_date_millis(-62_167_219_200_001),
            "-0001-12-31T23:59:59.999Z"
        );
        assert_eq!(
            format_date_millis(i64::MAX),
            "+292278994-08-17T07:12:55.807Z"
        );
        assert_eq!(
            format_date_millis(i64::MIN),
            "-292275055-05-16T16:47:04.192Z"
        );
    }

    #[test]
    fn dates_in_nanos() {
        assert_eq!(
            format_date_nanos(1_698_063_303_360_103_847),
            "2023-10-23T12:15:03.360103847Z"
        );
        assert_eq!(
            format_date_nanos(1_698_068_014_937_193_000),
            "2023-10-23T13:33:34.937193Z"
        );
        assert_eq!(
            format_date_nanos(1_724_160_894_123_000_000),
            "2024-08-20T13:34:54.123Z"
        );
        assert_eq!(
            format_date_nanos(1_724_160_894_120_000_000),
            "2024-08-20T13:34:54.120Z"
        );
        assert_eq!(
            format_date_nanos(1_724_160_894_123_400_000),
            "2024-08-20T13:34:54.1234Z"
        );
        assert_eq!(
            format_date_nanos(1_724_160_894_000_000_000),
            "2024-08-20T13:34:54.000Z"
        );
        assert_eq!(format_date_nanos(1), "1970-01-01T00:00:00.000000001Z");
        assert_eq!(
            format_date_nanos(i64::MAX),
            "2262-04-11T23:47:16.854775807Z"
        );
        assert_eq!(format_date_nanos(-1), "1969-12-31T23:59:59.999999999Z");
    }
}
