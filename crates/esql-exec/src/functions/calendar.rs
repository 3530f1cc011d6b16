//! Proleptic Gregorian calendar arithmetic in UTC on epoch milliseconds,
//! with no range limits beyond `i64` (days from civil dates use the
//! well-known era-based algorithm).

/// Milliseconds per day.
pub const MS_PER_DAY: i64 = 86_400_000;

/// A broken-down UTC date-time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    /// Proleptic year (may be zero or negative).
    pub year: i64,
    /// Month 1..=12.
    pub month: u32,
    /// Day of month 1..=31.
    pub day: u32,
    /// Hour 0..=23.
    pub hour: u32,
    /// Minute 0..=59.
    pub minute: u32,
    /// Second 0..=59.
    pub second: u32,
    /// Nanosecond of the second.
    pub nano: u32,
}

pub use esql_javafmt::{civil_from_days, days_from_civil};

/// True for leap years.
pub fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month.
pub fn month_length(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Splits nanoseconds since the epoch into a civil date-time.
pub fn civil_from_nanos(nanos: i128) -> Civil {
    let day_ns = MS_PER_DAY as i128 * 1_000_000;
    let days = nanos.div_euclid(day_ns) as i64;
    let rem = nanos.rem_euclid(day_ns) as i64;
    let (year, month, day) = civil_from_days(days);
    let secs = rem / 1_000_000_000;
    Civil {
        year,
        month,
        day,
        hour: (secs / 3600) as u32,
        minute: (secs / 60 % 60) as u32,
        second: (secs % 60) as u32,
        nano: (rem % 1_000_000_000) as u32,
    }
}

/// Splits milliseconds since the epoch into a civil date-time.
#[cfg(test)]
pub fn civil_from_millis(ms: i64) -> Civil {
    civil_from_nanos(ms as i128 * 1_000_000)
}

/// Nanoseconds since the epoch of a civil date-time.
pub fn nanos_from_civil(c: &Civil) -> i128 {
    let days = days_from_civil(c.year, c.month, c.day) as i128;
    let secs = days * 86_400 + c.hour as i128 * 3600 + c.minute as i128 * 60 + c.second as i128;
    secs * 1_000_000_000 + c.nano as i128
}

/// ISO day of week, Monday = 1 … Sunday = 7.
pub fn day_of_week(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (4).
    ((days + 3).rem_euclid(7) + 1) as u32
}

/// Day of the year, 1-based.
pub fn day_of_year(year: i64, month: u32, day: u32) -> u32 {
    (days_from_civil(year, month, day) - days_from_civil(year, 1, 1) + 1) as u32
}

/// Adds a number of months to a civil date, clamping the day to the end
/// of the target month (Java `plusMonths`). Returns `Err(year)` when the
/// year leaves Java's supported range (±999 999 999).
pub fn add_months(c: &Civil, months: i64) -> Result<Civil, i64> {
    let total = c.year as i128 * 12 + (c.month as i128 - 1) + months as i128;
    let year = total.div_euclid(12);
    if !(-999_999_999..=999_999_999).contains(&year) {
        return Err(year.clamp(i64::MIN as i128, i64::MAX as i128) as i64);
    }
    let year = year as i64;
    let month = (total.rem_euclid(12) + 1) as u32;
    let day = c.day.min(month_length(year, month));
    Ok(Civil {
        year,
        month,
        day,
        ..*c
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_and_months() {
        assert_eq!(day_of_week(0), 4);
        assert_eq!(day_of_week(days_from_civil(2024, 5, 6)), 1);
        let jan31 = civil_from_millis(days_from_civil(2024, 1, 31) * MS_PER_DAY);
        let feb = add_months(&jan31, 1).unwrap();
        assert_eq!((feb.month, feb.day), (2, 29));
        assert_eq!(add_months(&jan31, 12 * 1_000_000_000), Err(1_000_002_024));
    }
}
