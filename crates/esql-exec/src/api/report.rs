//! The error report of a failed query, as a terminal shows it.

use crate::engine::QueryError;

impl QueryError {
    /// The report for this error on query `text`, ending with a newline:
    /// Elasticsearch's exception type and reason, each problem with its
    /// `line L:C:` position and a caret snippet of the query; errors that
    /// are not about the query text (files, memory) as `esql: message`.
    pub fn render(&self, text: &str) -> String {
        self.render_report(text)
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

    fn render_report(&self, text: &str) -> String {
        match self {
            QueryError::Parse(p) => {
                format!(
                    "{}: {}\n",
                    self.exception_type(),
                    p.to_diagnostic().render(text)
                )
            }
            QueryError::Analysis(a) => {
                let mut out = format!("{}: {}\n", self.exception_type(), a.reason(text));
                for p in &a.problems {
                    let d = esql_parser::Diagnostic::error(p.span, p.message.clone());
                    let rendered = d.render(text);
                    let snippet: Vec<&str> = rendered.lines().skip(1).collect();
                    out.push_str(&snippet.join("\n"));
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
}
