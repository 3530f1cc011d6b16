//! Field-type tables: tab-separated `field<TAB>type[<TAB>index_pattern]`
//! lines, the offline stand-in for index mappings (`--field-types FILE`, and
//! the built-in ECS table).
//!
//! * An optional header line names the columns (`field`, `type`,
//!   `index_pattern`, others ignored, e.g. `source`); without one the columns
//!   are positional. Empty lines and lines starting with `#` are skipped.
//! * `type` is an Elasticsearch mapping type, typed like a mapping
//!   ([`super::mapping::esql_type`]). `object` and `nested` rows name
//!   containers, not columns, and are skipped.
//! * `index_pattern` (comma-separated globs, may be empty) restricts a line to
//!   the indices it matches (plain `*` globs; hidden names are not special
//!   here).
//! * A `*` in a field name stands for one or more whole path segments
//!   (`amqp.headers.*` covers `amqp.headers.x` and `amqp.headers.x.y`); within
//!   a segment (`foo*`) it matches any run of characters.
//! * Precedence for one index: a line with a matching `index_pattern` beats a
//!   line without one; between equals, the later line (and later file) wins;
//!   exact field names are looked up before wildcard names.

use super::error::CatalogError;
use super::mapping::MappedField;
use super::pattern::glob_match;
use std::collections::HashMap;
use std::path::Path;

/// One row of a field-type table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldTypeRow {
    /// The field name, possibly with `*` segments.
    pub field: String,
    /// The declared type.
    pub decl: MappedField,
    /// Index globs the row is restricted to (empty: every index).
    pub index_patterns: Vec<String>,
}

/// Parses table text; errors carry the 1-based line number.
pub fn parse_field_types(text: &str) -> Result<Vec<FieldTypeRow>, (usize, String)> {
    let mut rows = Vec::new();
    let mut columns: Option<(usize, usize, Option<usize>)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if columns.is_none() {
            let pos = |name: &str| cells.iter().position(|c| c.eq_ignore_ascii_case(name));
            if let (Some(f), Some(t)) = (pos("field"), pos("type")) {
                columns = Some((f, t, pos("index_pattern")));
                continue;
            }
            columns = Some((0, 1, Some(2)));
        }
        let (f, t, p) = columns.unwrap_or((0, 1, Some(2)));
        let field = cells.get(f).copied().unwrap_or("");
        let es_type = cells.get(t).copied().unwrap_or("");
        if field.is_empty() || es_type.is_empty() {
            return Err((
                line_no,
                "expected field<TAB>type[<TAB>index_pattern]".to_string(),
            ));
        }
        if matches!(es_type, "object" | "nested") {
            continue;
        }
        let index_patterns = p
            .and_then(|p| cells.get(p))
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        rows.push(FieldTypeRow {
            field: field.to_string(),
            decl: MappedField::of_es_type(es_type),
            index_patterns,
        });
    }
    Ok(rows)
}

/// Reads one `--field-types` file.
pub fn read_field_types(path: &Path) -> Result<Vec<FieldTypeRow>, CatalogError> {
    let text = std::fs::read_to_string(path).map_err(|e| CatalogError::io(path, &e))?;
    parse_field_types(&text).map_err(|(line, message)| CatalogError::BadFieldTypes {
        path: path.to_path_buf(),
        line,
        message,
    })
}

/// `true` when the dotted `field` matches the dotted `pattern`, where a
/// segment that is exactly `*` stands for one or more segments.
pub fn field_pattern_match(pattern: &str, field: &str) -> bool {
    let p: Vec<&str> = pattern.split('.').collect();
    let f: Vec<&str> = field.split('.').collect();
    segments_match(&p, &f)
}

fn segments_match(p: &[&str], f: &[&str]) -> bool {
    match (p.split_first(), f.split_first()) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some((&"*", p_rest)), Some(_)) => (1..=f.len())
            .filter_map(|n| f.get(n..))
            .any(|rest| segments_match(p_rest, rest)),
        (Some((seg, p_rest)), Some((name, f_rest))) => {
            glob_match(seg, name) && segments_match(p_rest, f_rest)
        }
    }
}

/// The rows of all tables that apply to one index, ready for lookups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexFieldTypes {
    exact: HashMap<String, (u8, MappedField)>,
    wildcard: Vec<(u8, String, MappedField)>,
}

impl IndexFieldTypes {
    /// Selects, from `rows` in order, the ones that apply to `index`.
    pub fn for_index(rows: &[FieldTypeRow], index: &str) -> Self {
        let mut out = IndexFieldTypes::default();
        for row in rows {
            let rank = if row.index_patterns.is_empty() {
                0
            } else if row.index_patterns.iter().any(|p| glob_match(p, index)) {
                1
            } else {
                continue;
            };
            if row.field.contains('*') {
                out.wildcard
                    .push((rank, row.field.clone(), row.decl.clone()));
            } else {
                let keep_old = out.exact.get(&row.field).is_some_and(|(r, _)| *r > rank);
                if !keep_old {
                    out.exact
                        .insert(row.field.clone(), (rank, row.decl.clone()));
                }
            }
        }
        out
    }

