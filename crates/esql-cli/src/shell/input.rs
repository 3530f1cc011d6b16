//! The shell's line editor: prompt, when an input is complete, history file.

use reedline::{Prompt, PromptEditMode, PromptHistorySearch, ValidationResult, Validator};
use std::borrow::Cow;
use std::path::PathBuf;

/// `esql> `, and `  ...> ` on the lines that continue a query.
pub struct EsqlPrompt;

impl Prompt for EsqlPrompt {
    fn render_prompt_left(&self) -> Cow<'_, str> {
        Cow::Borrowed("esql> ")
    }

    fn render_prompt_right(&self) -> Cow<'_, str> {
        Cow::Borrowed("")
    }

    fn render_prompt_indicator(&self, _mode: PromptEditMode) -> Cow<'_, str> {
        Cow::Borrowed("")
    }

    fn render_prompt_multiline_indicator(&self) -> Cow<'_, str> {
        Cow::Borrowed("  ...> ")
    }

    fn render_prompt_history_search_indicator(&self, search: PromptHistorySearch) -> Cow<'_, str> {
        Cow::Owned(format!("(search: {}) ", search.term))
    }
}

/// A query is complete at a `;` that ends it or at a blank line; a dot
/// command (`.help`) or an empty input is complete at once.
pub struct QueryEnd;

impl Validator for QueryEnd {
    fn validate(&self, line: &str) -> ValidationResult {
        if is_complete(line) {
            ValidationResult::Complete
        } else {
            ValidationResult::Incomplete
        }
    }
}

/// See [`QueryEnd`].
pub fn is_complete(input: &str) -> bool {
    let trimmed = input.trim();
    trimmed.is_empty()
        || trimmed.starts_with('.')
        || trimmed.ends_with(';')
        || input.ends_with('\n')
        || input.ends_with("\n ")
}

/// The history file: `$XDG_DATA_HOME/esql/history`, else
/// `$HOME/.local/share/esql/history`; `None` when neither is set.
pub fn history_path() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let data = var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".local").join("share")))?;
    Some(data.join("esql").join("history"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_end_at_a_semicolon_or_a_blank_line() {
        assert!(!is_complete("from logs"));
        assert!(!is_complete("from logs\n| where a > 1"));
        assert!(is_complete("from logs;"));
        assert!(is_complete("from logs\n| limit 1 ;  "));
        assert!(is_complete("from logs\n"));
        assert!(is_complete(".help"));
        assert!(is_complete(""));
    }
}
