//! Lines of a byte range of a file, read in large blocks and split in
//! place. A line belongs to the range holding its first byte, so ranges cut
//! anywhere split a file into disjoint sets of whole lines; line numbers
//! count from 1 at the range's first line.

use super::{for_each_line, open, Flow, ReadError, MAX_LINE_BYTES};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Bytes read at a time.
pub const BLOCK_BYTES: u64 = 4 << 20;
/// Bytes read at a time past the range's end, where only the rest of its
/// last line is wanted.
const TAIL_BYTES: u64 = 64 << 10;

/// True for files read through a decompressor (never split).
pub fn is_compressed(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

fn io_error(path: &Path, e: std::io::Error) -> ReadError {
    ReadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Calls `f(number, line)` for each non-blank line starting in
/// `[start, end)` of `path` (terminators removed). Returns the number of
/// lines counted (blank ones included) unless `f` stopped the reading.
/// Compressed files are read whole (`start` must then be 0). `progress`,
/// when given, is bumped by the bytes read (a compressed file's size on disk
/// once it has been read).
pub fn for_each_line_of(
    path: &Path,
    start: u64,
    end: u64,
    progress: Option<&AtomicU64>,
    mut f: impl FnMut(u64, &[u8]) -> Result<Flow, ReadError>,
) -> Result<u64, ReadError> {
    if is_compressed(path) {
        let mut count = 0;
        for_each_line(path, open(path)?, |n, line| {
            count = n;
            f(n, line)
        })?;
        if let (Some(p), Ok(meta)) = (progress, std::fs::metadata(path)) {
            p.fetch_add(meta.len(), Ordering::Relaxed);
        }
        return Ok(count);
    }
    let mut file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let read_from = start.saturating_sub(1);
    file.seek(SeekFrom::Start(read_from))
        .map_err(|e| io_error(path, e))?;
    let mut buf: Vec<u8> = Vec::with_capacity(BLOCK_BYTES as usize + (1 << 16));
    let mut offset = read_from; // file offset of buf[0]
    let mut pos = 0usize;
    let mut skip_partial = start > 0;
    let mut eof = false;
    let mut number = 0u64;
    loop {
        let rest = buf.get(pos..).unwrap_or_default();
        let newline = memchr::memchr(b'\n', rest);
        if newline.is_none() && !eof {
            buf.drain(..pos);
            offset += pos as u64;
            pos = 0;
            if skip_partial {
                offset += buf.len() as u64;
                buf.clear();
            } else if buf.len() > MAX_LINE_BYTES {
                return Err(too_long(path, number + 1));
            }
            if offset + buf.len() as u64 >= end && !skip_partial && buf.is_empty() {
                return Ok(number);
            }
            // Up to the range's end a block at a time; past it, only what
            // finishing its last line needs (doubling for a long line).
            let filled = offset + buf.len() as u64;
            let want = if filled < end {
                (end - filled).clamp(TAIL_BYTES, BLOCK_BYTES)
            } else {
                (buf.len() as u64).clamp(TAIL_BYTES, BLOCK_BYTES)
            };
            let n = (&mut file)
                .take(want)
                .read_to_end(&mut buf)
                .map_err(|e| io_error(path, e))?;
            eof = n == 0;
            if let Some(p) = progress {
                p.fetch_add(n as u64, Ordering::Relaxed);
            }
            continue;
        }
        let line_end = newline.map_or(buf.len(), |i| pos + i);
        if skip_partial {
            skip_partial = false;
            pos = line_end + 1;
            continue;
        }
        if offset + pos as u64 >= end || (pos >= buf.len() && eof) {
            return Ok(number);
        }
        number += 1;
        let mut line = buf.get(pos..line_end).unwrap_or_default();
        pos = line_end + 1;
        if line.len() > MAX_LINE_BYTES {
            return Err(too_long(path, number));
        }
        while let Some((&last, head)) = line.split_last() {
            if last == b'\r' {
                line = head;
            } else {
                break;
            }
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if f(number, line)? == Flow::Stop {
            return Ok(number);
        }
    }
}

fn too_long(path: &Path, line: u64) -> ReadError {
    ReadError::BadLine {
        path: path.to_path_buf(),
        line,
        message: format!("line longer than {MAX_LINE_BYTES} bytes"),
    }
}

/// Byte ranges of about `target` bytes covering `len` bytes.
pub fn ranges(len: u64, target: u64) -> Vec<(u64, u64)> {
    let target = target.max(1);
    let mut out = Vec::new();
    let mut s = 0;
    while s < len {
        let e = (s + target).min(len);
        out.push((s, e));
        s = e;
    }
    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(path: &Path, start: u64, end: u64) -> Vec<(u64, String)> {
        let mut v = Vec::new();
        for_each_line_of(path, start, end, None, |n, l| {
            v.push((n, String::from_utf8_lossy(l).into_owned()));
            Ok(Flow::Continue)
        })
        .unwrap();
        v
    }

    /// The lines of `path` read as ranges of `size` bytes, numbered as in
    /// the whole file.
    fn collect_in_ranges(path: &Path, len: u64, size: u64) -> Vec<(u64, String)> {
        let mut got = Vec::new();
        let mut base = 0;
        for (s, e) in ranges(len, size) {
            let mut part = Vec::new();
            let count = for_each_line_of(path, s, e, None, |n, l| {
                part.push((n, String::from_utf8_lossy(l).into_owned()));
                Ok(Flow::Continue)
            })
            .unwrap();
            got.extend(part.into_iter().map(|(n, l)| (n + base, l)));
            base += count;
        }
        got
    }

    #[test]
    fn any_cut_gives_each_line_once() {
        let dir = std::env::temp_dir().join(format!("esql-lines-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.ndjson");
        let text = "a\n\nbb\r\n  \nccc\ndddd";
        std::fs::write(&path, text).unwrap();
        let whole = collect(&path, 0, u64::MAX);
        let lines: Vec<&str> = whole.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(lines, ["a", "bb", "ccc", "dddd"]);
        assert_eq!(
            whole.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            [1, 3, 5, 6]
        );
        let len = text.len() as u64;
        for size in 1..=len {
            assert_eq!(collect_in_ranges(&path, len, size), whole, "size {size}");
        }
        let progress = AtomicU64::new(0);
        for_each_line_of(&path, 0, u64::MAX, Some(&progress), |_, _| {
            Ok(Flow::Continue)
        })
        .unwrap();
        assert_eq!(progress.load(Ordering::Relaxed), len);
    }

    #[test]
    fn cuts_inside_long_lines_read_past_the_range_only_to_the_line_end() {
        let dir = std::env::temp_dir().join(format!("esql-lines-long-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.ndjson");
        // Lines from 1 byte to 300 KB, so range ends fall inside lines
        // longer than one tail read and than a doubled one.
        let mut text = String::new();
        for (i, len) in [1usize, 70_000, 5, 200_000, 65_536, 300_000, 3, 131_072, 10]
            .iter()
            .enumerate()
        {
            let c = char::from(b'a' + i as u8);
            text.push_str(&c.to_string().repeat(*len));
            text.push('\n');
        }
        std::fs::write(&path, &text).unwrap();
        let whole = collect(&path, 0, u64::MAX);
        assert_eq!(whole.len(), 9);
        let len = text.len() as u64;
        for size in [1_000, 65_536, 70_001, 131_072, 250_000, 400_000] {
            assert_eq!(collect_in_ranges(&path, len, size), whole, "size {size}");
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}
