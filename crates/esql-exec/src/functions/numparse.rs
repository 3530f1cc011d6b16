//! Number parsing and narrowing with Java's rules and Elasticsearch's
//! failure messages (`For input string: "x"`, `[x] out of [long] range`).

use super::EvalError;

/// Java's `NumberFormatException` for a string.
pub fn bad_number(s: &str) -> EvalError {
    EvalError::other(
        "java.lang.NumberFormatException",
        format!("For input string: \"{s}\""),
    )
}

/// Elasticsearch's range failure, `[x] out of [type] range`.
pub fn out_of_range(shown: &str, type_name: &str) -> EvalError {
    EvalError::invalid_argument(format!("[{shown}] out of [{type_name}] range"))
}

/// `Double.toString` of a double, for messages.
pub fn show_double(d: f64) -> String {
    esql_javafmt::java_double(d)
}

/// Java `Double.parseDouble`: surrounding whitespace is ignored, an
/// optional `f`/`d` suffix is allowed, `Infinity` and `NaN` are words.
pub fn parse_java_double(s: &str) -> Option<f64> {
    let t = s.trim_matches(|c: char| c <= ' ');
    let body = t
        .strip_suffix(['f', 'F', 'd', 'D'])
        .filter(|b| !b.is_empty() && !b.ends_with(['e', 'E', '+', '-']))
        .unwrap_or(t);
    let unsigned = body.strip_prefix(['+', '-']).unwrap_or(body);
    match unsigned {
        "Infinity" | "NaN" => {
            let v = if unsigned == "NaN" {
                f64::NAN
            } else {
                f64::INFINITY
            };
            return Some(if body.starts_with('-') { -v } else { v });
        }
        _ => {}
    }
    let mut seen_digit = false;
    let mut seen_dot = false;
    let mut seen_exp = false;
    let mut prev = ' ';
    for c in unsigned.chars() {
        match c {
            '0'..='9' => seen_digit = true,
            '.' if !seen_dot && !seen_exp => seen_dot = true,
            'e' | 'E' if seen_digit && !seen_exp => seen_exp = true,
            '+' | '-' if matches!(prev, 'e' | 'E') => {}
            _ => return None,
        }
        prev = c;
    }
    if !seen_digit {
        return None;
    }
    body.parse::<f64>().ok()
}

/// Java `Math.round` of a double to `i64` (half toward positive infinity),
/// or `None` when the double is outside the `long` range.
pub fn round_to_long(d: f64) -> Option<i64> {
    // The long range as doubles: [-2^63, 2^63).
    if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&d) {
        return None;
    }
    Some((d + 0.5).floor() as i64)
}

/// A string to `long`: an integer parse first, then a double parse with
/// rounding (Elasticsearch's `stringToLong`).
pub fn string_to_long(s: &str) -> Result<i64, EvalError> {
    let t = s.trim();
    if let Ok(v) = t.parse::<i64>() {
        return Ok(v);
    }
    match parse_java_double(t) {
        Some(d) => round_to_long(d).ok_or_else(|| out_of_range(&show_double(d), "long")),
        None => Err(bad_number(s)),
    }
}

/// A string to `integer`, via [`string_to_long`] and a range check.
pub fn string_to_int(s: &str) -> Result<i32, EvalError> {
    let t = s.trim();
    if let Ok(v) = t.parse::<i32>() {
        return Ok(v);
    }
    match parse_java_double(t) {
        // A number outside the integer range is rejected as a whole, not
        // rounded into it (`"2147483647.2"` fails).
        Some(d) if !(f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&d) => Err(
            EvalError::invalid_argument(format!("Cannot parse number [{s}]")),
        ),
        Some(d) => double_to_int(d),
        None => Err(bad_number(s)),
    }
}

/// A double to `integer` with rounding, or the range failure.
pub fn double_to_int(d: f64) -> Result<i32, EvalError> {
    match round_to_long(d).and_then(|v| i32::try_from(v).ok()) {
        Some(v) => Ok(v),
        None => Err(out_of_range(&show_double(d), "integer")),
    }
}

/// A double to `unsigned_long`, truncating the fraction
/// (`BigDecimal.toBigInteger`), or the range failure.
pub fn double_to_unsigned(d: f64) -> Result<u64, EvalError> {
    // The unsigned long range as doubles: [0, 2^64).
    if !(0.0..18_446_744_073_709_551_616.0).contains(&d) {
        return Err(out_of_range(&show_double(d), "unsigned_long"));
    }
    Ok(d.trunc() as u64)
}

/// A string to `unsigned_long` (parsed as a decimal number and
/// truncated), with `BigDecimal`'s failure message.
pub fn string_to_unsigned(s: &str) -> Result<u64, EvalError> {
    let t = s.trim();
    if let Ok(v) = t.parse::<u64>() {
        return Ok(v);
    }
    if let Some(bad) = t
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')))
    {
        return Err(EvalError::other(
            "java.lang.NumberFormatException",
            format!(
                "Character {bad} is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark."
            ),
        ));
    }
    match t.parse::<f64>() {
        Ok(d) if t.starts_with('-') && d > -1.0 => Ok(0),
        Ok(d) => double_to_unsigned(d).map_err(|_| out_of_range(s, "unsigned_long")),
        Err(_) => Err(bad_number(s)),
    }
}

/// A string to `double` (Java's syntax).
pub fn string_to_double(s: &str) -> Result<f64, EvalError> {
    match parse_java_double(s) {
        Some(d) if d.is_finite() => Ok(d),
        Some(d) => Err(EvalError::arithmetic(format!(
            "not a finite double number: {}",
            if d.is_nan() { "NaN" } else { "Infinity" }
        ))),
        None => Err(bad_number(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_doubles() {
        assert_eq!(parse_java_double(" 1.5 "), Some(1.5));
        assert_eq!(parse_java_double("5.20128E11"), Some(5.20128e11));
        assert_eq!(parse_java_double("1d"), Some(1.0));
        assert_eq!(parse_java_double(".5"), Some(0.5));
        assert_eq!(parse_java_double("inf"), None);
        assert_eq!(parse_java_double("foo"), None);
        assert_eq!(parse_java_double("1e"), None);
    }

    #[test]
    fn narrowing() {
        assert_eq!(round_to_long(2.5), Some(3));
        assert_eq!(round_to_long(-2.5), Some(-2));
        assert_eq!(round_to_long(1e19), None);
        assert_eq!(string_to_long("12").unwrap(), 12);
        assert_eq!(string_to_long("12.6").unwrap(), 13);
        assert_eq!(
            string_to_long("foo").unwrap_err().detail(),
            "java.lang.NumberFormatException: For input string: \"foo\""
        );
        assert_eq!(
            double_to_int(1e19).unwrap_err().message,
            "[1.0E19] out of [integer] range"
        );
        assert_eq!(string_to_unsigned("2147483648.2").unwrap(), 2_147_483_648);
        assert_eq!(
            string_to_unsigned("foo").unwrap_err().message,
            "Character f is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark."
        );
        assert_eq!(double_to_unsigned(123.4).unwrap(), 123);
    }
}