    /// Builds the lookup table of rows that are not restricted by index.
    pub fn unrestricted(rows: &[FieldTypeRow]) -> Self {
        let plain: Vec<FieldTypeRow> = rows
            .iter()
            .filter(|r| r.index_patterns.is_empty())
            .cloned()
            .collect();
        Self::for_index(&plain, "")
    }

    /// The declared type of `field`, if a row covers it.
    pub fn get(&self, field: &str) -> Option<&MappedField> {
        if let Some((_, decl)) = self.exact.get(field) {
            return Some(decl);
        }
        let mut best: Option<(u8, &MappedField)> = None;
        for (rank, pattern, decl) in &self.wildcard {
            let better = match best {
                None => true,
                Some((r, _)) => *rank >= r,
            };
            if better && field_pattern_match(pattern, field) {
                best = Some((*rank, decl));
            }
        }
        best.map(|(_, d)| d)
    }

    /// The exact (non-wildcard) field names covered, in no particular order.
    pub fn exact_fields(&self) -> impl Iterator<Item = (&str, &MappedField)> {
        self.exact.iter().map(|(k, (_, v))| (k.as_str(), v))
    }

    /// `true` when some wildcard row's declaration satisfies `pred`.
    pub fn has_wildcard(&self, pred: impl Fn(&MappedField) -> bool) -> bool {
        self.wildcard.iter().any(|(_, _, decl)| pred(decl))
    }

    /// `true` when no row applies.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.wildcard.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::DataType;

    const TABLE: &str = "field\ttype\tindex_pattern\tsource\n\
        # a comment\n\
        user.name\tkeyword\t\tx\n\
        aws.cloudtrail.flag\tboolean\tlogs-aws.cloudtrail-*\tx\n\
        aws.cloudtrail.flag\tkeyword\t\tx\n\
        amqp.headers.*\tkeyword\tlogs-network_traffic.amqp-*\tx\n\
        a.*.id\tlong\t\tx\n\
        obj\tobject\t\tx\n\
        message\tmatch_only_text\t\tx\n\
        blob\tflattened\t\tx\n\
        \n\
        user.name\twildcard\tother-*,logs-*\tx\n";

    #[test]
    fn parses_header_comments_and_skips_objects() {
        let rows = parse_field_types(TABLE).unwrap();
        assert_eq!(rows.len(), 8);
        assert_eq!(rows[1].index_patterns, vec!["logs-aws.cloudtrail-*"]);
        assert_eq!(rows[7].index_patterns, vec!["other-*", "logs-*"]);
        assert!(rows.iter().all(|r| r.field != "obj"));
    }

    #[test]
    fn index_pattern_filtering_and_precedence() {
        let rows = parse_field_types(TABLE).unwrap();
        let ct = IndexFieldTypes::for_index(&rows, "logs-aws.cloudtrail-default");
        assert_eq!(ct.get("aws.cloudtrail.flag").unwrap().ty, DataType::Boolean);
        assert_eq!(ct.get("user.name").unwrap().es_type, "wildcard");
        assert_eq!(ct.get("message").unwrap().ty, DataType::Text);
        assert_eq!(ct.get("blob").unwrap().ty, DataType::Unsupported);
        assert!(ct.get("amqp.headers.x").is_none());
        let other = IndexFieldTypes::for_index(&rows, "employees");
        assert_eq!(
            other.get("aws.cloudtrail.flag").unwrap().ty,
            DataType::Keyword
        );
        assert_eq!(other.get("user.name").unwrap().es_type, "keyword");
        let amqp = IndexFieldTypes::for_index(&rows, "logs-network_traffic.amqp-default");
        assert_eq!(amqp.get("amqp.headers.x.y").unwrap().ty, DataType::Keyword);
        assert!(amqp.get("amqp.headers").is_none());
        assert_eq!(amqp.get("a.b.c.id").unwrap().ty, DataType::Long);
        assert!(amqp.get("a.id").is_none());
        let free = IndexFieldTypes::unrestricted(&rows);
        assert_eq!(
            free.get("aws.cloudtrail.flag").unwrap().ty,
            DataType::Keyword
        );
    }

    #[test]
    fn headerless_and_errors() {
        let rows = parse_field_types("x\tlong\ny\tip\tlogs-*\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].decl.ty, DataType::Long);
        assert_eq!(rows[1].index_patterns, vec!["logs-*"]);
        assert_eq!(parse_field_types("x\tlong\nbroken\n").unwrap_err().0, 2);
        assert_eq!(parse_field_types("field\ttype\n\ty\n").unwrap_err().0, 2);
    }

    #[test]
    fn field_patterns() {
        assert!(field_pattern_match("a.*", "a.b"));
        assert!(field_pattern_match("a.*", "a.b.c"));
        assert!(!field_pattern_match("a.*", "a"));
        assert!(field_pattern_match("a.*.c", "a.x.y.c"));
        assert!(!field_pattern_match("a.*.c", "a.c"));
        assert!(field_pattern_match("a.b*", "a.bcd"));
        assert!(!field_pattern_match("a.b*", "a.b.c"));
    }
}
