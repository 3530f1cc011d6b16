//! The terminal table: a query result drawn with comfy-table.
//!
//! Each header cell holds the column name and, on a second line, its type.
//! Values are rendered as Elasticsearch's text formats render them (doubles
//! as Java prints them, dates in ISO-8601 with `Z`), a null as `null` and a
//! multi-value as `[a, b]`. Numbers are right-aligned. Tabs and carriage
//! returns inside values are shown as `\t` and `\r` so they cannot break the
//! layout; newlines make multi-line cells. On a terminal the box fits its
//! width (long columns are cut with `…`, short ones kept whole) or, when it
//! cannot, the records are drawn one below the other (`vertical.rs`).

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use crate::fit::{column_widths, text_width, truncate};
use esql_exec::api::{self, cell_text, DataType, Value};

/// Text of a cell for the terminal, with tabs and carriage returns escaped.
fn display_text(v: &Value) -> String {
    let text = cell_text(v);
    if text.contains(['\t', '\r']) {
        text.replace('\t', "\\t").replace('\r', "\\r")
    } else {
        text
    }
}

/// How a result is drawn on a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A box when it fits in the width, records one below the other when
    /// even one column cannot be given a useful width.
    Auto,
    /// Always one record below the other (`--format vertical`).
    Vertical,
}

/// Draws `result` as a boxed table followed by its `N rows, M columns`
/// footer.
///
/// * `color`: bold names, dimmed types and nulls (ANSI escapes); without it
///   the text is plain whatever the terminal.
/// * `width`: fit the box in that many columns: columns too wide for their
///   share are cut with `…` (see [`crate::fit`]); when even that cannot fit,
///   the records are drawn vertically. `None` keeps every cell whole.
///
/// Only the display is cut: the values are those of the text formats.
/// The text has no trailing newline (print it with `println!`/`writeln!`).
pub fn render_table(result: &api::Table, color: bool, width: Option<u16>) -> String {
    render(result, color, width, Shape::Auto)
}

/// Draws `result` in `shape` (see [`render_table`]).
pub fn render(result: &api::Table, color: bool, width: Option<u16>, shape: Shape) -> String {
    let cells = cell_texts(result);
    let natural: Vec<usize> = result
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let body = cells
                .iter()
                .filter_map(|row| row.get(i))
                .map(|t| text_width(t))
                .max()
                .unwrap_or(0);
            body.max(text_width(&c.name)).max(c.ty.name().len())
        })
        .collect();
    let widths = match (shape, width) {
        (Shape::Vertical, _) => None,
        (Shape::Auto, None) => Some(natural),
        (Shape::Auto, Some(w)) => column_widths(&natural, usize::from(w)),
    };
    let body = match widths {
        Some(widths) => boxed(result, &cells, &widths, color),
        None => crate::vertical::render(result, &cells, color, width.map(usize::from)),
    };
    format!("{body}\n{}", footer(result, color))
}

/// `N rows, M columns`, dimmed when colour is on.
fn footer(result: &api::Table, color: bool) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let text = format!(
        "{}, {}",
        plural(result.rows.len(), "row", "rows"),
        plural(result.columns.len(), "column", "columns")
    );
    crate::style::paint(&text, crate::style::Paint::Dim, color)
}

/// The display text of every cell (an unsupported column shows null).
fn cell_texts(result: &api::Table) -> Vec<Vec<String>> {
    result
        .rows
        .iter()
        .map(|row| {
            result
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| match row.get(i) {
                    Some(v) if c.ty != DataType::Unsupported => display_text(v),
                    _ => display_text(&Value::Null),
                })
                .collect()
        })
        .collect()
}

/// True when the cell at `row`, `column` is null (drawn dimmed).
pub(crate) fn is_null(result: &api::Table, row: usize, column: usize) -> bool {
    let unsupported = result
        .columns
        .get(column)
        .is_some_and(|c| c.ty == DataType::Unsupported);
    unsupported
        || result
            .rows
            .get(row)
            .and_then(|r| r.get(column))
            .is_none_or(Value::is_null)
}

