//! Finding the hunt files of a folder.
//!
//! A folder's hunts are its files ending in `.esql`, `.toml`, `.md` or
//! `.markdown`, in its sub-folders too, in sorted path order. Files and
//! folders whose name starts with `.` are left out (`.git`, editor files).

use std::path::{Path, PathBuf};

/// True for the extensions hunts are kept in.
pub fn is_hunt_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "esql" | "toml" | "md" | "markdown"))
}

/// Every hunt file under `dir`, sorted by path.
pub fn find(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    walk(dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Follows symbolic links, as a person listing the folder would.
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_hunt_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_hunts_recursively_in_order() {
        let dir = std::env::temp_dir().join(format!("esql-hunts-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b/deeper")).unwrap();
        std::fs::create_dir_all(dir.join(".hidden")).unwrap();
        for name in [
            "z.esql",
            "a.toml",
            "b/deeper/c.md",
            "b/x.markdown",
            "notes.txt",
            "a.toml.snap",
            ".hidden/h.esql",
            "data.ndjson",
        ] {
            std::fs::write(dir.join(name), "").unwrap();
        }
        let found: Vec<String> = find(&dir)
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found, ["a.toml", "b/deeper/c.md", "b/x.markdown", "z.esql"]);
        assert!(find(Path::new("/nonexistent/hunts")).is_err());
    }
}
