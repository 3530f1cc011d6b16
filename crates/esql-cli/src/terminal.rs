//! The terminal's size, for fitting tables.

use std::io::IsTerminal;

/// The width of the terminal standard output is, or `None` when standard
/// output is not a terminal. A terminal that reports no size counts as
/// `COLUMNS` wide, or 80.
pub fn stdout_width() -> Option<u16> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    Some(width())
}

/// The terminal's width in columns (`COLUMNS` or 80 when it reports none).
pub fn width() -> u16 {
    match crossterm::terminal::size() {
        Ok((cols, _)) if cols > 0 => cols,
        _ => std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|&c: &u16| c > 0)
            .unwrap_or(80),
    }
}
