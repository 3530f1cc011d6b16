//! Parsing of Elasticsearch's `strict_date_optional_time` format:
//! `yyyy[-MM[-dd['T'HH[:mm[:ss[.fraction]]]]]][Z|±HH[:mm]]`, always UTC
//! unless an offset is given.

use chrono::NaiveDate;

/// Parses a date to nanoseconds since the epoch.
pub fn parse_nanos(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let mut i = 0;
    let year = digits(b, &mut i, 4, 4)?;
    let (mut month, mut day) = (1, 1);
    let (mut hour, mut minute, mut second, mut nanos) = (0i64, 0i64, 0i64, 0i64);
    let mut offset_secs = 0i64;
    if eat(b, &mut i, b'-') {
        month = digits(b, &mut i, 2, 2)?;
        if eat(b, &mut i, b'-') {
            day = digits(b, &mut i, 2, 2)?;
            if eat(b, &mut i, b'T') {
                hour = digits(b, &mut i, 2, 2)?;
                if eat(b, &mut i, b':') {
                    minute = digits(b, &mut i, 2, 2)?;
                    if eat(b, &mut i, b':') {
                        second = digits(b, &mut i, 2, 2)?;
                        if eat(b, &mut i, b'.') || eat(b, &mut i, b',') {
                            let start = i;
                            let frac = digits(b, &mut i, 1, 9)?;
                            let len = i - start;
                            nanos = frac * 10i64.pow(9 - len as u32);
                        }
                    }
                }
                match b.get(i) {
                    Some(b'Z') => i += 1,
                    Some(&sign @ (b'+' | b'-')) => {
                        i += 1;
                        let oh = digits(b, &mut i, 2, 2)?;
                        let om = if eat(b, &mut i, b':') || b.get(i).is_some_and(u8::is_ascii_digit)
                        {
                            digits(b, &mut i, 2, 2)?
                        } else {
                            0
                        };
                        let total = oh * 3600 + om * 60;
                        offset_secs = if sign == b'-' { -total } else { total };
                    }
                    _ => {}
                }
            }
        }
    }
    if i != b.len() || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32)?;
    let days = date
        .signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1)?)
        .num_days();
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
    secs.checked_mul(1_000_000_000)?.checked_add(nanos)
}

/// Parses a date to milliseconds since the epoch (sub-millisecond digits
/// are truncated).
pub fn parse_millis(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    // Dates outside the nanosecond range (before 1677 or after 2262) still
    // parse as milliseconds: retry on the date part alone.
    match parse_nanos(s) {
        Some(n) => Some(n.div_euclid(1_000_000)),
        None => {
            if b.len() >= 4 && b.iter().take(4).all(u8::is_ascii_digit) {
                parse_wide_millis(s)
            } else {
                None
            }
        }
    }
}

fn parse_wide_millis(s: &str) -> Option<i64> {
    // Shift the year into range, parse, and shift back by whole 400-year
    // cycles (146097 days each), which keeps the calendar identical.
    let year: i64 = s.get(0..4)?.parse().ok()?;
    let shift = (year - 1970).div_euclid(400) * 400;
    let shifted = format!("{:04}{}", year - shift, s.get(4..)?);
    let n = parse_nanos(&shifted)?;
    let cycles = shift / 400;
    Some(n.div_euclid(1_000_000) + cycles * 146_097 * 86_400_000)
}

fn eat(b: &[u8], i: &mut usize, c: u8) -> bool {
    if b.get(*i) == Some(&c) {
        *i += 1;
        true
    } else {
        false
    }
}

fn digits(b: &[u8], i: &mut usize, min: usize, max: usize) -> Option<i64> {
    let start = *i;
    let mut v: i64 = 0;
    while *i - start < max {
        match b.get(*i) {
            Some(d) if d.is_ascii_digit() => {
                v = v * 10 + i64::from(d - b'0');
                *i += 1;
            }
            _ => break,
        }
    }
    (*i - start >= min).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_forms() {
        assert_eq!(parse_millis("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_millis("1970-01-01"), Some(0));
        assert_eq!(
            parse_millis("2024-05-01T10:00:47.123Z"),
            Some(1_714_557_647_123)
        );
        assert_eq!(
            parse_millis("2024-05-01T12:00:47.123+02:00"),
            Some(1_714_557_647_123)
        );
        assert_eq!(parse_millis("2024"), Some(1_704_067_200_000));
        assert_eq!(
            parse_nanos("2023-10-23T12:15:03.360103847Z"),
            Some(1_698_063_303_360_103_847)
        );
        assert_eq!(parse_millis("2024-13-01"), None);
        assert_eq!(parse_millis("hello"), None);
        assert_eq!(parse_millis("2024-05-01T10:00:47.123Zjunk"), None);
        assert!(parse_millis("9999-12-31T23:59:59.999Z").is_some());
    }
}
