//! The error report of a failed query, as a terminal shows it.

use crate::engine::QueryError;

impl QueryError {
    /// The report for this error on query `text`, ending with a newline:
    /// Elasticsearch's exception type and reason, each problem with its
    /// `line L:C:` position and a caret snippet of the query; errors that
    /// are not about the query text (files, memory) as `esql: message`.
    pub fn render(&self, text: &str) -> String {
        self.render_report(text, 0)
    }

    /// [`QueryError::render`] for a query that starts on the 0-based line
    /// `line_offset` of its file (a Markdown block, a TOML string): the
    /// `line L:C:` positions and snippet line numbers are the file's.
    pub fn render_in_file(&self, text: &str, line_offset: usize) -> String {
        self.render_report(text, line_offset)
    }

    /// The `reason` of Elasticsearch's error response for this error: the
    /// parse error's `line L:C: message`, the verification's `Found N
    /// problems` block, otherwise the message (no snippets).
    pub fn reason(&self, text: &str) -> String {
        match self {
            QueryError::Parse(p) => p.to_diagnostic().headline(text),
            QueryError::Analysis(a) => a.reason(text),
            other => other.to_string(),
        }
    }

    fn render_report(&self, query: &str, line_offset: usize) -> String {
        // Blank lines before the query make line numbers the file's; spans
        // move by as many bytes.
        let padded = format!("{}{query}", "\n".repeat(line_offset));
        let text = padded.as_str();
        let shift = |span: esql_parser::Span| {
            esql_parser::Span::new(
                span.start as usize + line_offset,
                span.end as usize + line_offset,
            )
        };
        match self {
            QueryError::Parse(p) => {
                let mut diagnostic = p.to_diagnostic();
                diagnostic.span = shift(diagnostic.span);
                if let Some(message) = super::reserved::reserved_word_message(&diagnostic.message) {
                    diagnostic.message = message;
                }
                format!("{}: {}\n", self.exception_type(), diagnostic.render(text))
            }
            QueryError::Analysis(a) => {
                // The `Found N problems` headline, then each problem's
                // `line L:C: message` directly followed by its own snippet.
                let reason = a.reason(query);
                let headline = reason.lines().next().unwrap_or_default();
                let mut out = format!("{}: {headline}\n", self.exception_type());
                for p in &a.problems {
                    let d = esql_parser::Diagnostic::error(shift(p.span), p.message.clone());
                    out.push_str(&d.render(text));
                    out.push('\n');
                }
                out
            }
            other => format!("esql: {other}\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::api::Session;

    #[test]
    fn reports_name_the_place_with_a_caret() {
        let text = "ROW a = 1\n| KEEP nope";
        let e = Session::new().query(text).unwrap_err();
        let report = e.render(text);
        assert!(
            report.starts_with(
                "verification_exception: Found 1 problem\nline 2:8: Unknown column [nope]"
            ),
            "{report}"
        );
        assert!(report.contains("^^^^"), "{report}");
    }

    #[test]
    fn positions_in_a_file_are_the_file_lines() {
        let text = "ROW a = 1\n| KEEP nope";
        let e = Session::new().query(text).unwrap_err();
        let report = e.render_in_file(text, 7);
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines[1], "line 9:8: Unknown column [nope]", "{report}");
        assert_eq!(lines[3], "9 | | KEEP nope", "{report}");
        let bad = "ROW a = 1\n| KEEP (";
        let e = Session::new().query(bad).unwrap_err();
        assert!(
            e.render_in_file(bad, 3).contains("line 5:"),
            "{}",
            e.render_in_file(bad, 3)
        );
        // Elasticsearch's reason stays relative to the query.
        assert!(e.reason(bad).starts_with("line 2:"), "{}", e.reason(bad));
    }

    #[test]
    fn each_problem_is_followed_by_its_own_snippet() {
        let text = "ROW a = 1\n| EVAL b = nope1\n| KEEP nope2";
        let e = Session::new().query(text).unwrap_err();
        let report = e.render(text);
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(
            lines[0], "verification_exception: Found 2 problems",
            "{report}"
        );
        assert_eq!(lines[1], "line 2:12: Unknown column [nope1]", "{report}");
        assert_eq!(lines[3], "2 | | EVAL b = nope1", "{report}");
        assert_eq!(lines[4], "  |            ^^^^^", "{report}");
        assert_eq!(lines[5], "line 3:8: Unknown column [nope2]", "{report}");
        assert_eq!(lines[7], "3 | | KEEP nope2", "{report}");
        // The reason (Elasticsearch's text) keeps its problem lines together.
        assert_eq!(
            e.reason(text),
            "Found 2 problems\nline 2:12: Unknown column [nope1]\nline 3:8: Unknown column [nope2]"
        );
    }
}
