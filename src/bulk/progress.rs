//! The progress bar on stderr (only when stderr is a terminal). For a file of known size the bar
//! follows the bytes behind the records finished so far, which gives an honest ETA without
//! counting records first; for a pipe it shows a count and a rate. The line stays within 80
//! columns so it never wraps.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    consumed: Arc<AtomicU64>,
    /// How many records the reader has taken from the input so far (it runs ahead of the
    /// requests by a bounded window, so bytes read alone would run ahead of the work done).
    read: Arc<AtomicU64>,
    /// Records finished: written to the results, skipped or not sent.
    finished: u64,
    done: u64,
    failed: u64,
    last_update: Instant,
}

const UPDATE_EVERY: Duration = Duration::from_millis(100);

impl Progress {
    pub fn new(
        enabled: bool,
        size: Option<u64>,
        consumed: Arc<AtomicU64>,
        read: Arc<AtomicU64>,
    ) -> Progress {
        let bar = enabled.then(|| {
            let target = ProgressDrawTarget::stderr_with_hz(10);
            match size {
                Some(bytes) => {
                    let bar = ProgressBar::with_draw_target(Some(bytes), target);
                    bar.set_style(
                        ProgressStyle::with_template(
                            "{spinner} [{bar:24}] {percent:>3}% {msg} ETA {eta}",
                        )
                        .expect("a valid template")
                        .progress_chars("=> "),
                    );
                    bar
                }
                None => {
                    let bar = ProgressBar::with_draw_target(None, target);
                    bar.set_style(
                        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                            .expect("a valid template"),
                    );
                    bar
                }
            }
        });
        Progress {
            bar,
            consumed,
            read,
            finished: 0,
            done: 0,
            failed: 0,
            last_update: Instant::now(),
        }
    }

    /// One record sent and its result written.
    pub fn record(&mut self, ok: bool) {
        self.done += 1;
        if !ok {
            self.failed += 1;
        }
        self.advance();
    }

    /// One record passed over: already ok in the results (a resume), or not sent.
    pub fn pass(&mut self) {
        self.advance();
    }

    fn advance(&mut self) {
        self.finished += 1;
        let Some(bar) = &self.bar else { return };
        if self.last_update.elapsed() < UPDATE_EVERY {
            return;
        }
        self.last_update = Instant::now();
        if bar.length().is_some() {
            bar.set_position(position(
                self.consumed.load(Ordering::Relaxed),
                self.read.load(Ordering::Relaxed),
                self.finished,
            ));
        }
        let rate = self.done as f64 / bar.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!(
            "{} done, {} failed, {:.0}/s",
            self.done, self.failed, rate
        ));
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The bytes behind the records finished: the bytes read so far, in the share of the records
/// read that are finished (records are about the same size, and the reader is at most a window
/// ahead, so this stays close and never runs past the work done).
fn position(consumed: u64, read: u64, finished: u64) -> u64 {
    if read == 0 {
        return 0;
    }
    let finished = finished.min(read);
    (u128::from(consumed) * u128::from(finished) / u128::from(read)) as u64
}

#[cfg(test)]
mod tests {
    use super::position;

    #[test]
    fn the_bar_follows_the_records_finished_not_the_bytes_read_ahead() {
        // A small file read whole at once: 67 of 3,002 records finished is about 2 %.
        assert_eq!(position(50_000, 3_002, 67), 1_115);
        assert_eq!(position(50_000, 3_002, 3_002), 50_000);
        assert_eq!(position(50_000, 0, 0), 0);
        assert_eq!(position(50_000, 10, 12), 50_000);
    }
}
