//! Java `DateTimeFormatter` patterns (the letters Elasticsearch users
//! write: `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, `MMM`, `EEEE`, `a`, `XXX`, …) for
//! DATE_FORMAT and DATE_PARSE, always in UTC with English names.

use super::calendar::{self, Civil};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq)]
enum Item {
    Field(char, usize),
    Literal(String),
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    items: Vec<Item>,
    text: String,
}

/// Why Java's `DateTimeFormatter.ofPattern` refuses a pattern, in its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatePatternError {
    /// A quote left open (the pattern).
    IncompleteLiteral(String),
    /// A letter that is no pattern letter.
    UnknownLetter(char),
    /// One of `[ ] { } #`.
    ReservedCharacter(char),
}

impl std::fmt::Display for DatePatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatePatternError::IncompleteLiteral(p) => {
                write!(f, "Pattern ends with an incomplete string literal: {p}")
            }
            DatePatternError::UnknownLetter(c) => write!(f, "Unknown pattern letter: {c}"),
            DatePatternError::ReservedCharacter(c) => {
                write!(f, "Pattern includes reserved character: '{c}'")
            }
        }
    }
}

const LETTERS: &str = "yuMLdDHhkKmsSaEeZXxQnAGzVOwYw";

impl Pattern {
    /// Compiles a pattern, or returns Java's message for an unknown letter
    /// or an unterminated quote.
    pub fn compile(pattern: &str) -> Result<Pattern, DatePatternError> {
        let mut items = Vec::new();
        let chars: Vec<char> = pattern.chars().collect();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            if c == '\'' {
                let mut lit = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(DatePatternError::IncompleteLiteral(pattern.to_string()))
                        }
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            lit.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            lit.push(ch);
                            i += 1;
                        }
                    }
                }
                if lit.is_empty() {
                    lit.push('\'');
                }
                items.push(Item::Literal(lit));
            } else if c.is_ascii_alphabetic() {
                let mut n = 1;
                while chars.get(i + n) == Some(&c) {
                    n += 1;
                }
                if !LETTERS.contains(c) {
                    return Err(DatePatternError::UnknownLetter(c));
                }
                items.push(Item::Field(c, n));
                i += n;
            } else if matches!(c, '[' | ']' | '{' | '}' | '#') {
                return Err(DatePatternError::ReservedCharacter(c));
            } else {
                items.push(Item::Literal(c.to_string()));
                i += 1;
            }
        }
        Ok(Pattern {
            items,
            text: pattern.to_string(),
        })
    }

    /// The pattern as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Formats nanoseconds since the epoch (UTC).
    pub fn format(&self, nanos: i128) -> String {
        let c = calendar::civil_from_nanos(nanos);
        let days = calendar::days_from_civil(c.year, c.month, c.day);
        let mut out = String::new();
        for item in &self.items {
            match item {
                Item::Literal(s) => out.push_str(s),
                Item::Field(f, n) => format_field(&mut out, *f, *n, &c, days, nanos),
            }
        }
        out
    }

    /// Parses `s` with the pattern into nanoseconds since the epoch.
    pub fn parse(&self, s: &str) -> Option<i128> {
        let mut p = Parsed::default();
        let mut rest = s;
        for (idx, item) in self.items.iter().enumerate() {
            let next_numeric = matches!(self.items.get(idx + 1), Some(Item::Field(f, n)) if numeric(*f) || (matches!(f, 'M' | 'L') && *n < 3));
            rest = match item {
                Item::Literal(l) => rest.strip_prefix(l.as_str())?,
                Item::Field(f, n) => parse_field(&mut p, rest, *f, *n, next_numeric)?,
            };
        }
        if !rest.is_empty() {
            return None;
        }
        p.resolve()
    }
}

/// ISO week-based year and week number of the day `days` after the epoch.
fn iso_week(days: i64) -> (i64, i64) {
    let dow = calendar::day_of_week(days) as i64; // Monday = 1
    let thursday = days - dow + 4;
    let (year, _, _) = calendar::civil_from_days(thursday);
    let first = calendar::days_from_civil(year, 1, 1);
    (year, (thursday - first) / 7 + 1)
}

fn numeric(f: char) -> bool {
    matches!(
        f,
        'y' | 'u' | 'Y' | 'w' | 'd' | 'D' | 'H' | 'h' | 'k' | 'K' | 'm' | 's' | 'S' | 'n' | 'A'
    )
}

fn pad(out: &mut String, v: i64, width: usize) {
    if v < 0 {
        out.push('-');
    }
    out.push_str(&format!("{:0width$}", v.unsigned_abs()));
}

fn offset_text(out: &mut String, f: char, n: usize) {
    match (f, n) {
        ('Z', 1..=3) => out.push_str("+0000"),
        ('Z', 4) => out.push_str("GMT"),
        ('Z', _) | ('X', _) => out.push('Z'),
        ('x', 1) => out.push_str("+00"),
        ('x', 2) | ('x', 4) => out.push_str("+0000"),
        ('x', _) => out.push_str("+00:00"),
        ('O', _) => out.push_str("GMT"),
        _ => out.push('Z'),
    }
}

