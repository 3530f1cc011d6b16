//! Output formats for a [`QueryResult`], byte for byte as Elasticsearch's
//! `POST /_query?format=…` produces them: `json` (the default response
//! body), `txt`, `csv`, `tsv` and `arrow` (an Arrow IPC stream), plus
//! `ndjson` (one object per row).
//!
//! Every writer takes the result and a `&mut dyn Write` and never prints on
//! its own. Values are rendered by [`crate::render`].

pub mod arrow;
pub mod delimited;
pub mod json;
pub mod ndjson;
pub mod txt;

use crate::result::QueryResult;
use crate::types::DataType;
use crate::value::Value;
use std::io::{self, Write};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Elasticsearch's JSON response body.
    Json,
    /// `format=txt`: the fixed-width table.
    Txt,
    /// `format=csv`.
    Csv,
    /// `format=tsv`.
    Tsv,
    /// One JSON object per row, keyed by column name.
    Ndjson,
    /// `format=arrow`: an Arrow IPC stream (binary).
    Arrow,
}

impl OutputFormat {
    /// Looks a format up by the name Elasticsearch's `format=` takes
    /// (`json`, `txt`, `csv`, `tsv`) or `ndjson`, ignoring case.
    pub fn from_name(name: &str) -> Option<OutputFormat> {
        Some(match name.to_ascii_lowercase().as_str() {
            "json" => OutputFormat::Json,
            "txt" | "text" => OutputFormat::Txt,
            "csv" => OutputFormat::Csv,
            "tsv" => OutputFormat::Tsv,
            "ndjson" => OutputFormat::Ndjson,
            "arrow" => OutputFormat::Arrow,
            _ => return None,
        })
    }

    /// The format's name, as accepted by [`OutputFormat::from_name`].
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Json => "json",
            OutputFormat::Txt => "txt",
            OutputFormat::Csv => "csv",
            OutputFormat::Tsv => "tsv",
            OutputFormat::Ndjson => "ndjson",
            OutputFormat::Arrow => "arrow",
        }
    }
}

/// Options of the formats; each format reads the ones that apply to it.
#[derive(Clone, Debug, PartialEq)]
pub struct FormatOptions {
    /// `json`: indent as Elasticsearch's `?pretty` does.
    pub pretty: bool,
    /// `json`: one array per column instead of one per row (`columnar`).
    pub columnar: bool,
    /// `json`: the `took` field, in milliseconds.
    pub took_ms: u64,
    /// `json`: add a `warnings` array after `values` when there are warnings.
    pub include_warnings: bool,
    /// `txt`, `csv`, `tsv`: print the header (`header=present`, the default).
    pub header: bool,
    /// `csv`: the field delimiter (see [`delimited::check_csv_delimiter`]).
    pub delimiter: char,
}

impl Default for FormatOptions {
    fn default() -> Self {
        FormatOptions {
            pretty: false,
            columnar: false,
            took_ms: 0,
            include_warnings: false,
            header: true,
            delimiter: ',',
        }
    }
}

/// Writes `result` in `format` to `out`.
pub fn write_result(
    result: &QueryResult,
    format: OutputFormat,
    options: &FormatOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => json::write_json(result, &json::JsonOptions::from(options), out),
        OutputFormat::Txt => txt::write_txt(result, options.header, out),
        OutputFormat::Csv => delimited::write_csv(result, options.delimiter, options.header, out),
        OutputFormat::Tsv => delimited::write_tsv(result, options.header, out),
        OutputFormat::Ndjson => ndjson::write_ndjson(result, out),
        OutputFormat::Arrow => arrow::write_arrow(result, out),
    }
}

/// Writes the JSON body with default options: compact, `took` 0, and a
/// `warnings` array after `values` when there are warnings.
pub fn write_json(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    let options = json::JsonOptions {
        include_warnings: true,
        ..json::JsonOptions::default()
    };
    json::write_json(result, &options, out)
}

/// Writes `format=txt` with its header.
pub fn write_txt(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    txt::write_txt(result, true, out)
}

/// Writes `format=csv` with its header and `,` as the delimiter.
pub fn write_csv(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    delimited::write_csv(result, ',', true, out)
}

/// Writes `format=tsv` with its header.
pub fn write_tsv(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    delimited::write_tsv(result, true, out)
}

/// Writes one JSON object per row.
pub fn write_ndjson(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    ndjson::write_ndjson(result, out)
}

/// Writes the Arrow IPC stream of `format=arrow`.
pub fn write_arrow(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    arrow::write_arrow(result, out)
}

