//! The functions a query can call, for listings, completion and docs.

/// Whether a function computes per row or over the rows of a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    /// A scalar function: one value per row.
    Scalar,
    /// An aggregate function: one value per group of STATS.
    Aggregate,
}

/// One function esql runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionInfo {
    /// The lower-case name.
    pub name: &'static str,
    /// Other accepted names.
    pub aliases: &'static [&'static str],
    /// Scalar or aggregate.
    pub kind: FunctionKind,
    /// Its signature, e.g. `date_trunc(interval, date) -> type of date`.
    pub signature: String,
    /// One line on what it does.
    pub doc: &'static str,
}

/// Every function, scalar ones first, each list in registry order.
pub fn functions() -> Vec<FunctionInfo> {
    let scalars = crate::functions::all().map(|f| FunctionInfo {
        name: f.name,
        aliases: f.aliases,
        kind: FunctionKind::Scalar,
        signature: f.signature(),
        doc: f.doc,
    });
    let aggregates = crate::aggregates::all().map(|f| FunctionInfo {
        name: f.name,
        aliases: &[],
        kind: FunctionKind::Aggregate,
        signature: f.signature.to_string(),
        doc: f.doc,
    });
    scalars.chain(aggregates).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_scalars_and_aggregates_with_their_signatures() {
        let all = functions();
        let find = |name: &str| all.iter().find(|f| f.name == name);
        let concat = find("concat").map(|f| (f.kind, f.signature.starts_with("concat(")));
        assert_eq!(concat, Some((FunctionKind::Scalar, true)));
        assert_eq!(find("count").map(|f| f.kind), Some(FunctionKind::Aggregate));
        assert!(
            all.iter().all(|f| !f.doc.is_empty()),
            "every function has a doc line"
        );
        let mut names: Vec<&str> = all.iter().map(|f| f.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "names are unique");
    }
}
