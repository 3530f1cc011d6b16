//! Raw CloudTrail JSON kept in document order.
//!
//! The ingest pipeline renders objects with `HashMap.toString()`, whose
//! order depends on the order the keys were inserted and on how many keys
//! the object had when it was parsed, so records are parsed into this
//! order-keeping tree rather than into a sorted map.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// A JSON value with object members in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number as parsed.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Raw>),
    /// An object.
    Object(RawObject),
}

/// A JSON object: members in document order, plus the number of distinct
/// keys it had when parsed (members removed later still count for the
/// capacity of the `HashMap` that held them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawObject {
    /// Members, in the order their keys first appeared.
    pub entries: Vec<(String, Raw)>,
    /// Distinct keys at parse time.
    pub parsed_len: usize,
}

impl RawObject {
    /// The member `key`.
    pub fn get(&self, key: &str) -> Option<&Raw> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value at a dotted path of object members (`a.b.c`).
    pub fn path(&self, path: &str) -> Option<&Raw> {
        let mut parts = path.split('.');
        let mut cur = self.get(parts.next()?)?;
        for part in parts {
            match cur {
                Raw::Object(o) => cur = o.get(part)?,
                _ => return None,
            }
        }
        Some(cur)
    }

    /// The string at `path`, if it is one.
    pub fn str_at(&self, path: &str) -> Option<&str> {
        match self.path(path)? {
            Raw::String(s) => Some(s),
            _ => None,
        }
    }
}

impl Raw {
    /// The JSON value (object member order is not kept).
    pub fn to_value(&self) -> Value {
        match self {
            Raw::Null => Value::Null,
            Raw::Bool(b) => Value::Bool(*b),
            Raw::Number(n) => Value::Number(n.clone()),
            Raw::String(s) => Value::String(s.clone()),
            Raw::Array(a) => Value::Array(a.iter().map(Raw::to_value).collect()),
            Raw::Object(o) => Value::Object(
                o.entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect::<Map<String, Value>>(),
            ),
        }
    }
}

/// The pipeline's first script: removes every `null` and `""`, and every
/// object or array that becomes empty, at any depth. Returns `true` when
/// `v` itself is to be removed.
pub fn drop_empty(v: &mut Raw) -> bool {
    match v {
        Raw::Null => true,
        Raw::String(s) => s.is_empty(),
        Raw::Object(o) => {
            o.entries.retain_mut(|(_, x)| !drop_empty(x));
            o.entries.is_empty()
        }
        Raw::Array(a) => {
            a.retain_mut(|x| !drop_empty(x));
            a.is_empty()
        }
        Raw::Bool(_) | Raw::Number(_) => false,
    }
}

/// The object as compact JSON text, members in their order.
pub fn to_json_text(o: &RawObject) -> String {
    let mut out = String::new();
    write_object(o, &mut out);
    out
}

fn write_object(o: &RawObject, out: &mut String) {
    out.push('{');
    for (i, (k, v)) in o.entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(k, out);
        out.push(':');
        write_json(v, out);
    }
    out.push('}');
}

fn write_string(s: &str, out: &mut String) {
    match serde_json::to_string(s) {
        Ok(text) => out.push_str(&text),
        Err(_) => out.push_str("\"\""),
    }
}

fn write_json(v: &Raw, out: &mut String) {
    match v {
        Raw::Null => out.push_str("null"),
        Raw::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Raw::Number(n) => out.push_str(&n.to_string()),
        Raw::String(s) => write_string(s, out),
        Raw::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(x, out);
            }
            out.push(']');
        }
        Raw::Object(o) => write_object(o, out),
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Number::from_f64(v).map_or(Raw::Null, Raw::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::String(v))
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element::<Raw>()? {
            out.push(v);
        }
        Ok(Raw::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries: Vec<(String, Raw)> = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Raw>()? {
            // A repeated key keeps its first position and takes the last
            // value, as a second `put` into a HashMap does.
            match entries.iter_mut().find(|(key, _)| *key == k) {
                Some((_, slot)) => *slot = v,
                None => entries.push((k, v)),
            }
        }
        let parsed_len = entries.len();
        Ok(Raw::Object(RawObject {
            entries,
            parsed_len,
        }))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

/// Parses JSON text, keeping member order.
pub fn parse(text: &[u8]) -> Result<Raw, crate::CloudTrailError> {
    serde_json::from_slice(text).map_err(|e| crate::CloudTrailError::NotJson(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_counts_dropped_members() {
        let mut v = parse(br#"{"b":1,"a":{"x":"","y":null},"c":[null,""],"d":"k","b":2}"#).unwrap();
        assert!(!drop_empty(&mut v));
        let Raw::Object(o) = v else { panic!() };
        assert_eq!(o.parsed_len, 4);
        let keys: Vec<&str> = o.entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "d"]);
        assert_eq!(o.get("b"), Some(&Raw::Number(2.into())));
        assert_eq!(o.str_at("d"), Some("k"));
    }

    #[test]
    fn compact_text_keeps_order() {
        let text = br#"{ "z": [1, 2.5, null], "a": {"q": "\u00e9\"", "b": true} }"#;
        let Raw::Object(o) = parse(text).unwrap() else {
            panic!()
        };
        assert_eq!(
            to_json_text(&o),
            r#"{"z":[1,2.5,null],"a":{"q":"é\"","b":true}}"#
        );
    }

    #[test]
    fn paths() {
        let v = parse(br#"{"a":{"b":{"c":"x"}},"s":"t"}"#).unwrap();
        let Raw::Object(o) = v else { panic!() };
        assert_eq!(o.str_at("a.b.c"), Some("x"));
        assert_eq!(o.path("s.t"), None);
        assert_eq!(o.path("a.z"), None);
    }
}
