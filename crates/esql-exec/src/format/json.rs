//! The JSON response body of `POST /_query`:
//! `{"took":…,"is_partial":false,"columns":[…],"values":[[…]…]}`.
//!
//! The text is written by hand rather than through `serde_json` because
//! Elasticsearch (Jackson) prints doubles with Java's `Double.toString`
//! (`1.0E7`, `1.2345678E-5`), which `serde_json` cannot reproduce. Strings
//! are escaped as Jackson does: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`,
//! other control characters as `\u00XX` (upper-case hex), everything else
//! (including non-ASCII) as is.

use super::{cell, visible, FormatOptions, FLUSH_AT};
use crate::render::scalar_to_string;
use crate::result::QueryResult;
use crate::value::{Scalar, Value};
use esql_javafmt::java_double;
use std::io::{self, Write};

/// Options of the JSON body.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JsonOptions {
    /// Indent as Elasticsearch's `?pretty` does (Jackson's default pretty
    /// printer with two-space indents: `"key" : value`, `[ ]` when empty).
    pub pretty: bool,
    /// `columnar`: `values` holds one array per column.
    pub columnar: bool,
    /// The `took` field, in milliseconds.
    pub took_ms: u64,
    /// Add `"warnings":[…]` after `values` when there are warnings.
    pub include_warnings: bool,
}

impl From<&FormatOptions> for JsonOptions {
    fn from(o: &FormatOptions) -> Self {
        JsonOptions {
            pretty: o.pretty,
            columnar: o.columnar,
            took_ms: o.took_ms,
            include_warnings: o.include_warnings,
        }
    }
}

/// Appends `s` as a JSON string literal, escaped as Jackson does.
pub fn push_json_string(buf: &mut String, s: &str) {
    buf.push('"');
    for c in s.chars() {
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '\u{08}' => buf.push_str("\\b"),
            '\t' => buf.push_str("\\t"),
            '\n' => buf.push_str("\\n"),
            '\u{0c}' => buf.push_str("\\f"),
            '\r' => buf.push_str("\\r"),
            c if (c as u32) < 0x20 => buf.push_str(&format!("\\u{:04X}", c as u32)),
            c => buf.push(c),
        }
    }
    buf.push('"');
}

/// Appends one value as Elasticsearch encodes it: numbers and booleans bare
/// (doubles in Java's layout, non-finite ones as strings, as Jackson
/// quotes them), everything else as a string.
pub fn push_json_scalar(buf: &mut String, s: &Scalar) {
    match s {
        Scalar::Boolean(b) => buf.push_str(if *b { "true" } else { "false" }),
        Scalar::Integer(v) => buf.push_str(&v.to_string()),
        Scalar::Long(v) => buf.push_str(&v.to_string()),
        Scalar::UnsignedLong(v) => buf.push_str(&v.to_string()),
        Scalar::Double(v) if v.is_finite() => buf.push_str(&java_double(*v)),
        other => push_json_string(buf, &scalar_to_string(other)),
    }
}

/// Appends a cell compactly: `null`, the value, or `[v1,v2]`.
#[cfg(test)]
pub fn push_json_value(buf: &mut String, v: &Value) {
    let mut w = JsonText::new(false);
    w.value(v);
    buf.push_str(&w.buf);
}

/// A JSON text under construction, compact or pretty-printed the way
/// Jackson's default pretty printer does it.
pub(crate) struct JsonText {
    /// The text written so far.
    pub(crate) buf: String,
    pretty: bool,
    /// Number of entries written in each open object or array.
    open: Vec<usize>,
}

impl JsonText {
    /// An empty text.
    pub(crate) fn new(pretty: bool) -> Self {
        JsonText {
            buf: String::new(),
            pretty,
            open: Vec::new(),
        }
    }

    fn newline_indent(&mut self, depth: usize) {
        self.buf.push('\n');
        for _ in 0..depth {
            self.buf.push_str("  ");
        }
    }

    /// Separates a new entry of the innermost object or array from the last.
    fn entry(&mut self) {
        let depth = self.open.len();
        if let Some(count) = self.open.last_mut() {
            let first = *count == 0;
            *count += 1;
            if !first {
                self.buf.push(',');
            }
            if self.pretty {
                self.newline_indent(depth);
            }
        }
    }

