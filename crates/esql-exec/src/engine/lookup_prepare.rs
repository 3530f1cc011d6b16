//! The lookup indices of a query's `LOOKUP JOIN`s, before analysis: which
//! index each names, whether it may be used, and its fields (discovered
//! as `FROM` discovers them). The documents are read when the query runs
//! (`table_load::load_lookups`).
//!
//! Elasticsearch joins only with indices created with `index.mode: lookup`
//! and refuses any other with `invalid [x] resolution in lookup mode to an
//! index in [standard] mode`. Offline an index's mode is what the
//! `settings` of its mapping file say (`NAME.mapping.json` holding the body
//! of `PUT NAME` or the answer of `GET NAME`): a declared mode other than
//! `lookup` is refused as Elasticsearch refuses it; an index that declares
//! none may be joined, unless `--strict`, which reads it as Elasticsearch's
//! default `standard` mode.

use super::{QueryError, RunOptions};
use crate::catalog::Catalog;
use crate::lookup::LookupIndex;
use crate::reader::BadLinePolicy;
use crate::schema;
use esql_parser::ast::{Command, ExprKind, Query};
use esql_parser::visit::{walk_query, Visitor};
use esql_parser::Spanned;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::Arc;

/// The lookup indices by name, or why one cannot be used.
pub type Lookups = HashMap<String, Result<Arc<LookupIndex>, String>>;

/// Every `LOOKUP JOIN` of the query (FORK branches included).
fn joins(query: &Query) -> Vec<esql_parser::ast::LookupJoin> {
    #[derive(Default)]
    struct Joins(Vec<esql_parser::ast::LookupJoin>);
    impl Visitor for Joins {
        type Break = std::convert::Infallible;
        fn command(&mut self, cmd: &Spanned<Command>) -> ControlFlow<Self::Break> {
            if let Command::LookupJoin(j) = &cmd.node {
                self.0.push(j.clone());
            }
            ControlFlow::Continue(())
        }
    }
    let mut found = Joins::default();
    let ControlFlow::Continue(()) = walk_query(query, &mut found);
    found.0
}

/// Resolves the index of every `LOOKUP JOIN` of `query` in `catalog`.
pub fn lookup_indices(
    query: &Query,
    catalog: &Catalog,
    options: &RunOptions,
    threads: usize,
) -> Result<Lookups, QueryError> {
    let mut out = Lookups::new();
    for j in joins(query) {
        let name = j.index.node.pattern.clone();
        if out.contains_key(&name) {
            continue;
        }
        let Some(info) = catalog.index(&name) else {
            out.insert(name.clone(), Err(format!("Unknown index [{name}]")));
            continue;
        };
        let mode = match (&info.mode, options.strict) {
            (Some(mode), _) => Some(mode.clone()),
            (None, true) => Some("standard".to_string()),
            (None, false) => None,
        };
        if let Some(mode) = mode.filter(|m| m != "lookup") {
            out.insert(
                name.clone(),
                Err(format!(
                    "invalid [{name}] resolution in lookup mode to an index in [{mode}] mode"
                )),
            );
            continue;
        }
        let mut first_bad = None;
        let schema = schema::build_checked(std::slice::from_ref(&info), &mut first_bad, threads)
            .map_err(QueryError::Read)?;
        if let (Some(e), BadLinePolicy::Fail) = (first_bad, options.on_bad_line) {
            return Err(QueryError::Read(e));
        }
        let index = LookupIndex {
            name: name.clone(),
            info,
            fields: schema.fields,
            storage: schema.float_storage,
            conflicts: schema.conflicts,
        };
        out.insert(name, Ok(Arc::new(index)));
    }
    Ok(out)
}

/// Drops from `names` (the names the query mentions, for which the `FROM`
/// indices get the fields their tables declare but their documents lack)
/// the fields of the lookup indices that are no join key of the field-list
/// form: a lookup field is no column of the left side, and declaring it
/// there would make it look like one (a second `threat.indicator.ip`
/// beside the lookup index's own, say).
pub fn keep_left_names(names: &mut Vec<String>, query: &Query, lookups: &Lookups) {
    let mut keys: Vec<String> = Vec::new();
    for j in joins(query) {
        for e in &j.on {
            if let ExprKind::Column(n) = &e.kind {
                keys.push(n.clone());
            }
        }
    }
    names.retain(|n| {
        keys.contains(n)
            || !lookups
                .values()
                .flatten()
                .any(|ix| ix.position(n).is_some())
    });
}
