//! `--histogram`: the count of a query's rows over a date column, drawn
//! with Unicode blocks as Discover draws it above its documents.
//!
//! Two queries are added after the user's query: one finds the column's
//! range (`STATS MIN, MAX, COUNT`), the other counts rows per bucket
//! (`EVAL DATE_TRUNC(interval, column) | STATS COUNT(*) BY bucket`). The
//! interval is the smallest of a fixed ladder (1 second … 30 days) that
//! keeps the buckets within the width.

use esql_exec::api::{self, cell_text, QueryError, Scalar, Session, Value};
use std::collections::BTreeMap;

/// The bars' height in lines.
const HEIGHT: usize = 6;

/// Bucket sizes: the ES|QL literal and its length in milliseconds.
const INTERVALS: [(&str, i64); 17] = [
    ("1 second", 1_000),
    ("5 seconds", 5_000),
    ("10 seconds", 10_000),
    ("30 seconds", 30_000),
    ("1 minute", 60_000),
    ("5 minutes", 300_000),
    ("10 minutes", 600_000),
    ("30 minutes", 1_800_000),
    ("1 hour", 3_600_000),
    ("3 hours", 10_800_000),
    ("6 hours", 21_600_000),
    ("12 hours", 43_200_000),
    ("1 day", 86_400_000),
    ("2 days", 172_800_000),
    ("7 days", 604_800_000),
    ("14 days", 1_209_600_000),
    ("30 days", 2_592_000_000),
];

/// Why no histogram could be drawn.
pub enum HistogramError {
    /// One of the added queries failed (e.g. the column is not a date or
    /// the query's last command dropped it); the text is the query run.
    Query(String, QueryError),
    /// The column is not a date.
    NotADate(String),
}

impl HistogramError {
    /// The report to print on stderr.
    pub fn render(&self) -> String {
        match self {
            HistogramError::Query(text, e) => format!("histogram: {}", e.render(text)),
            HistogramError::NotADate(column) => {
                format!("histogram: [{column}] is not a date column\n")
            }
        }
    }
}

/// `column` quoted as an ES|QL identifier.
fn quoted(column: &str) -> String {
    format!("`{}`", column.replace('`', "``"))
}

/// `text` with a trailing `;` removed, ready for more commands.
fn base(text: &str) -> &str {
    let t = text.trim_end();
    t.strip_suffix(';').unwrap_or(t).trim_end()
}

fn millis(v: Option<&Value>) -> Option<i64> {
    match v {
        Some(Value::One(Scalar::Date(ms))) => Some(*ms),
        Some(Value::One(Scalar::DateNanos(ns))) => Some(ns.div_euclid(1_000_000)),
        _ => None,
    }
}

fn run(session: &Session, text: String) -> Result<api::Table, HistogramError> {
    match session.prepare(&text).and_then(|q| q.run()) {
        Ok(answer) => Ok(answer.table),
        Err(e) => Err(HistogramError::Query(text, e)),
    }
}

