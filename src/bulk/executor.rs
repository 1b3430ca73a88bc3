//! The run itself: reads records, prepares and sends up to `--concurrency` at once on one
//! thread (an async loop over one pooled client, no thread per request), retries what the
//! retry table allows, writes results in input order, and stops cleanly on Ctrl-C (in-flight
//! requests finish and are recorded), on `--fail-fast`, or on an error every record would hit
//! (a rejected secret, an unreachable server).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use serde_json::Value;
use tokio::sync::watch;

use super::input::{self, Records};
use super::outcome::{ErrorKind, Failure, Outcome, ResultLine};
use super::pace::{Pacer, backoff};
use super::progress::Progress;
use super::store::{Prior, Store};
use super::{Operation, Record, Refusal, Settings, Transport};
use crate::api::Retry;
use crate::api::error::ApiError;
use crate::error::CliError;
use crate::exit::Exit;

/// Attempts after the first, for calls the retry table marks safe.
const MAX_RETRIES: u32 = 5;
/// A server asking for a longer pause than this is probably wrong; wait this long at most.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// How far ahead of the oldest unfinished record new ones may start, bounding the memory that
/// holds finished results until their turn in input order.
const WINDOW: usize = 4096;

/// Ctrl-C (or SIGTERM) as the run sees it.
#[derive(Clone)]
pub struct Interrupt(watch::Receiver<bool>);

impl Interrupt {
    /// Never fires.
    pub fn never() -> Interrupt {
        let (tx, rx) = watch::channel(false);
        // Keep the sender alive so `changed` waits instead of failing.
        std::mem::forget(tx);
        Interrupt(rx)
    }

    /// An interrupt fired by hand, for tests.
    pub fn manual() -> (watch::Sender<bool>, Interrupt) {
        let (tx, rx) = watch::channel(false);
        (tx, Interrupt(rx))
    }

    /// The first Ctrl-C stops the run cleanly; a second one quits at once.
    pub fn from_ctrl_c() -> anyhow::Result<Interrupt> {
        let (tx, rx) = watch::channel(false);
        ctrlc::set_handler(move || {
            if *tx.borrow() {
                std::process::exit(Exit::Interrupted as i32);
            }
            let _ = tx.send(true);
            crate::report::warning(
                "interrupted: finishing the requests in flight (Ctrl-C again quits at once)",
            );
        })
        .map_err(|e| anyhow::anyhow!("cannot install the Ctrl-C handler: {e}"))?;
        Ok(Interrupt(rx))
    }

    fn fired(&self) -> bool {
        *self.0.borrow()
    }

    async fn wait(&mut self) {
        while !*self.0.borrow_and_update() {
            if self.0.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}

/// Why a run ended before the end of its input.
#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    Interrupted,
    FailFast,
    /// Every further record would fail the same way, or the input broke off.
    Fatal {
        message: String,
        exit: Exit,
    },
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub command: String,
    pub ok: u64,
    pub failed: u64,
    /// Already `ok` in the results of an earlier run.
    pub skipped: u64,
    pub elapsed: Duration,
    pub stop: Option<Stop>,
    /// Exit code of the first failed record, in input order.
    pub first_failure: Option<Exit>,
    pub results: Option<PathBuf>,
}

impl Summary {
    pub fn exit(&self) -> Exit {
        match &self.stop {
            Some(Stop::Interrupted) => Exit::Interrupted,
            Some(Stop::Fatal { exit, .. }) => *exit,
            _ => self.first_failure.unwrap_or(Exit::Success),
        }
    }

