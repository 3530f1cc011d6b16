//! ES|QL data types, their names, and the widening rules between them.

use std::fmt;

/// An ES|QL data type, named as Elasticsearch reports it in `columns[].type`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum DataType {
    /// The type of a bare `null`.
    Null,
    /// `boolean`
    Boolean,
    /// `integer` (32-bit)
    Integer,
    /// `long` (64-bit)
    Long,
    /// `unsigned_long` (64-bit unsigned)
    UnsignedLong,
    /// `double`
    Double,
    /// `keyword`
    Keyword,
    /// `text` (compares like keyword; functions return keyword)
    Text,
    /// `date` (milliseconds since the epoch, UTC)
    Date,
    /// `date_nanos` (nanoseconds since the epoch, UTC)
    DateNanos,
    /// `ip` (16 bytes, IPv4 mapped into IPv6)
    Ip,
    /// `version`
    Version,
    /// `date_period` (constants only)
    DatePeriod,
    /// `time_duration` (constants only)
    TimeDuration,
    /// `_source`: the whole document as JSON text (`METADATA _source`).
    Source,
    /// A field esql cannot use (conflicting or unsupported mapping).
    Unsupported,
}

impl DataType {
    /// The name Elasticsearch prints for this type.
    pub fn name(self) -> &'static str {
        match self {
            DataType::Null => "null",
            DataType::Boolean => "boolean",
            DataType::Integer => "integer",
            DataType::Long => "long",
            DataType::UnsignedLong => "unsigned_long",
            DataType::Double => "double",
            DataType::Keyword => "keyword",
            DataType::Text => "text",
            DataType::Date => "date",
            DataType::DateNanos => "date_nanos",
            DataType::Ip => "ip",
            DataType::Version => "version",
            DataType::DatePeriod => "date_period",
            DataType::TimeDuration => "time_duration",
            DataType::Source => "_source",
            DataType::Unsupported => "unsupported",
        }
    }

    /// Parses a type name as used in casts (`::long`), mappings and field-type
    /// tables. Accepts Elasticsearch's aliases (`int`, `string`, `datetime`, …)
    /// and mapping types that ES|QL widens (`short` → integer, `float` → double).
    pub fn from_name(name: &str) -> Option<DataType> {
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "null" => DataType::Null,
            "boolean" | "bool" => DataType::Boolean,
            "integer" | "int" | "short" | "byte" => DataType::Integer,
            "long" => DataType::Long,
            "unsigned_long" | "ul" => DataType::UnsignedLong,
            "double" | "float" | "half_float" | "scaled_float" => DataType::Double,
            "keyword" | "string" | "constant_keyword" | "wildcard" => DataType::Keyword,
            "text" | "match_only_text" => DataType::Text,
            "date" | "datetime" => DataType::Date,
            "date_nanos" => DataType::DateNanos,
            "ip" => DataType::Ip,
            "version" => DataType::Version,
            "date_period" => DataType::DatePeriod,
            "time_duration" => DataType::TimeDuration,
            _ => return None,
        })
    }

    /// `integer`, `long`, `unsigned_long` or `double`.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            DataType::Integer | DataType::Long | DataType::UnsignedLong | DataType::Double
        )
    }

    /// `integer`, `long` or `unsigned_long`.
    pub fn is_whole_number(self) -> bool {
        matches!(
            self,
            DataType::Integer | DataType::Long | DataType::UnsignedLong
        )
    }

    /// `keyword` or `text`.
    pub fn is_string(self) -> bool {
        matches!(self, DataType::Keyword | DataType::Text)
    }

    /// `date` or `date_nanos`.
    pub fn is_date(self) -> bool {
        matches!(self, DataType::Date | DataType::DateNanos)
    }

    /// `date_period` or `time_duration`.
    pub fn is_span(self) -> bool {
        matches!(self, DataType::DatePeriod | DataType::TimeDuration)
    }

    /// The type functions return for values of this type (`text` → `keyword`).
    pub fn widen_string(self) -> DataType {
        if self == DataType::Text {
            DataType::Keyword
        } else {
            self
        }
    }

    /// The common numeric type of two numeric types, if they mix
    /// (`unsigned_long` mixes only with itself).
    pub fn common_numeric(a: DataType, b: DataType) -> Option<DataType> {
        use DataType::*;
        if !a.is_numeric() || !b.is_numeric() {
            return None;
        }
        if a == b {
            return Some(a);
        }
        if a == UnsignedLong || b == UnsignedLong {
            return None;
        }
        if a == Double || b == Double {
            Some(Double)
        } else {
            Some(Long)
        }
    }

    /// The type both sides of a comparison or a conditional unify to, if any:
    /// equal types, numeric widening, keyword/text mixes, date/date_nanos,
    /// and `null` with anything.
    pub fn common(a: DataType, b: DataType) -> Option<DataType> {
        use DataType::*;
        if a == b {
            return Some(a);
        }
        if a == Null {
            return Some(b);
        }
        if b == Null {
            return Some(a);
        }
        if a.is_string() && b.is_string() {
            return Some(Keyword);
        }
        if a.is_date() && b.is_date() {
            return Some(DateNanos);
        }
        Self::common_numeric(a, b)
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in [
            DataType::Boolean,
            DataType::Integer,
            DataType::Long,
            DataType::UnsignedLong,
            DataType::Double,
            DataType::Keyword,
            DataType::Text,
            DataType::Date,
            DataType::DateNanos,
            DataType::Ip,
            DataType::Version,
        ] {
            assert_eq!(DataType::from_name(t.name()), Some(t));
        }
        assert_eq!(DataType::from_name("DATETIME"), Some(DataType::Date));
    }

    #[test]
    fn numeric_widening() {
        use DataType::*;
        assert_eq!(DataType::common_numeric(Integer, Long), Some(Long));
        assert_eq!(DataType::common_numeric(Integer, Double), Some(Double));
        assert_eq!(DataType::common_numeric(UnsignedLong, Long), None);
        assert_eq!(DataType::common(Keyword, Text), Some(Keyword));
    }
}