/// The histogram of `text`'s rows over `column`, at most `width` columns
/// wide; no trailing newline.
pub fn draw(
    session: &Session,
    text: &str,
    column: &str,
    width: u16,
) -> Result<String, HistogramError> {
    let c = quoted(column);
    let range = run(
        session,
        format!(
            "{}\n| STATS __lo = MIN({c}), __hi = MAX({c}), __n = COUNT({c})",
            base(text)
        ),
    )?;
    let row = range.rows.first();
    let total = match row.and_then(|r| r.get(2)) {
        Some(Value::One(Scalar::Long(n))) => *n,
        _ => 0,
    };
    let (lo, hi) = match (
        millis(row.and_then(|r| r.first())),
        millis(row.and_then(|r| r.get(1))),
    ) {
        (Some(lo), Some(hi)) => (lo, hi),
        _ if total == 0 => return Ok(format!("{column}: no rows")),
        _ => return Err(HistogramError::NotADate(column.to_string())),
    };
    let label_width = 8;
    let slots = usize::from(width).saturating_sub(label_width + 2).max(10);
    let span = hi.saturating_sub(lo);
    let (literal, interval) = INTERVALS
        .iter()
        .copied()
        .find(|(_, ms)| span / ms + 2 <= slots as i64)
        .unwrap_or(INTERVALS[INTERVALS.len() - 1]);
    let counted = run(
        session,
        format!(
            "{}\n| EVAL __b = DATE_TRUNC({literal}, {c})\n| STATS __n = COUNT(*) BY __b",
            base(text)
        ),
    )?;
    let mut counts: BTreeMap<i64, i64> = BTreeMap::new();
    for row in &counted.rows {
        if let (Some(Value::One(Scalar::Long(n))), Some(key)) = (row.first(), millis(row.get(1))) {
            counts.insert(key, *n);
        }
    }
    let first = counts.keys().next().copied().unwrap_or(lo);
    let last = counts.keys().next_back().copied().unwrap_or(hi);
    let buckets = usize::try_from((last - first) / interval + 1).unwrap_or(1);
    let mut series = vec![0i64; buckets];
    for (key, n) in &counts {
        if let Some(slot) = usize::try_from((key - first) / interval)
            .ok()
            .and_then(|i| series.get_mut(i))
        {
            *slot += n;
        }
    }
    let bar = (slots / buckets.max(1)).clamp(1, 3);
    let date = |ms: i64| cell_text(&Value::One(Scalar::Date(ms))).replace(".000Z", "Z");
    // The exact range is on the axis below the bars.
    let mut out = vec![format!("{column}: {total} rows, {literal} buckets")];
    out.extend(bars(&series, bar, label_width));
    let left = date(lo);
    let right = date(last + interval);
    let axis = buckets * bar;
    let gap = axis.saturating_sub(left.len() + right.len()).max(1);
    out.push(format!(
        "{:label_width$}  {left}{}{right}",
        "",
        " ".repeat(gap)
    ));
    Ok(out.join("\n"))
}

/// The bar lines of `series`: each value `width` characters wide, the
/// highest filling all [`HEIGHT`] lines, any non-zero value at least one
/// eighth of a line; the top line labelled with the maximum.
fn bars(series: &[i64], width: usize, label_width: usize) -> Vec<String> {
    const BLOCKS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = series.iter().copied().max().unwrap_or(0).max(1);
    let eighths: Vec<i64> = series
        .iter()
        .map(|&n| {
            let h = (n * (HEIGHT as i64) * 8 + max - 1) / max;
            if n > 0 {
                h.max(1)
            } else {
                0
            }
        })
        .collect();
    (0..HEIGHT)
        .rev()
        .map(|line| {
            let label = match line {
                l if l == HEIGHT - 1 => max.to_string(),
                0 => "0".to_string(),
                _ => String::new(),
            };
            let mut text = format!("{label:>label_width$} ┤");
            for h in &eighths {
                let level = (h - (line as i64) * 8).clamp(0, 8);
                let block = BLOCKS.get(level as usize).copied().unwrap_or(' ');
                text.extend(std::iter::repeat_n(block, width));
            }
            text.trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_bucket_fills_every_line() {
        let lines = bars(&[0, 4, 8], 1, 2);
        assert_eq!(lines.len(), HEIGHT);
        assert_eq!(lines[0], " 8 ┤  █");
        assert_eq!(lines[HEIGHT - 1], " 0 ┤ ██");
        // Half of the maximum fills half of the lines.
        assert_eq!(lines[HEIGHT / 2], "   ┤ ██");
        assert_eq!(lines[HEIGHT / 2 - 1], "   ┤  █");
    }

    #[test]
    fn counts_rows_per_bucket() {
        let docs = vec![
            serde_json::json!({"@timestamp": "2024-05-10T00:00:10Z", "a": 1}),
            serde_json::json!({"@timestamp": "2024-05-10T00:00:20Z", "a": 2}),
            serde_json::json!({"@timestamp": "2024-05-10T00:05:00Z", "a": 3}),
        ];
        let session = Session::new().with_documents("logs", docs).unwrap();
        let text = draw(&session, "FROM logs | WHERE a > 0;", "@timestamp", 80)
            .ok()
            .unwrap();
        let first = text.lines().next().unwrap();
        assert!(first == "@timestamp: 3 rows, 5 seconds buckets", "{text}");
        let axis = text.lines().last().unwrap();
        assert!(
            axis.trim_start().starts_with("2024-05-10T00:00:10Z"),
            "{text}"
        );
        assert!(axis.ends_with("2024-05-10T00:05:05Z"), "{text}");
        assert!(text.contains('█'), "{text}");
        let e = draw(&session, "FROM logs", "a", 80).err().unwrap();
        assert!(e.render().contains("not a date"), "{}", e.render());
    }
}
