//! JSON_EXTRACT: a value out of a JSON string or `_source`.

use super::json_path::{self, ExtractError, Segment};
use super::signature::{Param, Returns, Signature, TypeSet, STRING};
use super::support::{func, sv_value, text};
use super::{CheckedCall, EvalError, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::Value;

type Res = Result<Resolved, super::ResolveError>;

/// The value at `segments` in `json`, as JSON_EXTRACT returns it: strings
/// unquoted, numbers and booleans as written, objects and arrays as compact
/// JSON, JSON `null` as null.
pub fn extract(json: &str, segments: &[Segment], path: &str) -> Result<Value, EvalError> {
    let raw = json_path::navigate(json, segments).map_err(|e| {
        EvalError::illegal_argument(match e {
            ExtractError::InvalidJson => "invalid JSON input".to_string(),
            ExtractError::Missing => format!("path [{path}] does not exist"),
            ExtractError::OutOfBounds => "array index out of bounds".to_string(),
        })
    })?;
    let raw = raw.trim();
    Ok(match raw.as_bytes().first() {
        Some(b'"') => match serde_json::from_str::<String>(raw) {
            Ok(s) => Value::str(&s),
            Err(_) => return Err(EvalError::illegal_argument("invalid JSON input")),
        },
        Some(b'{' | b'[') => Value::str(&json_path::minify(raw)),
        _ if raw == "null" => Value::Null,
        _ => Value::str(raw),
    })
}

fn json_extract(c: &CheckedCall<'_>) -> Res {
    Ok(sv_value(c.return_type, |a| {
        let (Some(doc), Some(path)) = (a.first(), a.get(1)) else {
            return Ok(Value::Null);
        };
        let path = text(path)?;
        let segments =
            json_path::parse(path).map_err(|e| EvalError::illegal_argument(e.to_string()))?;
        extract(text(doc)?, &segments, path)
    }))
}

/// A JSON document: a string or the `_source` of the row.
const JSON: TypeSet = TypeSet {
    name: "keyword or text or _source",
    accepts: |t| t.is_string() || t == DataType::Source,
};

/// The JSON functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[func(
    "json_extract",
    &[],
    Signature::of(
        &[Param::new("json", JSON), Param::new("path", STRING)],
        Returns::Fixed(DataType::Keyword),
    ),
    "The value at a JSONPath-like path of a JSON string or _source.",
    json_extract,
)];

#[cfg(test)]
mod tests {
    use super::*;

    fn get(json: &str, path: &str) -> Result<Value, String> {
        let segments = json_path::parse(path).map_err(|e| e.to_string())?;
        extract(json, &segments, path).map_err(|e| e.message)
    }

    #[test]
    fn paths_parse_in_dot_and_bracket_forms() {
        let k = |s: &str| Segment::Key(s.to_string());
        assert_eq!(json_path::parse("a.b").unwrap(), vec![k("a"), k("b")]);
        assert_eq!(
            json_path::parse("$.a['b.c'][ 2 ]").unwrap(),
            vec![k("a"), k("b.c"), Segment::Index(2)]
        );
        assert_eq!(json_path::parse("$[0]").unwrap(), vec![Segment::Index(0)]);
        assert_eq!(json_path::parse("$").unwrap(), vec![]);
        for bad in ["a..b", "a[", "a[-1]", "a['x]", "a[*]", ".", "a."] {
            assert!(json_path::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn values_come_back_as_elasticsearch_prints_them() {
        let doc = r#"{"user": {"name": "ann", "age": 41, "ok": true, "n": null,
            "tags": ["x", {"k": 1.50}], "a.b": "dotted"}, "user": {"name": "dup"}}"#;
        assert_eq!(get(doc, "user.name").unwrap(), Value::str("ann"));
        assert_eq!(get(doc, "user.age").unwrap(), Value::str("41"));
        assert_eq!(get(doc, "user.ok").unwrap(), Value::str("true"));
        assert_eq!(get(doc, "user.n").unwrap(), Value::Null);
        assert_eq!(
            get(doc, "user.tags[1]").unwrap(),
            Value::str(r#"{"k":1.50}"#)
        );
        assert_eq!(
            get(doc, "user.tags").unwrap(),
            Value::str(r#"["x",{"k":1.50}]"#)
        );
        assert_eq!(get(doc, "user['a.b']").unwrap(), Value::str("dotted"));
        // Dots in dot notation always separate keys.
        assert_eq!(
            get(doc, "user.a.b").unwrap_err(),
            "path [user.a.b] does not exist"
        );
        assert_eq!(
            get(doc, "user.tags[5]").unwrap_err(),
            "array index out of bounds"
        );
        assert_eq!(
            get(doc, "user.name.first").unwrap_err(),
            "path [user.name.first] does not exist"
        );
        assert_eq!(get("{oops", "a").unwrap_err(), "invalid JSON input");
        assert_eq!(get(r#"[1, [2, 3]]"#, "[1][0]").unwrap(), Value::str("2"));
    }
}
