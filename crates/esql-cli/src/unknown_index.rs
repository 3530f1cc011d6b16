//! What to add to Elasticsearch's `Unknown index [x]`: the indices the
//! data does hold (with the closest name), and the files of the data
//! folders esql cannot read as an index.

use esql_exec::api::Session;
use std::path::{Path, PathBuf};

/// How many index names are listed.
const SHOWN: usize = 8;

/// The lines to print after an error whose report is `report`, when it is
/// `Unknown index [...]`; `None` for any other error.
pub fn hint(report: &str, session: &Session, data_dirs: &[PathBuf]) -> Option<String> {
    let start = report.find("Unknown index [")? + "Unknown index [".len();
    let asked = report.get(start..)?.split(']').next()?.to_string();
    let names = session.index_names().unwrap_or_default();
    let mut lines = Vec::new();
    if names.is_empty() {
        lines.push("the data holds no index (give -d DIR or --index NAME=PATH)".to_string());
    } else {
        let shown: Vec<&str> = names.iter().take(SHOWN).map(String::as_str).collect();
        let more = if names.len() > SHOWN {
            format!(", … ({} in all; esql indices lists them)", names.len())
        } else {
            String::new()
        };
        let mut line = format!("the data holds: {}{more}", shown.join(", "));
        if let Some(near) = closest(&asked, &names) {
            line.push_str(&format!("; did you mean [{near}]?"));
        }
        lines.push(line);
    }
    for dir in data_dirs {
        let unread = unreadable_files(dir);
        if !unread.is_empty() {
            lines.push(format!(
                "{} holds files esql does not read as an index: {} (an index is \
                 NAME.ndjson, NAME.jsonl or NAME.json of one JSON object a line, \
                 optionally .gz, or a folder of them)",
                dir.display(),
                unread.join(", ")
            ));
        }
    }
    Some(
        lines
            .iter()
            .map(|l| format!("esql: {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The index name closest to one of the comma-separated patterns of
/// `asked` (wildcards dropped), if it is close enough to be a typo.
fn closest(asked: &str, names: &[String]) -> Option<String> {
    let mut best: Option<(usize, &String)> = None;
    for part in asked.split(',') {
        let part = part.trim().trim_matches('*');
        if part.is_empty() || part.starts_with('-') {
            continue;
        }
        for name in names {
            let d = crate::did_you_mean::distance(part, name);
            if d <= (part.chars().count() / 3).max(2) && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, name));
            }
        }
    }
    best.map(|(_, n)| n.clone())
}

/// Files directly in `dir` (or in one of its folders) that are no data
/// esql reads: other extensions (`.csv`, `.parquet`, …), and `.json` files
/// holding one JSON array or a pretty-printed object rather than NDJSON.
fn unreadable_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            for inner in unreadable_files(&path) {
                let folder = path.file_name().map(|n| n.to_string_lossy().into_owned());
                out.push(format!("{}/{inner}", folder.unwrap_or_default()));
            }
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name.ends_with(".mapping.json") {
            continue;
        }
        let plain = name.strip_suffix(".gz").unwrap_or(&name);
        let data = [".ndjson", ".jsonl"].iter().any(|e| plain.ends_with(e));
        if data {
            continue;
        }
        if plain.ends_with(".json") {
            if !name.ends_with(".gz") && !ndjson_start(&path) {
                out.push(format!("{name} (not NDJSON)"));
            }
            continue;
        }
        out.push(name);
    }
    out
}

/// True when the file's first line is one whole JSON object (or it is
/// empty): what an NDJSON file starts with.
fn ndjson_start(path: &Path) -> bool {
    use std::io::{BufRead, Read};
    let Ok(file) = std::fs::File::open(path) else {
        return true;
    };
    let mut line = String::new();
    let mut reader = std::io::BufReader::new(file).take(1 << 20);
    if reader.read_line(&mut line).is_err() {
        return true;
    }
    let line = line.trim();
    line.is_empty() || serde_json::from_str::<serde_json::Value>(line).is_ok_and(|v| v.is_object())
}
