//! A scan spread over threads. Files are cut into byte ranges at line
//! boundaries (compressed files stay whole); each worker takes the next
//! range, runs the streaming head of the plan over it (up to its first
//! LIMIT, or through its first STATS/SORT as a partial state) and hands the
//! share back. Shares are merged strictly in input order, so rows, group
//! order, sort ties, warnings, counts and line numbers come out as a
//! single-threaded scan gives them; a satisfied LIMIT stops every worker.

use super::{split_point, Partial, Pipeline};
use crate::eval::EvalContext;
use crate::functions::EvalEnv;
use crate::plan::Operator;
use crate::reader::documents::{for_each_document_line, reads_whole};
use crate::reader::lines::ranges;
use crate::reader::record_prefilter::RecordMatcher;
use crate::reader::{
    file_stem, Decoded, Decoder, FileRef, Flow, ReadError, ReadStats, ScanIndex, ScanSpec,
};
use crate::value::Row;
use crate::warnings::Warnings;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Stack of a scan worker thread (see where the workers start).
const WORKER_STACK_BYTES: usize = 16 << 20;

/// Largest byte range one worker takes at a time.
pub const MAX_CHUNK_BYTES: u64 = 16 << 20;
/// Smallest byte range worth a separate share.
pub const MIN_CHUNK_BYTES: u64 = 256 << 10;

/// The result of a scan: final rows, evaluation warnings, read counts.
pub type ScanOutput = (Vec<Row>, Warnings, ReadStats);

struct Chunk {
    index: usize,
    file: usize,
    path: PathBuf,
    start: u64,
    end: u64,
}

/// One worker's share of one chunk.
struct Share {
    part: Partial,
    warnings: Warnings,
    stats: ReadStats,
    lines: u64,
    error: Option<ReadError>,
}

/// Cuts every file into chunks for `threads` workers.
fn chunks(indices: &[ScanIndex], threads: usize) -> Result<Vec<Chunk>, ReadError> {
    let mut sizes = Vec::new();
    for (i, index) in indices.iter().enumerate() {
        for path in &index.files {
            let len = std::fs::metadata(path)
                .map_err(|e| ReadError::Io {
                    path: path.clone(),
                    message: e.to_string(),
                })?
                .len();
            let whole = reads_whole(path, index.format.input)?;
            sizes.push((i, path.clone(), len, whole));
        }
    }
    let total: u64 = sizes.iter().map(|(_, _, l, _)| *l).sum();
    let target = (total / (threads as u64 * 8).max(1)).clamp(MIN_CHUNK_BYTES, MAX_CHUNK_BYTES);
    let mut out = Vec::new();
    for (file, (index, path, len, whole)) in sizes.into_iter().enumerate() {
        let cuts = if whole {
            vec![(0, u64::MAX)]
        } else {
            ranges(len, target)
        };
        for (start, end) in cuts {
            out.push(Chunk {
                index,
                file,
                path: path.clone(),
                start,
                end,
            });
        }
    }
    Ok(out)
}

/// True when a parallel scan can reproduce the single-threaded one
/// (generated `_id`s need global line numbers while reading).
pub fn supported(spec: &ScanSpec) -> bool {
    !spec.metadata.iter().any(|m| m == "_id")
}

/// Runs `operators` over the documents of `indices` with `threads` workers.
pub fn scan(
    operators: &[Operator],
    indices: &[ScanIndex],
    spec: &ScanSpec,
    threads: usize,
    env: &EvalEnv,
) -> Result<ScanOutput, ReadError> {
    let chunks = chunks(indices, threads)?;
    let names: Vec<Arc<str>> = indices.iter().map(|i| Arc::from(i.name.as_str())).collect();
    let (worker_end, main_start) = split_point(operators);
    let worker_ops = operators.get(..worker_end).unwrap_or_default();
    let main_ops = operators.get(main_start..).unwrap_or_default();
    let merger = Mutex::new(Merger {
        pipeline: Pipeline::new(main_ops),
        ctx: EvalContext::new(env.clone()),
        stats: ReadStats::default(),
        pending: BTreeMap::new(),
        next: 0,
        file: usize::MAX,
        base: 0,
        stopped: false,
        error: None,
    });
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let work = || loop {
        let c = next.fetch_add(1, Ordering::Relaxed);
        let Some(chunk) = chunks.get(c) else { break };
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let share = run_chunk(chunk, indices, &names, spec, worker_ops, env, &stop);
        if let Ok(mut m) = merger.lock() {
            m.offer(c, share, &chunks);
            if m.stopped {
                stop.store(true, Ordering::Relaxed);
            }
        }
    };
    std::thread::scope(|s| {
        let mut started = 0;
        for _ in 0..threads.max(1) {
            // Expressions nest up to Elasticsearch's 400 levels and their
            // evaluation recurses once per level. The deepest accepted
            // queries evaluated within the default 2 MiB in a debug build
            // (measured); the explicit size keeps a margin that does not
            // depend on RUST_MIN_STACK. Reserved, not used, memory.
            let spawned = std::thread::Builder::new()
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(s, work);
            started += usize::from(spawned.is_ok());
        }
        if started == 0 {
            work();
        }
    });
    let m = merger.into_inner().map_err(|_| ReadError::Io {
        path: PathBuf::new(),
        message: "a scan worker failed".into(),
    })?;
    if let Some(e) = m.error {
        return Err(e);
    }
    let mut ctx = m.ctx;
    let mut stats = m.stats;
    let order = |name: &str| spec.fields.iter().position(|(n, _)| n == name);
    stats.coercion_failures.sort_by_key(|(n, _)| order(n));
    let rows = m.pipeline.finish(&mut ctx);
    Ok((rows, ctx.warnings, stats))
}

