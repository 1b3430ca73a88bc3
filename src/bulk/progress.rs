//! The progress bar on stderr (only when stderr is a terminal) and the one-line summary at the
//! end. For a file of known size the bar follows the bytes read, which gives an honest ETA
//! without counting records first; for a pipe it shows a count and a rate.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    consumed: Arc<AtomicU64>,
    done: u64,
    failed: u64,
    last_update: Instant,
}

const UPDATE_EVERY: Duration = Duration::from_millis(100);

impl Progress {
    pub fn new(enabled: bool, size: Option<u64>, consumed: Arc<AtomicU64>) -> Progress {
        let bar = enabled.then(|| {
            let target = ProgressDrawTarget::stderr_with_hz(10);
            match size {
                Some(bytes) => {
                    let bar = ProgressBar::with_draw_target(Some(bytes), target);
                    bar.set_style(
                        ProgressStyle::with_template(
                            "{spinner} [{bar:30}] {percent:>3}% {msg} {elapsed_precise} ETA {eta}",
                        )
                        .expect("a valid template")
                        .progress_chars("=> "),
                    );
                    bar
                }
                None => {
                    let bar = ProgressBar::with_draw_target(None, target);
                    bar.set_style(
                        ProgressStyle::with_template("{spinner} {msg} {elapsed_precise}")
                            .expect("a valid template"),
                    );
                    bar
                }
            }
        });
        Progress {
            bar,
            consumed,
            done: 0,
            failed: 0,
            last_update: Instant::now(),
        }
    }

    /// One record finished (written to the results).
    pub fn record(&mut self, ok: bool) {
        self.done += 1;
        if !ok {
            self.failed += 1;
        }
        let Some(bar) = &self.bar else { return };
        if self.last_update.elapsed() < UPDATE_EVERY {
            return;
        }
        self.last_update = Instant::now();
        if bar.length().is_some() {
            bar.set_position(self.consumed.load(Ordering::Relaxed));
        }
        let rate = self.done as f64 / bar.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!(
            "{}, {} failed, {:.0}/s",
            crate::output::plural(self.done as usize, "record", "records"),
            self.failed,
            rate
        ));
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
