//! One line to one row: the prefilter, the navigator, coercion to the
//! fields' types, constants and metadata columns.

use super::coerce;
use super::fast::{walk_sharing, PathTrie};
use super::intern::Interner;
use super::walk::Raw;
use super::{ScanIndex, ScanSpec};
use crate::types::DataType;
use crate::value::{Row, Scalar, Value};
use memchr::memmem::Finder;
use std::sync::Arc;

/// The file a line comes from.
pub struct FileRef<'a> {
    /// Its index.
    pub index: &'a ScanIndex,
    /// The index name, shared by every row.
    pub index_name: &'a Arc<str>,
    /// The file name without data extensions.
    pub stem: String,
}

/// What became of one line.
pub enum Decoded {
    /// The prefilter proved no row of it can pass the leading filters.
    Skipped,
    /// A row.
    Row(Row),
    /// Not a JSON object: why.
    Bad(String),
}

/// Turns lines into rows for one scan specification.
pub struct Decoder<'s> {
    spec: &'s ScanSpec,
    trie: PathTrie,
    /// The prefilter's literal groups, each with how many lines it ruled
    /// out, tried in order of that count.
    finders: Vec<(u64, Vec<Finder<'static>>)>,
    /// Lines tested against the prefilter since its groups were last
    /// reordered.
    tested: u64,
    id_slot: Option<usize>,
    failures: Vec<u64>,
    /// The leaves buffer, kept between lines (emptied).
    leaves: Vec<(usize, Raw<'static>)>,
    /// Per field: its recent string values, shared by the rows.
    names: Vec<Interner>,
    /// Key segments of the wanted fields: an array under such a key may
    /// make a column multi-valued, and filters warn on multi-values.
    segments: Vec<Vec<u8>>,
}

impl<'s> Decoder<'s> {
    /// A decoder for `spec`.
    pub fn new(spec: &'s ScanSpec) -> Decoder<'s> {
        let mut names: Vec<&str> = spec.fields.iter().map(|(n, _)| n.as_str()).collect();
        let id_slot = spec.metadata.iter().any(|m| m == "_id").then(|| {
            names.push("_id");
            names.len() - 1
        });
        let finders = spec
            .required_literals
            .iter()
            .map(|g| {
                let group = g
                    .iter()
                    .map(|l| Finder::new(l.as_bytes()).into_owned())
                    .collect();
                (0, group)
            })
            .collect();
        // Only the fields the prefiltered filters read can make a skipped
        // line warn; a field merely read (a STATS key) cannot.
        let mut segments: Vec<Vec<u8>> = Vec::new();
        let filtered = spec
            .prefilter_columns
            .iter()
            .filter_map(|&i| spec.fields.get(i))
            .map(|(n, _)| n.as_str());
        for seg in filtered.flat_map(|n| n.split('.')) {
            if !segments.iter().any(|s| s == seg.as_bytes()) {
                segments.push(seg.as_bytes().to_vec());
            }
        }
        Decoder {
            spec,
            segments,
            // An `unsupported` field (flattened, geo_point…) reads as null
            // whatever the document holds: it is not walked at all.
            trie: PathTrie::with_slots(names.iter().enumerate().filter_map(|(i, n)| {
                let unsupported = spec
                    .fields
                    .get(i)
                    .is_some_and(|(_, ty)| *ty == DataType::Unsupported);
                (!unsupported).then_some((i, *n))
            })),
            finders,
            tested: 0,
            id_slot,
            failures: vec![0; spec.fields.len()],
            names: spec
                .fields
                .iter()
                .map(|(_, ty)| match ty {
                    DataType::Keyword | DataType::Text => Interner::default(),
                    _ => Interner::disabled(),
                })
                .collect(),
            leaves: Vec::with_capacity(spec.fields.len() + 2),
        }
    }

    /// Values that did not fit their field's type so far, by field name.
    pub fn failures(&self) -> Vec<(String, u64)> {
        self.spec
            .fields
            .iter()
            .zip(&self.failures)
            .filter(|(_, n)| **n > 0)
            .map(|((name, _), n)| (name.clone(), *n))
            .collect()
    }

    /// True when some array in `line` sits under a key (or dotted key) one
    /// of whose segments is a segment of a wanted field.
    fn may_be_multi_valued(&self, line: &[u8]) -> bool {
        super::byte_scan::keys_of_arrays(line).any(|key| {
            key.split(|&b| b == b'.')
                .any(|seg| self.segments.iter().any(|s| s.as_slice() == seg))
        })
    }

    /// True when the raw line might pass the leading filters (see
    /// [`super::may_match`]); the groups that rule out the most lines are tried
    /// first, as a line is ruled out by the first group it lacks.
    fn may_match(&mut self, line: &[u8]) -> bool {
        if self.finders.is_empty() || super::may_escape_a_literal(line) {
            return true;
        }
        self.tested += 1;
        if self.tested >= 256 {
            self.tested = 0;
            self.finders
                .sort_by_key(|(ruled_out, _)| std::cmp::Reverse(*ruled_out));
        }
        for (ruled_out, group) in &mut self.finders {
            if !group.iter().any(|f| f.find(line).is_some()) {
                *ruled_out += 1;
                return false;
            }
        }
        true
    }

    /// Decodes line `number` of `file`.
    pub fn decode(&mut self, line: &[u8], number: u64, file: &FileRef<'_>) -> Decoded {
        if !self.may_match(line) && !self.may_be_multi_valued(line) {
            return Decoded::Skipped;
        }
        let mut leaves = recycle(std::mem::take(&mut self.leaves));
        if let Err(e) = walk_sharing(line, &self.trie, &mut leaves, &mut self.names) {
            return Decoded::Bad(e.to_string());
        }
        // Stable, so the values of one field keep document order.
        leaves.sort_by_key(|(slot, _)| *slot);
        let spec = self.spec;
        let mut row: Row = Vec::with_capacity(spec.fields.len() + spec.metadata.len());
        let mut rest = leaves.as_slice();
        for (i, (_, ty)) in spec.fields.iter().enumerate() {
            let n = rest.iter().take_while(|(s, _)| *s == i).count();
            let (mine, after) = rest.split_at(n.min(rest.len()));
            rest = after;
            row.push(typed_cell(
                mine,
                *ty,
                self.failures.get_mut(i),
                self.names.get_mut(i),
            ));
        }
        let id: Option<Raw<'_>> = self
            .id_slot
            .and_then(|slot| rest.iter().find(|(s, _)| *s == slot))
            .map(|(_, r)| r.clone());
        self.leaves = recycle(leaves);
        for (pos, v) in &file.index.constants {
            if let Some(cell) = row.get_mut(*pos) {
                *cell = v.clone();
            }
        }
        for m in &spec.metadata {
            row.push(match m.as_str() {
                "_index" => Value::One(Scalar::Str(file.index_name.clone())),
                "_id" => match &id {
                    Some(raw) => coerce::coerce(raw, DataType::Keyword)
                        .map(Value::One)
                        .unwrap_or(Value::Null),
                    None => Value::str(&format!("{}:{number}", file.stem)),
                },
                "_version" => Value::One(Scalar::Long(1)),
                "_score" => Value::One(Scalar::Double(0.0)),
                "_index_mode" => Value::str("standard"),
                // The document as written (the reader has checked it is a
                // JSON object in valid UTF-8).
                "_source" => std::str::from_utf8(line)
                    .map(|text| Value::str(text.trim()))
                    .unwrap_or(Value::Null),
                _ => Value::Null,
            });
        }
        Decoded::Row(row)
    }
}

/// Builds a cell from a field's leaves, normalised as Elasticsearch stores
/// multi-values; leaves that do not fit the type count as failures.
fn typed_cell(
    raws: &[(usize, Raw<'_>)],
    ty: DataType,
    failures: Option<&mut u64>,
    mut names: Option<&mut Interner>,
) -> Value {
    let mut scalar = |raw: &Raw<'_>| match (raw, ty, names.as_deref_mut()) {
        (Raw::Str(s), DataType::Keyword | DataType::Text, Some(names)) => {
            Some(Scalar::Str(names.get(s)))
        }
        (Raw::Shared(s), DataType::Keyword | DataType::Text, _) => Some(Scalar::Str(s.clone())),
        _ => coerce::coerce(raw, ty),
    };
    match raws {
        [] => Value::Null,
        [(_, one)] => match scalar(one) {
            Some(s) => Value::One(s),
            None => {
                if let Some(f) = failures {
                    *f += 1;
                }
                Value::Null
            }
        },
        many => {
            let mut out = Vec::with_capacity(many.len());
            let mut failed = 0;
            for (_, r) in many {
                match scalar(r) {
                    Some(s) => out.push(s),
                    None => failed += 1,
                }
            }
            if failed > 0 {
                if let Some(f) = failures {
                    *f += 1;
                }
            }
            Value::from_vec(out).normalize_for(ty)
        }
    }
}

/// `v` emptied, as a buffer for leaves of another line: collecting an
/// emptied vector into one of a same-sized element type keeps its
/// allocation.
// `filter` could not change the element type, which is the point here.
#[allow(clippy::unnecessary_filter_map)]
fn recycle<'b>(mut v: Vec<(usize, Raw<'_>)>) -> Vec<(usize, Raw<'b>)> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recycled_leaf_buffers_keep_their_allocation() {
        let line = String::from("abc");
        let mut v: Vec<(usize, Raw<'_>)> = Vec::with_capacity(8);
        v.push((0, Raw::Str(std::borrow::Cow::Borrowed(line.as_str()))));
        let r: Vec<(usize, Raw<'static>)> = recycle(v);
        assert!(r.is_empty());
        assert!(r.capacity() >= 8);
    }

    /// A spec reading `s` and `tags`, prefiltered on `s == "x"`; the
    /// prefiltered filter reads the fields at `filtered`.
    fn spec_filtering(filtered: Vec<usize>) -> ScanSpec {
        ScanSpec {
            fields: vec![
                ("s".into(), DataType::Keyword),
                ("tags".into(), DataType::Keyword),
            ],
            metadata: Vec::new(),
            required_literals: vec![vec!["x".into()]],
            prefilter_columns: filtered,
            record_prefilter: Default::default(),
            on_bad_line: super::super::BadLinePolicy::Fail,
            progress: None,
        }
    }

    fn skipped(spec: &ScanSpec, line: &str) -> bool {
        let index = ScanIndex {
            name: "i".into(),
            files: Vec::new(),
            constants: Vec::new(),
            format: super::super::documents::DocumentFormat::default(),
        };
        let name: Arc<str> = Arc::from("i");
        let file = FileRef {
            index: &index,
            index_name: &name,
            stem: "i".into(),
        };
        matches!(
            Decoder::new(spec).decode(line.as_bytes(), 1, &file),
            Decoded::Skipped
        )
    }

    #[test]
    fn an_array_of_a_field_the_filter_reads_keeps_the_line() {
        // The filter on `s` would warn on a multi-valued `s`.
        assert!(!skipped(&spec_filtering(vec![0]), r#"{"s":["y","z"]}"#));
    }

    #[test]
    fn an_array_of_a_field_only_read_does_not_keep_the_line() {
        // `tags` is read (say, a STATS key) but not filtered: a line
        // without the literal is skipped whatever `tags` holds.
        let spec = spec_filtering(vec![0]);
        assert!(skipped(&spec, r#"{"s":"y","tags":["a","b"]}"#));
        // Were `tags` filtered too, its array would keep the line.
        assert!(!skipped(
            &spec_filtering(vec![0, 1]),
            r#"{"s":"y","tags":["a","b"]}"#
        ));
    }
}