    /// The line for stderr: what was done, how fast, and what to do next.
    pub fn describe(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        let sent = self.ok + self.failed;
        let mut text = format!(
            "{}: {} ok, {} failed, {} skipped (already ok) in {:.2} s ({:.0}/s)",
            self.command,
            self.ok,
            self.failed,
            self.skipped,
            secs,
            sent as f64 / secs.max(0.000_001)
        );
        let resume = match &self.results {
            Some(path) => format!(
                "; to continue, run the same command with --resume --results {}",
                path.display()
            ),
            None => "; to continue with resume, give --results FILE".to_owned(),
        };
        match &self.stop {
            Some(Stop::Interrupted) => {
                text.push_str(&format!("; interrupted, later records not started{resume}"));
            }
            Some(Stop::FailFast) => {
                text.push_str(&format!(
                    "; stopped at the first failure (--fail-fast){resume}"
                ));
            }
            Some(Stop::Fatal { message, .. }) => {
                text.push_str(&format!("; stopped: {message}"));
            }
            None => {}
        }
        text
    }
}

/// Reads the input on its own thread when it is a pipe or terminal (whose reads can wait for a
/// long time); a regular file is read in the loop itself, which costs no thread hand-off.
enum Feed {
    Inline(Records),
    Thread(tokio::sync::mpsc::Receiver<anyhow::Result<Record>>),
}

impl Feed {
    fn new(records: Records, regular_file: bool) -> Feed {
        if regular_file {
            return Feed::Inline(records);
        }
        let (tx, rx) = tokio::sync::mpsc::channel(256);
        std::thread::spawn(move || {
            for record in records {
                if tx.blocking_send(record).is_err() {
                    break;
                }
            }
        });
        Feed::Thread(rx)
    }

    async fn next(&mut self) -> Option<anyhow::Result<Record>> {
        match self {
            Feed::Inline(records) => records.next(),
            Feed::Thread(rx) => rx.recv().await,
        }
    }
}

/// A finished record waiting for its turn in input order.
enum Slot {
    Waiting,
    Skipped,
    /// Started but never sent (Ctrl-C came while it waited for its turn): no line, so the
    /// results end at the last record sent and a resume starts right after it.
    NotSent,
    Done {
        ok: bool,
        kind: Option<ErrorKind>,
        exit: Option<Exit>,
        bytes: Vec<u8>,
    },
}

/// What became of one request.
enum Sent {
    Answer(Result<Option<Value>, ApiError>),
    /// Interrupted before the first attempt went out.
    NotSent,
}

struct Job {
    number: u64,
    line: u64,
    key: String,
    body: Vec<u8>,
}

/// Runs `op` over the records of `settings.from`.
pub fn run<O: Operation, T: Transport>(
    op: &mut O,
    transport: &T,
    settings: &Settings,
    interrupt: Interrupt,
) -> anyhow::Result<Summary> {
    let input = input::open(&settings.from)?;
    if let Some(columns) = &input.columns {
        op.check_columns(columns).map_err(CliError::Usage)?;
    }
    let store = match &settings.results {
        Some(path) => Store::file(path, settings.resume, !op.repeatable())?,
        None if settings.resume => {
            return Err(CliError::Usage(
                "--resume needs --results FILE: the results of the earlier run are what it resumes from".into(),
            )
            .into());
        }
        None => Store::stdout(),
    };
    let progress = Progress::new(settings.progress, input.size, input.consumed.clone());
    let mut engine = Engine {
        repeatable: op.repeatable(),
        op,
        store,
        settings,
        reorder: VecDeque::new(),
        next_write: 1,
        progress,
        summary: Summary {
            command: String::new(),
            ok: 0,
            failed: 0,
            skipped: 0,
            elapsed: Duration::ZERO,
            stop: None,
            first_failure: None,
            results: settings.results.clone(),
        },
    };
    engine.summary.command = engine.op.name().to_owned();
    let started = Instant::now();
    let feed = Feed::new(input.records, input.regular_file);
    transport.block_on(engine.run(feed, transport, interrupt))?;
    engine.progress.finish();
    engine.summary.elapsed = started.elapsed();
    let Engine { store, summary, .. } = engine;
    store.finish()?;
    Ok(summary)
}

struct Engine<'a, O> {
    op: &'a mut O,
    repeatable: bool,
    store: Store,
    settings: &'a Settings,
    reorder: VecDeque<Slot>,
    /// Record number of the front of `reorder`.
    next_write: u64,
    progress: Progress,
    summary: Summary,
}

