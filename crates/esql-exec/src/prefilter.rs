//! Literals a raw line must contain for a plan's leading filters to pass,
//! so lines that cannot match are skipped before JSON parsing.
//!
//! Only equality and IN against string constants on keyword/text source
//! columns are used, combined through AND (all groups) and OR (a merged
//! group). A literal never holds `"`, `\`, `/` or a control character,
//! so the only JSON escape that could spell one of its characters is
//! `\uXXXX`: the reader never applies them to lines containing `\u`, and
//! skipping never changes a result.

use crate::plan::{Operator, TypedExpr};
use crate::reader::record_prefilter::RecordPrefilter;
use crate::types::DataType;
use crate::value::{Scalar, Value};
use esql_parser::ast::BinaryOp;

/// Groups of literals (each group: at least one must occur in the line).
///
/// `fields` are the source fields (row positions); fields whose value does
/// not come from the line (constants of `constant_keyword` mappings) must
/// be passed as `excluded`.
pub fn required_literals(
    operators: &[Operator],
    fields: &[(String, DataType)],
    excluded: &[usize],
) -> Vec<Vec<String>> {
    let usable: Vec<(String, DataType)> = fields
        .iter()
        .enumerate()
        .map(|(i, (n, t))| {
            let t = if excluded.contains(&i) {
                DataType::Unsupported
            } else {
                *t
            };
            (n.clone(), t)
        })
        .collect();
    let fields = usable.as_slice();
    let mut groups = Vec::new();
    for op in operators {
        match op {
            // A skipped line must not have raised a warning either: only
            // filters that cannot fail (comparisons, IN, LIKE, logic) are
            // used, and the reader still parses lines where a column they
            // read may be multi-valued.
            Operator::Filter(cond) if quiet(cond) => groups.extend(of(cond, fields)),
            _ => break,
        }
    }
    groups
}

/// The prefilter on raw CloudTrail records: the literal groups of the
/// fields the pipeline copies from a record member, used only when every
/// field the filters read is one whose multi-values the record's text
/// shows (see `esql_cloudtrail::record_field`); otherwise a skipped
/// record could have made a filter warn, and nothing is skipped.
pub fn record_prefilter(
    operators: &[Operator],
    fields: &[(String, DataType)],
    excluded: &[usize],
    filtered: &[usize],
) -> RecordPrefilter {
    use esql_cloudtrail::{record_field, RecordField};
    let mut array_keys: Vec<String> = Vec::new();
    for &i in filtered {
        let Some((name, _)) = fields.get(i) else {
            return RecordPrefilter::default();
        };
        match record_field(name) {
            Some(RecordField::Copied(member)) => array_keys.push(member.to_string()),
            Some(RecordField::SingleValued) => {}
            None => return RecordPrefilter::default(),
        }
    }
    array_keys.sort();
    array_keys.dedup();
    let not_copied: Vec<usize> = fields
        .iter()
        .enumerate()
        .filter(|(i, (name, _))| {
            excluded.contains(i) || !matches!(record_field(name), Some(RecordField::Copied(_)))
        })
        .map(|(i, _)| i)
        .collect();
    RecordPrefilter {
        literals: required_literals(operators, fields, &not_copied),
        array_keys,
    }
}

/// The source columns (row positions) read by the leading filters that
/// [`required_literals`] draws on: the only ones whose multi-values could
/// make a skipped line raise a warning.
pub fn filtered_columns(operators: &[Operator]) -> Vec<usize> {
    let mut columns = Vec::new();
    for op in operators {
        match op {
            Operator::Filter(cond) if quiet(cond) => columns_of(cond, &mut columns),
            _ => break,
        }
    }
    columns.sort_unstable();
    columns.dedup();
    columns
}

/// Pushes the columns `e` reads (quiet expressions only: no calls).
fn columns_of(e: &TypedExpr, out: &mut Vec<usize>) {
    match e {
        TypedExpr::Column(i, _) => out.push(*i),
        TypedExpr::Literal(..) => {}
        TypedExpr::And(a, b) | TypedExpr::Or(a, b) => {
            columns_of(a, out);
            columns_of(b, out);
        }
        TypedExpr::Not(a) | TypedExpr::IsNull(a, _) | TypedExpr::Neg(a, ..) => columns_of(a, out),
        TypedExpr::Binary { left, right, .. } => {
            columns_of(left, out);
            columns_of(right, out);
        }
        TypedExpr::In { expr, list, .. } => {
            columns_of(expr, out);
            list.iter().for_each(|x| columns_of(x, out));
        }
        TypedExpr::Like { expr, .. } => columns_of(expr, out),
        TypedExpr::Call { args, .. } => args.iter().for_each(|x| columns_of(x, out)),
    }
}

/// True when evaluating `e` can only warn about multi-valued columns.
fn quiet(e: &TypedExpr) -> bool {
    match e {
        TypedExpr::Literal(..) | TypedExpr::Column(..) => true,
        TypedExpr::And(a, b) | TypedExpr::Or(a, b) => quiet(a) && quiet(b),
        TypedExpr::Not(a) | TypedExpr::IsNull(a, _) => quiet(a),
        TypedExpr::Binary {
            op, left, right, ..
        } => op.is_comparison() && quiet(left) && quiet(right),
        TypedExpr::In { expr, list, .. } => quiet(expr) && list.iter().all(quiet),
        TypedExpr::Like { expr, .. } => quiet(expr),
        TypedExpr::Call { .. } | TypedExpr::Neg(..) => false,
    }
}

fn of(e: &TypedExpr, fields: &[(String, DataType)]) -> Vec<Vec<String>> {
    match e {
        TypedExpr::And(a, b) => {
            let mut g = of(a, fields);
            g.extend(of(b, fields));
            g
        }
        TypedExpr::Or(a, b) => {
            let (x, y) = (of(a, fields), of(b, fields));
            match (x.first(), y.first()) {
                (Some(gx), Some(gy)) => {
                    let mut merged = gx.clone();
                    merged.extend(gy.iter().cloned());
                    vec![merged]
                }
                _ => Vec::new(),
            }
        }
        TypedExpr::Binary {
            op: BinaryOp::Eq,
            left,
            right,
            ..
        } => match (
            literal_of(left, right, fields),
            literal_of(right, left, fields),
        ) {
            (Some(l), _) | (None, Some(l)) => vec![vec![l]],
            _ => Vec::new(),
        },
        TypedExpr::In { expr, list, .. } => {
            let mut group = Vec::new();
            for item in list {
                match literal_of(expr, item, fields) {
                    Some(l) => group.push(l),
                    None => return Vec::new(),
                }
            }
            if group.is_empty() {
                Vec::new()
            } else {
                vec![group]
            }
        }
        _ => Vec::new(),
    }
}

/// The literal text when `column` is a string source column and `constant`
/// a string that JSON writes verbatim and that no number or boolean could
/// be rendered as.
fn literal_of(
    column: &TypedExpr,
    constant: &TypedExpr,
    fields: &[(String, DataType)],
) -> Option<String> {
    let TypedExpr::Column(i, _) = column else {
        return None;
    };
    let (_, ty) = fields.get(*i)?;
    if !ty.is_string() {
        return None;
    }
    let TypedExpr::Literal(Value::One(Scalar::Str(s)), _) = constant else {
        return None;
    };
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c != '"' && c != '\\' && c != '/' && !c.is_control())
        && s.chars()
            .any(|c| !matches!(c, '0'..='9' | '.' | 'e' | 'E' | '+' | '-'));
    plain.then(|| s.to_string())
}
