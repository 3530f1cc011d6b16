//! The output document, written by dotted paths with the ingest
//! processors' rules: `rename` never overwrites, `set` does, `append`
//! without duplicates builds a list.

use serde_json::{Map, Value};

/// An ECS document under construction.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// The document, nested objects.
    pub root: Map<String, Value>,
}

impl Doc {
    /// The value at a dotted path.
    pub fn get(&self, path: &str) -> Option<&Value> {
        let mut parts = path.split('.');
        let mut cur = self.root.get(parts.next()?)?;
        for part in parts {
            cur = cur.as_object()?.get(part)?;
        }
        Some(cur)
    }

    /// The object that holds the last segment of `path`, created as needed;
    /// `None` when a segment on the way is not an object.
    fn parent_mut(&mut self, path: &str) -> Option<(&mut Map<String, Value>, String)> {
        let mut parts: Vec<&str> = path.split('.').collect();
        let last = parts.pop()?.to_string();
        let mut cur = &mut self.root;
        for part in parts {
            let slot = cur
                .entry(part.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            cur = slot.as_object_mut()?;
        }
        Some((cur, last))
    }

    /// `set`: writes `value` at `path`, replacing what was there.
    pub fn set(&mut self, path: &str, value: Value) {
        if let Some((parent, key)) = self.parent_mut(path) {
            parent.insert(key, value);
        }
    }

    /// `rename` target: writes `value` unless `path` already has a value
    /// (the processor then fails and is ignored). Returns whether it wrote.
    pub fn rename_to(&mut self, path: &str, value: Value) -> bool {
        if self.get(path).is_some() {
            return false;
        }
        match self.parent_mut(path) {
            Some((parent, key)) => {
                parent.insert(key, value);
                true
            }
            None => false,
        }
    }

    /// `append` with `allow_duplicates: false`: adds `value` to the list at
    /// `path` (a single value there becomes a list) unless it is present.
    pub fn append_unique(&mut self, path: &str, value: Value) {
        let Some((parent, key)) = self.parent_mut(path) else {
            return;
        };
        match parent.get_mut(&key) {
            None => {
                parent.insert(key, Value::Array(vec![value]));
            }
            Some(Value::Array(list)) => {
                if !list.contains(&value) {
                    list.push(value);
                }
            }
            Some(other) => {
                if *other != value {
                    let first = other.take();
                    *other = Value::Array(vec![first, value]);
                }
            }
        }
    }

    /// Whether the object at `path` exists.
    pub fn has_object(&self, path: &str) -> bool {
        self.get(path).is_some_and(Value::is_object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn processor_rules() {
        let mut d = Doc::default();
        assert!(d.rename_to("user.name", json!("a")));
        assert!(!d.rename_to("user.name", json!("b")));
        d.set("user.id", json!("x"));
        d.set("user.id", json!("y"));
        d.append_unique("related.user", json!("a"));
        d.append_unique("related.user", json!("a"));
        d.append_unique("related.user", json!("b"));
        assert!(!d.rename_to("user.name.first", json!("c")));
        assert_eq!(
            Value::Object(d.root),
            json!({"user":{"name":"a","id":"y"},"related":{"user":["a","b"]}})
        );
    }
}