fn run_chunk(
    chunk: &Chunk,
    indices: &[ScanIndex],
    names: &[Arc<str>],
    spec: &ScanSpec,
    worker_ops: &[Operator],
    env: &EvalEnv,
    stop: &AtomicBool,
) -> Share {
    let mut ctx = EvalContext::new(env.clone());
    let mut pipeline = Pipeline::new(worker_ops);
    let mut decoder = Decoder::new(spec);
    let mut stats = ReadStats::default();
    let mut error = None;
    let mut lines = 0;
    if let (Some(index), Some(index_name)) = (indices.get(chunk.index), names.get(chunk.index)) {
        let file = FileRef {
            index,
            index_name,
            stem: file_stem(&chunk.path),
        };
        let (path, format) = (&chunk.path, index.format);
        let progress = spec.progress.as_deref();
        let records = RecordMatcher::new(&spec.record_prefilter);
        let read = for_each_document_line(
            path,
            format,
            chunk.start,
            chunk.end,
            progress,
            records.as_ref(),
            |number, line| {
                if stop.load(Ordering::Relaxed) {
                    return Ok(Flow::Stop);
                }
                match decoder.decode(line, number, &file) {
                    Decoded::Skipped => {}
                    Decoded::Row(row) => {
                        stats.documents += 1;
                        if pipeline.push(row, &mut ctx) == Flow::Stop {
                            return Ok(Flow::Stop);
                        }
                    }
                    Decoded::Bad(message) => {
                        let e = ReadError::BadLine {
                            path: chunk.path.clone(),
                            line: number,
                            message,
                        };
                        stats.bad_line(e, spec.on_bad_line)?;
                    }
                }
                Ok(Flow::Continue)
            },
        );
        match read {
            Ok(n) => lines = n,
            Err(e) => error = Some(e),
        }
    }
    stats.coercion_failures = decoder.failures();
    Share {
        part: pipeline.into_partial(),
        warnings: ctx.warnings,
        stats,
        lines,
        error,
    }
}

/// Combines shares in input order.
struct Merger<'p> {
    pipeline: Pipeline<'p>,
    ctx: EvalContext,
    stats: ReadStats,
    pending: BTreeMap<usize, Share>,
    next: usize,
    file: usize,
    base: u64,
    stopped: bool,
    error: Option<ReadError>,
}

impl Merger<'_> {
    fn offer(&mut self, c: usize, share: Share, chunks: &[Chunk]) {
        self.pending.insert(c, share);
        while let Some(share) = self.pending.remove(&self.next) {
            if let Some(chunk) = chunks.get(self.next) {
                self.apply(chunk, share);
            }
            self.next += 1;
        }
    }

    fn apply(&mut self, chunk: &Chunk, mut share: Share) {
        if self.stopped {
            return;
        }
        if chunk.file != self.file {
            self.file = chunk.file;
            self.base = 0;
        }
        let base = self.base;
        for ex in &mut share.stats.skipped_examples {
            ex.1 += base;
        }
        self.ctx.warnings.merge(share.warnings);
        self.stats.merge(share.stats);
        if self.pipeline.absorb(share.part, &mut self.ctx) == Flow::Stop {
            self.stopped = true;
            return;
        }
        if let Some(mut e) = share.error {
            if let ReadError::BadLine { line, .. } = &mut e {
                *line += base;
            }
            self.error = Some(e);
            self.stopped = true;
            return;
        }
        self.base += share.lines;
    }
}
