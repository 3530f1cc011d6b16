//! Conversions of grok captures with a `:int`, `:long`, `:float`, `:double` or `:boolean` suffix,
//! following Java's `Integer.parseInt`, `Long.parseLong`, `Float.parseFloat`, `Double.parseDouble`
//! and `Boolean.parseBoolean`. Errors carry the text of Java's `NumberFormatException`.

/// Java's `NumberFormatException`, by the message it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberFormatError {
    /// `forInputString`: the text is no number of the type.
    ForInputString(String),
    /// `Double.parseDouble` / `Float.parseFloat` of blank text.
    EmptyString,
}

impl std::fmt::Display for NumberFormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberFormatError::ForInputString(s) => write!(f, "For input string: \"{s}\""),
            NumberFormatError::EmptyString => write!(f, "empty String"),
        }
    }
}

/// `NumberFormatException.forInputString` for radix 10.
fn for_input(s: &str) -> NumberFormatError {
    NumberFormatError::ForInputString(s.to_string())
}

/// `Long.parseLong(s)` (ASCII digits only).
pub(crate) fn parse_long(s: &str) -> Result<i64, NumberFormatError> {
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(for_input(s));
    }
    let mut value: i64 = 0;
    for b in digits.bytes() {
        let d = i64::from(b - b'0');
        value = value
            .checked_mul(10)
            .and_then(|v| {
                if negative {
                    v.checked_sub(d)
                } else {
                    v.checked_add(d)
                }
            })
            .ok_or_else(|| for_input(s))?;
    }
    Ok(value)
}

/// `Integer.parseInt(s)`.
pub(crate) fn parse_int(s: &str) -> Result<i32, NumberFormatError> {
    parse_long(s).and_then(|v| i32::try_from(v).map_err(|_| for_input(s)))
}

/// Checks Java's decimal floating-point grammar and returns the text Rust can parse
/// (`None` when Java rejects it).
fn java_float_text(s: &str) -> Option<String> {
    let t = s.trim_matches(|c: char| c <= ' ');
    let (sign, body) = match t.as_bytes().first() {
        Some(b'-') => ("-", &t[1..]),
        Some(b'+') => ("", &t[1..]),
        _ => ("", t),
    };
    if body == "NaN" {
        return Some("NaN".to_string());
    }
    if body == "Infinity" {
        return Some(format!("{sign}inf"));
    }
    let body = body.strip_suffix(['f', 'F', 'd', 'D']).unwrap_or(body);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() && frac_part.is_empty()
        || !all_digits(int_part)
        || !all_digits(frac_part)
    {
        return None;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || !all_digits(e) {
            return None;
        }
    }
    Some(format!("{sign}{body}"))
}

/// The error text of `Double.parseDouble` / `Float.parseFloat`.
fn float_error(s: &str) -> NumberFormatError {
    if s.trim_matches(|c: char| c <= ' ').is_empty() {
        NumberFormatError::EmptyString
    } else {
        for_input(s)
    }
}

/// `Double.parseDouble(s)`.
pub(crate) fn parse_double(s: &str) -> Result<f64, NumberFormatError> {
    java_float_text(s)
        .and_then(|t| t.parse::<f64>().ok())
        .ok_or_else(|| float_error(s))
}

/// `Float.parseFloat(s)`, widened to a double as ES|QL does (`f.doubleValue()`).
pub(crate) fn parse_float(s: &str) -> Result<f64, NumberFormatError> {
    java_float_text(s)
        .and_then(|t| t.parse::<f32>().ok())
        .map(f64::from)
        .ok_or_else(|| float_error(s))
}

/// `Boolean.parseBoolean(s)`: `true` in any case, everything else is `false`.
pub(crate) fn parse_boolean(s: &str) -> bool {
    s.eq_ignore_ascii_case("true")
}
