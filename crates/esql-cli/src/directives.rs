//! `esql-test:` directives: the data and clock a hunt's snapshot test uses,
//! written in the hunt's leading comments.
//!
//! ```text
//! // esql-test: data-dir=fixtures now=2024-05-11T00:00:00Z      (.esql)
//! # esql-test: data-dir=fixtures field-types=types.tsv          (.toml)
//! <!-- esql-test: data-dir=fixtures now=2024-05-11T00:00:00Z --> (Markdown)
//! ```
//!
//! Only the comment lines at the very top of the file are read (blank lines
//! may come between them); the first other line ends them. A directive line
//! holds `key=value` words separated by spaces; several directive lines add
//! up. Keys: `data-dir` (repeatable), `index=NAME=PATH` (repeatable),
//! `mapping` (repeatable), `field-types` (repeatable), `enrich-policy`
//! (repeatable), `input-format` (`auto`, `ndjson`, `cloudtrail`),
//! `cloudtrail-pipeline` (an AWS integration version, e.g. `7.3.0`), `now`,
//! and the query parameters of `--param` (`param=NAME=VALUE`, repeatable),
//! `--param-identifier`, `--param-pattern` (repeatable), `--from` and `--to`.
//! Paths are relative to the folder holding the hunt file. Values cannot
//! hold spaces.

use crate::data_args::{DataArgs, InputFormatArg};
use clap::ValueEnum;
use std::path::Path;

/// The settings one hunt's directives give (the data options of
/// `esql run`, see [`DataArgs`]).
pub type Directives = DataArgs;

/// The marker that starts a directive inside a comment.
const MARKER: &str = "esql-test:";

/// Reads the directives of hunt file `path` whose text is `text`. Relative
/// paths are resolved against `path`'s folder. An unknown key or a word
/// without `=` is an error naming it.
pub fn parse(path: &Path, text: &str) -> Result<Directives, String> {
    let base = path.parent().unwrap_or(Path::new(""));
    let markdown = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| e == "md" || e == "markdown");
    let toml = path.extension().is_some_and(|e| e == "toml");
    let mut out = Directives::default();
    for line in text.trim_start_matches('\u{feff}').lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let comment = if markdown {
            line.strip_prefix("<!--")
                .map(|c| c.trim_end().trim_end_matches("-->"))
        } else if toml {
            line.strip_prefix('#')
        } else {
            line.strip_prefix("//")
        };
        let Some(comment) = comment else { break };
        if let Some(words) = comment.trim().strip_prefix(MARKER) {
            for word in words.split_whitespace() {
                apply(&mut out, base, word)?;
            }
        }
    }
    Ok(out)
}

/// A `true`/`false` directive value.
fn flag(key: &str, value: &str) -> Result<bool, String> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!("esql-test: {key} [{value}] is not true or false")),
    }
}

