//! Canonical ES|QL printing: uppercase keywords, ` | ` between commands
//! (one command per line with `{:#}`), minimal backquoting, re-escaped
//! strings and only the parentheses precedence needs. The output parses
//! back to the same AST (spans aside).

use crate::ast::*;
use crate::parse::{ident_len, EXPR_KEYWORDS};
use std::fmt::{self, Display, Formatter, Write as _};

/// Writes `s` as a double-quoted ES|QL string with escapes.
fn quote_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn backquote(s: &str) -> String {
    format!("`{}`", s.replace('`', "``"))
}

fn is_plain_part(part: &str) -> bool {
    !part.is_empty()
        && ident_len(part) == part.len()
        && !EXPR_KEYWORDS
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case(part))
}

/// One identifier (a DISSECT option name, a cast's type name): never a
/// dotted name, so a dot inside it stays quoted.
fn identifier(s: &str) -> String {
    if is_plain_part(s) {
        s.to_string()
    } else {
        backquote(s)
    }
}

/// A column name, quoting only the parts that need it.
pub(crate) fn name(n: &str) -> String {
    let parts: Vec<&str> = n.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return backquote(n);
    }
    parts
        .iter()
        .map(|p| identifier(p))
        .collect::<Vec<_>>()
        .join(".")
}

fn is_plain_pattern_part(part: &str) -> bool {
    let mut chars = part.chars();
    let body = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '*';
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '*' => chars.all(body),
        Some('_' | '@') => {
            let rest: Vec<char> = chars.collect();
            !rest.is_empty() && rest.into_iter().all(body)
        }
        _ => false,
    }
}

/// A KEEP/DROP/RENAME name pattern, quoting only parts that need it.
fn pattern(n: &str) -> String {
    let parts: Vec<&str> = n.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return backquote(n);
    }
    parts
        .iter()
        .map(|p| {
            if is_plain_pattern_part(p)
                && !p.eq_ignore_ascii_case("as")
                && !p.eq_ignore_ascii_case("with")
            {
                (*p).to_string()
            } else {
                backquote(p)
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn join<T: Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source.node)?;
        let sep = if f.alternate() { "\n| " } else { " | " };
        for c in &self.commands {
            write!(f, "{sep}{}", c.node)?;
        }
        Ok(())
    }
}

impl Display for IndexPattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.quoted {
            return f.write_str(&quote_string(&self.pattern));
        }
        if let Some(c) = &self.cluster {
            write!(f, "{c}:")?;
        }
        f.write_str(&self.pattern)?;
        if let Some(s) = &self.selector {
            write!(f, "::{s}")?;
        }
        Ok(())
    }
}

impl Display for From {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let idx: Vec<String> = self.indices.iter().map(|i| i.node.to_string()).collect();
        f.write_str(&idx.join(", "))?;
        if !self.metadata.is_empty() {
            let m: Vec<&str> = self.metadata.iter().map(|m| m.node.as_str()).collect();
            write!(f, " METADATA {}", m.join(", "))?;
        }
        Ok(())
    }
}

impl Display for SourceCommand {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SourceCommand::From(from) => write!(f, "FROM {from}"),
            SourceCommand::Ts(from) => write!(f, "TS {from}"),
            SourceCommand::Row(fields) => write!(f, "ROW {}", join(fields)),
            SourceCommand::ShowInfo => f.write_str("SHOW INFO"),
        }
    }
}

impl Display for Field {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(n) = &self.name {
            write!(f, "{} = ", name(&n.node))?;
        }
        write!(f, "{}", self.expr)
    }
}

impl Display for AggregateField {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.field)?;
        if let Some(w) = &self.filter {
            write!(f, " WHERE {w}")?;
        }
        Ok(())
    }
}

impl Display for Stats {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&join(&self.aggregates))?;
        if !self.groups.is_empty() {
            if !self.aggregates.is_empty() {
                f.write_char(' ')?;
            }
            write!(f, "BY {}", join(&self.groups))?;
        }
        Ok(())
    }
}

impl Display for SortKey {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        match self.order {
            Some(SortOrder::Asc) => f.write_str(" ASC")?,
            Some(SortOrder::Desc) => f.write_str(" DESC")?,
            None => {}
        }
        match self.nulls {
            Some(NullsOrder::First) => f.write_str(" NULLS FIRST"),
            Some(NullsOrder::Last) => f.write_str(" NULLS LAST"),
            None => Ok(()),
        }
    }
}

