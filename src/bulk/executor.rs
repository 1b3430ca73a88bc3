//! The run itself: reads records, prepares and sends up to `--concurrency` at once on one
//! thread (an async loop over one pooled client, no thread per request), retries what the
//! retry table allows, writes results in input order, and stops cleanly on Ctrl-C (in-flight
//! requests finish and are recorded), on `--fail-fast`, or on an error every record would hit
//! (a rejected secret, an unreachable server).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use tokio::sync::watch;

use super::input::{self, Records};
use super::outcome::{ErrorKind, Failure, Outcome, ResultLine};
use super::pace::Pacer;
use super::progress::Progress;
use super::store::{Announcer, Prior, ReaderGone, Store};
use super::{Json, Operation, Prepared, Record, Refusal, Settings, Transport, Try};
use crate::api::error::ApiError;
use crate::api::{Retry, retry};
use crate::error::CliError;

/// A run ends once this many records in a row got no answer: a server that stopped answering
/// would otherwise cost a whole `--timeout` per record for the rest of the file.
const STOP_AFTER_UNANSWERED: u32 = 3;
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

    /// The first Ctrl-C stops the run cleanly (and calls `on_first`, which tells the user); a
    /// second one calls `on_second`, which quits at once.
    pub fn from_ctrl_c(
        on_first: impl Fn() + Send + 'static,
        on_second: impl Fn() + Send + 'static,
    ) -> anyhow::Result<Interrupt> {
        let (tx, rx) = watch::channel(false);
        ctrlc::set_handler(move || {
            if *tx.borrow() {
                on_second();
            }
            let _ = tx.send(true);
            on_first();
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
    /// The reader of the results went away (`| head`): nothing more can be reported, so no
    /// more records are started.
    ReaderGone,
    /// Every further record would fail the same way, or the input broke off.
    Fatal {
        message: String,
        cause: Fatal,
    },
}

/// Why a run could not go on, for the caller to map to an exit code.
#[derive(Debug, Clone, PartialEq)]
pub enum Fatal {
    /// The input broke off or cannot be read.
    BadInput,
    /// The server stopped answering, or refused connections.
    ServerGone,
    /// The server refused a record in a way every further record would be refused (the
    /// caller's `Settings::stops_run` said so).
    Refused(Failure),
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
    /// The first failed record, in input order.
    pub first_failure: Option<Failure>,
    pub results: Option<PathBuf>,
}

impl Summary {
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
            Some(Stop::ReaderGone) => {
                text.push_str(
                    "; stopped: the reader of the results went away, later records not started",
                );
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

/// A record as the reader thread hands it over: read, checked and turned into a request (or
/// the reason it cannot be one).
struct Ready {
    number: u64,
    line: u64,
    /// Later records joined into this one's request: (record, line).
    joined: Vec<(u64, u64)>,
    key: Option<String>,
    request: Result<Prepared, String>,
}

/// Reads and prepares records on their own thread: parsing a record and checking it through
/// the command's flags costs about as much as sending it, and this way it overlaps with the
/// network loop instead of delaying it. Records travel in batches (one per record for a pipe or
/// terminal, whose next line may be a long time coming).
fn spawn_reader<O: Operation + Send + 'static>(
    records: Records,
    mut op: O,
    batch: usize,
    read: Arc<AtomicU64>,
) -> tokio::sync::mpsc::Receiver<anyhow::Result<Vec<Ready>>> {
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    std::thread::spawn(move || {
        let mut ready = Vec::with_capacity(batch);
        // A record whose group may go on in the next one: held until it does not.
        let mut open: Option<Held> = None;
        let mut records = records;
        loop {
            let record = match records.next() {
                Some(Ok(record)) => {
                    read.store(record.number, Ordering::Relaxed);
                    Some(record)
                }
                None => None,
                Some(Err(error)) => {
                    if let Some((record, _, joined)) = open.take() {
                        ready.push(prepare(&mut op, record, joined));
                    }
                    if !ready.is_empty() {
                        let _ = tx.blocking_send(Ok(std::mem::take(&mut ready)));
                    }
                    let _ = tx.blocking_send(Err(error));
                    return;
                }
            };
            let group = record
                .as_ref()
                .and_then(|r| r.fields.as_ref().ok())
                .and_then(|fields| op.group(fields));
            match (open.take(), record, group) {
                (Some((mut first, key, mut joined)), Some(next), Some(group)) if group == key => {
                    joined.push((next.number, next.line));
                    if let (Ok(into), Ok(fields)) = (&mut first.fields, next.fields) {
                        op.join(into, fields);
                    }
                    open = Some((first, key, joined));
                    continue;
                }
                (held, record, group) => {
                    if let Some((first, _, joined)) = held {
                        ready.push(prepare(&mut op, first, joined));
                    }
                    match (record, group) {
                        (Some(record), Some(group)) => open = Some((record, group, Vec::new())),
                        (Some(record), None) => ready.push(prepare(&mut op, record, Vec::new())),
                        (None, _) => break,
                    }
                }
            }
            if ready.len() >= batch
                && tx
                    .blocking_send(Ok(std::mem::replace(&mut ready, Vec::with_capacity(batch))))
                    .is_err()
            {
                return;
            }
        }
        if !ready.is_empty() {
            let _ = tx.blocking_send(Ok(ready));
        }
    });
    rx
}

/// A record held back while the next ones may join it: the record, its group, and the
/// (record, line) of those joined so far.
type Held = (Record, String, Vec<(u64, u64)>);

/// A record (with the later ones joined into it) checked and turned into a request.
fn prepare(op: &mut impl Operation, record: Record, joined: Vec<(u64, u64)>) -> Ready {
    let (request, key) = match &record.fields {
        Err(reason) => (Err(reason.clone()), None),
        Ok(fields) => match op.prepare(fields) {
            Ok(prepared) => {
                let key = Some(prepared.key.clone());
                (Ok(prepared), key)
            }
            Err(reason) => (Err(reason), op.key_of(fields)),
        },
    };
    // A bad record's reason says where it is, as a person reading the file needs it.
    let request = request.map_err(|reason| format!("{reason} on line {}", record.line));
    Ready {
        number: record.number,
        line: record.line,
        joined,
        key,
        request,
    }
}

/// What the loop needs to know of the command, once the command itself has gone to the
/// reader thread.
struct OpInfo {
    path: &'static str,
    retry: Retry,
    repeatable: bool,
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
        failure: Option<Failure>,
        bytes: Vec<u8>,
    },
}

/// What became of one request.
enum Sent {
    Answer(Result<Option<Json>, ApiError>),
    /// Interrupted before the first attempt went out.
    Interrupted,
    /// The journal could not record the request, so it was not sent.
    Unjournalled(anyhow::Error),
}

struct Job {
    number: u64,
    line: u64,
    joined: Vec<(u64, u64)>,
    key: String,
    /// Shared by every attempt, not copied for each.
    body: bytes::Bytes,
    /// Journal the request before it goes out (a call that must not repeat).
    announce: bool,
}

/// Records per hand-over from the reader thread, for a regular file.
const BATCH: usize = 64;

/// Runs `op` over the records of `settings.from`.
pub fn run<O: Operation + Send + 'static, T: Transport>(
    mut op: O,
    transport: &T,
    settings: &Settings,
    interrupt: Interrupt,
) -> anyhow::Result<Summary> {
    let input = input::open(&settings.from)?;
    if let Some(columns) = &input.columns {
        op.check_columns(columns).map_err(CliError::Usage)?;
    }
    op.set_noun(match input.format {
        input::Format::Csv => "column",
        input::Format::JsonLines | input::Format::JsonArray => "member",
    });
    let store = match &settings.results {
        Some(path) => Store::file(path, settings.resume, !op.repeatable(), op.name())?,
        None if settings.resume => {
            return Err(CliError::Usage(
                "--resume needs --results FILE: the results of the earlier run are what it resumes from".into(),
            )
            .into());
        }
        None => Store::stdout(),
    };
    let read = Arc::new(AtomicU64::new(0));
    let progress = Progress::new(
        settings.progress,
        input.size,
        input.consumed.clone(),
        read.clone(),
    );
    let info = OpInfo {
        path: op.path(),
        retry: op.retry(),
        repeatable: op.repeatable(),
    };
    let mut engine = Engine {
        repeatable: info.repeatable,
        unanswered_in_row: 0,
        store,
        settings,
        reorder: VecDeque::new(),
        next_write: 1,
        progress,
        summary: Summary {
            command: op.name().to_owned(),
            ok: 0,
            failed: 0,
            skipped: 0,
            elapsed: Duration::ZERO,
            stop: None,
            first_failure: None,
            results: settings.results.clone(),
        },
    };
    let started = Instant::now();
    let batch = if input.regular_file { BATCH } else { 1 };
    let feed = spawn_reader(input.records, op, batch, read);
    transport.block_on(engine.run(feed, &info, transport, interrupt))?;
    engine.progress.finish();
    engine.summary.elapsed = started.elapsed();
    let Engine {
        store, mut summary, ..
    } = engine;
    match store.finish() {
        Err(e) if e.is::<ReaderGone>() => {
            summary.stop.get_or_insert(Stop::ReaderGone);
        }
        other => other?,
    }
    Ok(summary)
}

struct Engine<'a> {
    repeatable: bool,
    /// Records in a row that got no answer at all (timed out or cut off, retries spent).
    unanswered_in_row: u32,
    store: Store,
    settings: &'a Settings,
    reorder: VecDeque<Slot>,
    /// Record number of the front of `reorder`.
    next_write: u64,
    progress: Progress,
    summary: Summary,
}