fn apply(out: &mut Directives, base: &Path, word: &str) -> Result<(), String> {
    let Some((key, value)) = word.split_once('=') else {
        return Err(format!("esql-test: expected key=value, got [{word}]"));
    };
    match key {
        "data-dir" => out.data_dirs.push(base.join(value)),
        "mapping" => out.mappings.push(base.join(value)),
        "field-types" => out.field_types.push(base.join(value)),
        "enrich-policy" => out.enrich_policies.push(base.join(value)),
        "now" => out.now = Some(value.to_string()),
        "param" => out.params.params.push(value.to_string()),
        "param-identifier" => out.params.identifiers.push(value.to_string()),
        "param-pattern" => out.params.patterns.push(value.to_string()),
        "from" => out.params.from = Some(value.to_string()),
        "to" => out.params.to = Some(value.to_string()),
        "input-format" => {
            let format = InputFormatArg::from_str(value, false).map_err(|_| {
                format!("esql-test: input-format [{value}] is not auto, ndjson or cloudtrail")
            })?;
            out.input_format = Some(format);
        }
        "cloudtrail-pipeline" => {
            let version = crate::data_args::pipeline_version(value)
                .map_err(|e| format!("esql-test: cloudtrail-pipeline: {e}"))?;
            out.pipeline.cloudtrail_pipeline = Some(version);
        }
        "preserve-original-event" => out.pipeline.preserve_original_event = flag(key, value)?,
        "actor-target-mapping" => out.pipeline.actor_target_mapping = flag(key, value)?,
        "index" => {
            let (name, p) =
                crate::data_args::index_spec(value).map_err(|e| format!("esql-test: index {e}"))?;
            out.indices.push((name, base.join(p)));
        }
        other => {
            return Err(format!(
            "esql-test: unknown key [{other}] (known: data-dir, index, mapping, field-types, enrich-policy, input-format, cloudtrail-pipeline, preserve-original-event, actor-target-mapping, now, param, param-identifier, param-pattern, from, to)"
        ))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn parameter_directives() {
        let text = "// esql-test: param=n=10 param=s=\"x\" param-identifier=f=host.name\n// esql-test: from=2024-05-01T00:00:00Z to=2024-05-02T00:00:00Z\nfrom logs\n";
        let d = parse(Path::new("h.esql"), text).unwrap();
        assert_eq!(d.params.params, ["n=10", "s=\"x\""]);
        assert_eq!(d.params.identifiers, ["f=host.name"]);
        assert_eq!(d.params.from.as_deref(), Some("2024-05-01T00:00:00Z"));
        assert_eq!(d.params.to.as_deref(), Some("2024-05-02T00:00:00Z"));
    }

    #[test]
    fn esql_leading_comments() {
        let text = "// A hunt\n// esql-test: data-dir=fix now=2024-01-01T00:00:00Z\n\n//esql-test: index=logs=x.ndjson\nfrom logs\n// esql-test: data-dir=ignored\n";
        let d = parse(Path::new("h/a.esql"), text).unwrap();
        assert_eq!(d.data_dirs, [PathBuf::from("h/fix")]);
        assert_eq!(d.now.as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(
            d.indices,
            [("logs".to_string(), PathBuf::from("h/x.ndjson"))]
        );
    }

    #[test]
    fn toml_and_markdown_comments() {
        let toml = "# esql-test: field-types=t.tsv mapping=m.json\n# esql-test: enrich-policy=p.json input-format=cloudtrail\n[hunt]\n";
        let d = parse(Path::new("a.toml"), toml).unwrap();
        assert_eq!(d.enrich_policies, [PathBuf::from("p.json")]);
        assert_eq!(d.input_format, Some(InputFormatArg::Cloudtrail));
        assert_eq!(d.field_types, [PathBuf::from("t.tsv")]);
        assert_eq!(d.mappings, [PathBuf::from("m.json")]);
        let md = "<!-- esql-test: data-dir=d -->\n# Title\n<!-- esql-test: now=x -->\n";
        let d = parse(Path::new("dir/a.md"), md).unwrap();
        assert_eq!(d.data_dirs, [PathBuf::from("dir/d")]);
        assert_eq!(d.now, None);
        // A Markdown heading is not a comment; `//` in TOML is not either.
        assert_eq!(
            parse(Path::new("a.toml"), "// esql-test: now=x\n").unwrap(),
            Directives::default()
        );
    }

    #[test]
    fn mistakes_are_errors() {
        let err = parse(Path::new("a.esql"), "// esql-test: datadir=x\n").unwrap_err();
        assert!(err.contains("unknown key [datadir]"), "{err}");
        let err = parse(Path::new("a.esql"), "// esql-test: now\n").unwrap_err();
        assert!(err.contains("key=value"), "{err}");
        let err = parse(Path::new("a.esql"), "// esql-test: index=x\n").unwrap_err();
        assert!(err.contains("NAME=PATH"), "{err}");
        let err = parse(Path::new("a.esql"), "// esql-test: input-format=csv\n").unwrap_err();
        assert!(err.contains("input-format [csv]"), "{err}");
        let err = parse(
            Path::new("a.esql"),
            "// esql-test: cloudtrail-pipeline=1.0.0\n",
        )
        .unwrap_err();
        assert!(
            err.contains("[1.0.0] is older than the oldest supported"),
            "{err}"
        );
    }

    #[test]
    fn cloudtrail_pipeline_version() {
        let text = "// esql-test: input-format=cloudtrail cloudtrail-pipeline=3.8.0\nfrom x\n";
        let d = parse(Path::new("a.esql"), text).unwrap();
        assert_eq!(
            d.pipeline.cloudtrail_pipeline,
            Some(esql_exec::api::PipelineVersion::V3_8_0)
        );
    }

    #[test]
    fn pipeline_option_flags() {
        let text =
            "// esql-test: actor-target-mapping=true preserve-original-event=false\nfrom x\n";
        let d = parse(Path::new("a.esql"), text).unwrap();
        assert!(d.pipeline.actor_target_mapping);
        assert!(!d.pipeline.preserve_original_event);
        let err = parse(
            Path::new("a.esql"),
            "// esql-test: actor-target-mapping=yes\n",
        )
        .unwrap_err();
        assert!(err.contains("[yes] is not true or false"), "{err}");
    }
}
