//! Colour on the terminal, and only there.
//!
//! A stream is coloured when it is a terminal and `NO_COLOR` is unset or
//! empty (<https://no-color.org>). `CLICOLOR_FORCE` set to anything but `0`
//! colours a stream that is not a terminal (for pagers such as `less -R`);
//! `NO_COLOR` still wins over it.

use std::io::IsTerminal;

/// The colours the command uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// Errors, carets and removed diff lines.
    Red,
    /// Added diff lines and passing tests.
    Green,
    /// Warnings.
    Yellow,
    /// Headings.
    Bold,
    /// Context that matters less.
    Dim,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Red => "\x1b[1;31m",
            Paint::Green => "\x1b[32m",
            Paint::Yellow => "\x1b[1;33m",
            Paint::Bold => "\x1b[1m",
            Paint::Dim => "\x1b[2m",
        }
    }
}

/// True when `NO_COLOR`, `CLICOLOR_FORCE` and whether the stream is a
/// terminal (`is_terminal`) call for colour.
pub fn wanted(
    no_color: Option<std::ffi::OsString>,
    force: Option<std::ffi::OsString>,
    is_terminal: bool,
) -> bool {
    if no_color.is_some_and(|v| !v.is_empty()) {
        return false;
    }
    if force.is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    is_terminal
}

fn from_env(is_terminal: bool) -> bool {
    wanted(
        std::env::var_os("NO_COLOR"),
        std::env::var_os("CLICOLOR_FORCE"),
        is_terminal,
    )
}

/// Whether to colour standard output.
pub fn stdout() -> bool {
    from_env(std::io::stdout().is_terminal())
}

/// Whether to colour standard error.
pub fn stderr() -> bool {
    from_env(std::io::stderr().is_terminal())
}

/// `text` in `paint` when `on`, as is otherwise.
pub fn paint(text: &str, paint: Paint, on: bool) -> String {
    if on && !text.is_empty() {
        format!("{}{text}\x1b[0m", paint.code())
    } else {
        text.to_string()
    }
}

/// Colours a diagnostic for standard error: the word before the first `:` of
/// the first line (`parsing_exception`, `esql`, `Warning`) in red (yellow for
/// a warning), and the caret lines of source snippets (`  |   ^^^`) in the
/// same colour. Without `on` the text is returned unchanged.
pub fn diagnostic(text: &str, on: bool) -> String {
    if !on {
        return text.to_string();
    }
    let colour = if text.starts_with("Warning:") {
        Paint::Yellow
    } else {
        Paint::Red
    };
    let mut out = String::with_capacity(text.len() + 32);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        if i == 0 {
            match body.split_once(": ") {
                Some((head, rest)) if !head.contains(' ') => {
                    out.push_str(&paint(head, colour, true));
                    out.push_str(": ");
                    out.push_str(rest);
                }
                _ => out.push_str(body),
            }
        } else if let Some((gutter, marks)) = caret_line(body) {
            out.push_str(gutter);
            out.push_str(&paint(marks, colour, true));
        } else {
            out.push_str(body);
        }
        out.push_str(newline);
    }
    out
}

/// Splits a snippet's caret line (`  |     ^^^`) into its gutter and marks.
fn caret_line(line: &str) -> Option<(&str, &str)> {
    let bar = line.find('|')?;
    let (gutter, rest) = line.split_at(bar + 1);
    if !gutter.trim_end_matches('|').trim().is_empty() {
        return None;
    }
    let marks = rest.trim_start();
    if marks.is_empty() || !marks.chars().all(|c| c == '^' || c == '~') {
        return None;
    }
    let at = line.len() - marks.len();
    Some(line.split_at(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn no_color_wins() {
        let set = |s: &str| Some(OsString::from(s));
        assert!(wanted(None, None, true));
        assert!(!wanted(None, None, false));
        assert!(!wanted(set("1"), None, true));
        assert!(!wanted(set("1"), set("1"), true));
        assert!(wanted(set(""), None, true));
        assert!(wanted(None, set("1"), false));
        assert!(!wanted(None, set("0"), false));
    }

    #[test]
    fn diagnostic_colours_prefix_and_carets() {
        let text =
            "parsing_exception: line 1:15: bad\n  |\n1 | from x | where\n  |               ^\n";
        assert_eq!(diagnostic(text, false), text);
        let coloured = diagnostic(text, true);
        assert!(coloured.starts_with("\x1b[1;31mparsing_exception\x1b[0m: line 1:15: bad\n"));
        assert!(coloured.contains("1 | from x | where\n"));
        assert!(coloured.ends_with("  |               \x1b[1;31m^\x1b[0m\n"));
        let warning = diagnostic("Warning: x", true);
        assert_eq!(warning, "\x1b[1;33mWarning\x1b[0m: x");
    }

    #[test]
    fn paint_is_plain_when_off() {
        assert_eq!(paint("a", Paint::Green, false), "a");
        assert_eq!(paint("a", Paint::Green, true), "\x1b[32ma\x1b[0m");
    }
}
