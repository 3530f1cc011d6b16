//! `--memory-limit`: sizes such as `512mb`, `2g` or a byte count, and the
//! default (a quarter of the machine's memory).

/// Parses a size: a number with an optional `b`, `k[b]`, `m[b]`, `g[b]` or
/// `t[b]` suffix (powers of 1024, case-insensitive).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim().to_ascii_lowercase();
    let digits_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(digits_end);
    let scale: f64 = match unit.trim() {
        "" | "b" => 1.0,
        "k" | "kb" => 1024.0,
        "m" | "mb" => 1024.0 * 1024.0,
        "g" | "gb" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tb" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return Err(format!("[{text}] is not a size (e.g. 512mb, 2g)")),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("[{text}] is not a size (e.g. 512mb, 2g)"))?;
    let bytes = value * scale;
    if !(bytes >= 1.0 && bytes < usize::MAX as f64) {
        return Err(format!("[{text}] is not a usable memory limit"));
    }
    Ok(bytes as usize)
}

/// A quarter of the machine's memory (from `/proc/meminfo`), or the
/// library's default where that cannot be read. The limit bounds an
/// estimate of what operators hold; the process's real use is higher.
pub fn default_limit() -> usize {
    let total_kb = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|rest| {
                    rest.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<usize>()
                        .ok()
                })
        });
    match total_kb {
        Some(kb) if kb > 0 => kb.saturating_mul(1024) / 4,
        _ => esql_exec::api::DEFAULT_MEMORY_LIMIT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_powers_of_1024() {
        assert_eq!(parse_size("512mb"), Ok(512 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("1.5k"), Ok(1536));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("-1g").is_err());
    }

    #[test]
    fn the_default_is_positive() {
        assert!(default_limit() > 0);
    }
}
