//! `format=csv` and `format=tsv`, as Elasticsearch's `TextFormat` writes
//! them.
//!
//! * csv: lines end with CRLF; a field (header names included) containing
//!   `"`, CR, LF or the delimiter is wrapped in `"` with inner `"` doubled.
//! * tsv: lines end with LF; no quoting, a newline inside a field becomes the
//!   two characters `\n` and a tab `\t` (a CR is kept as is).
//!
//! In both, null is the empty field and a multi-value is `[a, b]`.

use super::{cell, visible, FLUSH_AT};
use crate::render::value_to_text;
use crate::result::QueryResult;
use crate::value::Value;
use std::io::{self, Write};

/// Why a csv `delimiter=` parameter is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DelimiterError {
    /// Empty, or more than one UTF-16 unit (the parameter as given).
    Length(String),
    /// `"`, CR or LF.
    Reserved(char),
    /// TAB, which is the tsv format.
    Tab,
}

impl std::fmt::Display for DelimiterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DelimiterError::Length(p) if p.is_empty() => write!(f, "invalid empty delimiter []"),
            DelimiterError::Length(p) => write!(f, "invalid multi-character delimiter [{p}]"),
            DelimiterError::Reserved(c) => {
                write!(f, "illegal reserved character specified as delimiter [{c}]")
            }
            DelimiterError::Tab => write!(
                f,
                "illegal delimiter [TAB] specified as delimiter for the [csv] format; choose the [tsv] format instead"
            ),
        }
    }
}

/// Checks a `delimiter=` parameter for csv, as Elasticsearch does: exactly
/// one UTF-16 unit, and not `"`, CR, LF or TAB.
pub fn check_csv_delimiter(param: &str) -> Result<char, DelimiterError> {
    let mut chars = param.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.len_utf16() == 1 => match c {
            '"' | '\n' | '\r' => Err(DelimiterError::Reserved(c)),
            '\t' => Err(DelimiterError::Tab),
            c => Ok(c),
        },
        _ => Err(DelimiterError::Length(param.to_string())),
    }
}

/// A cell as csv and tsv print it before escaping: null is empty.
fn field_text(v: &Value) -> String {
    if v.is_null() {
        String::new()
    } else {
        value_to_text(v)
    }
}

/// Appends a csv field, quoted when needed.
fn push_csv_field(buf: &mut String, s: &str, delimiter: char) {
    let needs_quotes = s
        .chars()
        .any(|c| c == '"' || c == '\n' || c == '\r' || c == delimiter);
    if !needs_quotes {
        buf.push_str(s);
        return;
    }
    buf.push('"');
    for c in s.chars() {
        if c == '"' {
            buf.push('"');
        }
        buf.push(c);
    }
    buf.push('"');
}

/// Appends a tsv field with newlines and tabs escaped.
fn push_tsv_field(buf: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\n' => buf.push_str("\\n"),
            '\t' => buf.push_str("\\t"),
            c => buf.push(c),
        }
    }
}

/// Writes the header and the rows, with `push` escaping each field.
fn write_delimited(
    result: &QueryResult,
    header: bool,
    delimiter: char,
    eol: &str,
    push: &dyn Fn(&mut String, &str),
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buf = String::new();
    if header {
        for (i, c) in result.columns.iter().enumerate() {
            if i > 0 {
                buf.push(delimiter);
            }
            push(&mut buf, &c.name);
        }
        buf.push_str(eol);
    }
    for row in &result.rows {
        for (i, c) in result.columns.iter().enumerate() {
            if i > 0 {
                buf.push(delimiter);
            }
            push(&mut buf, &field_text(visible(c.ty, cell(row, i))));
        }
        buf.push_str(eol);
        if buf.len() >= FLUSH_AT {
            out.write_all(buf.as_bytes())?;
            buf.clear();
        }
    }
    out.write_all(buf.as_bytes())
}

/// Writes `result` as csv with the given delimiter (`,` by default; check
/// user input with [`check_csv_delimiter`]), with or without the header.
pub fn write_csv(
    result: &QueryResult,
    delimiter: char,
    header: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let push = move |buf: &mut String, s: &str| push_csv_field(buf, s, delimiter);
    write_delimited(result, header, delimiter, "\r\n", &push, out)
}

