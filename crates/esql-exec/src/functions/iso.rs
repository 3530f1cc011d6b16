//! Elasticsearch's `strict_date_optional_time` format: `yyyy[-MM[-dd]]`
//! optionally followed by `T` and `HH[:mm[:ss[.fraction]]]` and an offset
//! (`Z`, `±HH`, `±HHmm`, `±HH:mm`). Times without an offset are UTC.

use super::calendar::{self, Civil};
use super::EvalError;

/// The failure Elasticsearch reports for an unparseable date string.
pub fn date_parse_error(s: &str, format: &str) -> EvalError {
    EvalError::illegal_argument(format!(
        "failed to parse date field [{s}] with format [{format}]"
    ))
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, min: usize, max: usize) -> Option<(u64, usize)> {
        let start = self.i;
        let mut v: u64 = 0;
        while self.i - start < max {
            match self.b.get(self.i) {
                Some(c) if c.is_ascii_digit() => {
                    v = v * 10 + u64::from(c - b'0');
                    self.i += 1;
                }
                _ => break,
            }
        }
        let n = self.i - start;
        (n >= min).then_some((v, n))
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn done(&self) -> bool {
        self.i >= self.b.len()
    }
}

fn offset_seconds(cur: &mut Cursor<'_>) -> Option<i64> {
    if cur.eat(b'Z') {
        return Some(0);
    }
    let sign = if cur.eat(b'+') {
        1
    } else if cur.eat(b'-') {
        -1
    } else {
        return None;
    };
    let (h, _) = cur.digits(2, 2)?;
    let colon = cur.eat(b':');
    let m = match cur.digits(2, 2) {
        Some((m, _)) => m,
        None if colon => return None,
        None => 0,
    };
    if h > 18 || m > 59 {
        return None;
    }
    Some(sign * (h as i64 * 3600 + m as i64 * 60))
}

/// Parses `strict_date_optional_time` into nanoseconds since the epoch.
pub fn parse_nanos(s: &str) -> Option<i128> {
    let mut cur = Cursor {
        b: s.as_bytes(),
        i: 0,
    };
    let negative = cur.eat(b'-');
    let (year, _) = cur.digits(4, 9)?;
    let year = if negative {
        -(year as i64)
    } else {
        year as i64
    };
    let mut c = Civil {
        year,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        nano: 0,
    };
    let mut offset = 0;
    if cur.eat(b'-') {
        c.month = cur.digits(2, 2)?.0 as u32;
        if cur.eat(b'-') {
            c.day = cur.digits(2, 2)?.0 as u32;
        }
    }
    if cur.eat(b'T') {
        c.hour = cur.digits(2, 2)?.0 as u32;
        if cur.eat(b':') {
            c.minute = cur.digits(2, 2)?.0 as u32;
            if cur.eat(b':') {
                c.second = cur.digits(2, 2)?.0 as u32;
                if cur.eat(b'.') || cur.eat(b',') {
                    let (f, n) = cur.digits(1, 9)?;
                    c.nano = (f * 10u64.pow(9 - n as u32)) as u32;
                }
            }
        }
        if !cur.done() {
            offset = offset_seconds(&mut cur)?;
        }
    }
    if !cur.done() || !valid(&c) {
        return None;
    }
    Some(calendar::nanos_from_civil(&c) - offset as i128 * 1_000_000_000)
}

/// True when every field of `c` is in range.
pub fn valid(c: &Civil) -> bool {
    (1..=12).contains(&c.month)
        && c.day >= 1
        && c.day <= calendar::month_length(c.year, c.month)
        && c.hour < 24
        && c.minute < 60
        && c.second < 60
}

/// Parses `strict_date_optional_time` into epoch milliseconds, with
/// Elasticsearch's warning on failure.
pub fn parse_millis(s: &str) -> Result<i64, EvalError> {
    parse_nanos(s)
        .and_then(|n| i64::try_from(n.div_euclid(1_000_000)).ok())
        .ok_or_else(|| date_parse_error(s, "strict_date_optional_time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_variants() {
        assert_eq!(parse_millis("1970-01-01").unwrap(), 0);
        assert_eq!(parse_millis("1970-01-01T00:00:01Z").unwrap(), 1000);
        assert_eq!(parse_millis("1970-01-01T00:00:01.5Z").unwrap(), 1500);
        assert_eq!(parse_millis("1970-01-01T01:00:00+01:00").unwrap(), 0);
        assert_eq!(parse_millis("1970-01-01T01:00:00+0100").unwrap(), 0);
        assert_eq!(parse_millis("1970-02").unwrap(), 31 * 86_400_000);
        assert_eq!(
            parse_millis("2023-10-23T12:15:03.360Z").unwrap(),
            1_698_063_303_360
        );
        assert_eq!(
            parse_nanos("2023-10-23T12:15:03.360103847Z"),
            Some(1_698_063_303_360_103_847)
        );
        assert!(parse_millis("1964-06-02 00:00:00").is_err());
        assert!(parse_millis("2023-02-30").is_err());
        assert!(parse_millis("foo").is_err());
        assert_eq!(
            parse_millis("x").unwrap_err().message,
            "failed to parse date field [x] with format [strict_date_optional_time]"
        );
    }
}
