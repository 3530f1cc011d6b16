//! The AST as JSON, for `esql parse --json`.
//!
//! Every node is an object whose first key names its kind (`"command"`,
//! `"expr"`, `"literal"`) and which carries its byte span as `"span": [start,
//! end]`. The AST types stay free of serialization concerns; this module is
//! the only place that knows the JSON shape.

use esql_parser::ast::{
    AggregateField, Call, Command, Expr, ExprKind, Field, IndexPattern, Literal, NullsOrder, Param,
    Query, SortKey, SortOrder, SourceCommand, Stats,
};
use esql_parser::{Span, Spanned};
use serde_json::{json, Value};

/// The whole query as a JSON object: `{"source": …, "commands": [...]}`.
pub fn query_to_json(query: &Query) -> Value {
    json!({
        "source": spanned(&query.source, source_command),
        "commands": commands(&query.commands),
    })
}

fn span(s: Span) -> Value {
    json!([s.start, s.end])
}

fn with_span(mut value: Value, s: Span) -> Value {
    if let Value::Object(map) = &mut value {
        map.insert("span".to_string(), span(s));
    }
    value
}

fn spanned<T>(node: &Spanned<T>, to_json: impl Fn(&T) -> Value) -> Value {
    with_span(to_json(&node.node), node.span)
}

fn name(node: &Spanned<String>) -> Value {
    json!({ "name": node.node, "span": span(node.span) })
}

fn opt_name(node: &Option<Spanned<String>>) -> Value {
    node.as_ref().map_or(Value::Null, name)
}

fn names(nodes: &[Spanned<String>]) -> Value {
    Value::Array(nodes.iter().map(name).collect())
}

fn commands(list: &[Spanned<Command>]) -> Value {
    Value::Array(list.iter().map(|c| spanned(c, command)).collect())
}

fn exprs(list: &[Expr]) -> Value {
    Value::Array(list.iter().map(expr).collect())
}

fn source_command(cmd: &SourceCommand) -> Value {
    match cmd {
        SourceCommand::From(from) | SourceCommand::Ts(from) => json!({
            "command": if matches!(cmd, SourceCommand::Ts(_)) { "ts" } else { "from" },
            "indices": from.indices.iter().map(|i| spanned(i, index_pattern)).collect::<Vec<_>>(),
            "metadata": names(&from.metadata),
        }),
        SourceCommand::Row(fields_list) => {
            json!({ "command": "row", "fields": fields(fields_list) })
        }
        SourceCommand::ShowInfo => json!({ "command": "show_info" }),
    }
}

fn index_pattern(p: &IndexPattern) -> Value {
    json!({
        "cluster": p.cluster,
        "pattern": p.pattern,
        "selector": p.selector,
        "quoted": p.quoted,
    })
}

fn command(cmd: &Command) -> Value {
    match cmd {
        Command::Where(cond) => json!({ "command": "where", "condition": expr(cond) }),
        Command::Eval(list) => json!({ "command": "eval", "fields": fields(list) }),
        Command::Stats(s) => stats("stats", s),
        Command::InlineStats(s) => stats("inline_stats", s),
        Command::Sort(keys) => json!({
            "command": "sort",
            "keys": keys.iter().map(sort_key).collect::<Vec<_>>(),
        }),
        Command::Limit(n) => json!({ "command": "limit", "count": expr(n) }),
        Command::Keep(list) => json!({ "command": "keep", "patterns": names(list) }),
        Command::Drop(list) => json!({ "command": "drop", "patterns": names(list) }),
        Command::Rename(list) => json!({
            "command": "rename",
            "renames": list.iter().map(|r| json!({
                "old": name(&r.old),
                "new": name(&r.new),
                "assign_form": r.assign_form,
            })).collect::<Vec<_>>(),
        }),
        Command::Dissect(d) => json!({
            "command": "dissect",
            "input": expr(&d.input),
            "pattern": name(&d.pattern),
            "options": d.options.iter().map(|o| json!({
                "option": name(&o.name),
                "value": expr(&o.value),
            })).collect::<Vec<_>>(),
        }),
        Command::Grok(g) => json!({
            "command": "grok",
            "input": expr(&g.input),
            "patterns": names(&g.patterns),
        }),
        Command::MvExpand(column) => json!({ "command": "mv_expand", "column": name(column) }),
        Command::Enrich(e) => json!({
            "command": "enrich",
            "mode": opt_name(&e.mode),
            "policy": name(&e.policy),
            "on": opt_name(&e.on),
            "with": e.with.iter().map(|w| json!({
                "new": opt_name(&w.new),
                "field": name(&w.field),
            })).collect::<Vec<_>>(),
        }),
        Command::LookupJoin(j) => json!({
            "command": "lookup_join",
            "index": spanned(&j.index, index_pattern),
            "on": exprs(&j.on),
        }),
        Command::Completion(c) => json!({
            "command": "completion",
            "target": opt_name(&c.target),
            "prompt": expr(&c.prompt),
            "options": c.options.as_ref().map_or(Value::Null, expr),
        }),
        Command::Sample(p) => json!({ "command": "sample", "probability": expr(p) }),
        Command::ChangePoint(c) => json!({
            "command": "change_point",
            "value": name(&c.value),
            "key": opt_name(&c.key),
            "names": c.names.as_ref().map_or(Value::Null, |(t, p)| json!([name(t), name(p)])),
        }),
        Command::Fork(branches) => json!({
            "command": "fork",
            "branches": branches.iter().map(|b| spanned(b, |cmds| json!({
                "commands": commands(cmds),
            }))).collect::<Vec<_>>(),
        }),
        Command::Other(o) => json!({ "command": "other", "keyword": o.keyword, "text": o.text }),
    }
}

