//! The vertical record view (`--format vertical`, and the fallback when a
//! box cannot fit the terminal): one record after the other, a field per
//! line, as psql's `\x` shows them.
//!
//! ```text
//! ─[ RECORD 1 ]──────────────
//! host  │ web-1
//! bytes │ 1234
//! ```
//!
//! Values wider than the terminal are wrapped, never cut.

use crate::fit::{text_width, wrap};
use crate::style::{paint, Paint};
use esql_exec::api;

/// Draws the records of `result` (whose display texts are `cells`) one
/// below the other, each line at most `width` columns when given. No
/// trailing newline.
pub fn render(
    result: &api::Table,
    cells: &[Vec<String>],
    color: bool,
    width: Option<usize>,
) -> String {
    let name_width = result
        .columns
        .iter()
        .map(|c| text_width(&c.name))
        .max()
        .unwrap_or(0);
    let value_width = width.map(|w| w.saturating_sub(name_width + 3).max(10));
    let rule_width = width.unwrap_or(40).min(80);
    let mut out: Vec<String> = Vec::new();
    for (r, row) in cells.iter().enumerate() {
        let title = format!("─[ RECORD {} ]", r + 1);
        let fill = rule_width.saturating_sub(text_width(&title));
        out.push(paint(
            &format!("{title}{}", "─".repeat(fill)),
            Paint::Dim,
            color,
        ));
        for (i, column) in result.columns.iter().enumerate() {
            let text = row.get(i).map(String::as_str).unwrap_or("null");
            let lines = match value_width {
                Some(w) => wrap(text, w),
                None => text.split('\n').map(str::to_string).collect(),
            };
            let null = crate::table::is_null(result, r, i);
            for (n, line) in lines.iter().enumerate() {
                let name = if n == 0 { column.name.as_str() } else { "" };
                let pad = name_width.saturating_sub(text_width(name));
                let value = if null {
                    paint(line, Paint::Dim, color)
                } else {
                    line.clone()
                };
                out.push(format!(
                    "{}{} │ {value}",
                    paint(name, Paint::Bold, color),
                    " ".repeat(pad)
                ));
            }
        }
    }
    if cells.is_empty() {
        out.push("(no rows)".to_string());
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use crate::table::{render, Shape};
    use esql_exec::api::{self, Column, DataType, Scalar, Value};

    fn table() -> api::Table {
        api::Table {
            columns: vec![
                Column {
                    name: "host".into(),
                    ty: DataType::Keyword,
                },
                Column {
                    name: "bytes".into(),
                    ty: DataType::Long,
                },
            ],
            rows: vec![
                vec![Value::str("web-1"), Value::One(Scalar::Long(1234))],
                vec![Value::str(&"x".repeat(50)), Value::Null],
            ],
            warnings: vec![],
        }
    }

    #[test]
    fn records_one_field_a_line() {
        let text = render(&table(), false, None, Shape::Vertical);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("─[ RECORD 1 ]─"), "{text}");
        assert_eq!(lines[1], "host  │ web-1");
        assert_eq!(lines[2], "bytes │ 1234");
        assert!(lines[3].starts_with("─[ RECORD 2 ]"), "{text}");
        assert_eq!(lines[5], "bytes │ null");
        assert_eq!(lines.last().copied(), Some("2 rows, 2 columns"));
    }

    #[test]
    fn long_values_wrap_whole_within_the_width() {
        let text = render(&table(), false, Some(30), Shape::Vertical);
        for line in text.lines() {
            assert!(line.chars().count() <= 30, "{line}");
        }
        let xs: usize = text.matches('x').count();
        assert_eq!(xs, 50, "{text}");
    }
}
