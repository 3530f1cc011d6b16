//! The terminal table: a query result drawn with comfy-table.
//!
//! Each header cell holds the column name and, on a second line, its type.
//! Values are rendered as Elasticsearch's text formats render them (doubles
//! as Java prints them, dates in ISO-8601 with `Z`), a null as `null` and a
//! multi-value as `[a, b]`. Numbers are right-aligned. Tabs and carriage
//! returns inside values are shown as `\t` and `\r` so they cannot break the
//! layout; newlines make multi-line cells.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

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

/// Draws `result` as a table.
///
/// * `color`: bold names, dimmed types and nulls (ANSI escapes); without it
///   the text is plain whatever the terminal.
/// * `width`: wrap cell contents so the table fits in that many columns;
///   `None` keeps every cell on its natural width.
///
/// The text has no trailing newline (print it with `println!`/`writeln!`).
pub fn render_table(result: &api::Table, color: bool, width: Option<u16>) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).force_no_tty();
    if color {
        table.enforce_styling();
    }
    match width {
        Some(w) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }

    let header: Vec<Cell> = result
        .columns
        .iter()
        .map(|c| {
            let cell = Cell::new(format!("{}\n{}", c.name, c.ty.name()))
                .set_alignment(CellAlignment::Left);
            if color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        })
        .collect();
    table.set_header(header);

    for row in &result.rows {
        let cells: Vec<Cell> = result
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let v = match row.get(i) {
                    Some(v) if c.ty != DataType::Unsupported => v,
                    _ => &Value::Null,
                };
                let cell = Cell::new(display_text(v));
                if color && v.is_null() {
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
└─────────┴───────┴────────┴──────────────────────┘";
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
            "┌─────────┐\n│ a       │\n│ integer │\n╞═════════╡\n└─────────┘"
        );
    }

    #[test]
    fn width_wraps_cells() {
        let text = render_table(&sample(), false, Some(40));
        for line in text.lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
        assert!(text.contains("10.0.0.1"));
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
