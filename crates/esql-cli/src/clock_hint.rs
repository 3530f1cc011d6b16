//! The warning for an empty answer that the clock may explain: a filter
//! relative to `NOW()` over data older than the window it keeps.
//!
//! It is given when all of these hold, so that an empty answer of a query
//! that simply matches nothing raises no alarm:
//! - `NOW()` is the clock (no `--now` was given);
//! - the result has no row;
//! - a `WHERE` compares with `NOW()`;
//! - the queried indices hold documents, and the newest `@timestamp` among
//!   them is older than `NOW()`.

use esql_exec::api::{NowFilter, Query, Session};

/// What a query needs checked if its answer is empty: its first filter
/// on `NOW()` and its index patterns.
pub struct Suspect {
    filter: NowFilter,
    patterns: String,
}

/// The suspect of `query`, read before it runs: `None` when no `WHERE`
/// compares with `NOW()` or it reads no index.
pub fn suspect(query: &Query<'_>) -> Option<Suspect> {
    Some(Suspect {
        filter: query.now_filters().into_iter().next()?,
        patterns: query.index_patterns()?,
    })
}

/// The warning for an empty answer of the query of `suspect`, if the clock
/// may explain it. `line_offset` is the line of the query in its file,
/// less one.
pub fn warning(session: &Session, suspect: &Suspect, line_offset: usize) -> Option<String> {
    let Suspect { filter, patterns } = suspect;
    let extent = session.data_extent(patterns).ok()?;
    let newest = extent.newest_ms?;
    let now = session.now_ms();
    if extent.documents == 0 || newest >= now {
        return None;
    }
    Some(format!(
        "the filter at line {}:{} [{}] compares with NOW() = {} and the query kept none of \
         the {} rows of [{}]; the newest @timestamp in the data is {}; run with \
         --now latest (or --now {}) to query the data as of its newest event",
        filter.line + line_offset,
        filter.column,
        filter.text,
        esql_exec::api::format_millis(now),
        extent.documents,
        patterns,
        esql_exec::api::format_millis(newest),
        esql_exec::api::format_millis(newest),
    ))
}
