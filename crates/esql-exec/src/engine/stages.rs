//! The two stages between analysis and execution, named so a reader of
//! [`super::prepare`] sees every step a query goes through:
//!
//! 1. **Field pruning** ([`prune_fields`]): analysis runs once over every
//!    field the indices have, which tells which source fields the query
//!    uses; it then runs again over only those, so every row position in the
//!    plan counts just the used fields and the reader materialises nothing
//!    else. Re-running the analysis is simpler and safer than renumbering
//!    the positions of a finished plan, and it is cheap next to a scan.
//! 2. **Scan planning** ([`plan_scan`]): the analysed plan's source gets
//!    the resolved indices, each index's constant fields, and the literals
//!    a line must contain to pass the leading filters (the prefilter).

use super::QueryError;
use crate::analyze::{analyze, AnalyzeOptions, Analyzed, SourceSchema};
use crate::catalog::IndexInfo;
use crate::plan::{Plan, SourcePlan};
use crate::reader::ScanIndex;
use crate::schema;
use esql_parser::ast::Query;

/// Analyses `query` again over only the source fields the first analysis
/// (over `full`) found in use; returns that analysis and the narrowed
/// schema.
pub(super) fn prune_fields(
    query: &Query,
    source: &str,
    full: &SourceSchema,
    first: &Analyzed,
    options: &AnalyzeOptions,
) -> Result<(Analyzed, SourceSchema), QueryError> {
    let narrow = SourceSchema {
        fields: first
            .used_fields
            .iter()
            .filter_map(|&i| full.fields.get(i).cloned())
            .collect(),
        conflicts: full.conflicts.clone(),
        float_storage: full.float_storage.clone(),
    };
    let analyzed = analyze(query, source, &narrow, options).map_err(QueryError::Analysis)?;
    Ok((analyzed, narrow))
}

/// Gives the plan's source its indices and prefilter literals, and returns
/// what each index's scan needs (its files, format and constant fields).
pub(super) fn plan_scan(
    plan: &mut Plan,
    indices: Vec<IndexInfo>,
    narrow: &SourceSchema,
) -> Vec<ScanIndex> {
    let scan_indices: Vec<ScanIndex> = indices
        .iter()
        .map(|ix| ScanIndex {
            name: ix.name.clone(),
            files: ix.files.clone(),
            constants: schema::constants(ix, &narrow.fields),
            format: ix.format,
        })
        .collect();
    let constant_fields: Vec<usize> = scan_indices
        .iter()
        .flat_map(|s| s.constants.iter().map(|(i, _)| *i))
        .collect();
    if let SourcePlan::From(from) = &mut plan.source {
        from.indices = indices;
        from.required_literals =
            crate::prefilter::required_literals(&plan.operators, &from.fields, &constant_fields);
        from.prefilter_columns = crate::prefilter::filtered_columns(&plan.operators);
        from.record_prefilter = crate::prefilter::record_prefilter(
            &plan.operators,
            &from.fields,
            &constant_fields,
            &from.prefilter_columns,
        );
    }
    scan_indices
}
