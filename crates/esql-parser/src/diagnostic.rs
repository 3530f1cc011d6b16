//! Diagnostics: one value type for errors and warnings from every stage,
//! and one renderer that prints Elasticsearch's `line L:C: message` form
//! followed by the source line and a caret run.

use crate::span::{LineIndex, Span};
use std::fmt::Write as _;

/// How serious a diagnostic is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Severity {
    /// The query cannot run.
    Error,
    /// The query runs, but something deserves attention.
    Warning,
}

/// A message tied to a place in the query.
#[derive(Clone, PartialEq, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The part of the query the message is about.
    pub span: Span,
    /// The message, worded as Elasticsearch words it (without the position prefix).
    pub message: String,
    /// Elasticsearch gives this message no position: the headline says
    /// `line -1:-1:` (the snippet still marks the span).
    pub unplaced: bool,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: message.into(),
            unplaced: false,
        }
    }

    /// An error Elasticsearch reports at `line -1:-1:`, about `span`.
    pub fn unplaced_error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            unplaced: true,
            ..Diagnostic::error(span, message)
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            span,
            message: message.into(),
            unplaced: false,
        }
    }

    /// The first line as Elasticsearch prints it: `line L:C: message` for
    /// errors, `Line L:C: message` for warnings.
    pub fn headline(&self, source: &str) -> String {
        if self.unplaced {
            return format!("line -1:-1: {}", self.message);
        }
        let pos = LineIndex::new(source).line_col(self.span.start as usize);
        let word = match self.severity {
            Severity::Error => "line",
            Severity::Warning => "Line",
        };
        format!("{word} {}:{}: {}", pos.line, pos.column, self.message)
    }

    /// The headline followed by a snippet of the source line with carets
    /// under the span (the span is cut at the end of its first line).
    pub fn render(&self, source: &str) -> String {
        let index = LineIndex::new(source);
        let pos = index.line_col(self.span.start as usize);
        let line_text = index.line_text(pos.line);
        let mut out = self.headline(source);
        let gutter = pos.line.to_string().len();
        let start_col = pos.column - 1;
        let line_chars = line_text.chars().count();
        let span_chars = self
            .span
            .text(source)
            .split('\n')
            .next()
            .unwrap_or("")
            .chars()
            .count();
        let width = span_chars.min(line_chars.saturating_sub(start_col)).max(1);
        let _ = write!(
            out,
            "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}{}",
            "",
            pos.line,
            line_text,
            "",
            " ".repeat(start_col),
            "^".repeat(width),
        );
        out
    }
}

/// Renders several diagnostics, one block each, separated by blank lines.
pub fn render_all(source: &str, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(source))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_and_caret() {
        let src = "from logs\n| where a = 1";
        let d = Diagnostic::warning(Span::new(20, 21), "lone [=]");
        assert_eq!(d.headline(src), "Line 2:11: lone [=]");
        assert_eq!(
            d.render(src),
            "Line 2:11: lone [=]\n  |\n2 | | where a = 1\n  |           ^"
        );
    }
}
