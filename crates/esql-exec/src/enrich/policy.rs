//! Reading enrich policy files.

use super::error::{FileProblem, PolicyError};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// A local enrich policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnrichPolicy {
    /// The name ENRICH refers to.
    pub name: String,
    /// `match`, `range` or `geo_match`.
    pub kind: String,
    /// The field of the enrich documents that is looked up.
    pub match_field: String,
    /// The fields ENRICH can add.
    pub enrich_fields: Vec<String>,
    /// The enrich documents: NDJSON files or folders.
    pub sources: Vec<PathBuf>,
}

/// Reads a policy file; the message says what is wrong with it.
pub fn read_policy(path: &Path) -> Result<EnrichPolicy, PolicyError> {
    let bad = |problem: FileProblem| PolicyError::File {
        path: path.to_path_buf(),
        problem,
    };
    let text =
        std::fs::read_to_string(path).map_err(|e| bad(FileProblem::Unreadable(e.to_string())))?;
    let json: Json =
        serde_json::from_str(&text).map_err(|e| bad(FileProblem::NotJson(e.to_string())))?;
    let Json::Object(top) = json else {
        return Err(bad(FileProblem::NotAnObject));
    };
    let name = match top.get("name") {
        Some(Json::String(n)) => n.clone(),
        Some(_) => return Err(bad(FileProblem::NameNotAString)),
        None => default_name(path),
    };
    let mut kinds = top.iter().filter(|(k, _)| k.as_str() != "name");
    let (Some((kind, Json::Object(body))), None) = (kinds.next(), kinds.next()) else {
        return Err(bad(FileProblem::NoPolicyType));
    };
    let base = path.parent().unwrap_or_else(|| Path::new("."));
    let sources = match body.get("indices") {
        Some(Json::String(s)) => vec![base.join(s)],
        Some(Json::Array(list)) => list
            .iter()
            .map(|v| v.as_str().map(|s| base.join(s)))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| bad(FileProblem::IndicesNotFiles))?,
        _ => return Err(bad(FileProblem::IndicesMissing)),
    };
    if sources.is_empty() {
        return Err(bad(FileProblem::IndicesEmpty));
    }
    let match_field = body
        .get("match_field")
        .and_then(Json::as_str)
        .ok_or_else(|| bad(FileProblem::MatchFieldMissing))?
        .to_string();
    let enrich_fields = match body.get("enrich_fields") {
        Some(Json::Array(list)) => list
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| bad(FileProblem::EnrichFieldsNotNames))?,
        _ => return Err(bad(FileProblem::EnrichFieldsMissing)),
    };
    Ok(EnrichPolicy {
        name,
        kind: kind.clone(),
        match_field,
        enrich_fields,
        sources,
    })
}

fn default_name(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem = file.strip_suffix(".json").unwrap_or(&file);
    stem.strip_suffix(".enrich").unwrap_or(stem).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("esql-policy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn reads_the_elasticsearch_policy_body() {
        let path = write(
            "hosts.enrich.json",
            r#"{"match": {"indices": ["a.ndjson", "b"], "match_field": "host.name", "enrich_fields": ["owner"]}}"#,
        );
        let p = read_policy(&path).unwrap();
        assert_eq!(p.name, "hosts");
        assert_eq!(p.kind, "match");
        assert_eq!(p.match_field, "host.name");
        assert_eq!(p.enrich_fields, vec!["owner"]);
        assert_eq!(
            p.sources,
            vec![path.with_file_name("a.ndjson"), path.with_file_name("b")]
        );
    }

    #[test]
    fn explains_what_is_missing() {
        let path = write("x.json", r#"{"name": "n", "match": {"indices": "a"}}"#);
        let e = read_policy(&path).unwrap_err();
        assert!(matches!(
            &e,
            PolicyError::File {
                problem: FileProblem::MatchFieldMissing,
                ..
            }
        ));
        assert!(e.to_string().ends_with("[match_field] is required"), "{e}");
        let path = write("y.json", r#"{"match": {}, "range": {}}"#);
        let e = read_policy(&path).unwrap_err().to_string();
        assert!(e.contains("one policy type"), "{e}");
    }
}
