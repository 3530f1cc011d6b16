//! The dependency rule, checked on the sources: in every library crate of
//! the workspace the top-level modules form no cycle, and in `esql-exec`
//! each module uses only modules declared before it in `lib.rs`, so the
//! order of `lib.rs` is the layer diagram, lowest first.
//!
//! A module's uses are the `crate::NAME` paths (also inside `crate::{…}`
//! groups) of its files, without comments and without test code (files
//! named `tests.rs` or `*_tests.rs`, folders named `tests`, and what
//! follows a `#[cfg(test)]` module declaration).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The top-level module names declared in `lib.rs`, in order.
fn declared_modules(src: &Path) -> Vec<String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    lib.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l
                .strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("pub(crate) mod "))
                .or_else(|| l.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(str::to_string)
        })
        .collect()
}

/// The text of a file without comments and without its test module.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            let next = lines.peek().map(|l| l.trim()).unwrap_or_default();
            if next.starts_with("mod ") || next.starts_with("pub(crate) mod ") {
                if next.ends_with(';') {
                    lines.next();
                    continue;
                }
                break;
            }
        }
        let code = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The first identifier of `text` (letters, digits, underscores).
fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The top-level modules named by `crate::` paths in `code`.
fn uses_in(code: &str, modules: &BTreeSet<String>, out: &mut BTreeSet<String>) {
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if depth == 1 && item_start && (c.is_ascii_alphabetic() || c == '_') {
                    let name = ident(&group[i..]);
                    if modules.contains(name) {
                        out.insert(name.to_string());
                    }
                }
                if depth == 1 {
                    item_start = c == ',' || (item_start && c.is_whitespace());
                }
            }
        } else {
            let name = ident(rest);
            if modules.contains(name) {
                out.insert(name.to_string());
            }
        }
    }
}

fn is_test_path(rel: &Path) -> bool {
    rel.components().any(|c| c.as_os_str() == "tests")
        || rel
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n == "tests.rs" || n.ends_with("_tests.rs"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each top-level module of the crate at `src` with the modules it uses.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = declared_modules(src).into_iter().collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        if is_test_path(rel) {
            continue;
        }
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let top = first.strip_suffix(".rs").unwrap_or(&first).to_string();
        let Some(uses) = graph.get_mut(&top) else {
            continue; // lib.rs, main.rs
        };
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        uses_in(&code, &modules, uses);
        uses.remove(&top);
    }
    graph
}

/// A cycle of `graph`, if it has one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_library_crate_has_a_module_cycle() {
    let mut checked = 0;
    for entry in std::fs::read_dir(crates_dir()).unwrap() {
        let src = entry.unwrap().path().join("src");
        if !src.join("lib.rs").exists() {
            continue;
        }
        checked += 1;
        if let Some(cycle) = find_cycle(&module_graph(&src)) {
            panic!(
                "{}: modules in a cycle: {}",
                src.display(),
                cycle.join(" -> ")
            );
        }
    }
    assert!(checked >= 2, "found {checked} library crates");
}

#[test]
fn exec_modules_use_only_modules_declared_before_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let order = declared_modules(&src);
    let graph = module_graph(&src);
    let mut problems = Vec::new();
    for (at, module) in order.iter().enumerate() {
        for used in &graph[module] {
            let used_at = order.iter().position(|m| m == used).unwrap();
            if used_at > at {
                problems.push(format!("{module} uses {used}, declared after it"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "reorder lib.rs or move code down a layer:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_scan_sees_plain_and_grouped_paths_but_not_comments_or_tests() {
    let modules: BTreeSet<String> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let code = code_of(
        "use crate::a::X;\nuse crate::{b::Y, c};\n// crate::d in a comment\n#[cfg(test)]\nmod tests {\n use crate::e;\n}\n",
    );
    let mut uses = BTreeSet::new();
    uses_in(&code, &modules, &mut uses);
    assert_eq!(uses.into_iter().collect::<Vec<_>>(), ["a", "b", "c"]);
}
