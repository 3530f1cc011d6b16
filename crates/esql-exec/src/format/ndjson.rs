//! `ndjson`: one compact JSON object per row, `{"col": value, …}` with the
//! columns in output order and values encoded as in the JSON body.

use super::json::{push_json_string, JsonText};
use super::{cell, visible, FLUSH_AT};
use crate::result::QueryResult;
use std::io::{self, Write};

/// Writes one line per row of `result`.
pub fn write_ndjson(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    let mut buf = String::new();
    for row in &result.rows {
        buf.push('{');
        for (i, c) in result.columns.iter().enumerate() {
            if i > 0 {
                buf.push(',');
            }
            push_json_string(&mut buf, &c.name);
            buf.push(':');
            let mut w = JsonText::new(false);
            w.value(visible(c.ty, cell(row, i)));
            buf.push_str(&w.buf);
        }
        buf.push_str("}\n");
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
    use crate::format::test_data::mixed;

    #[test]
    fn one_object_per_row() {
        let mut buf = Vec::new();
        write_ndjson(&mixed(), &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let expected = concat!(
            r#"{"name":"plain","n":1,"d":3.0,"ts":"2024-05-08T04:08:00.000Z","ip":"10.0.0.1","tags":["a","b"]}"#,
            "\n",
            r#"{"name":"say \"hi\", ok\tthen\nbye","n":null,"d":1.0E7,"ts":null,"ip":"2001:db8::1","tags":null}"#,
            "\n",
            r#"{"name":"żółw 🐢","n":-7,"d":[0.1,-2.5E-5],"ts":"1970-01-01T00:00:00.000Z","ip":null,"tags":"x"}"#,
            "\n",
        );
        assert_eq!(text, expected);
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(v.is_object());
        }
    }

    #[test]
    fn no_rows_no_output() {
        let mut buf = Vec::new();
        write_ndjson(&QueryResult::default(), &mut buf).unwrap();
        assert!(buf.is_empty());
    }
}