    /// Opens `{` or `[`.
    pub(crate) fn open(&mut self, bracket: char) {
        self.buf.push(bracket);
        self.open.push(0);
    }

    /// Closes `}` or `]`.
    pub(crate) fn close(&mut self, bracket: char) {
        let count = self.open.pop().unwrap_or(0);
        if self.pretty {
            if count > 0 {
                let depth = self.open.len();
                self.newline_indent(depth);
            } else {
                self.buf.push(' ');
            }
        }
        self.buf.push(bracket);
    }

    /// Writes an object key; the value follows.
    pub(crate) fn key(&mut self, name: &str) {
        self.entry();
        push_json_string(&mut self.buf, name);
        self.buf.push_str(if self.pretty { " : " } else { ":" });
    }

    /// Starts an array element; the value follows.
    pub(crate) fn element(&mut self) {
        self.entry();
    }

    /// Writes a cell value (after [`JsonText::key`] or [`JsonText::element`]).
    pub(crate) fn value(&mut self, v: &Value) {
        match v {
            Value::Null => self.buf.push_str("null"),
            Value::One(s) => push_json_scalar(&mut self.buf, s),
            Value::Many(items) => {
                self.open('[');
                for s in items.iter() {
                    self.element();
                    push_json_scalar(&mut self.buf, s);
                }
                self.close(']');
            }
        }
    }

    /// Writes an array element that is a string.
    pub(crate) fn string_element(&mut self, s: &str) {
        self.element();
        push_json_string(&mut self.buf, s);
    }