impl<O: Operation> Engine<'_, O> {
    async fn run<T: Transport>(
        &mut self,
        mut feed: Feed,
        transport: &T,
        mut interrupt: Interrupt,
    ) -> anyhow::Result<()> {
        let pacer = Pacer::new(self.settings.rate);
        let path = self.op.path();
        let retry = self.op.retry();
        let concurrency = self.settings.concurrency.max(1);
        let mut in_flight = FuturesUnordered::new();
        let mut input_done = false;
        loop {
            let may_start = self.summary.stop.is_none()
                && !input_done
                && in_flight.len() < concurrency
                && self.reorder.len() < WINDOW;
            if !may_start && in_flight.is_empty() {
                break;
            }
            tokio::select! {
                biased;
                () = interrupt.wait(), if self.summary.stop.is_none() => {
                    self.stop(Stop::Interrupted);
                }
                Some((job, sent)) = in_flight.next(), if !in_flight.is_empty() => {
                    self.complete(job, sent)?;
                }
                record = feed.next(), if may_start => match record {
                    None => input_done = true,
                    Some(Err(error)) => self.stop(Stop::Fatal {
                        message: format!("{error:#}"),
                        exit: Exit::Usage,
                    }),
                    Some(Ok(record)) => {
                        if let Some(job) = self.admit(record)? {
                            in_flight.push(send(
                                transport,
                                &pacer,
                                path,
                                retry,
                                job,
                                interrupt.clone(),
                            ));
                        }
                    }
                },
                else => break,
            }
        }
        debug_assert!(self.reorder.is_empty(), "every started record is written");
        Ok(())
    }

    fn stop(&mut self, why: Stop) {
        if self.summary.stop.is_none() {
            self.summary.stop = Some(why);
        }
    }

    /// Decides what to do with a new record: skip it (already ok), answer it at once (invalid,
    /// or unknown from an earlier run), or send it.
    fn admit(&mut self, record: Record) -> anyhow::Result<Option<Job>> {
        debug_assert_eq!(record.number, self.next_write + self.reorder.len() as u64);
        let (prepared, key) = match &record.fields {
            Err(reason) => (Err(reason.clone()), None),
            Ok(fields) => match self.op.prepare(fields) {
                Ok(prepared) => {
                    let key = Some(prepared.key.clone());
                    (Ok(prepared), key)
                }
                Err(reason) => (Err(reason), self.op.key_of(fields)),
            },
        };
        let prior = self.store.prior(record.number, key.as_deref())?;
        let immediate = match (prior, prepared) {
            (Prior::Ok, _) => {
                self.reorder.push_back(Slot::Skipped);
                self.drain()?;
                return Ok(None);
            }
            (Prior::Unknown, _) if !self.settings.resend_unknown => Failure::unknown(
                "an earlier run sent this request but stopped before its answer, so it may or may not have been carried out; check, then resume with --resend-unknown to send it again",
            ),
            (_, Err(reason)) => Failure::invalid(reason),
            (_, Ok(prepared)) => {
                if !self.repeatable {
                    self.store
                        .sending(record.number, record.line, Some(&prepared.key))?;
                }
                self.reorder.push_back(Slot::Waiting);
                return Ok(Some(Job {
                    number: record.number,
                    line: record.line,
                    key: prepared.key,
                    body: prepared.body,
                }));
            }
        };
        self.reorder.push_back(Slot::Waiting);
        let line = ResultLine::new(record.number, record.line, key, Outcome::Failed(immediate));
        self.finish_record(line)?;
        Ok(None)
    }

    fn complete(&mut self, job: Job, sent: Sent) -> anyhow::Result<()> {
        let outcome = match sent {
            Sent::NotSent => {
                if !self.repeatable {
                    self.store.not_sent(job.number)?;
                }
                let index = (job.number - self.next_write) as usize;
                self.reorder[index] = Slot::NotSent;
                return self.drain();
            }
            Sent::Answer(Ok(response)) => Outcome::Ok(response),
            Sent::Answer(Err(error)) => {
                if let ApiError::Connect { .. } = &error {
                    self.stop(Stop::Fatal {
                        message: format!("{error}; {}", error.hint()),
                        exit: Exit::Unavailable,
                    });
                }
                let failure = Failure::from_api(error, self.repeatable);
                if failure.exit() == Exit::Auth {
                    self.stop(Stop::Fatal {
                        message: format!(
                            "{}; every further record would be refused the same way",
                            failure.title
                        ),
                        exit: Exit::Auth,
                    });
                }
                Outcome::Failed(failure)
            }
        };
        let line = ResultLine::new(job.number, job.line, Some(job.key), outcome);
        if !self.repeatable {
            self.store.answered(&line.to_bytes())?;
        }
        self.finish_record(line)
    }

    /// Puts a finished record in its slot and writes every record whose turn has come.
    fn finish_record(&mut self, line: ResultLine) -> anyhow::Result<()> {
        let index = (line.record - self.next_write) as usize;
        let failure = line.error.as_ref();
        let slot = Slot::Done {
            ok: failure.is_none(),
            kind: failure.map(|f| f.kind),
            exit: failure.map(Failure::exit),
            bytes: line.to_bytes(),
        };
        if failure.is_some() && self.settings.fail_fast {
            self.stop(Stop::FailFast);
        }
        self.reorder[index] = slot;
        self.drain()
    }

    fn drain(&mut self) -> anyhow::Result<()> {
        while matches!(
            self.reorder.front(),
            Some(Slot::Skipped | Slot::NotSent | Slot::Done { .. })
        ) {
            let slot = self.reorder.pop_front().expect("checked above");
            let number = self.next_write;
            self.next_write += 1;
            match slot {
                Slot::Skipped => self.summary.skipped += 1,
                Slot::NotSent => {}
                Slot::Done {
                    ok,
                    kind,
                    exit,
                    bytes,
                } => {
                    self.store.write(number, ok, kind, &bytes)?;
                    if ok {
                        self.summary.ok += 1;
                    } else {
                        self.summary.failed += 1;
                        if self.summary.first_failure.is_none() {
                            self.summary.first_failure = exit;
                        }
                    }
                    self.progress.record(ok);
                }
                Slot::Waiting => unreachable!("the loop condition excludes it"),
            }
        }
        Ok(())
    }
}

