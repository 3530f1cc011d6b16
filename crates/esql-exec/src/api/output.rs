//! Printing a [`Table`] in Elasticsearch's formats.

use super::session::Table;
use crate::format;
use std::io::{self, Write};

/// The formats a table prints in: Elasticsearch's `format=json|txt|csv|tsv|arrow`
/// responses, plus `ndjson` (one object per row).
pub use crate::format::OutputFormat as Format;

/// The `_query` API's formatting parameters, for [`Table::write_with`].
pub use crate::format::FormatOptions;

impl FormatOptions {
    /// These options with `delimiter` as the csv field delimiter, checked as
    /// Elasticsearch checks its `delimiter=` parameter (one character, not
    /// `"`, CR, LF or TAB), or Elasticsearch's message.
    pub fn with_csv_delimiter(
        self,
        delimiter: &str,
    ) -> Result<FormatOptions, format::delimited::DelimiterError> {
        let delimiter = format::delimited::check_csv_delimiter(delimiter)?;
        Ok(FormatOptions { delimiter, ..self })
    }
}

impl Table {
    /// Writes the table in `format`: `txt`, `csv` and `tsv` with a header,
    /// `json` as the `_query` response body (compact, with a `warnings`
    /// array when the run gave warnings).
    pub fn write(&self, format: Format, out: &mut dyn Write) -> io::Result<()> {
        match format {
            Format::Json => format::write_json(self, out),
            Format::Txt => format::write_txt(self, out),
            Format::Csv => format::write_csv(self, out),
            Format::Tsv => format::write_tsv(self, out),
            Format::Ndjson => format::write_ndjson(self, out),
            Format::Arrow => format::write_arrow(self, out),
        }
    }

    /// Writes the table in `format` with the `_query` API's formatting
    /// parameters (`pretty`, `columnar`, `header`, `delimiter`, the
    /// `warnings` array).
    pub fn write_with(
        &self,
        format: Format,
        options: &FormatOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        format::write_result(self, format, options, out)
    }

    /// The table in `format`, as a string (`arrow`, a binary stream, comes
    /// back lossily decoded: write it to bytes with [`Table::write`]).
    pub fn to_text(&self, format: Format) -> String {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = self.write(format, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Session;

    #[test]
    fn tables_print_in_each_format() {
        let t = Session::new().query("ROW a = 1, b = \"x\"").unwrap();
        assert_eq!(
            t.to_text(Format::Txt),
            "       a       |       b       \n---------------+---------------\n1              |x              \n"
        );
        assert_eq!(t.to_text(Format::Csv), "a,b\r\n1,x\r\n");
        assert_eq!(t.to_text(Format::Ndjson), "{\"a\":1,\"b\":\"x\"}\n");
        assert!(t.to_text(Format::Json).contains("\"values\":[[1,\"x\"]]"));
    }
}
