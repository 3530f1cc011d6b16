//! A progress line on standard error for long scans.
//!
//! Nothing is drawn unless standard error is a terminal, and nothing before
//! the scan has run for a second; then `bytes read / total bytes (percent)`
//! is redrawn in place ten times a second and erased when the scan ends.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a scan runs before the line appears.
const DELAY: Duration = Duration::from_secs(1);
/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// A running progress line; dropping it stops and erases the line.
pub struct Progress {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts watching `counter` against `total` bytes when standard error
    /// is a terminal; `None` otherwise (then nothing is ever drawn).
    pub fn start(counter: Arc<AtomicU64>, total: u64) -> Option<Progress> {
        if !std::io::stderr().is_terminal() || total == 0 {
            return None;
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            if !matches!(stopped.recv_timeout(DELAY), Err(RecvTimeoutError::Timeout)) {
                return;
            }
            let mut err = std::io::stderr();
            loop {
                let line = render(counter.load(Ordering::Relaxed), total);
                let _ = write!(err, "\r\x1b[K{line}");
                let _ = err.flush();
                if !matches!(stopped.recv_timeout(TICK), Err(RecvTimeoutError::Timeout)) {
                    let _ = write!(err, "\r\x1b[K");
                    let _ = err.flush();
                    return;
                }
            }
        });
        Some(Progress {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The progress text: `12.0 MiB / 48.0 MiB (25%)`. Reading may run a little
/// past the total (a split file's boundary lines), so the count is capped.
pub fn render(read: u64, total: u64) -> String {
    let read = read.min(total);
    let percent = (u128::from(read) * 100)
        .checked_div(u128::from(total))
        .unwrap_or(100);
    format!("{} / {} ({percent}%)", bytes(read), bytes(total))
}

/// A byte count for people: `512 B`, `1.5 KiB`, `12.0 MiB`, `3.2 GiB`.
fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS.get(unit).copied().unwrap_or("TiB"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_sizes_and_percent() {
        assert_eq!(render(0, 1000), "0 B / 1000 B (0%)");
        assert_eq!(render(3 << 20, 12 << 20), "3.0 MiB / 12.0 MiB (25%)");
        assert_eq!(render(5000, 4096), "4.0 KiB / 4.0 KiB (100%)");
        assert_eq!(bytes(3 << 30), "3.0 GiB");
    }

    #[test]
    fn off_a_terminal_nothing_starts() {
        // Test runs capture standard error, so it is never a terminal here.
        if !std::io::stderr().is_terminal() {
            assert!(Progress::start(Arc::new(AtomicU64::new(0)), 10).is_none());
        }
    }
}
