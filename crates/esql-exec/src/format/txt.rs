//! `format=txt`: Elasticsearch's fixed-width table (`TextFormatter`).
//!
//! Each column is `max(15, name, widest value)` wide; widths count UTF-16
//! code units, as Java's `String.length()` does. The header names are
//! centred (left padding `(w - len) / 2`), the separator line is `-` joined
//! by `+`, values are left-aligned and joined by `|`, and every line ends
//! with `\n`. A value wider than its column (which cannot happen, the
//! widths cover every value) would be cut to `w - 1` units plus `~`.

use super::{cell, visible, FLUSH_AT};
use crate::render::value_to_text;
use crate::result::QueryResult;
use std::io::{self, Write};

/// Smallest column width.
const MIN_COLUMN_WIDTH: usize = 15;

/// Length as Java counts it (UTF-16 code units).
fn java_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Appends `n` copies of `c`.
fn pad(buf: &mut String, c: char, n: usize) {
    for _ in 0..n {
        buf.push(c);
    }
}

/// Appends `s` left-aligned in `width`, or cut to `width - 1` plus `~`.
fn push_cell(buf: &mut String, s: &str, width: usize) {
    let len = java_len(s);
    if len <= width {
        buf.push_str(s);
        pad(buf, ' ', width - len);
        return;
    }
    let mut used = 0;
    for c in s.chars() {
        if used + c.len_utf16() > width.saturating_sub(1) {
            break;
        }
        used += c.len_utf16();
        buf.push(c);
    }
    buf.push('~');
}

/// Writes `result` as Elasticsearch's `format=txt`. With `header` false (or
/// no columns) the two header lines are left out.
pub fn write_txt(result: &QueryResult, header: bool, out: &mut dyn Write) -> io::Result<()> {
    let texts: Vec<Vec<String>> = result
        .rows
        .iter()
        .map(|row| {
            result
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| value_to_text(visible(c.ty, cell(row, i))))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = result
        .columns
        .iter()
        .map(|c| java_len(&c.name).max(MIN_COLUMN_WIDTH))
        .collect();
    for row in &texts {
        for (w, t) in widths.iter_mut().zip(row) {
            *w = (*w).max(java_len(t));
        }
    }

    let mut buf = String::new();
    if header && !result.columns.is_empty() {
        for (i, (c, &w)) in result.columns.iter().zip(&widths).enumerate() {
            if i > 0 {
                buf.push('|');
            }
            let len = java_len(&c.name);
            let left = w.saturating_sub(len) / 2;
            pad(&mut buf, ' ', left);
            buf.push_str(&c.name);
            pad(&mut buf, ' ', w.saturating_sub(len + left));
        }
        buf.push('\n');
        for (i, &w) in widths.iter().enumerate() {
            if i > 0 {
                buf.push('+');
            }
            pad(&mut buf, '-', w);
        }
        buf.push('\n');
    }
    for row in &texts {
        for (i, (t, &w)) in row.iter().zip(&widths).enumerate() {
            if i > 0 {
                buf.push('|');
            }
            push_cell(&mut buf, t, w);
        }
        buf.push('\n');
        if buf.len() >= FLUSH_AT {
            out.write_all(buf.as_bytes())?;
            buf.clear();
        }
    }
    out.write_all(buf.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::test_data::{col, mixed};
    use crate::types::DataType;
    use crate::value::{Scalar, Value};

    fn render(r: &QueryResult, header: bool) -> String {
        let mut buf = Vec::new();
        write_txt(r, header, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn elasticsearch_docs_example() {
        let r = QueryResult {
            columns: vec![
                col("author", DataType::Text),
                col("name", DataType::Text),
                col("page_count", DataType::Integer),
                col("release_date", DataType::Date),
            ],
            rows: vec![vec![
                Value::str("Peter F. Hamilton"),
                Value::str("Pandora's Star"),
                Value::One(Scalar::Integer(768)),
                Value::One(Scalar::Date(1_078_185_600_000)),
            ]],
            warnings: vec![],
        };
        let expected = concat!(
            "     author      |     name      |  page_count   |      release_date      \n",
            "-----------------+---------------+---------------+------------------------\n",
            "Peter F. Hamilton|Pandora's Star |768            |2004-03-02T00:00:00.000Z\n",
        );
        assert_eq!(render(&r, true), expected);
    }

    #[test]
    fn nulls_multi_values_doubles_and_unicode() {
        // The second row's name (21 UTF-16 units, its tab and newline
        // printed raw) sets the first column's width; 🐢 counts as two
        // units, as in Java.
        let expected = concat!(
            "        name         |       n       |       d       |           ts           |      ip       |     tags      \n",
            "---------------------+---------------+---------------+------------------------+---------------+---------------\n",
            "plain                |1              |3.0            |2024-05-08T04:08:00.000Z|10.0.0.1       |[a, b]         \n",
            "say \"hi\", ok\tthen\nbye|null           |1.0E7          |null                    |2001:db8::1    |null           \n",
            "żółw 🐢              |-7             |[0.1, -2.5E-5] |1970-01-01T00:00:00.000Z|null           |x              \n",
        );
        assert_eq!(render(&mixed(), true), expected);
    }

    #[test]
    fn zero_rows_and_no_header() {
        let r = QueryResult {
            columns: vec![col("a", DataType::Long)],
            rows: vec![],
            warnings: vec![],
        };
        assert_eq!(render(&r, true), "       a       \n---------------\n");
        let r2 = QueryResult {
            rows: vec![vec![Value::One(Scalar::Long(5))]],
            ..r
        };
        assert_eq!(render(&r2, false), "5              \n");
    }

    #[test]
    fn long_names_and_odd_padding() {
        let r = QueryResult {
            columns: vec![
                col("a_rather_long_column", DataType::Keyword),
                col("ab", DataType::Keyword),
            ],
            rows: vec![vec![Value::Null, Value::str("v")]],
            warnings: vec![],
        };
        assert_eq!(
            render(&r, true),
            "a_rather_long_column|      ab       \n--------------------+---------------\nnull                |v              \n"
        );
    }

    #[test]
    fn cut_cells() {
        let mut b = String::new();
        push_cell(&mut b, "abcdef", 4);
        assert_eq!(b, "abc~");
        b.clear();
        push_cell(&mut b, "a🐢bc", 3);
        assert_eq!(b, "a~");
    }
}