/// Sends one request, retrying 429 and 502-504 (with `Retry-After` when given) when the retry
/// table allows it, and a refused connection always (nothing was sent).
async fn send<T: Transport>(
    transport: &T,
    pacer: &Pacer,
    path: &'static str,
    retry: Retry,
    job: Job,
    mut interrupt: Interrupt,
) -> (Job, Sent) {
    let mut attempt = 0;
    loop {
        tokio::select! {
            biased;
            () = interrupt.wait(), if attempt == 0 => return (job, Sent::NotSent),
            () = pacer.acquire() => {}
        }
        let refusal: Refusal = match transport.post(path, job.body.clone()).await {
            Ok(response) => return (job, Sent::Answer(Ok(response))),
            Err(refusal) => refusal,
        };
        let status = refusal.error.status();
        let retryable = match &refusal.error {
            ApiError::Connect { .. } => true,
            ApiError::Timeout { .. } => retry == Retry::Safe,
            ApiError::Problem { status, .. } => {
                retry == Retry::Safe && matches!(status, 429 | 502 | 503 | 504)
            }
            _ => false,
        };
        if !retryable || attempt >= MAX_RETRIES || interrupt.fired() {
            return (job, Sent::Answer(Err(refusal.error)));
        }
        let delay = refusal
            .retry_after
            .map(|d| d.min(MAX_RETRY_AFTER))
            .unwrap_or_else(|| backoff(attempt));
        if status == Some(429) {
            pacer.pause(delay);
        }
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = interrupt.wait() => return (job, Sent::Answer(Err(refusal.error))),
        }
        attempt += 1;
    }
}
