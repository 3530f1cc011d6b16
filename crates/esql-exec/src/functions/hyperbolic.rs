//! The inverse hyperbolic functions, computed the way Elasticsearch's
//! `ESSloppyMath` computes them (the FreeBSD/Go formulations: a logarithm
//! of a rearranged argument, `ln_1p` near the origin, `ln(x) + ln 2` for
//! large arguments), so results agree to the last bit with the same
//! logarithms.

/// Below this magnitude `asinh(x)` and `atanh(x)` are `x`.
const NEAR_ZERO: f64 = 1.0 / (1u64 << 28) as f64;
/// Above this magnitude `asinh` and `acosh` are `ln(x) + ln 2`.
const LARGE: f64 = (1u64 << 28) as f64;

/// `acosh(x)` for `x >= 1` (NaN below).
pub fn acosh(x: f64) -> f64 {
    if x < 1.0 || x.is_nan() {
        f64::NAN
    } else if x == 1.0 {
        0.0
    } else if x >= LARGE {
        x.ln() + std::f64::consts::LN_2
    } else if x > 2.0 {
        (2.0 * x - 1.0 / (x + (x * x - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// `asinh(x)` for every `x`.
pub fn asinh(x: f64) -> f64 {
    if x.is_nan() || x.is_infinite() {
        return x;
    }
    let (negative, x) = (x < 0.0, x.abs());
    let r = if x > LARGE {
        x.ln() + std::f64::consts::LN_2
    } else if x > 2.0 {
        (2.0 * x + 1.0 / ((x * x + 1.0).sqrt() + x)).ln()
    } else if x < NEAR_ZERO {
        x
    } else {
        (x + x * x / (1.0 + (1.0 + x * x).sqrt())).ln_1p()
    };
    if negative {
        -r
    } else {
        r
    }
}

/// `atanh(x)` for `-1 < x < 1`.
pub fn atanh(x: f64) -> f64 {
    let (negative, x) = (x < 0.0, x.abs());
    let r = if x < NEAR_ZERO {
        x
    } else if x < 0.5 {
        let t = x + x;
        0.5 * (t + t * x / (1.0 - x)).ln_1p()
    } else {
        0.5 * ((x + x) / (1.0 - x)).ln_1p()
    };
    if negative {
        -r
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 4.0 * f64::EPSILON * b.abs().max(1.0)
    }

    #[test]
    fn inverses_of_the_hyperbolic_functions() {
        for x in [1.0f64, 1.5, 2.0, 3.0, 1e9] {
            assert!(close(acosh(x.cosh()), x) || x > 700.0, "acosh at {x}");
        }
        assert_eq!(acosh(1.0), 0.0);
        assert!(acosh(0.5).is_nan());
        for x in [-3.0f64, -0.5, 0.0, 1e-10, 0.25, 1.0, 5.0] {
            assert!(close(asinh(x.sinh()), x), "asinh at {x}");
        }
        for x in [-0.9f64, -0.3, 0.0, 1e-10, 0.4, 0.6, 0.99] {
            assert!(
                close(atanh(x), 0.5 * ((1.0 + x) / (1.0 - x)).ln()),
                "atanh at {x}"
            );
        }
        assert!(atanh(1.0).is_infinite());
    }
}