fn format_field(out: &mut String, f: char, n: usize, c: &Civil, days: i64, nanos: i128) {
    let month = MONTHS.get(c.month as usize - 1).copied().unwrap_or("");
    let dow = calendar::day_of_week(days);
    let day_name = DAYS.get(dow as usize - 1).copied().unwrap_or("");
    match f {
        'y' | 'u' if n == 2 => pad(out, c.year.rem_euclid(100), 2),
        'y' | 'u' => pad(out, c.year, n),
        // Week-based year and week of it (ISO weeks: Monday first, four days).
        'Y' if n == 2 => pad(out, iso_week(days).0.rem_euclid(100), 2),
        'Y' => pad(out, iso_week(days).0, n),
        'w' => pad(out, iso_week(days).1, n),
        'M' | 'L' if n >= 4 => out.push_str(month),
        'M' | 'L' if n == 3 => out.push_str(month.get(..3).unwrap_or("")),
        'M' | 'L' => pad(out, c.month as i64, n),
        'd' => pad(out, c.day as i64, n),
        'D' => pad(out, calendar::day_of_year(c.year, c.month, c.day) as i64, n),
        'H' => pad(out, c.hour as i64, n),
        'k' => pad(out, if c.hour == 0 { 24 } else { c.hour as i64 }, n),
        'K' => pad(out, (c.hour % 12) as i64, n),
        'h' => pad(
            out,
            if c.hour.is_multiple_of(12) {
                12
            } else {
                (c.hour % 12) as i64
            },
            n,
        ),
        'm' => pad(out, c.minute as i64, n),
        's' => pad(out, c.second as i64, n),
        'S' => {
            let digits = format!("{:09}", c.nano);
            let shown: String = digits
                .chars()
                .chain(std::iter::repeat('0'))
                .take(n)
                .collect();
            out.push_str(&shown);
        }
        'n' => pad(out, c.nano as i64, n),
        'A' => pad(
            out,
            (nanos.rem_euclid(86_400_000_000_000) / 1_000_000) as i64,
            n,
        ),
        'a' => out.push_str(if c.hour < 12 { "AM" } else { "PM" }),
        'E' | 'e' if n >= 4 => out.push_str(day_name),
        'E' => out.push_str(day_name.get(..3).unwrap_or("")),
        'e' => pad(out, dow as i64, n),
        'Q' if n >= 3 => out.push_str(&format!("Q{}", (c.month - 1) / 3 + 1)),
        'Q' => pad(out, ((c.month - 1) / 3 + 1) as i64, n),
        'G' => out.push_str(if c.year > 0 { "AD" } else { "BC" }),
        'z' | 'V' => out.push('Z'),
        _ => offset_text(out, f, n),
    }
}

/// Fields collected while parsing.
#[derive(Default)]
struct Parsed {
    year: Option<i64>,
    month: Option<u32>,
    day: Option<u32>,
    day_of_year: Option<u32>,
    hour: Option<u32>,
    hour12: Option<u32>,
    pm: Option<bool>,
    minute: u32,
    second: u32,
    nano: u32,
    offset_secs: i64,
}

impl Parsed {
    fn resolve(&self) -> Option<i128> {
        let year = self.year.unwrap_or(1970);
        let hour = match (self.hour, self.hour12, self.pm) {
            (Some(h), _, _) => h,
            (None, Some(h), pm) => h % 12 + if pm == Some(true) { 12 } else { 0 },
            (None, None, _) => 0,
        };
        let (month, day) = match self.day_of_year {
            Some(doy) if self.month.is_none() => {
                let d = calendar::days_from_civil(year, 1, 1) + doy as i64 - 1;
                let (y, m, dd) = calendar::civil_from_days(d);
                if y != year {
                    return None;
                }
                (m, dd)
            }
            _ => (self.month.unwrap_or(1), self.day.unwrap_or(1)),
        };
        let c = Civil {
            year,
            month,
            day,
            hour,
            minute: self.minute,
            second: self.second,
            nano: self.nano,
        };
        if !super::iso::valid(&c) {
            return None;
        }
        Some(calendar::nanos_from_civil(&c) - self.offset_secs as i128 * 1_000_000_000)
    }
}

/// Reads digits: exactly `n` when the next item is also numeric (adjacent
/// value parsing), otherwise at least `n` (at most 19).
fn digits(s: &str, n: usize, fixed: bool) -> Option<(i64, &str)> {
    let max = if fixed { n } else { 19.max(n) };
    let len = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if len < n.min(if fixed { n } else { 1 }) || len == 0 {
        return None;
    }
    let (d, rest) = s.split_at(len);
    Some((d.parse().ok()?, rest))
}

fn name<'a>(s: &'a str, names: &[&str], short: bool) -> Option<(usize, &'a str)> {
    names.iter().enumerate().find_map(|(i, full)| {
        let candidate = if short { full.get(..3)? } else { full };
        let head = s.get(..candidate.len())?;
        head.eq_ignore_ascii_case(candidate)
            .then(|| (i, s.get(candidate.len()..).unwrap_or("")))
    })
}

