//! Which files make up which index.
//!
//! In each data directory:
//! * a file `NAME.ndjson`, `NAME.jsonl` or `NAME.json`, each optionally
//!   followed by `.gz`, is data of index `NAME`;
//! * a folder `NAME/` is index `NAME`, made of every such data file inside
//!   it and in its sub-folders, at any depth (a folder without data files is
//!   no index);
//! * `NAME.mapping.json` is the mapping of index `NAME`, never data (also
//!   inside folders, where it is ignored);
//! * a folder `AWSLogs/` (CloudTrail's S3 layout) is index
//!   `logs-aws.cloudtrail-default`, made of the files in its `CloudTrail/`
//!   and `CloudTrail-Insight/` folders (digests and other services' logs
//!   are left out).
//!
//! An index's files are sorted by path. The same name found in several data
//! directories (or as a file and a folder) gathers all the files. Every entry
//! is canonicalized; one that leads outside its data directory (through a
//! symbolic link) is refused with [`CatalogError::OutsideDataDir`]. Names
//! Elasticsearch would not accept as index names are skipped with a warning.

use super::error::CatalogError;
use super::mapping_error::MappingError;
use esql_cloudtrail::{trail_logs, AWSLOGS_DIR, CLOUDTRAIL_INDEX};
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The files of one index, before types are attached.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexSource {
    /// Data files, canonical paths, sorted.
    pub files: Vec<PathBuf>,
    /// The mapping file found beside the data, if any.
    pub mapping: Option<PathBuf>,
}

const DATA_EXTENSIONS: [&str; 3] = [".ndjson", ".jsonl", ".json"];

/// The index name of a data file name (`x.ndjson.gz` → `x`), or `None` when
/// the name is not a data file (mapping files included).
pub fn data_stem(file_name: &str) -> Option<&str> {
    let base = file_name.strip_suffix(".gz").unwrap_or(file_name);
    if base.ends_with(".mapping.json") {
        return None;
    }
    DATA_EXTENSIONS
        .iter()
        .find_map(|ext| base.strip_suffix(ext))
        .filter(|stem| !stem.is_empty())
}

/// The index name of a mapping file name (`x.mapping.json` → `x`).
pub fn mapping_stem(file_name: &str) -> Option<&str> {
    file_name
        .strip_suffix(".mapping.json")
        .filter(|stem| !stem.is_empty())
}

/// Why a name cannot be an index name (Elasticsearch's wording).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexNameError {
    /// The empty name.
    Empty,
    /// `.` or `..`.
    Dots,
    /// A character index names may not hold.
    Contains(char),
    /// A leading `_`, `-` or `+`.
    BadStart,
}

impl std::fmt::Display for IndexNameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexNameError::Empty => write!(f, "must not be empty"),
            IndexNameError::Dots => write!(f, "must not be '.' or '..'"),
            IndexNameError::Contains(c) => write!(f, "must not contain '{c}'"),
            IndexNameError::BadStart => write!(f, "must not start with '_', '-', or '+'"),
        }
    }
}

/// Checks that `name` can be an index name that `FROM` can address
/// (Elasticsearch's rules, except that upper case is allowed).
pub fn check_index_name(name: &str) -> Result<(), IndexNameError> {
    if name.is_empty() {
        return Err(IndexNameError::Empty);
    }
    if name == "." || name == ".." {
        return Err(IndexNameError::Dots);
    }
    if let Some(c) = name.chars().find(|c| {
        matches!(
            c,
            '\\' | '/' | '*' | '?' | '"' | '<' | '>' | '|' | ',' | '#' | ':'
        ) || c.is_whitespace()
    }) {
        return Err(IndexNameError::Contains(c));
    }
    if name.starts_with(['-', '_', '+']) {
        return Err(IndexNameError::BadStart);
    }
    Ok(())
}

