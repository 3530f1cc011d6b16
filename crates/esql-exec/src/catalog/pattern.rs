//! `FROM` source patterns, matched against index names the way
//! Elasticsearch expands index expressions.
//!
//! Patterns are only ever compared with the names the catalog discovered;
//! they are never joined into file-system paths, so a name such as
//! `../x` or `a/b` simply matches nothing.
//!
//! Rules (from Elasticsearch's `IndexAbstractionResolver` and
//! `WildcardExpressionResolver`):
//! * `*` matches any run of characters, anywhere in the pattern; it is the
//!   only wildcard. `_all` means `*`.
//! * The sources are applied left to right. A source starting with `-` is an
//!   exclusion only once a wildcard source has been seen; it removes the
//!   names it matches from what the earlier sources matched. Before any
//!   wildcard, `-x` is an ordinary (and non-existent) name.
//! * Hidden indices: offline there is no `index.hidden` setting, so every
//!   name starting with `.` counts as hidden (OURS). A wildcard matches a
//!   hidden name only when the pattern itself starts with `.` (Elasticsearch
//!   matches hidden indices that way when `expand_wildcards` does not
//!   include `hidden`). A concrete name always matches.
//! * A `cluster:` prefix names a remote cluster; offline it is ignored and a
//!   warning is returned.
//! * `::data` is the normal selector; `::failures` selects the failure
//!   store, which offline holds no documents.
//! * Nothing matched at all: `Unknown index [<sources as written>]`. A
//!   missing concrete name while other sources matched:
//!   `no such index [<name>]`. Wildcards that match nothing are fine as long
//!   as something else matched.

use super::error::CatalogError;
use std::collections::BTreeSet;

/// One source of a `FROM` command, as the parser split it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternRef<'a> {
    /// The remote cluster prefix (`remote` in `remote:logs-*`), if any.
    pub cluster: Option<&'a str>,
    /// The index pattern, unquoted, including a leading `-` for exclusions.
    pub pattern: &'a str,
    /// The selector after `::` (`data` or `failures`), if any.
    pub selector: Option<&'a str>,
}

impl<'a> PatternRef<'a> {
    /// A local source without selector.
    #[cfg(test)]
    pub fn local(pattern: &'a str) -> Self {
        PatternRef {
            cluster: None,
            pattern,
            selector: None,
        }
    }

    /// The source as written: `cluster:pattern::selector`.
    pub fn written(&self) -> String {
        let mut out = String::new();
        if let Some(cluster) = self.cluster {
            out.push_str(cluster);
            out.push(':');
        }
        out.push_str(self.pattern);
        if let Some(selector) = self.selector {
            out.push_str("::");
            out.push_str(selector);
        }
        out
    }
}

/// Which part of an index a source reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    /// The documents (`::data`, or no selector).
    Data,
    /// The failure store (`::failures`); offline it holds no documents.
    Failures,
}

/// What a source list matched: `(index name, component)` pairs sorted by
/// name then component, plus warnings in Elasticsearch-like wording.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PatternMatch {
    /// Matched indices, sorted by name, `Data` before `Failures`.
    pub entries: Vec<(String, Component)>,
    /// Warnings (ignored remote-cluster prefixes).
    pub warnings: Vec<String>,
}

/// `true` when `name` matches `pattern`, where `*` matches any run of
/// characters (including none) and every other character matches itself.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p = pattern.as_bytes();
    let n = name.as_bytes();
    let (mut pi, mut ni) = (0usize, 0usize);
    // Position of the last `*` seen and the name position it was tried at.
    let mut star: Option<(usize, usize)> = None;
    while let Some(&nc) = n.get(ni) {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(&c) if c == nc => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p.iter().skip(pi).all(|&c| c == b'*')
}

/// `true` for names the catalog treats as hidden (starting with `.`).
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// `true` when the wildcard `pattern` selects `name`, honouring the hidden
/// rule (a hidden name needs a pattern starting with `.`).
pub fn wildcard_selects(pattern: &str, name: &str) -> bool {
    (!is_hidden(name) || pattern.starts_with('.')) && glob_match(pattern, name)
}