impl Display for Command {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let patterns = |v: &[crate::span::Spanned<String>]| {
            v.iter()
                .map(|p| pattern(&p.node))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Command::Where(e) => write!(f, "WHERE {e}"),
            Command::Eval(fields) => write!(f, "EVAL {}", join(fields)),
            Command::Stats(s) => {
                f.write_str("STATS")?;
                if s.aggregates.is_empty() && s.groups.is_empty() {
                    return Ok(());
                }
                write!(f, " {s}")
            }
            Command::InlineStats(s) => write!(f, "INLINE STATS {s}"),
            Command::Sort(keys) => write!(f, "SORT {}", join(keys)),
            Command::Limit(e) => write!(f, "LIMIT {e}"),
            Command::Keep(p) => write!(f, "KEEP {}", patterns(p)),
            Command::Drop(p) => write!(f, "DROP {}", patterns(p)),
            Command::Rename(r) => {
                let items: Vec<String> = r
                    .iter()
                    .map(|r| {
                        if r.assign_form {
                            format!("{} = {}", pattern(&r.new.node), pattern(&r.old.node))
                        } else {
                            format!("{} AS {}", pattern(&r.old.node), pattern(&r.new.node))
                        }
                    })
                    .collect();
                write!(f, "RENAME {}", items.join(", "))
            }
            Command::Dissect(d) => {
                write!(
                    f,
                    "DISSECT {} {}",
                    Prec(&d.input, PRIMARY),
                    quote_string(&d.pattern.node)
                )?;
                let opts: Vec<String> = d
                    .options
                    .iter()
                    .map(|o| format!("{} = {}", identifier(&o.name.node), o.value))
                    .collect();
                if !opts.is_empty() {
                    write!(f, " {}", opts.join(", "))?;
                }
                Ok(())
            }
            Command::Grok(g) => {
                let pats: Vec<String> = g.patterns.iter().map(|p| quote_string(&p.node)).collect();
                write!(f, "GROK {} {}", Prec(&g.input, PRIMARY), pats.join(", "))
            }
            Command::MvExpand(n) => write!(f, "MV_EXPAND {}", name(&n.node)),
            Command::Enrich(e) => {
                f.write_str("ENRICH ")?;
                if let Some(m) = &e.mode {
                    write!(f, "{}:", m.node)?;
                }
                f.write_str(&e.policy.node)?;
                if let Some(on) = &e.on {
                    write!(f, " ON {}", pattern(&on.node))?;
                }
                if !e.with.is_empty() {
                    let items: Vec<String> = e
                        .with
                        .iter()
                        .map(|w| match &w.new {
                            Some(n) => format!("{} = {}", pattern(&n.node), pattern(&w.field.node)),
                            None => pattern(&w.field.node),
                        })
                        .collect();
                    write!(f, " WITH {}", items.join(", "))?;
                }
                Ok(())
            }
            Command::LookupJoin(j) => {
                write!(f, "LOOKUP JOIN {} ON {}", j.index.node, join(&j.on))
            }
            Command::Completion(c) => {
                f.write_str("COMPLETION ")?;
                if let Some(t) = &c.target {
                    write!(f, "{} = ", name(&t.node))?;
                }
                write!(f, "{}", Prec(&c.prompt, PRIMARY))?;
                if let Some(o) = &c.options {
                    write!(f, " WITH {o}")?;
                }
                Ok(())
            }
            Command::Sample(e) => write!(f, "SAMPLE {e}"),
            Command::ChangePoint(c) => {
                write!(f, "CHANGE_POINT {}", name(&c.value.node))?;
                if let Some(k) = &c.key {
                    write!(f, " ON {}", name(&k.node))?;
                }
                if let Some((a, b)) = &c.names {
                    write!(f, " AS {}, {}", name(&a.node), name(&b.node))?;
                }
                Ok(())
            }
            Command::Fork(branches) => {
                f.write_str("FORK")?;
                for b in branches {
                    let cmds: Vec<String> = b.node.iter().map(|c| c.node.to_string()).collect();
                    write!(f, " ({})", cmds.join(" | "))?;
                }
                Ok(())
            }
            Command::Other(o) => {
                write!(f, "{}", o.keyword.to_uppercase())?;
                if !o.text.is_empty() {
                    write!(f, " {}", o.text)?;
                }
                Ok(())
            }
        }
    }
}

/// Precedence levels used for parenthesising (higher binds tighter).
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const PREDICATE: u8 = 4;
const COMPARISON: u8 = 5;
const ADD: u8 = 6;
const MUL: u8 = 7;
const UNARY: u8 = 8;
const PRIMARY: u8 = 10;

fn level(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary { op, .. } => match op {
            BinaryOp::Or => OR,
            BinaryOp::And => AND,
            BinaryOp::Add | BinaryOp::Sub => ADD,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => MUL,
            _ => COMPARISON,
        },
        ExprKind::Not(_) => NOT,
        ExprKind::In { .. }
        | ExprKind::IsNull { .. }
        | ExprKind::Like { .. }
        | ExprKind::Match { .. } => PREDICATE,
        ExprKind::Neg(_) => UNARY,
        _ => PRIMARY,
    }
}