fn parse_offset(s: &str) -> Option<(i64, &str)> {
    if let Some(rest) = s.strip_prefix('Z') {
        return Some((0, rest));
    }
    let sign = match s.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let body = s.get(1..)?;
    let (h, rest) = digits(body, 2, true)?;
    let rest2 = rest.strip_prefix(':').unwrap_or(rest);
    let (m, rest) = match digits(rest2, 2, true) {
        Some((m, r)) => (m, r),
        None => (0, rest),
    };
    Some((sign * (h * 3600 + m * 60), rest))
}

fn parse_field<'a>(
    p: &mut Parsed,
    s: &'a str,
    f: char,
    n: usize,
    adjacent: bool,
) -> Option<&'a str> {
    let num = |s: &'a str| digits(s, n, adjacent || (n > 1 && !matches!(f, 'y' | 'u')));
    match f {
        'y' | 'u' if n == 2 => {
            let (v, r) = digits(s, 2, true)?;
            p.year = Some(2000 + v);
            Some(r)
        }
        'y' | 'u' => {
            let (v, r) = digits(s, n, adjacent)?;
            p.year = Some(v);
            Some(r)
        }
        'M' | 'L' if n >= 3 => {
            let (i, r) = name(s, &MONTHS, n == 3)?;
            p.month = Some(i as u32 + 1);
            Some(r)
        }
        'E' => {
            let (_, r) = name(s, &DAYS, n < 4)?;
            Some(r)
        }
        'a' => {
            let (i, r) = name(s, &["AM", "PM"], false)?;
            p.pm = Some(i == 1);
            Some(r)
        }
        'Z' | 'X' | 'x' => {
            let (o, r) = parse_offset(s)?;
            p.offset_secs = o;
            Some(r)
        }
        'S' => {
            let (v, r) = digits(s, n, true)?;
            p.nano = (v as u64 * 10u64.pow(9u32.saturating_sub(n as u32))) as u32;
            Some(r)
        }
        _ => {
            let (v, r) = num(s)?;
            let v32 = u32::try_from(v).ok()?;
            match f {
                'M' | 'L' => p.month = Some(v32),
                'd' => p.day = Some(v32),
                'D' => p.day_of_year = Some(v32),
                'H' | 'k' => p.hour = Some(v32 % 24),
                'h' | 'K' => p.hour12 = Some(v32),
                'm' => p.minute = v32,
                's' => p.second = v32,
                'n' => p.nano = v32,
                _ => return None,
            }
            Some(r)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(p: &str, iso: &str) -> String {
        let ms = crate::functions::iso::parse_millis(iso).unwrap();
        Pattern::compile(p).unwrap().format(ms as i128 * 1_000_000)
    }

    #[test]
    fn formats() {
        assert_eq!(fmt("yyyy-MM-dd", "1985-02-18T01:02:03.456Z"), "1985-02-18");
        assert_eq!(
            fmt("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "1985-02-18T01:02:03.456Z"),
            "1985-02-18T01:02:03.456+0000"
        );
        assert_eq!(fmt("MMMM", "1958-05-21"), "May");
        assert_eq!(fmt("MMM d, yy", "2024-05-06"), "May 6, 24");
        assert_eq!(fmt("EEE EEEE", "2024-05-06"), "Mon Monday");
        assert_eq!(fmt("hh:mm a", "2024-05-06T13:05:00Z"), "01:05 PM");
        assert_eq!(fmt("XXX", "2024-05-06"), "Z");
        assert_eq!(fmt("yyyy", "2024-05-06"), "2024");
        assert_eq!(fmt("''yy'x'", "2024-05-06"), "'24x");
        assert!(Pattern::compile("yyyy-bb").is_err());
    }

    #[test]
    fn parses() {
        let p = |pat: &str, s: &str| {
            Pattern::compile(pat)
                .unwrap()
                .parse(s)
                .map(|n| (n / 1_000_000) as i64)
        };
        assert_eq!(p("yyyy-MM-dd", "2023-02-01"), Some(1_675_209_600_000));
        assert_eq!(
            p("yyyy-MM-dd HH:mm:ss", "2023-02-01 12:15:55"),
            Some(1_675_253_755_000)
        );
        assert_eq!(p("yyyy-MM-dd", "2023-02-01 foo"), None);
        assert_eq!(p("yyyy-MM", "2023-02-01"), None);
        assert_eq!(p("yyyy-MM-dd HH:mm:ss", "2023-02-01"), None);
        assert_eq!(p("yyyyMMdd", "20230201"), Some(1_675_209_600_000));
        assert_eq!(p("dd MMM yyyy", "01 Feb 2023"), Some(1_675_209_600_000));
        assert_eq!(
            p("yyyy-MM-dd'T'HH:mm:ssXXX", "2023-02-01T01:00:00+01:00"),
            Some(1_675_209_600_000)
        );
    }
}