impl Engine<'_> {
    async fn run<T: Transport>(
        &mut self,
        mut feed: tokio::sync::mpsc::Receiver<anyhow::Result<Vec<Ready>>>,
        info: &OpInfo,
        transport: &T,
        mut interrupt: Interrupt,
    ) -> anyhow::Result<()> {
        let pacer = Pacer::new(self.settings.rate);
        let announcer = self.store.announcer();
        let target = transport.target(info.path)?;
        let concurrency = self.settings.concurrency.max(1);
        let mut in_flight = FuturesUnordered::new();
        let mut ready: VecDeque<Ready> = VecDeque::new();
        let mut input_done = false;
        loop {
            let may_start = |engine: &Self, in_flight: usize| {
                engine.summary.stop.is_none()
                    && in_flight < concurrency
                    && engine.reorder.len() < WINDOW
            };
            while may_start(self, in_flight.len())
                && let Some(record) = ready.pop_front()
            {
                if let Some(job) = self.admit(record)? {
                    in_flight.push(send(
                        transport,
                        &pacer,
                        announcer.as_ref(),
                        &target,
                        info.retry,
                        job,
                        interrupt.clone(),
                    ));
                }
            }
            let want_input = ready.is_empty() && !input_done && may_start(self, in_flight.len());
            if !want_input && in_flight.is_empty() {
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
                batch = feed.recv(), if want_input => match batch {
                    None => input_done = true,
                    Some(Err(error)) => self.stop(Stop::Fatal {
                        message: format!("{error:#}"),
                        cause: Fatal::BadInput,
                    }),
                    Some(Ok(batch)) => ready.extend(batch),
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
    fn admit(&mut self, record: Ready) -> anyhow::Result<Option<Job>> {
        debug_assert_eq!(record.number, self.next_write + self.reorder.len() as u64);
        let (prepared, key) = (record.request, record.key);
        let mut prior = self.store.prior(record.number, key.as_deref())?;
        for &(number, _) in &record.joined {
            // A joined group is skipped only when every record of it is ok.
            if self.store.prior(number, key.as_deref())? != Prior::Ok && prior == Prior::Ok {
                prior = Prior::Failed;
            }
        }
        let slots = 1 + record.joined.len();
        let immediate = match (prior, prepared) {
            (Prior::Ok, _) => {
                for _ in 0..slots {
                    self.reorder.push_back(Slot::Skipped);
                }
                self.drain()?;
                return Ok(None);
            }
            (Prior::Unknown, _) if !self.settings.resend_unknown => Failure::unknown(
                "an earlier run sent this request but stopped before its answer, so it may or may not have been carried out; check, then resume with --resend-unknown to send it again",
            ),
            (_, Err(reason)) => Failure::invalid(reason),
            (_, Ok(prepared)) => {
                // Journalled by `send`, once the rate limiter lets it go.
                for _ in 0..slots {
                    self.reorder.push_back(Slot::Waiting);
                }
                return Ok(Some(Job {
                    number: record.number,
                    line: record.line,
                    joined: record.joined,
                    key: prepared.key,
                    body: prepared.body.into(),
                    announce: !self.repeatable,
                }));
            }
        };
        for _ in 0..slots {
            self.reorder.push_back(Slot::Waiting);
        }
        let outcome = Outcome::Failed(immediate);
        for &(number, line) in &record.joined {
            let joined = ResultLine::new(
                &self.summary.command,
                number,
                line,
                key.clone(),
                outcome.clone(),
            );
            self.finish_record(joined)?;
        }
        let line = ResultLine::new(
            &self.summary.command,
            record.number,
            record.line,
            key,
            outcome,
        );
        self.finish_record(line)?;
        Ok(None)
    }

    fn complete(&mut self, job: Job, sent: Sent) -> anyhow::Result<()> {
        let outcome = match sent {
            Sent::Unjournalled(error) => return Err(error),
            Sent::Interrupted => {
                // Never announced in the journal: nothing to cancel there.
                let first = (job.number - self.next_write) as usize;
                for index in first..=first + job.joined.len() {
                    self.reorder[index] = Slot::NotSent;
                }
                return self.drain();
            }
            Sent::Answer(Ok(response)) => {
                self.unanswered_in_row = 0;
                Outcome::Ok(response)
            }
            Sent::Answer(Err(error)) => {
                if retry::Failed::of(&error) == retry::Failed::Unanswered {
                    self.unanswered_in_row += 1;
                    if self.unanswered_in_row >= STOP_AFTER_UNANSWERED {
                        self.stop(Stop::Fatal {
                            message: format!(
                                "the server stopped answering: {STOP_AFTER_UNANSWERED} records in a row got no answer ({error}); check the server, then run again with --resume"
                            ),
                            cause: Fatal::ServerGone,
                        });
                    }
                } else {
                    self.unanswered_in_row = 0;
                }
                if let ApiError::Connect { .. } = &error {
                    self.stop(Stop::Fatal {
                        message: format!("{error}; {}", error.hint()),
                        cause: Fatal::ServerGone,
                    });
                }
                let stops_run = (self.settings.stops_run)(&error);
                let failure = Failure::from_api(error, self.repeatable);
                if stops_run {
                    self.stop(Stop::Fatal {
                        message: format!(
                            "{}; every further record would be refused the same way",
                            failure.title
                        ),
                        cause: Fatal::Refused(failure.clone()),
                    });
                }
                Outcome::Failed(failure)
            }
        };
        for &(number, line) in &job.joined {
            let joined = ResultLine::new(
                &self.summary.command,
                number,
                line,
                Some(job.key.clone()),
                outcome.clone(),
            );
            if !self.repeatable {
                self.store.answered(&joined.to_bytes())?;
            }
            self.finish_record(joined)?;
        }
        let line = ResultLine::new(
            &self.summary.command,
            job.number,
            job.line,
            Some(job.key),
            outcome,
        );
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
            failure: failure.cloned(),
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
                Slot::Skipped => {
                    self.summary.skipped += 1;
                    self.progress.pass();
                }
                Slot::NotSent => self.progress.pass(),
                Slot::Done {
                    ok,
                    kind,
                    failure,
                    bytes,
                } => {
                    match self.store.write(number, ok, kind, &bytes) {
                        Err(e) if e.is::<ReaderGone>() => self.stop(Stop::ReaderGone),
                        other => other?,
                    }
                    if ok {
                        self.summary.ok += 1;
                    } else {
                        self.summary.failed += 1;
                        if self.summary.first_failure.is_none() {
                            self.summary.first_failure = failure;
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

/// Sends one request, retrying as the API's retry policy says (the same table as a single
/// call), all within the record's one deadline; a 429 also slows the whole run down.
async fn send<T: Transport>(
    transport: &T,
    pacer: &Pacer,
    announcer: Option<&Announcer>,
    target: &T::Target,
    route: Retry,
    job: Job,
    mut interrupt: Interrupt,
) -> (Job, Sent) {
    let deadline = transport.deadline();
    let mut since = None;
    let mut number = 0;
    loop {
        tokio::select! {
            biased;
            () = interrupt.wait(), if number == 0 => return (job, Sent::Interrupted),
            () = pacer.acquire() => {}
        }
        // Journalled here, after the rate limiter and right before the first attempt is
        // written to the connection: a kill while it waited leaves nothing in doubt. Later
        // attempts are the same request, already announced.
        if number == 0
            && job.announce
            && let Some(announcer) = announcer
            && let Err(error) = announcer.sending(job.number, job.line, Some(&job.key))
        {
            return (job, Sent::Unjournalled(error));
        }
        // The deadline counts from the first attempt on the wire, not from the rate limiter.
        let started = *since.get_or_insert_with(Instant::now);
        number += 1;
        let attempt = Try {
            number,
            limit: deadline.saturating_sub(started.elapsed()),
            since: started,
        };
        let refusal: Refusal = match transport.post(target, job.body.clone(), attempt).await {
            Ok(response) => return (job, Sent::Answer(Ok(response))),
            Err(refusal) => refusal,
        };
        if interrupt.fired() {
            return (job, Sent::Answer(Err(refusal.error)));
        }
        let left = deadline.saturating_sub(started.elapsed());
        let decision = retry::decide(
            route,
            retry::Failed::of(&refusal.error),
            refusal.retry_after,
            number,
            left,
            transport.backoff(),
        );
        let delay = match decision {
            retry::Decision::Wait(delay) => delay,
            retry::Decision::GiveUp => return (job, Sent::Answer(Err(refusal.error))),
            retry::Decision::TooLongAsked(asked) => {
                let error = match refusal.error {
                    ApiError::Problem {
                        method,
                        path,
                        host,
                        status,
                        ..
                    } => ApiError::RetryLater {
                        method,
                        path,
                        host,
                        status,
                        wait_secs: asked.as_secs_f64().ceil() as u64,
                        left_secs: left.as_secs(),
                        at: retry::when(asked),
                    },
                    other => other,
                };
                return (job, Sent::Answer(Err(error)));
            }
        };
        if refusal.error.status() == Some(429) {
            pacer.pause(delay);
        }
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = interrupt.wait() => return (job, Sent::Answer(Err(refusal.error))),
        }
    }
}