fn sorted_entries(dir: &Path) -> Result<Vec<(String, PathBuf)>, CatalogError> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| CatalogError::io(dir, &e))? {
        let entry = entry.map_err(|e| CatalogError::io(dir, &e))?;
        // Names that are not UTF-8 cannot be index names or be addressed.
        if let Some(name) = entry.file_name().to_str() {
            out.push((name.to_string(), entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// Canonicalizes `path` and checks it stays under `root`.
fn inside(path: &Path, root: &Path, data_dir: &Path) -> Result<PathBuf, CatalogError> {
    let real = fs::canonicalize(path).map_err(|e| CatalogError::io(path, &e))?;
    if real.starts_with(root) {
        Ok(real)
    } else {
        Err(CatalogError::OutsideDataDir {
            path: path.to_path_buf(),
            data_dir: data_dir.to_path_buf(),
        })
    }
}

/// Collects the data files under the folder `dir` (canonical, under `root`).
fn collect_files(
    dir: &Path,
    root: &Path,
    data_dir: &Path,
    visited: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
) -> Result<(), CatalogError> {
    for (name, path) in sorted_entries(dir)? {
        let is_data = data_stem(&name).is_some();
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            // A dangling link named like data: say so.
            Err(e) if is_data => return Err(CatalogError::io(&path, &e)),
            Err(_) => continue,
        };
        if meta.is_dir() {
            let real = inside(&path, root, data_dir)?;
            if visited.insert(real.clone()) {
                collect_files(&real, root, data_dir, visited, out)?;
            }
        } else if is_data && meta.is_file() {
            out.push(inside(&path, root, data_dir)?);
        }
    }
    Ok(())
}

/// The data files of a folder index, sorted by path.
pub fn folder_files(
    folder: &Path,
    root: &Path,
    data_dir: &Path,
) -> Result<Vec<PathBuf>, CatalogError> {
    let real = inside(folder, root, data_dir)?;
    let mut visited = HashSet::from([real.clone()]);
    let mut files = Vec::new();
    collect_files(&real, root, data_dir, &mut visited, &mut files)?;
    files.sort();
    files.dedup();
    Ok(files)
}

/// Scans the data directories.
pub fn discover(
    data_dirs: &[PathBuf],
    warnings: &mut Vec<String>,
) -> Result<BTreeMap<String, IndexSource>, CatalogError> {
    let mut out: BTreeMap<String, IndexSource> = BTreeMap::new();
    for dir in data_dirs {
        let root = fs::canonicalize(dir).map_err(|e| CatalogError::io(dir, &e))?;
        if !root.is_dir() {
            return Err(CatalogError::Io {
                path: dir.clone(),
                message: "not a directory".into(),
            });
        }
        for (name, path) in sorted_entries(&root)? {
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) if data_stem(&name).is_some() || mapping_stem(&name).is_some() => {
                    return Err(CatalogError::io(&path, &e))
                }
                Err(_) => continue,
            };
            let (index, kind) = if meta.is_dir() && name == AWSLOGS_DIR {
                (CLOUDTRAIL_INDEX, Kind::Folder)
            } else if meta.is_dir() {
                (name.as_str(), Kind::Folder)
            } else if let Some(stem) = mapping_stem(&name) {
                (stem, Kind::Mapping)
            } else if let Some(stem) = data_stem(&name) {
                (stem, Kind::File)
            } else {
                continue;
            };
            if let Err(why) = check_index_name(index) {
                warnings.push(format!(
                    "skipping [{}]: invalid index name [{index}], {why}",
                    path.display()
                ));
                continue;
            }
            match kind {
                Kind::Folder => {
                    let files = aws_logs_filter(folder_files(&path, &root, dir)?, &path);
                    if !files.is_empty() {
                        out.entry(index.to_string())
                            .or_default()
                            .files
                            .extend(files);
                    }
                }
                Kind::File => {
                    let real = inside(&path, &root, dir)?;
                    out.entry(index.to_string()).or_default().files.push(real);
                }
                Kind::Mapping => {
                    let real = inside(&path, &root, dir)?;
                    let entry = out.entry(index.to_string()).or_default();
                    if let Some(first) = &entry.mapping {
                        return Err(CatalogError::BadMapping {
                            path: real,
                            error: MappingError::SecondMapping {
                                index: index.to_string(),
                                first: first.clone(),
                            },
                        });
                    }
                    entry.mapping = Some(real);
                }
            }
        }
    }
    // A mapping without data is no index.
    out.retain(|_, src| !src.files.is_empty());
    for src in out.values_mut() {
        src.files.sort();
        src.files.dedup();
    }
    Ok(out)
}

/// The files of a folder named `AWSLogs` (CloudTrail's S3 layout) are only
/// its CloudTrail event files; other folders keep all their data files.
fn aws_logs_filter(files: Vec<PathBuf>, folder: &Path) -> Vec<PathBuf> {
    if folder.file_name().is_some_and(|n| n == AWSLOGS_DIR) {
        let real = fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        trail_logs(files, &real)
    } else {
        files
    }
}

enum Kind {
    Folder,
    File,
    Mapping,
}

/// The source of an index given as `--index NAME=PATH` (a data file of any
/// extension, or a folder scanned like a data-directory folder). A mapping
/// beside it (`STEM.mapping.json` next to `STEM.ndjson`, or `DIR.mapping.json`
/// next to the folder `DIR`) is picked up.
pub fn explicit_source(name: &str, path: &Path) -> Result<IndexSource, CatalogError> {
    check_index_name(name).map_err(|reason| CatalogError::BadIndexName {
        name: name.to_string(),
        reason,
    })?;
    let real = fs::canonicalize(path).map_err(|e| CatalogError::io(path, &e))?;
    let file_name = real.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let (files, stem) = if real.is_dir() {
        let files = aws_logs_filter(folder_files(&real, &real, path)?, &real);
        (files, Some(file_name))
    } else {
        (vec![real.clone()], data_stem(file_name))
    };
    let mapping = stem
        .and_then(|stem| Some(real.parent()?.join(format!("{stem}.mapping.json"))))
        .filter(|m| m.is_file());
    Ok(IndexSource { files, mapping })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(data_stem("a.ndjson"), Some("a"));
        assert_eq!(data_stem("a.b.jsonl.gz"), Some("a.b"));
        assert_eq!(data_stem("a.json"), Some("a"));
        assert_eq!(data_stem("a.mapping.json"), None);
        assert_eq!(data_stem("a.mapping.json.gz"), None);
        assert_eq!(data_stem("a.csv"), None);
        assert_eq!(data_stem(".ndjson"), None);
        assert_eq!(mapping_stem("a.mapping.json"), Some("a"));
        assert_eq!(mapping_stem("a.json"), None);
    }

    #[test]
    fn index_names() {
        assert!(check_index_name("logs-aws.cloudtrail-default").is_ok());
        assert!(check_index_name(".alerts-security.alerts-default").is_ok());
        for bad in [
            "", ".", "..", "a/b", "a\\b", "a b", "a*", "a,b", "r:x", "-x", "_x",
        ] {
            assert!(check_index_name(bad).is_err(), "{bad}");
        }
    }
}