/// The boxed table with column `i` at most `widths[i]` wide.
fn boxed(result: &api::Table, cells: &[Vec<String>], widths: &[usize], color: bool) -> String {
    let width_of = |i: usize| widths.get(i).copied().unwrap_or(usize::MAX);
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).force_no_tty();
    if color {
        table.enforce_styling();
    }
    table.set_content_arrangement(ContentArrangement::Disabled);

    let header: Vec<Cell> = result
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text = format!(
                "{}\n{}",
                truncate(&c.name, width_of(i)),
                truncate(c.ty.name(), width_of(i))
            );
            let cell = Cell::new(text).set_alignment(CellAlignment::Left);
            if color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        })
        .collect();
    table.set_header(header);

    for (r, row) in cells.iter().enumerate() {
        let cells: Vec<Cell> = row
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let cell = Cell::new(truncate(text, width_of(i)));
                if color && is_null(result, r, i) {
                    cell.fg(Color::DarkGrey)
                } else {
                    cell
                }
            })
            .collect();
        table.add_row(cells);
    }

    for (i, c) in result.columns.iter().enumerate() {
        if c.ty.is_numeric() {
            if let Some(column) = table.column_mut(i) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }

    table.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use esql_exec::api::{Column, Scalar};

    fn col(name: &str, ty: DataType) -> Column {
        Column {
            name: name.to_string(),
            ty,
        }
    }

    fn sample() -> api::Table {
        api::Table {
            columns: vec![
                col("host", DataType::Keyword),
                col("bytes", DataType::Long),
                col("ratio", DataType::Double),
                col("ips", DataType::Ip),
            ],
            rows: vec![
                vec![
                    Value::str("web-1"),
                    Value::One(Scalar::Long(1234)),
                    Value::One(Scalar::Double(1.0e7)),
                    Value::from_vec(vec![
                        Scalar::Ip([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 10, 0, 0, 1]),
                        Scalar::Ip([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 10, 0, 0, 2]),
                    ]),
                ],
                vec![
                    Value::str("ß\tx"),
                    Value::Null,
                    Value::One(Scalar::Double(0.5)),
                    Value::Null,
                ],
            ],
            warnings: vec![],
        }
    }

    #[test]
    fn plain_table() {
        let expected = "\
┌─────────┬───────┬────────┬──────────────────────┐
│ host    ┆ bytes ┆ ratio  ┆ ips                  │
│ keyword ┆ long  ┆ double ┆ ip                   │
╞═════════╪═══════╪════════╪══════════════════════╡
│ web-1   ┆  1234 ┆  1.0E7 ┆ [10.0.0.1, 10.0.0.2] │
│ ß\\tx    ┆  null ┆    0.5 ┆ null                 │
└─────────┴───────┴────────┴──────────────────────┘
2 rows, 4 columns";
        assert_eq!(render_table(&sample(), false, None), expected);
    }

    #[test]
    fn no_rows_shows_header() {
        let r = api::Table {
            columns: vec![col("a", DataType::Integer)],
            rows: vec![],
            warnings: vec![],
        };
        assert_eq!(
            render_table(&r, false, None),
            "┌─────────┐\n│ a       │\n│ integer │\n╞═════════╡\n└─────────┘\n0 rows, 1 column"
        );
    }

    #[test]
    fn width_wraps_cells() {
        let text = render_table(&sample(), false, Some(40));
        for line in text.lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
        // The short columns stay whole; the long one is cut with `…`.
        assert!(text.contains("web-1") && text.contains("1.0E7"), "{text}");
        assert!(text.contains("[10.0.0.…"), "{text}");
        assert!(text.ends_with("2 rows, 4 columns"), "{text}");
    }

    #[test]
    fn too_narrow_for_a_box_goes_vertical() {
        let text = render_table(&sample(), false, Some(20));
        assert!(text.starts_with("─[ RECORD 1 ]"), "{text}");
        assert!(text.contains("10.0.0.1"), "{text}");
    }

    #[test]
    fn colour_only_when_asked() {
        assert!(!render_table(&sample(), false, None).contains('\u{1b}'));
        let coloured = render_table(&sample(), true, None);
        assert!(coloured.contains('\u{1b}'));
        assert!(coloured.contains("web-1"));
    }

    #[test]
    fn unsupported_columns_show_null() {
        let r = api::Table {
            columns: vec![col("u", DataType::Unsupported)],
            rows: vec![vec![Value::str("secret")]],
            warnings: vec![],
        };
        let text = render_table(&r, false, None);
        assert!(text.contains("null") && !text.contains("secret"), "{text}");
    }
}
