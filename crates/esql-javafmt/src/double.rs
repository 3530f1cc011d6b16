//! Java's `Double.toString`, the form Elasticsearch prints doubles in.

/// Renders a double as Java's `Double.toString` does (JDK 19 and later).
///
/// The digits are the shortest decimal that reads back as the same double;
/// when a single digit would do, the closest two-digit decimal is preferred,
/// as the JDK specifies (so `f64::from_bits(1)` is `4.9E-324`, not `5E-324`).
/// Magnitudes in `[1e-3, 1e7)` are written in plain notation with at least
/// one fractional digit (`3.0`, `0.001`, `1234567.0`), all others in
/// computerized scientific notation (`1.0E7`, `1.2345678E-5`).
pub fn java_double(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0.0");
    }
    let (digits, exp) = java_digits(f.abs());
    format!("{sign}{}", layout_java(&digits, exp))
}

/// The decimal digits (no leading or trailing zeros) and the exponent of the
/// first digit (`value = d.ddd × 10^exp`) that Java selects for `x > 0`.
fn java_digits(x: f64) -> (String, i32) {
    let (digits, exp) = split_sci(&format!("{x:e}"));
    if digits.len() == 1 {
        // Java also considers two-digit decimals when one digit suffices and
        // takes the closest: the value correctly rounded to two digits.
        let two = format!("{x:.1e}");
        if two.parse::<f64>().ok() == Some(x) {
            let (d2, e2) = split_sci(&two);
            return (d2, e2);
        }
    }
    (digits, exp)
}

/// Splits Rust's `{:e}` output (`1.2345e-5`) into its significant digits
/// without trailing zeros (`12345`) and its exponent (`-5`).
fn split_sci(s: &str) -> (String, i32) {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (digits, exp.parse().unwrap_or(0))
}

/// Lays digits out the way `Double.toString` does.
fn layout_java(digits: &str, exp: i32) -> String {
    let mut out = String::with_capacity(digits.len() + 8);
    if (-3..7).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(digits);
        } else {
            let int_len = exp as usize + 1;
            match (digits.get(..int_len), digits.get(int_len..)) {
                (Some(int), Some(frac)) if !frac.is_empty() => {
                    out.push_str(int);
                    out.push('.');
                    out.push_str(frac);
                }
                _ => {
                    out.push_str(digits);
                    for _ in digits.len()..int_len {
                        out.push('0');
                    }
                    out.push_str(".0");
                }
            }
        }
    } else {
        let (first, rest) = digits.split_at(digits.len().min(1));
        out.push_str(first);
        out.push('.');
        out.push_str(if rest.is_empty() { "0" } else { rest });
        out.push('E');
        out.push_str(&exp.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_like_java() {
        let cases: &[(f64, &str)] = &[
            (3.0, "3.0"),
            (0.1, "0.1"),
            (-1.5, "-1.5"),
            (100.0, "100.0"),
            (1234567.0, "1234567.0"),
            (9999999.0, "9999999.0"),
            (9999999.999999998, "9999999.999999998"),
            (1.0e7, "1.0E7"),
            (1.0e7 + 1.0, "1.0000001E7"),
            (123456789.0, "1.23456789E8"),
            (0.001, "0.001"),
            (0.00099, "9.9E-4"),
            (0.0012345, "0.0012345"),
            (1.0e-5, "1.0E-5"),
            (1.2345678e-5, "1.2345678E-5"),
            (1.0e21, "1.0E21"),
            (1.0e23, "1.0E23"),
            (2.0e-3, "0.002"),
            (0.30000000000000004, "0.30000000000000004"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (100.0 / 7.0, "14.285714285714286"),
            (f64::MAX, "1.7976931348623157E308"),
            (f64::MIN, "-1.7976931348623157E308"),
            (f64::MIN_POSITIVE, "2.2250738585072014E-308"),
            (f64::EPSILON, "2.220446049250313E-16"),
            (f64::from_bits(1), "4.9E-324"),
            (f64::from_bits(2), "9.9E-324"),
            (f64::from_bits(3), "1.5E-323"),
            (
                f64::from_bits(0x000f_ffff_ffff_ffff),
                "2.225073858507201E-308",
            ),
            (9007199254740993.0, "9.007199254740992E15"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (f64::from_bits(4), "2.0E-323"),
            (4.35, "4.35"),
            (
                f64::from_bits(0.001f64.to_bits() - 1),
                "9.999999999999998E-4",
            ),
        ];
        for (v, expected) in cases {
            assert_eq!(java_double(*v), *expected, "{v:e}");
        }
    }

    #[test]
    fn doubles_round_trip() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if !f.is_finite() {
                continue;
            }
            let text = java_double(f);
            assert_eq!(
                text.parse::<f64>().unwrap().to_bits(),
                f.to_bits(),
                "{text}"
            );
            assert!(text.contains('.'), "{text}");
        }
    }
}