/// An expression printed in a context that needs at least level `.1`.
struct Prec<'a>(&'a Expr, u8);

impl Display for Prec<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if level(self.0) < self.1 {
            write!(f, "({})", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Null => f.write_str("null"),
            Literal::Boolean(b) => write!(f, "{b}"),
            Literal::Integer(i) => write!(f, "{i}"),
            Literal::UnsignedLong(u) => write!(f, "{u}"),
            Literal::Decimal(d) => write!(f, "{d:?}"),
            Literal::String(s) => f.write_str(&quote_string(s)),
            Literal::TimeSpan { value, unit } => write!(f, "{value} {unit}"),
            Literal::List(items) => write!(f, "[{}]", join(items)),
        }
    }
}

impl Display for Param {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Param::Anonymous(_) => f.write_str("?"),
            Param::Named(n) => write!(f, "?{n}"),
            Param::Positional(i) => write!(f, "?{i}"),
            Param::DoubleNamed(n) => write!(f, "??{n}"),
        }
    }
}

fn is_signed_number(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Literal(
            Literal::Integer(_)
                | Literal::UnsignedLong(_)
                | Literal::Decimal(_)
                | Literal::TimeSpan { .. }
        )
    )
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Literal(l) => write!(f, "{l}"),
            ExprKind::Column(c) => f.write_str(&name(c)),
            ExprKind::Param(p) => write!(f, "{p}"),
            ExprKind::Call(c) => {
                let n = &c.name.node;
                // FIRST and LAST are keywords that the grammar also takes as
                // function names: they need no quotes before `(`.
                if n.eq_ignore_ascii_case("first") || n.eq_ignore_ascii_case("last") {
                    f.write_str(n)?;
                } else {
                    f.write_str(&name(n))?;
                }
                if c.star {
                    return f.write_str("(*)");
                }
                write!(f, "({})", join(&c.args))
            }
            ExprKind::Neg(inner) => {
                if is_signed_number(inner) {
                    write!(f, "-({inner})")
                } else {
                    let s = Prec(inner, UNARY).to_string();
                    if s.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
                        // `-0::x` would read back with the sign folded into
                        // the number: keep the negation explicit.
                        write!(f, "-({s})")
                    } else if s.starts_with('-') || s.starts_with('+') {
                        write!(f, "- {s}")
                    } else {
                        write!(f, "-{s}")
                    }
                }
            }
            ExprKind::Not(inner) => write!(f, "NOT {}", Prec(inner, NOT)),
            ExprKind::Binary { op, left, right } => {
                let me = level(self);
                let (l, r) = match op {
                    BinaryOp::Or | BinaryOp::And => (me, me + 1),
                    BinaryOp::Add | BinaryOp::Sub => (ADD, MUL),
                    BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => (MUL, UNARY),
                    _ => (ADD, ADD),
                };
                write!(f, "{} {} {}", Prec(left, l), op.symbol(), Prec(right, r))
            }
            ExprKind::In {
                expr,
                list,
                negated,
            } => {
                let items: Vec<String> = list
                    .iter()
                    .map(|e| Prec(e, COMPARISON).to_string())
                    .collect();
                let not = if *negated { "NOT " } else { "" };
                write!(
                    f,
                    "{} {not}IN ({})",
                    Prec(expr, COMPARISON),
                    items.join(", ")
                )
            }
            ExprKind::IsNull { expr, negated } => {
                let not = if *negated { "NOT " } else { "" };
                write!(f, "{} IS {not}NULL", Prec(expr, COMPARISON))
            }
            ExprKind::Like {
                expr,
                patterns,
                list_form,
                regex,
                negated,
            } => {
                let not = if *negated { "NOT " } else { "" };
                let op = if *regex { "RLIKE" } else { "LIKE" };
                let pats = join(patterns);
                if *list_form {
                    write!(f, "{} {not}{op} ({pats})", Prec(expr, COMPARISON))
                } else {
                    write!(f, "{} {not}{op} {pats}", Prec(expr, COMPARISON))
                }
            }
            ExprKind::Match { field, query } => write!(f, "{field} : {query}"),
            ExprKind::Cast { expr, to } => {
                write!(f, "{}::{}", Prec(expr, PRIMARY), identifier(&to.node))
            }
            ExprKind::Map(entries) => {
                let items: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{}: {}", quote_string(&e.key.node), e.value))
                    .collect();
                write!(f, "{{{}}}", items.join(", "))
            }
        }
    }
}