fn stats(keyword: &str, s: &Stats) -> Value {
    json!({
        "command": keyword,
        "aggregates": s.aggregates.iter().map(aggregate).collect::<Vec<_>>(),
        "groups": fields(&s.groups),
    })
}

fn aggregate(a: &AggregateField) -> Value {
    let mut value = field(&a.field);
    if let Value::Object(map) = &mut value {
        map.insert(
            "filter".to_string(),
            a.filter.as_ref().map_or(Value::Null, expr),
        );
    }
    value
}

fn fields(list: &[Field]) -> Value {
    Value::Array(list.iter().map(field).collect())
}

fn field(f: &Field) -> Value {
    json!({ "name": opt_name(&f.name), "value": expr(&f.expr) })
}

fn sort_key(k: &SortKey) -> Value {
    json!({
        "expr": expr(&k.expr),
        "order": k.order.map(|o| match o {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }),
        "nulls": k.nulls.map(|n| match n {
            NullsOrder::First => "first",
            NullsOrder::Last => "last",
        }),
        "span": span(k.span),
    })
}

fn expr(e: &Expr) -> Value {
    let value = match &e.kind {
        ExprKind::Literal(l) => json!({ "expr": "literal", "value": literal(l) }),
        ExprKind::Column(c) => json!({ "expr": "column", "name": c }),
        ExprKind::Param(p) => json!({ "expr": "param", "param": param(p) }),
        ExprKind::Call(c) => call(c),
        ExprKind::Neg(inner) => json!({ "expr": "neg", "operand": expr(inner) }),
        ExprKind::Not(inner) => json!({ "expr": "not", "operand": expr(inner) }),
        ExprKind::Binary { op, left, right } => json!({
            "expr": "binary",
            "op": op.symbol(),
            "left": expr(left),
            "right": expr(right),
        }),
        ExprKind::In {
            expr: tested,
            list,
            negated,
        } => {
            json!({ "expr": "in", "value": expr(tested), "list": exprs(list), "negated": negated })
        }
        ExprKind::IsNull {
            expr: tested,
            negated,
        } => json!({ "expr": "is_null", "value": expr(tested), "negated": negated }),
        ExprKind::Like {
            expr: tested,
            patterns,
            list_form,
            regex,
            negated,
        } => json!({
            "expr": if *regex { "rlike" } else { "like" },
            "value": expr(tested),
            "patterns": exprs(patterns),
            "list_form": list_form,
            "negated": negated,
        }),
        ExprKind::Match { field, query } => json!({
            "expr": "match",
            "field": expr(field),
            "query": expr(query),
        }),
        ExprKind::Cast { expr: inner, to } => json!({
            "expr": "cast",
            "value": expr(inner),
            "to": name(to),
        }),
        ExprKind::Map(entries) => json!({
            "expr": "map",
            "entries": entries.iter().map(|m| json!({
                "key": name(&m.key),
                "value": expr(&m.value),
            })).collect::<Vec<_>>(),
        }),
    };
    with_span(value, e.span)
}