/// Writes `result` in `format` into a string.
#[cfg(test)]
pub fn result_to_string(
    result: &QueryResult,
    format: OutputFormat,
    options: &FormatOptions,
) -> io::Result<String> {
    let mut buf = Vec::new();
    write_result(result, format, options, &mut buf)?;
    String::from_utf8(buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// The cell as responses show it: values of an `unsupported` column are
/// always null, whatever was loaded.
pub(crate) fn visible(ty: DataType, v: &Value) -> &Value {
    if ty == DataType::Unsupported {
        &Value::Null
    } else {
        v
    }
}

/// The cell of `row` at `index`; a short row reads as null.
pub(crate) fn cell(row: &[Value], index: usize) -> &Value {
    row.get(index).unwrap_or(&Value::Null)
}

/// Size above which buffered output is handed to the writer.
pub(crate) const FLUSH_AT: usize = 64 * 1024;

#[cfg(test)]
pub(crate) mod test_data {
    //! Results shared by the format tests.
    use crate::result::{Column, QueryResult};
    use crate::types::DataType;
    use crate::value::{Scalar, Value};

    /// A column.
    pub fn col(name: &str, ty: DataType) -> Column {
        Column {
            name: name.to_string(),
            ty,
        }
    }

    /// A result with every kind of cell: strings with quotes, commas, tabs,
    /// newlines and non-ASCII text, nulls, multi-values, doubles, dates, ips.
    pub fn mixed() -> QueryResult {
        QueryResult {
            columns: vec![
                col("name", DataType::Keyword),
                col("n", DataType::Long),
                col("d", DataType::Double),
                col("ts", DataType::Date),
                col("ip", DataType::Ip),
                col("tags", DataType::Keyword),
            ],
            rows: vec![
                vec![
                    Value::str("plain"),
                    Value::One(Scalar::Long(1)),
                    Value::One(Scalar::Double(3.0)),
                    Value::One(Scalar::Date(1_715_141_280_000)),
                    Value::One(Scalar::Ip([
                        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 10, 0, 0, 1,
                    ])),
                    Value::from_vec(vec![Scalar::str("a"), Scalar::str("b")]),
                ],
                vec![
                    Value::str("say \"hi\", ok\tthen\nbye"),
                    Value::Null,
                    Value::One(Scalar::Double(1.0e7)),
                    Value::Null,
                    Value::One(Scalar::Ip([
                        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
                    ])),
                    Value::Null,
                ],
                vec![
                    Value::str("żółw 🐢"),
                    Value::One(Scalar::Long(-7)),
                    Value::from_vec(vec![Scalar::Double(0.1), Scalar::Double(-2.5e-5)]),
                    Value::One(Scalar::Date(0)),
                    Value::Null,
                    Value::str("x"),
                ],
            ],
            warnings: vec!["Line 1:1: something".to_string()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names() {
        assert_eq!(OutputFormat::from_name("CSV"), Some(OutputFormat::Csv));
        assert_eq!(
            OutputFormat::from_name("ndjson"),
            Some(OutputFormat::Ndjson)
        );
        assert_eq!(OutputFormat::from_name("yaml"), None);
        for f in [
            OutputFormat::Json,
            OutputFormat::Txt,
            OutputFormat::Csv,
            OutputFormat::Tsv,
            OutputFormat::Ndjson,
            OutputFormat::Arrow,
        ] {
            assert_eq!(OutputFormat::from_name(f.name()), Some(f));
        }
    }

    #[test]
    fn dispatches_to_each_format() {
        let r = test_data::mixed();
        let opts = FormatOptions::default();
        let csv = result_to_string(&r, OutputFormat::Csv, &opts).unwrap();
        assert!(csv.starts_with("name,n,d,ts,ip,tags\r\n"));
        let tsv = result_to_string(&r, OutputFormat::Tsv, &opts).unwrap();
        assert!(tsv.starts_with("name\tn\td\tts\tip\ttags\n"));
        let txt = result_to_string(&r, OutputFormat::Txt, &opts).unwrap();
        assert!(txt.starts_with("        name         |"));
        let json = result_to_string(&r, OutputFormat::Json, &opts).unwrap();
        assert!(json.starts_with("{\"took\":0,\"is_partial\":false,\"columns\":"));
        let nd = result_to_string(&r, OutputFormat::Ndjson, &opts).unwrap();
        assert_eq!(nd.lines().count(), 3);
    }

    #[test]
    fn shorthand_writers_use_the_defaults() {
        let r = test_data::mixed();
        let mut json_out = Vec::new();
        write_json(&r, &mut json_out).unwrap();
        let json_text = String::from_utf8(json_out).unwrap();
        assert!(json_text.ends_with("\"warnings\":[\"Line 1:1: something\"]}\n"));
        let opts = FormatOptions::default();
        for (format, write) in [
            (
                OutputFormat::Txt,
                write_txt as fn(&QueryResult, &mut dyn Write) -> io::Result<()>,
            ),
            (OutputFormat::Csv, write_csv),
            (OutputFormat::Tsv, write_tsv),
            (OutputFormat::Ndjson, write_ndjson),
        ] {
            let mut buf = Vec::new();
            write(&r, &mut buf).unwrap();
            let expected = result_to_string(&r, format, &opts).unwrap();
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                expected,
                "{}",
                format.name()
            );
        }
    }

    #[test]
    fn unsupported_columns_read_as_null() {
        let r = QueryResult {
            columns: vec![test_data::col("u", DataType::Unsupported)],
            rows: vec![vec![Value::str("hidden")]],
            warnings: vec![],
        };
        let opts = FormatOptions::default();
        let csv = result_to_string(&r, OutputFormat::Csv, &opts).unwrap();
        assert_eq!(csv, "u\r\n\r\n");
        let json = result_to_string(&r, OutputFormat::Json, &opts).unwrap();
        assert!(json.contains("\"values\":[[null]]"), "{json}");
    }
}
