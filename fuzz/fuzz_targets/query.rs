//! Runs queries over a small fixed data set and renders the result in every
//! output format. Nothing may panic or exhaust the stack; a result has as
//! many cells per row as columns.
//!
//! An input is either query text, or — when its first byte is `0xFF` — the
//! description of a query shape built from the rest of the bytes: long flat
//! chains (AND/OR/arithmetic/comparison), deep nesting (parentheses, NOT,
//! unary minus, nested calls), and wide lists (IN, CASE, CONCAT, COALESCE,
//! EVAL fields), alone or inside one another, with sizes from a handful to
//! a hundred thousand. Those are the shapes that recursion in a parser,
//! analyser, folder or evaluator cannot take.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use esql_exec::api::{Format, Session};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Two small indices with nested objects, multi-values, nulls, dates, IPs
/// and mixed types.
const LOGS: &str = r#"{"@timestamp":"2024-05-01T10:00:00Z","host":{"name":"a","ip":"10.0.0.1"},"bytes":100,"msg":"GET /x 200","tags":["b","a"],"ratio":0.5,"ok":true}
{"@timestamp":"2024-05-01T11:30:00.123Z","host.name":"b","host":{"ip":"::1"},"bytes":-7,"msg":"POST /y 500","tags":[],"ratio":null,"ok":false}
{"@timestamp":"2024-05-02T00:00:00Z","host":{"name":"a"},"bytes":9223372036854775807,"msg":"","tags":"c","ratio":1e300}
{"@timestamp":"1970-01-01T00:00:00Z","bytes":[1,2,3],"msg":"ümlaut ✓ 𝄞","user":{"name":"root","id":0}}
"#;
const EVENTS: &str = r#"{"@timestamp":"2024-05-03T00:00:00Z","event":{"action":"login","outcome":"success"},"user":{"name":"alice"},"source":{"ip":"192.168.1.1"}}
{"@timestamp":"2024-05-03T00:00:01Z","event":{"action":"login","outcome":"failure"},"user":{"name":"bob"},"source":{"ip":"192.168.1.2"}}
"#;

fn session() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("esql-fuzz-query-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("logs.ndjson"), LOGS).unwrap();
        std::fs::write(dir.join("events.ndjson"), EVENTS).unwrap();
        Session::new()
            .with_data_dir(dir)
            .with_now_ms(1_715_385_600_000)
            .with_threads(1)
    })
}

/// A size: mostly small, sometimes large, rarely huge.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Size(u8, u8);

impl Size {
    fn get(self) -> usize {
        let n = usize::from(self.1);
        match self.0 % 8 {
            0..=3 => n % 16 + 1,
            4 | 5 => n * 8 + 1,
            6 => n * 80 + 1,
            _ => n * 400 + 1,
        }
    }
}

