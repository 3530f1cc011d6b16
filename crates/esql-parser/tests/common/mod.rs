//! Test helpers: comparing ASTs with spans erased.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// The Debug rendering of `value` with every span (`12..34`) replaced by `_`.
pub fn without_spans<T: std::fmt::Debug>(value: &T) -> String {
    let text = format!("{value:?}");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_number =
            chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric());
        if starts_number {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if chars.get(j) == Some(&'.') && chars.get(j + 1) == Some(&'.') {
                let mut k = j + 2;
                while k < chars.len() && chars[k].is_ascii_digit() {
                    k += 1;
                }
                if k > j + 2 {
                    out.push('_');
                    i = k;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Parses `q`, prints it, parses the print, and checks both ASTs agree.
pub fn assert_round_trip(q: &str) {
    let first =
        esql_parser::parse(q).unwrap_or_else(|e| panic!("{q}\n{}", e.to_diagnostic().render(q)));
    for printed in [first.query.to_string(), format!("{:#}", first.query)] {
        let second = esql_parser::parse(&printed)
            .unwrap_or_else(|e| panic!("reparse of {printed:?} failed: {}", e.message()));
        assert_eq!(
            without_spans(&first.query),
            without_spans(&second.query),
            "round trip changed the AST\n  query:   {q}\n  printed: {printed}"
        );
    }
}

/// The `.esql` files of this crate's own query corpus, sorted.
pub fn own_queries() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/queries exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "esql"))
        .collect();
    files.sort();
    files
}

/// A compact, reviewable print of a parsed query: the canonical text, then
/// one line per command, expression and name, each with its byte span and
/// indented by nesting. An expression line names its kind and shows its
/// canonical text, so the tree's shape (what groups with what) is visible
/// without a Debug dump.
pub fn outline(query: &esql_parser::ast::Query) -> String {
    use esql_parser::ast::{Command, Expr, ExprKind, Literal};
    use esql_parser::visit::{walk_query, NameRole, Visitor};
    use esql_parser::Spanned;
    use std::fmt::Write as _;
    use std::ops::ControlFlow;

    struct Outline {
        out: String,
        /// Spans of the expressions enclosing the current one.
        open: Vec<(u32, u32)>,
    }

    impl Outline {
        fn line(&mut self, start: u32, end: u32, text: &str) {
            while self
                .open
                .last()
                .is_some_and(|&(s, e)| !(s <= start && end <= e))
            {
                self.open.pop();
            }
            let indent = "  ".repeat(self.open.len() + 1);
            let _ = writeln!(self.out, "{:>9}{indent}{text}", format!("{start}..{end}"));
        }
    }

    fn kind(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Literal(Literal::Null) => "null".into(),
            ExprKind::Literal(Literal::Boolean(_)) => "boolean".into(),
            ExprKind::Literal(Literal::Integer(_)) => "integer".into(),
            ExprKind::Literal(Literal::UnsignedLong(_)) => "unsigned_long".into(),
            ExprKind::Literal(Literal::Decimal(_)) => "decimal".into(),
            ExprKind::Literal(Literal::String(_)) => "string".into(),
            ExprKind::Literal(other) => format!("{other:?}")
                .split(['(', ' ', '{'])
                .next()
                .unwrap_or("literal")
                .to_lowercase(),
            ExprKind::Column(_) => "column".into(),
            ExprKind::Param(_) => "param".into(),
            ExprKind::Call(c) => format!("call{}", if c.star { " (*)" } else { "" }),
            ExprKind::Neg(_) => "neg".into(),
            ExprKind::Not(_) => "not".into(),
            ExprKind::Binary { op, .. } => format!("{op:?}").to_lowercase(),
            ExprKind::In { negated, .. } => if *negated { "not in" } else { "in" }.into(),
            ExprKind::IsNull { negated, .. } => {
                if *negated { "is not null" } else { "is null" }.into()
            }
            ExprKind::Like {
                regex,
                negated,
                list_form,
                ..
            } => format!(
                "{}{}{}",
                if *negated { "not " } else { "" },
                if *regex { "rlike" } else { "like" },
                if *list_form { " list" } else { "" }
            ),
            ExprKind::Match { .. } => "match".into(),
            ExprKind::Cast { .. } => "cast".into(),
            ExprKind::Map(_) => "map".into(),
        }
    }

    impl Visitor for Outline {
        type Break = ();
        fn command(&mut self, c: &Spanned<Command>) -> ControlFlow<()> {
            self.open.clear();
            let _ = writeln!(
                self.out,
                "{:>9}  | {}",
                format!("{}..{}", c.span.start, c.span.end),
                c.node
            );
            ControlFlow::Continue(())
        }
        fn expr(&mut self, e: &Expr) -> ControlFlow<()> {
            let text = format!("{} `{e}`", kind(e));
            self.line(e.span.start, e.span.end, &text);
            self.open.push((e.span.start, e.span.end));
            ControlFlow::Continue(())
        }
        fn name(&mut self, role: NameRole, name: &Spanned<String>) -> ControlFlow<()> {
            let text = format!(
                "{} name `{}`",
                format!("{role:?}").to_lowercase(),
                name.node
            );
            self.line(name.span.start, name.span.end, &text);
            ControlFlow::Continue(())
        }
    }

    let mut o = Outline {
        out: format!("{query:#}\n\n"),
        open: Vec::new(),
    };
    let _ = writeln!(
        o.out,
        "{:>9}  {}",
        format!("{}..{}", query.source.span.start, query.source.span.end),
        query.source.node
    );
    let _ = walk_query(query, &mut o);
    o.out
}