/// Writes `result` as tsv, with or without the header.
pub fn write_tsv(result: &QueryResult, header: bool, out: &mut dyn Write) -> io::Result<()> {
    write_delimited(result, header, '\t', "\n", &push_tsv_field, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::test_data::{col, mixed};
    use crate::types::DataType;
    use crate::value::Scalar;

    fn csv(r: &QueryResult, delimiter: char, header: bool) -> String {
        let mut buf = Vec::new();
        write_csv(r, delimiter, header, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn tsv(r: &QueryResult, header: bool) -> String {
        let mut buf = Vec::new();
        write_tsv(r, header, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn csv_quoting_nulls_and_multi_values() {
        let expected = concat!(
            "name,n,d,ts,ip,tags\r\n",
            "plain,1,3.0,2024-05-08T04:08:00.000Z,10.0.0.1,\"[a, b]\"\r\n",
            "\"say \"\"hi\"\", ok\tthen\nbye\",,1.0E7,,2001:db8::1,\r\n",
            "żółw 🐢,-7,\"[0.1, -2.5E-5]\",1970-01-01T00:00:00.000Z,,x\r\n",
        );
        assert_eq!(csv(&mixed(), ',', true), expected);
    }

    #[test]
    fn csv_other_delimiter_and_no_header() {
        let expected = concat!(
            "plain;1;3.0;2024-05-08T04:08:00.000Z;10.0.0.1;[a, b]\r\n",
            "\"say \"\"hi\"\", ok\tthen\nbye\";;1.0E7;;2001:db8::1;\r\n",
            "żółw 🐢;-7;[0.1, -2.5E-5];1970-01-01T00:00:00.000Z;;x\r\n",
        );
        assert_eq!(csv(&mixed(), ';', false), expected);
    }

    #[test]
    fn csv_quotes_header_names_and_carriage_returns() {
        let r = QueryResult {
            columns: vec![col("a,b", DataType::Keyword), col("c", DataType::Keyword)],
            rows: vec![vec![Value::str("x\ry"), Value::str("")]],
            warnings: vec![],
        };
        assert_eq!(csv(&r, ',', true), "\"a,b\",c\r\n\"x\ry\",\r\n");
    }

    #[test]
    fn tsv_escapes() {
        let expected = concat!(
            "name\tn\td\tts\tip\ttags\n",
            "plain\t1\t3.0\t2024-05-08T04:08:00.000Z\t10.0.0.1\t[a, b]\n",
            "say \"hi\", ok\\tthen\\nbye\t\t1.0E7\t\t2001:db8::1\t\n",
            "żółw 🐢\t-7\t[0.1, -2.5E-5]\t1970-01-01T00:00:00.000Z\t\tx\n",
        );
        assert_eq!(tsv(&mixed(), true), expected);
        let r = QueryResult {
            columns: vec![col("b", DataType::Boolean)],
            rows: vec![
                vec![Value::One(Scalar::Boolean(true))],
                vec![Value::str("a\rb")],
            ],
            warnings: vec![],
        };
        assert_eq!(tsv(&r, false), "true\na\rb\n");
    }

    #[test]
    fn empty_results() {
        let r = QueryResult::default();
        assert_eq!(csv(&r, ',', true), "\r\n");
        assert_eq!(tsv(&r, false), "");
    }

    #[test]
    fn delimiter_checks() {
        let check = |p: &str| check_csv_delimiter(p).map_err(|e| e.to_string());
        assert_eq!(check(";"), Ok(';'));
        assert_eq!(check("é"), Ok('é'));
        assert_eq!(check(""), Err("invalid empty delimiter []".to_string()));
        assert_eq!(
            check(";;"),
            Err("invalid multi-character delimiter [;;]".to_string())
        );
        assert_eq!(
            check("🐢"),
            Err("invalid multi-character delimiter [🐢]".to_string())
        );
        assert_eq!(
            check("\""),
            Err("illegal reserved character specified as delimiter [\"]".to_string())
        );
        assert!(check("\t").unwrap_err().contains("choose the [tsv] format"));
    }
}