/// An operand: a column, a literal of some type, or a nested shape.
#[derive(Arbitrary, Debug)]
enum Term {
    Column(u8),
    Integer(i16),
    Text(u8),
    Null,
    Shape(Box<Shape>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum ChainOp {
    And,
    Or,
    Add,
    Mul,
    Eq,
    Lt,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Nest {
    Paren,
    Not,
    Neg,
    Abs,
    ToString,
    Length,
    Coalesce,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum List {
    In,
    NotIn,
    Case,
    Concat,
    Coalesce,
    Greatest,
    Like,
}

/// A query-breaking expression shape.
#[derive(Arbitrary, Debug)]
enum Shape {
    Chain(ChainOp, Size, Term),
    Nest(Nest, Size, Term),
    List(List, Size, Term),
}

/// Text generated per query at most: a little past Elasticsearch's limit of
/// 1,000,000 characters, so the length check is reached without making
/// every execution slow.
const BUDGET: usize = 1_050_000;

const COLUMNS: &[&str] = &["bytes", "host.name", "msg", "ratio", "ok", "tags", "user.id", "nope"];

/// Query text under construction, with the total written so far (nested
/// shapes are built in their own strings first, so the total is kept here).
struct Gen {
    written: usize,
}

impl Gen {
    fn over(&self) -> bool {
        self.written > BUDGET
    }

    fn push(&mut self, out: &mut String, text: &str) {
        self.written += text.len();
        out.push_str(text);
    }
}

fn term(g: &mut Gen, t: &Term, out: &mut String) {
    match t {
        Term::Column(c) => g.push(out, COLUMNS[usize::from(*c) % COLUMNS.len()]),
        Term::Integer(i) => g.push(out, &i.to_string()),
        Term::Text(b) => g.push(out, &format!("\"t{b}\"")),
        Term::Null => g.push(out, "null"),
        Term::Shape(s) => {
            g.push(out, "(");
            shape(g, s, out);
            g.push(out, ")");
        }
    }
}

fn shape(g: &mut Gen, s: &Shape, out: &mut String) {
    match s {
        Shape::Chain(op, n, t) => {
            let sep = match op {
                ChainOp::And => " AND ",
                ChainOp::Or => " OR ",
                ChainOp::Add => " + ",
                ChainOp::Mul => " * ",
                ChainOp::Eq => " == ",
                ChainOp::Lt => " < ",
            };
            for i in 0..n.get() {
                if i > 0 {
                    if g.over() {
                        break;
                    }
                    g.push(out, sep);
                }
                term(g, t, out);
            }
        }
        Shape::Nest(kind, n, t) => {
            let (open, close) = match kind {
                Nest::Paren => ("(", ")"),
                Nest::Not => ("NOT ", ""),
                Nest::Neg => ("-", ""),
                Nest::Abs => ("ABS(", ")"),
                Nest::ToString => ("TO_STRING(", ")"),
                Nest::Length => ("LENGTH(", ")"),
                Nest::Coalesce => ("COALESCE(null, ", ")"),
            };
            let room = BUDGET.saturating_sub(g.written) / (open.len() + close.len());
            let n = n.get().min(room);
            for _ in 0..n {
                g.push(out, open);
            }
            term(g, t, out);
            for _ in 0..n {
                g.push(out, close);
            }
        }
        Shape::List(kind, n, t) => {
            let n = n.get();
            let mut items = String::new();
            for i in 0..n {
                if i > 0 {
                    if g.over() {
                        break;
                    }
                    g.push(&mut items, ", ");
                }
                match kind {
                    List::Case => {
                        term(g, t, &mut items);
                        g.push(&mut items, &format!(" == {i}, {i}"));
                    }
                    List::Like => g.push(&mut items, &format!("\"*{i}*\"")),
                    List::Concat => g.push(&mut items, &format!("{i}::keyword")),
                    _ => g.push(&mut items, &i.to_string()),
                }
            }
            // The items were counted as they were written; the rest is new.
            let (head, tail) = match kind {
                List::In => ("", " IN ("),
                List::NotIn => ("", " NOT IN ("),
                List::Case => ("CASE(", ""),
                List::Concat => ("CONCAT(", ", "),
                List::Coalesce => ("COALESCE(", ", "),
                List::Greatest => ("GREATEST(", ", "),
                List::Like => ("", " LIKE ("),
            };
            g.push(out, head);
            if !matches!(kind, List::Case) {
                term(g, t, out);
            }
            g.push(out, tail);
            out.push_str(&items);
            g.push(out, if matches!(kind, List::Case) { ", -1)" } else { ")" });
        }
    }
}

/// Where a shape goes: a filter, a computed column, an aggregate's filter.
#[derive(Arbitrary, Debug)]
enum Place {
    Where,
    Eval,
    StatsWhere,
    RowEval,
}

fn query_of(data: &[u8]) -> Option<String> {
    let mut u = Unstructured::new(data);
    let place = Place::arbitrary(&mut u).ok()?;
    let s = Shape::arbitrary(&mut u).ok()?;
    let mut expr = String::new();
    shape(&mut Gen { written: 0 }, &s, &mut expr);
    Some(match place {
        Place::Where => format!("FROM logs | WHERE {expr} | LIMIT 5"),
        Place::Eval => format!("FROM logs | EVAL x = {expr} | KEEP x | LIMIT 5"),
        Place::StatsWhere => format!("FROM logs | STATS c = COUNT(*) WHERE {expr} BY host.name"),
        Place::RowEval => format!("ROW bytes = 1, msg = \"m\", ok = true | EVAL x = {expr}"),
    })
}

fn check(text: &str) {
    let Ok(table) = session().query(text) else {
        return;
    };
    let width = table.columns.len();
    for row in &table.rows {
        assert_eq!(row.len(), width, "row width for {text:?}");
    }
    let mut sink = Vec::new();
    for format in [Format::Json, Format::Txt, Format::Csv, Format::Tsv, Format::Ndjson] {
        table.write(format, &mut sink).unwrap();
    }
}

fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((0xFF, rest)) => {
            if let Some(text) = query_of(rest) {
                // `ESQL_FUZZ_SHOW=1 cargo fuzz run query ARTIFACT` prints the query.
                if std::env::var_os("ESQL_FUZZ_SHOW").is_some() {
                    eprintln!("{} bytes: {}", text.len(), text.chars().take(2000).collect::<String>());
                }
                check(&text);
            }
        }
        _ => {
            if let Ok(text) = std::str::from_utf8(data) {
                check(text);
            }
        }
    }
});