    /// Hands the text written so far to `out` once it is large.
    pub(crate) fn spill(&mut self, out: &mut dyn Write, force: bool) -> io::Result<()> {
        if force || self.buf.len() >= FLUSH_AT {
            out.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }
}

/// Writes the `_query` response body, then a newline.
pub fn write_json(
    result: &QueryResult,
    options: &JsonOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = JsonText::new(options.pretty);
    w.open('{');
    w.key("took");
    w.buf.push_str(&options.took_ms.to_string());
    w.key("is_partial");
    w.buf.push_str("false");
    w.key("columns");
    w.open('[');
    for c in &result.columns {
        w.element();
        w.open('{');
        w.key("name");
        push_json_string(&mut w.buf, &c.name);
        w.key("type");
        push_json_string(&mut w.buf, c.ty.name());
        w.close('}');
    }
    w.close(']');
    w.key("values");
    w.open('[');
    if options.columnar {
        for (i, c) in result.columns.iter().enumerate() {
            w.element();
            w.open('[');
            for row in &result.rows {
                w.element();
                w.value(visible(c.ty, cell(row, i)));
                w.spill(out, false)?;
            }
            w.close(']');
        }
    } else {
        for row in &result.rows {
            w.element();
            w.open('[');
            for (i, c) in result.columns.iter().enumerate() {
                w.element();
                w.value(visible(c.ty, cell(row, i)));
            }
            w.close(']');
            w.spill(out, false)?;
        }
    }
    w.close(']');
    if options.include_warnings && !result.warnings.is_empty() {
        w.key("warnings");
        w.open('[');
        for text in &result.warnings {
            w.string_element(text);
        }
        w.close(']');
    }
    w.close('}');
    w.buf.push('\n');
    w.spill(out, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::test_data::{col, mixed};
    use crate::types::DataType;

    fn render(r: &QueryResult, o: &JsonOptions) -> String {
        let mut buf = Vec::new();
        write_json(r, o, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn compact_body_in_elasticsearch_order() {
        let text = render(&mixed(), &JsonOptions::default());
        let expected = concat!(
            r#"{"took":0,"is_partial":false,"columns":["#,
            r#"{"name":"name","type":"keyword"},{"name":"n","type":"long"},"#,
            r#"{"name":"d","type":"double"},{"name":"ts","type":"date"},"#,
            r#"{"name":"ip","type":"ip"},{"name":"tags","type":"keyword"}],"values":["#,
            r#"["plain",1,3.0,"2024-05-08T04:08:00.000Z","10.0.0.1",["a","b"]],"#,
            r#"["say \"hi\", ok\tthen\nbye",null,1.0E7,null,"2001:db8::1",null],"#,
            r#"["żółw 🐢",-7,[0.1,-2.5E-5],"1970-01-01T00:00:00.000Z",null,"x"]]}"#,
            "\n"
        );
        assert_eq!(text, expected);
        // It is valid JSON with the same numbers.
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["values"][1][2], serde_json::json!(1.0e7));
        assert_eq!(parsed["values"][2][0], "żółw 🐢");
    }

    #[test]
    fn took_and_warnings() {
        let o = JsonOptions {
            took_ms: 28,
            include_warnings: true,
            ..JsonOptions::default()
        };
        let text = render(&mixed(), &o);
        assert!(text.starts_with(r#"{"took":28,"is_partial":false,"#));
        assert!(
            text.ends_with("]],\"warnings\":[\"Line 1:1: something\"]}\n"),
            "{text}"
        );
    }

    #[test]
    fn pretty_matches_jackson() {
        let r = QueryResult {
            columns: vec![col("a", DataType::Long), col("b", DataType::Keyword)],
            rows: vec![vec![
                Value::One(Scalar::Long(12)),
                Value::from_vec(vec![Scalar::str("x"), Scalar::str("y")]),
            ]],
            warnings: vec![],
        };
        let o = JsonOptions {
            pretty: true,
            took_ms: 3,
            ..JsonOptions::default()
        };
        let expected = r#"{
  "took" : 3,
  "is_partial" : false,
  "columns" : [
    {
      "name" : "a",
      "type" : "long"
    },
    {
      "name" : "b",
      "type" : "keyword"
    }
  ],
  "values" : [
    [
      12,
      [
        "x",
        "y"
      ]
    ]
  ]
}
"#;
        assert_eq!(render(&r, &o), expected);
    }

    #[test]
    fn empty_result_pretty_and_compact() {
        let r = QueryResult::default();
        assert_eq!(
            render(&r, &JsonOptions::default()),
            "{\"took\":0,\"is_partial\":false,\"columns\":[],\"values\":[]}\n"
        );
        let o = JsonOptions {
            pretty: true,
            ..JsonOptions::default()
        };
        assert_eq!(
            render(&r, &o),
            "{\n  \"took\" : 0,\n  \"is_partial\" : false,\n  \"columns\" : [ ],\n  \"values\" : [ ]\n}\n"
        );
    }

    #[test]
    fn columnar_values() {
        let r = QueryResult {
            columns: vec![col("a", DataType::Integer), col("b", DataType::Boolean)],
            rows: vec![
                vec![
                    Value::One(Scalar::Integer(1)),
                    Value::One(Scalar::Boolean(true)),
                ],
                vec![Value::One(Scalar::Integer(2)), Value::Null],
            ],
            warnings: vec![],
        };
        let o = JsonOptions {
            columnar: true,
            ..JsonOptions::default()
        };
        assert!(render(&r, &o).ends_with("\"values\":[[1,2],[true,null]]}\n"));
    }

    #[test]
    fn string_escapes_like_jackson() {
        let mut b = String::new();
        push_json_string(&mut b, "a\"b\\c\u{1}\u{8}\u{c}\r\u{1f}/\u{7f}é");
        assert_eq!(b, "\"a\\\"b\\\\c\\u0001\\b\\f\\r\\u001F/\u{7f}é\"");
    }

    #[test]
    fn scalars() {
        let one = |s: Scalar| {
            let mut b = String::new();
            push_json_scalar(&mut b, &s);
            b
        };
        assert_eq!(one(Scalar::UnsignedLong(u64::MAX)), "18446744073709551615");
        assert_eq!(one(Scalar::Double(-0.0)), "-0.0");
        assert_eq!(one(Scalar::Double(123456789.0)), "1.23456789E8");
        assert_eq!(one(Scalar::Double(f64::NAN)), "\"NaN\"");
        assert_eq!(one(Scalar::Boolean(false)), "false");
        assert_eq!(
            one(Scalar::DateNanos(1_698_068_014_937_193_000)),
            "\"2023-10-23T13:33:34.937193Z\""
        );
        assert_eq!(
            one(Scalar::Version(std::sync::Arc::from("1.2.3-alpha"))),
            "\"1.2.3-alpha\""
        );
        let mut b = String::new();
        push_json_value(
            &mut b,
            &Value::from_vec(vec![Scalar::Integer(1), Scalar::Integer(2)]),
        );
        assert_eq!(b, "[1,2]");
    }
}
