//! DISSECT and GROK: new keyword (or typed) columns parsed out of a string.

use super::{commands::merge_output, expr, Analyzer, Col};
use crate::plan::Operator;
use crate::types::DataType;
use crate::value::Value;
use esql_extract::{DissectPattern, GrokPattern, GrokType};
use esql_parser::ast::{Dissect, Grok};
use std::sync::Arc;

fn string_input(
    a: &mut Analyzer<'_>,
    input: &esql_parser::ast::Expr,
    cols: &[Col],
) -> Option<crate::plan::TypedExpr> {
    let x = expr::resolve(a, input, cols)?;
    let ty = x.data_type();
    if !(ty.is_string() || ty == DataType::Null) {
        a.problem(
            input.span,
            format!(
                "Invalid input for DISSECT/GROK: [{}] must be a string, found type [{}]",
                a.text(input.span),
                ty
            ),
        );
        return None;
    }
    Some(x)
}

/// Appends `new` columns to `cols`, dropping shadowed ones, and returns the
/// positions to keep.
fn append(cols: &mut Vec<Col>, new: Vec<Col>) -> Vec<usize> {
    let mut extended = cols.clone();
    let old = cols.len();
    extended.extend(new);
    let keep = merge_output(&extended, old);
    *cols = keep
        .iter()
        .filter_map(|&i| extended.get(i).cloned())
        .collect();
    keep
}

pub(crate) fn dissect(a: &mut Analyzer<'_>, d: &Dissect, cols: &mut Vec<Col>) -> Option<Operator> {
    let input = string_input(a, &d.input, cols);
    let mut separator = String::new();
    for opt in &d.options {
        if !opt.name.node.eq_ignore_ascii_case("append_separator") {
            a.problem(
                opt.name.span,
                format!("Invalid option for dissect: [{}]", opt.name.node),
            );
            return None;
        }
        let value = expr::resolve(a, &opt.value, &[]).and_then(|x| expr::constant_value(&x));
        match value {
            Some(Value::One(crate::value::Scalar::Str(s))) => separator = s.to_string(),
            _ => {
                a.problem(
                    opt.value.span,
                    format!(
                        "Invalid value for dissect append_separator: expected a string, but was [{}]",
                        a.text(opt.value.span)
                    ),
                );
                return None;
            }
        }
    }
    let pattern = match DissectPattern::parse(&d.pattern.node, &separator) {
        Ok(p) => p,
        Err(e) => {
            a.problem(d.pattern.span, e.to_string());
            return None;
        }
    };
    let input = input?;
    let new = pattern
        .output_names()
        .iter()
        .map(|n| Col {
            name: n.clone(),
            ty: DataType::Keyword,
            origin: None,
        })
        .collect();
    let keep = append(cols, new);
    Some(Operator::Dissect {
        input,
        pattern: Arc::new(pattern),
        keep,
    })
}

pub(crate) fn grok(a: &mut Analyzer<'_>, g: &Grok, cols: &mut Vec<Col>) -> Option<Operator> {
    let input = string_input(a, &g.input, cols);
    let Some(first) = g.patterns.first() else {
        a.problem(g.input.span, "GROK needs a pattern");
        return None;
    };
    let texts: Vec<&str> = g.patterns.iter().map(|p| p.node.as_str()).collect();
    let pattern = match GrokPattern::compile_many(&texts) {
        Ok(p) => p,
        Err(e) => {
            a.problem(first.span, e.to_string());
            return None;
        }
    };
    let input = input?;
    let new = pattern
        .output_columns()
        .iter()
        .map(|(n, t)| Col {
            name: n.clone(),
            ty: match t {
                GrokType::Keyword => DataType::Keyword,
                GrokType::Integer => DataType::Integer,
                GrokType::Long => DataType::Long,
                GrokType::Double => DataType::Double,
                GrokType::Boolean => DataType::Boolean,
            },
            origin: None,
        })
        .collect();
    let keep = append(cols, new);
    Some(Operator::Grok {
        input,
        pattern: Arc::new(pattern),
        keep,
        site: a.site(g.input.span),
    })
}