fn call(c: &Call) -> Value {
    json!({
        "expr": "call",
        "function": name(&c.name),
        "args": exprs(&c.args),
        "star": c.star,
    })
}

fn param(p: &Param) -> Value {
    match p {
        Param::Anonymous(n) => json!({ "kind": "anonymous", "index": n }),
        Param::Named(n) => json!({ "kind": "named", "name": n }),
        Param::Positional(n) => json!({ "kind": "positional", "index": n }),
        Param::DoubleNamed(n) => json!({ "kind": "double_named", "name": n }),
    }
}

fn literal(l: &Literal) -> Value {
    match l {
        Literal::Null => json!({ "literal": "null" }),
        Literal::Boolean(b) => json!({ "literal": "boolean", "value": b }),
        Literal::Integer(i) => json!({ "literal": "integer", "value": i }),
        Literal::UnsignedLong(u) => json!({ "literal": "unsigned_long", "value": u }),
        // Non-finite values cannot be written as JSON numbers: they become null.
        Literal::Decimal(d) => json!({ "literal": "decimal", "value": d }),
        Literal::String(s) => json!({ "literal": "string", "value": s }),
        Literal::TimeSpan { value, unit } => {
            json!({ "literal": "time_span", "value": value, "unit": unit })
        }
        Literal::List(items) => json!({
            "literal": "list",
            "values": items.iter().map(literal).collect::<Vec<_>>(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use esql_parser::ast::{BinaryOp, From};

    fn e(kind: ExprKind, start: usize, end: usize) -> Expr {
        Expr {
            kind,
            span: Span::new(start, end),
        }
    }

    #[test]
    fn query_shape() {
        // FROM logs | WHERE a > 1
        let from = From {
            indices: vec![Spanned::new(
                IndexPattern {
                    cluster: None,
                    pattern: "logs".into(),
                    selector: None,
                    quoted: false,
                },
                Span::new(5, 9),
            )],
            metadata: vec![],
        };
        let cond = e(
            ExprKind::Binary {
                op: BinaryOp::Gt,
                left: Box::new(e(ExprKind::Column("a".into()), 18, 19)),
                right: Box::new(e(ExprKind::Literal(Literal::Integer(1)), 22, 23)),
            },
            18,
            23,
        );
        let query = Query {
            source: Spanned::new(SourceCommand::From(from), Span::new(0, 9)),
            commands: vec![Spanned::new(Command::Where(cond), Span::new(12, 23))],
        };
        let expected = json!({
            "source": {
                "command": "from",
                "indices": [{"cluster": null, "pattern": "logs", "selector": null,
                             "quoted": false, "span": [5, 9]}],
                "metadata": [],
                "span": [0, 9],
            },
            "commands": [{
                "command": "where",
                "condition": {
                    "expr": "binary", "op": ">",
                    "left": {"expr": "column", "name": "a", "span": [18, 19]},
                    "right": {"expr": "literal", "value": {"literal": "integer", "value": 1},
                              "span": [22, 23]},
                    "span": [18, 23],
                },
                "span": [12, 23],
            }],
        });
        assert_eq!(query_to_json(&query), expected);
    }

    #[test]
    fn literals_and_stats() {
        let list = Literal::List(vec![Literal::Decimal(f64::NAN), Literal::Null]);
        assert_eq!(
            literal(&list),
            json!({"literal": "list", "values": [
                {"literal": "decimal", "value": null}, {"literal": "null"}]})
        );
        let count = e(
            ExprKind::Call(Call {
                name: Spanned::new("count".into(), Span::new(6, 11)),
                args: vec![],
                star: true,
            }),
            6,
            14,
        );
        let s = Stats {
            aggregates: vec![AggregateField {
                field: Field {
                    name: None,
                    expr: count,
                },
                filter: None,
            }],
            groups: vec![],
        };
        let v = command(&Command::InlineStats(s));
        assert_eq!(v["command"], "inline_stats");
        assert_eq!(v["aggregates"][0]["value"]["function"]["name"], "count");
        assert_eq!(v["aggregates"][0]["value"]["star"], true);
        assert_eq!(v["aggregates"][0]["filter"], Value::Null);
        assert_eq!(v["aggregates"][0]["name"], Value::Null);
    }
}
