//! Walks one JSON document with serde, materialising only the wanted
//! fields. Nested objects and dotted keys give the same dotted path
//! (`{"a":{"b":1}}` ≡ `{"a.b":1}`); arrays give several values; anything
//! not on the way to a wanted field is skipped without being built.

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One JSON leaf value, borrowed from the line when it has no escapes.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw<'de> {
    /// A string.
    Str(Cow<'de, str>),
    /// A string the reader has seen before in the same field, shared.
    Shared(std::sync::Arc<str>),
    /// An integer that fits in i64.
    Int(i64),
    /// An integer above i64::MAX.
    UInt(u64),
    /// Any other number.
    Float(f64),
    /// A boolean.
    Bool(bool),
}

/// Which dotted paths to collect.
#[derive(Clone, Debug, Default)]
pub struct FieldSet {
    exact: HashMap<String, usize>,
    prefixes: HashSet<String>,
    /// Collect every leaf (schema discovery) instead of a fixed set.
    pub all: bool,
}

impl FieldSet {
    /// A set collecting `fields`, each into the slot of its position.
    #[cfg(any(test, feature = "fuzzing"))]
    pub fn new<'a>(fields: impl IntoIterator<Item = &'a str>) -> FieldSet {
        let mut set = FieldSet::default();
        for (i, f) in fields.into_iter().enumerate() {
            set.exact.insert(f.to_string(), i);
            let mut end = 0;
            while let Some(pos) = f[end..].find('.') {
                end += pos;
                set.prefixes.insert(f[..end].to_string());
                end += 1;
            }
        }
        set
    }

    /// A set collecting every leaf.
    pub fn everything() -> FieldSet {
        FieldSet {
            all: true,
            ..FieldSet::default()
        }
    }
}

/// Where collected values go.
pub trait Collector<'de> {
    /// A leaf value at `path` (slot given when the path is a wanted field).
    fn leaf(&mut self, slot: Option<usize>, path: &str, value: Raw<'de>);
    /// An explicit `null` or empty array at a wanted path (counts as
    /// "seen" for schema discovery).
    fn null(&mut self, _path: &str) {}
}

/// Walks one document (a JSON object) and feeds `collector`.
pub fn walk_document<'de, C: Collector<'de>>(
    line: &'de [u8],
    fields: &FieldSet,
    collector: &mut C,
) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(line);
    let mut path = String::new();
    let seed = Node {
        fields,
        path: &mut path,
        collector,
        top: true,
        depth: 0,
    };
    seed.deserialize(&mut de)?;
    de.end()
}

/// Deepest nesting walked; deeper documents are rejected (protects the stack).
pub const MAX_DEPTH: usize = 100;

struct Node<'p, 'c, C> {
    fields: &'p FieldSet,
    path: &'p mut String,
    collector: &'c mut C,
    top: bool,
    depth: usize,
}

impl<'de, C: Collector<'de>> DeserializeSeed<'de> for Node<'_, '_, C> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, C: Collector<'de>> Node<'_, '_, C> {
    fn slot(&self) -> Option<usize> {
        self.fields.exact.get(self.path.as_str()).copied()
    }

    fn emit(self, value: Raw<'de>) -> Result<(), String> {
        if self.top {
            return Err("not an object".into());
        }
        let slot = self.slot();
        if slot.is_some() || self.fields.all {
            self.collector.leaf(slot, self.path, value);
        }
        Ok(())
    }
}

impl<'de, C: Collector<'de>> Visitor<'de> for Node<'_, '_, C> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
        self.emit(Raw::Bool(v)).map_err(E::custom)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
        self.emit(Raw::Int(v)).map_err(E::custom)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
        let raw = match i64::try_from(v) {
            Ok(i) => Raw::Int(i),
            Err(_) => Raw::UInt(v),
        };
        self.emit(raw).map_err(E::custom)
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        self.emit(Raw::Float(v)).map_err(E::custom)
    }
    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<(), E> {
        self.emit(Raw::Str(Cow::Borrowed(v))).map_err(E::custom)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.emit(Raw::Str(Cow::Owned(v.to_string())))
            .map_err(E::custom)
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<(), E> {
        self.emit(Raw::Str(Cow::Owned(v))).map_err(E::custom)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        if self.top {
            return Err(E::custom("not an object"));
        }
        self.collector.null(self.path);
        Ok(())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.top {
            return Err(serde::de::Error::custom("not an object"));
        }
        if self.depth >= MAX_DEPTH {
            return Err(serde::de::Error::custom("nesting too deep"));
        }
        let mut any = false;
        while seq
            .next_element_seed(Node {
                fields: self.fields,
                path: &mut *self.path,
                collector: &mut *self.collector,
                top: false,
                depth: self.depth + 1,
            })?
            .is_some()
        {
            any = true;
        }
        if !any {
            self.collector.null(self.path);
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(serde::de::Error::custom("nesting too deep"));
        }
        let base = self.path.len();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if base > 0 {
                self.path.push('.');
            }
            self.path.push_str(&key);
            let wanted = self.fields.all
                || self.fields.exact.contains_key(self.path.as_str())
                || self.fields.prefixes.contains(self.path.as_str());
            if wanted {
                map.next_value_seed(Node {
                    fields: self.fields,
                    path: &mut *self.path,
                    collector: &mut *self.collector,
                    top: false,
                    depth: self.depth + 1,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
            self.path.truncate(base);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Gather(Vec<(Option<usize>, String, String)>);
    impl<'de> Collector<'de> for Gather {
        fn leaf(&mut self, slot: Option<usize>, path: &str, value: Raw<'de>) {
            self.0.push((slot, path.to_string(), format!("{value:?}")));
        }
    }

    #[test]
    fn nested_and_dotted_keys_are_the_same_field() {
        let fields = FieldSet::new(["event.action", "a.b"]);
        let mut g = Gather::default();
        walk_document(
            br#"{"event":{"action":"x","other":{"deep":[1,2]}},"a.b":[1,2.5],"z":"skip"}"#,
            &fields,
            &mut g,
        )
        .unwrap();
        assert_eq!(
            g.0,
            vec![
                (Some(0), "event.action".into(), "Str(\"x\")".into()),
                (Some(1), "a.b".into(), "Int(1)".into()),
                (Some(1), "a.b".into(), "Float(2.5)".into()),
            ]
        );
    }

    #[test]
    fn arrays_of_objects_merge_leaves() {
        let fields = FieldSet::new(["a.b"]);
        let mut g = Gather::default();
        walk_document(br#"{"a":[{"b":1},{"b":2}]}"#, &fields, &mut g).unwrap();
        assert_eq!(g.0.len(), 2);
    }

    #[test]
    fn rejects_non_objects_and_garbage() {
        let fields = FieldSet::new(["a"]);
        let mut g = Gather::default();
        assert!(walk_document(b"[1]", &fields, &mut g).is_err());
        assert!(walk_document(b"42", &fields, &mut g).is_err());
        assert!(walk_document(br#"{"a":1"#, &fields, &mut g).is_err());
        assert!(walk_document(br#"{"a":1} x"#, &fields, &mut g).is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let fields = FieldSet::everything();
        let mut g = Gather::default();
        let doc = format!("{{\"a\":{}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(walk_document(doc.as_bytes(), &fields, &mut g).is_err());
    }
}