fn component(p: &PatternRef<'_>) -> Result<Component, CatalogError> {
    match p.selector {
        None | Some("data") => Ok(Component::Data),
        Some("failures") => Ok(Component::Failures),
        Some(other) => Err(CatalogError::BadSelector {
            expression: p.written(),
            selector: other.to_string(),
        }),
    }
}

/// Resolves `patterns` against the known index `names`.
pub fn resolve_patterns<'n, I>(
    names: I,
    patterns: &[PatternRef<'_>],
) -> Result<PatternMatch, CatalogError>
where
    I: IntoIterator<Item = &'n str> + Clone,
{
    let mut chosen: BTreeSet<(String, Component)> = BTreeSet::new();
    let mut warnings = Vec::new();
    let mut missing: Option<String> = None;
    let mut wildcard_seen = false;
    for p in patterns {
        let comp = component(p)?;
        if let Some(cluster) = p.cluster {
            warnings.push(format!(
                "Remote cluster [{cluster}] is not available offline; \
                 reading local indices for [{}]",
                p.written()
            ));
        }
        let (exclude, expr) = match p.pattern.strip_prefix('-') {
            Some(rest) if wildcard_seen => (true, rest),
            _ => (false, p.pattern),
        };
        let expr = if expr == "_all" { "*" } else { expr };
        if exclude {
            chosen.retain(|(name, c)| *c != comp || !glob_match(expr, name));
        } else if expr.contains('*') {
            wildcard_seen = true;
            for name in names.clone() {
                if wildcard_selects(expr, name) {
                    chosen.insert((name.to_string(), comp));
                }
            }
        } else if names.clone().into_iter().any(|n| n == expr) {
            chosen.insert((expr.to_string(), comp));
        } else if missing.is_none() {
            missing = Some(expr.to_string());
        }
    }
    if chosen.is_empty() {
        let written: Vec<String> = patterns.iter().map(PatternRef::written).collect();
        return Err(CatalogError::UnknownIndex {
            pattern: written.join(","),
        });
    }
    if let Some(name) = missing {
        return Err(CatalogError::NoSuchIndex { name });
    }
    Ok(PatternMatch {
        entries: chosen.into_iter().collect(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 6] = [
        "logs-aws.cloudtrail-default",
        "logs-aws.cloudtrail-prod",
        "logs-debug",
        "employees",
        ".alerts-security.alerts-default",
        ".hidden",
    ];

    fn names(patterns: &[PatternRef<'_>]) -> Result<Vec<String>, CatalogError> {
        resolve_patterns(NAMES, patterns)
            .map(|m| m.entries.into_iter().map(|(n, _)| n).collect::<Vec<_>>())
    }

    fn local(list: &[&'static str]) -> Vec<PatternRef<'static>> {
        list.iter().map(|p| PatternRef::local(p)).collect()
    }

    #[test]
    fn glob_basics() {
        assert!(glob_match("logs-*", "logs-a"));
        assert!(glob_match("logs-*", "logs-"));
        assert!(glob_match("*cloud*", "logs-aws.cloudtrail-x"));
        assert!(glob_match("l*s-*-d*t", "logs-aws-default"));
        assert!(!glob_match("logs-*", "log-a"));
        assert!(!glob_match("logs", "logs-a"));
        assert!(glob_match("*", ""));
        assert!(glob_match("a**b", "ab"));
        assert!(!glob_match("a*b", "abc"));
    }

    #[test]
    fn wildcard_exact_and_order() {
        assert_eq!(
            names(&local(&["logs-*"])).unwrap(),
            vec![
                "logs-aws.cloudtrail-default",
                "logs-aws.cloudtrail-prod",
                "logs-debug"
            ]
        );
        assert_eq!(names(&local(&["employees"])).unwrap(), vec!["employees"]);
        assert_eq!(
            names(&local(&["employees", "logs-d*"])).unwrap(),
            vec!["employees", "logs-debug"]
        );
    }

    #[test]
    fn exclusions_apply_after_a_wildcard() {
        assert_eq!(
            names(&local(&["logs-*", "-logs-debug"])).unwrap(),
            vec!["logs-aws.cloudtrail-default", "logs-aws.cloudtrail-prod"]
        );
        assert_eq!(
            names(&local(&["logs-*", "-*prod", "employees"])).unwrap(),
            vec!["employees", "logs-aws.cloudtrail-default", "logs-debug"]
        );
        // A later source adds back what an exclusion removed.
        assert_eq!(
            names(&local(&["logs-*", "-logs-debug", "logs-debug"]))
                .unwrap()
                .len(),
            3
        );
        // Before any wildcard, `-x` is a plain name, which does not exist.
        assert_eq!(
            names(&local(&["employees", "-employees"])),
            Err(CatalogError::NoSuchIndex {
                name: "-employees".into()
            })
        );
    }

    #[test]
    fn hidden_indices_need_a_dot_pattern() {
        let all = names(&local(&["*"])).unwrap();
        assert!(!all.iter().any(|n| n.starts_with('.')));
        assert_eq!(all.len(), 4);
        assert_eq!(
            names(&local(&[".alerts-security.*"])).unwrap(),
            vec![".alerts-security.alerts-default"]
        );
        assert_eq!(names(&local(&[".*"])).unwrap().len(), 2);
        assert_eq!(names(&local(&[".hidden"])).unwrap(), vec![".hidden"]);
        assert_eq!(names(&local(&["_all"])).unwrap().len(), 4);
    }

    #[test]
    fn unknown_index_errors() {
        let err = names(&local(&["nope*"])).unwrap_err();
        assert_eq!(err.to_string(), "Unknown index [nope*]");
        assert_eq!(err.es_exception_type(), Some("verification_exception"));
        let err = names(&local(&["nope", "nada*"])).unwrap_err();
        assert_eq!(err.to_string(), "Unknown index [nope,nada*]");
        // A wildcard that matches nothing is fine next to a match.
        assert_eq!(
            names(&local(&["employees", "nada*"])).unwrap(),
            vec!["employees"]
        );
        let err = names(&local(&["employees", "nope"])).unwrap_err();
        assert_eq!(err.to_string(), "no such index [nope]");
        // Everything excluded.
        let err = names(&local(&["logs-*", "-logs*"])).unwrap_err();
        assert_eq!(err.to_string(), "Unknown index [logs-*,-logs*]");
        // Names are never paths.
        let err = names(&local(&["../employees"])).unwrap_err();
        assert_eq!(err.to_string(), "Unknown index [../employees]");
    }

    #[test]
    fn cluster_prefix_warns_and_reads_locally() {
        let p = [PatternRef {
            cluster: Some("remote"),
            pattern: "employees",
            selector: None,
        }];
        let m = resolve_patterns(NAMES, &p).unwrap();
        assert_eq!(m.entries, vec![("employees".to_string(), Component::Data)]);
        assert_eq!(
            m.warnings,
            vec!["Remote cluster [remote] is not available offline; \
                 reading local indices for [remote:employees]"
                .to_string()]
        );
        let missing = [PatternRef {
            cluster: Some("c"),
            pattern: "x*",
            selector: Some("data"),
        }];
        assert_eq!(
            resolve_patterns(NAMES, &missing).unwrap_err().to_string(),
            "Unknown index [c:x*::data]"
        );
    }

    #[test]
    fn selectors() {
        let p = [
            PatternRef {
                cluster: None,
                pattern: "employees",
                selector: Some("failures"),
            },
            PatternRef {
                cluster: None,
                pattern: "employees",
                selector: Some("data"),
            },
        ];
        let m = resolve_patterns(NAMES, &p).unwrap();
        assert_eq!(
            m.entries,
            vec![
                ("employees".to_string(), Component::Data),
                ("employees".to_string(), Component::Failures)
            ]
        );
        let bad = [PatternRef {
            cluster: None,
            pattern: "employees",
            selector: Some("foo"),
        }];
        let err = resolve_patterns(NAMES, &bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Invalid index name [employees::foo], invalid usage of :: separator, \
             [foo] is not a recognized selector"
        );
    }
}
