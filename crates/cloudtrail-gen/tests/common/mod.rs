//! Shared utilities of the integration tests.
#![allow(dead_code, clippy::expect_used)] // test utilities: a failure here is a test failure

use std::collections::BTreeMap;

use cloudtrail_gen::{generate, Config, Expected};
use serde_json::Value;

/// One run: the raw bytes, the parsed documents, and the expected answer.
pub struct Run {
    pub bytes: Vec<u8>,
    pub docs: Vec<BTreeMap<String, Value>>,
    pub expected: Expected,
}

/// Flattens nested objects into dotted keys (arrays are kept as values).
pub fn flatten(v: &Value) -> BTreeMap<String, Value> {
    fn walk(prefix: &str, v: &Value, out: &mut BTreeMap<String, Value>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, x, out);
                }
            }
            other => {
                out.insert(prefix.to_string(), other.clone());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk("", v, &mut out);
    out
}

pub fn run(cfg: &Config) -> Run {
    let mut bytes = Vec::new();
    let expected = generate(cfg, &mut bytes).expect("generation succeeds");
    let text = std::str::from_utf8(&bytes).expect("utf-8");
    let docs = text
        .lines()
        .map(|l| flatten(&serde_json::from_str::<Value>(l).expect("each line is JSON")))
        .collect();
    Run {
        bytes,
        docs,
        expected,
    }
}

pub fn small() -> Config {
    Config {
        events: 3_000,
        ..Config::default()
    }
}

/// Epoch milliseconds of an ES-style timestamp.
pub fn ms(doc: &BTreeMap<String, Value>) -> i64 {
    let t = doc["@timestamp"].as_str().expect("@timestamp is a string");
    cloudtrail_gen::time::parse_instant(t).expect("@timestamp parses")
}

pub fn s<'a>(doc: &'a BTreeMap<String, Value>, key: &str) -> Option<&'a str> {
    doc.get(key).and_then(Value::as_str)
}

/// Documents of one caller ARN (or ARN prefix).
pub fn by_arn<'a>(run: &'a Run, prefix: &str) -> Vec<&'a BTreeMap<String, Value>> {
    run.docs
        .iter()
        .filter(|d| s(d, "aws.cloudtrail.user_identity.arn").is_some_and(|a| a.starts_with(prefix)))
        .collect()
}
