//! Where results go and what a resumed run already knows. Results go to stdout, or to a file
//! that doubles as the run's log: lines are appended (in input order within a run), read back by
//! `--resume` (latest line per record wins), and rewritten in input order, one line per record,
//! when a resumed run ends. Every line names its command, and a resume refuses another
//! command's file. Calls that must not be sent twice also get a write-ahead journal
//! (`FILE.journal`): a "sending" entry once the request is about to be written to the
//! connection (after the rate limiter let it go) and the result right after the answer, so a
//! run killed at any moment leaves nothing unaccounted for and nothing falsely in doubt.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::outcome::{ErrorKind, Failure, Outcome, ResultLine, Status};
use crate::error::CliError;

/// What an earlier run recorded for a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prior {
    None,
    Ok,
    Failed,
    /// Sent, outcome unknown, and not safe to send again.
    Unknown,
}

const NONE: u8 = 0;
const OK: u8 = 1;
const FAILED: u8 = 2;
const UNKNOWN: u8 = 3;

/// How often buffered results reach the file or pipe, bounding what a kill can lose (a lost
/// line of a repeatable call is simply sent again on resume).
const FLUSH_EVERY: Duration = Duration::from_millis(50);

pub struct Store {
    sink: Sink,
    last_flush: Instant,
    /// The reader of stdout went away: later results have nowhere to go.
    closed: bool,
}

/// The results' reader went away (a closed pipe, `| head -1`); the run stops starting records.
#[derive(Debug)]
pub struct ReaderGone;

impl std::fmt::Display for ReaderGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the reader of the results went away (closed pipe)")
    }
}

impl std::error::Error for ReaderGone {}

enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File(Box<ResultsFile>),
}

struct ResultsFile {
    path: PathBuf,
    /// Kept open (and locked) for the whole run.
    file: File,
    writer: BufWriter<File>,
    /// Bytes in the file, counting what is still buffered.
    len: u64,
    /// Per record: state and offset + 1 of its latest line (0 = none). Only kept when resuming,
    /// where the final rewrite needs them; a fresh run writes in order and keeps nothing.
    index: Option<Index>,
    /// The file holds lines out of input order or more than one per record.
    needs_rewrite: bool,
    /// The command whose results these are.
    command: String,
    /// Shared with the senders, which announce each request just before it goes out.
    journal: Option<Arc<Mutex<Journal>>>,
}

#[derive(Default)]
struct Index {
    states: Vec<u8>,
    offsets: Vec<u64>,
}

impl Index {
    fn set(&mut self, record: u64, state: u8, offset: u64) {
        let i = (record - 1) as usize;
        if self.states.len() <= i {
            self.states.resize(i + 1, NONE);
            self.offsets.resize(i + 1, 0);
        }
        self.states[i] = state;
        self.offsets[i] = offset + 1;
    }

    fn state(&self, record: u64) -> u8 {
        self.states
            .get((record - 1) as usize)
            .copied()
            .unwrap_or(NONE)
    }

    fn offset(&self, record: u64) -> Option<u64> {
        match self.offsets.get((record - 1) as usize) {
            Some(0) | None => None,
            Some(n) => Some(n - 1),
        }
    }
}

/// The parts of a results line that resuming needs.
#[derive(Deserialize)]
struct Seen {
    #[serde(default)]
    command: Option<String>,
    record: u64,
    #[serde(default)]
    key: Option<String>,
    result: Status,
    #[serde(default)]
    error: Option<SeenError>,
}

#[derive(Deserialize)]
struct SeenError {
    kind: ErrorKind,
}

fn state_of(seen: &Seen) -> u8 {
    match (seen.result, seen.error.as_ref().map(|e| e.kind)) {
        (Status::Ok, _) => OK,
        (_, Some(ErrorKind::Unknown)) => UNKNOWN,
        _ => FAILED,
    }
}

/// A journal entry written before sending a call that must not repeat.
#[derive(Serialize, Deserialize)]
struct Sending {
    sending: u64,
    line: u64,
    key: Option<String>,
    /// The command that announced it, so a resume by another command is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    command: Option<String>,
}

/// A journal entry cancelling a "sending" one: the request never went out. Earlier versions
/// announced a request before the rate limiter let it go and cancelled it this way on Ctrl-C;
/// their journals are still read.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Unsent {
    unsent: u64,
}

struct Journal {
    path: PathBuf,
    file: File,
    command: String,
}

impl Journal {
    fn path_for(results: &Path) -> PathBuf {
        let mut name = results.as_os_str().to_owned();
        name.push(".journal");
        PathBuf::from(name)
    }

    fn create(results: &Path, command: &str) -> anyhow::Result<Journal> {
        let path = Journal::path_for(results);
        let file = private_options()
            .append(true)
            .create(true)
            .open(&path)
            .with_context(|| format!("cannot create the journal {}", path.display()))?;
        Ok(Journal {
            path,
            file,
            command: command.to_owned(),
        })
    }

    /// One unbuffered write per entry: once `write` returns, the entry survives the process
    /// being killed.
    fn append(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.file
            .write_all(bytes)
            .with_context(|| format!("cannot write the journal {}", self.path.display()))
    }
}

/// Announces requests in the journal from the sending loop: a record is journalled as
/// "sending" only once the rate limiter let it go, right before it is written to the
/// connection, so a kill never leaves in doubt a record that was still waiting.
#[derive(Clone)]
pub struct Announcer(Arc<Mutex<Journal>>);

impl Announcer {
    pub fn sending(&self, record: u64, line: u64, key: Option<&str>) -> anyhow::Result<()> {
        let mut journal = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut bytes = serde_json::to_vec(&Sending {
            sending: record,
            line,
            key: key.map(str::to_owned),
            command: Some(journal.command.clone()),
        })?;
        bytes.push(b'\n');
        journal.append(&bytes)
    }
}

/// Results hold tokens; only the owner may read them.
fn private_options() -> OpenOptions {
    crate::fsutil::owner_only_options()
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

/// The line (with its newline) that starts at `offset`.
fn line_at(file: &File, offset: u64) -> std::io::Result<Vec<u8>> {
    let mut line = Vec::new();
    let mut chunk = [0u8; 512];
    loop {
        let n = read_at(file, &mut chunk, offset + line.len() as u64)?;
        if n == 0 {
            return Ok(line);
        }
        if let Some(end) = chunk[..n].iter().position(|&b| b == b'\n') {
            line.extend_from_slice(&chunk[..=end]);
            return Ok(line);
        }
        line.extend_from_slice(&chunk[..n]);
    }
}

impl Store {
    pub fn stdout() -> Store {
        Store {
            sink: Sink::Stdout(BufWriter::with_capacity(64 * 1024, std::io::stdout())),
            last_flush: Instant::now(),
            closed: false,
        }
    }

    /// Opens `path` for a fresh run (it must not hold results) or, with `resume`, reads what it
    /// holds and folds in a journal left by a killed run. `journaled`: the command's calls must
    /// not repeat, so this run keeps a journal.
    pub fn file(
        path: &Path,
        resume: bool,
        journaled: bool,
        command: &str,
    ) -> anyhow::Result<Store> {
        let file = private_options()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .with_context(|| {
                format!(
                    "cannot open {} for the results; check the path given to --results",
                    path.display()
                )
            })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(CliError::Usage(format!(
                    "{} is in use by another running bulk command; wait for it or choose another --results file",
                    path.display()
                ))
                .into());
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        let len = file.metadata()?.len();
        let journal_path = Journal::path_for(path);
        let mut results = ResultsFile {
            path: path.to_owned(),
            writer: BufWriter::with_capacity(64 * 1024, file.try_clone()?),
            file,
            len,
            index: None,
            needs_rewrite: false,
            command: command.to_owned(),
            journal: None,
        };
        if resume {
            results.load()?;
            if journal_path.exists() {
                results.fold_journal(&journal_path)?;
            }
        } else if len > 0 || journal_path.exists() {
            return Err(CliError::Usage(format!(
                "{} already holds results; add --resume to continue that run (records already ok are skipped), or choose a new --results file",
                path.display()
            ))
            .into());
        }
        if journaled {
            results.journal = Some(Arc::new(Mutex::new(Journal::create(path, command)?)));
        }
        Ok(Store {
            sink: Sink::File(Box::new(results)),
            last_flush: Instant::now(),
            closed: false,
        })
    }

    /// What earlier runs recorded for `record`, after checking that the record is the same one
    /// (its key), so a results file is not resumed with another input.
    pub fn prior(&self, record: u64, key: Option<&str>) -> anyhow::Result<Prior> {
        let Sink::File(results) = &self.sink else {
            return Ok(Prior::None);
        };
        let Some(index) = &results.index else {
            return Ok(Prior::None);
        };
        let state = index.state(record);
        if state == NONE {
            return Ok(Prior::None);
        }
        if let (Some(key), Some(offset)) = (key, index.offset(record)) {
            let line = line_at(&results.file, offset)?;
            let seen: Seen = serde_json::from_slice(&line)?;
            if seen.key.as_deref() != Some(key) {
                return Err(CliError::Usage(format!(
                    "{} does not belong to this input: its record {record} is `{}`, here it is `{key}`; resume with the same input, or choose a new --results file",
                    results.path.display(),
                    seen.key.unwrap_or_default()
                ))
                .into());
            }
        }
        Ok(match state {
            OK => Prior::Ok,
            UNKNOWN => Prior::Unknown,
            _ => Prior::Failed,
        })
    }

    /// The journal's handle for the senders, when this run keeps one.
    pub fn announcer(&self) -> Option<Announcer> {
        match &self.sink {
            Sink::File(results) => results.journal.clone().map(Announcer),
            Sink::Stdout(_) => None,
        }
    }

    /// Journals an answer the moment it arrives (before it waits for its turn in input order).
    pub fn answered(&mut self, line: &[u8]) -> anyhow::Result<()> {
        if let Some(announcer) = self.announcer() {
            announcer
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .append(line)?;
        }
        Ok(())
    }

    /// Appends one result line (in input order within this run).
    pub fn write(
        &mut self,
        record: u64,
        ok: bool,
        kind: Option<ErrorKind>,
        line: &[u8],
    ) -> anyhow::Result<()> {
        if self.closed {
            return Ok(());
        }
        match &mut self.sink {
            Sink::Stdout(out) => {
                if let Err(e) = out.write_all(line) {
                    return Err(self.failed(e));
                }
            }
            Sink::File(results) => {
                results.writer.write_all(line)?;
                if let Some(index) = &mut results.index {
                    let state = match (ok, kind) {
                        (true, _) => OK,
                        (false, Some(ErrorKind::Unknown)) => UNKNOWN,
                        _ => FAILED,
                    };
                    index.set(record, state, results.len);
                    results.needs_rewrite = true;
                }
                results.len += line.len() as u64;
            }
        }
        if self.last_flush.elapsed() >= FLUSH_EVERY {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> anyhow::Result<()> {
        self.last_flush = Instant::now();
        if self.closed {
            return Ok(());
        }
        let result = match &mut self.sink {
            Sink::Stdout(out) => out.flush(),
            Sink::File(results) => results.writer.flush(),
        };
        result.map_err(|e| self.failed(e))
    }

    /// A write error as the run sees it: a reader that went away (`| head`) is [`ReaderGone`],
    /// which stops the run quietly, not an error to report.
    fn failed(&mut self, error: std::io::Error) -> anyhow::Error {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            self.closed = true;
            if let Sink::Stdout(out) = &mut self.sink {
                // What is buffered can never be written; dropping it keeps the drop quiet.
                let _ = std::mem::replace(out, BufWriter::with_capacity(0, std::io::stdout()))
                    .into_parts();
            }
            return anyhow::Error::new(ReaderGone);
        }
        anyhow::Error::new(error).context("cannot write the results")
    }

    /// Ends the run: flushes, rewrites a resumed file in input order with one line per record,
    /// and removes the journal, whose entries are all in the file now.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.flush()?;
        if let Sink::File(results) = self.sink {
            results.finish()?;
        }
        Ok(())
    }
}

impl ResultsFile {
    /// Reads every complete line; a partial last line (the process was killed while writing it)
    /// is cut off.
    fn load(&mut self) -> anyhow::Result<()> {
        let mut index = Index::default();
        let mut reader = BufReader::new(self.file.try_clone()?);
        let mut offset = 0u64;
        let mut line = Vec::new();
        let mut number = 0u64;
        let mut last_record = 0u64;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line)?;
            if n == 0 {
                break;
            }
            if line.last() != Some(&b'\n') {
                self.file.set_len(offset)?;
                self.len = offset;
                break;
            }
            number += 1;
            let seen: Seen = serde_json::from_slice(&line).map_err(|e| {
                CliError::Usage(format!(
                    "line {number} of {} is not a results line ({e}); give the file an earlier bulk run wrote, or choose a new --results file",
                    self.path.display()
                ))
            })?;
            if seen.record == 0 {
                anyhow::bail!("line {number} of {} has record 0", self.path.display());
            }
            if seen.command.as_deref() != Some(self.command.as_str()) {
                return Err(CliError::Usage(match &seen.command {
                    Some(other) => format!(
                        "{} holds the results of `{other}`, not of `{}`; resume with that command, or choose a new --results file",
                        self.path.display(),
                        self.command
                    ),
                    None => format!(
                        "line {number} of {} names no command, so it cannot be resumed as `{}`; choose a new --results file",
                        self.path.display(),
                        self.command
                    ),
                })
                .into());
            }
            if seen.record <= last_record {
                self.needs_rewrite = true;
            }
            last_record = seen.record;
            index.set(seen.record, state_of(&seen), offset);
            offset += n as u64;
        }
        self.index = Some(index);
        Ok(())
    }

    /// Brings the entries of a killed run's journal into the file: answers that never reached
    /// it, and "sending" entries without an answer, which become `unknown` results.
    fn fold_journal(&mut self, path: &Path) -> anyhow::Result<()> {
        let reader = BufReader::new(
            File::open(path).with_context(|| format!("cannot read {}", path.display()))?,
        );
        // Only entries still waiting for an answer are held, at most the run's concurrency.
        let mut pending: Vec<Sending> = Vec::new();
        let mut seen_pending: HashSet<u64> = HashSet::new();
        for (i, entry) in reader.split(b'\n').enumerate() {
            let mut entry = entry?;
            if entry.is_empty() {
                continue;
            }
            if let Ok(sending) = serde_json::from_slice::<Sending>(&entry) {
                self.check_command(sending.command.as_deref(), path)?;
                if seen_pending.insert(sending.sending) {
                    pending.push(sending);
                }
                continue;
            }
            if let Ok(unsent) = serde_json::from_slice::<Unsent>(&entry) {
                if seen_pending.remove(&unsent.unsent) {
                    pending.retain(|p| p.sending != unsent.unsent);
                }
                continue;
            }
            let Ok(seen) = serde_json::from_slice::<Seen>(&entry) else {
                // The last entry may be cut short by the kill; anything else is not ours.
                anyhow::ensure!(
                    serde_json::from_slice::<serde_json::Value>(&entry).is_err(),
                    "entry {} of {} is not a journal entry",
                    i + 1,
                    path.display()
                );
                continue;
            };
            self.check_command(seen.command.as_deref(), path)?;
            if seen_pending.remove(&seen.record) {
                pending.retain(|p| p.sending != seen.record);
            }
            entry.push(b'\n');
            let index = self.index.as_ref().expect("loaded before folding");
            let recorded = match index.offset(seen.record) {
                Some(offset) => line_at(&self.file, offset)? == entry,
                None => false,
            };
            if !recorded {
                self.append_now(seen.record, state_of(&seen), &entry)?;
            }
        }
        for sending in pending {
            let line = ResultLine::new(
                &self.command,
                sending.sending,
                sending.line,
                sending.key,
                Outcome::Failed(Failure::unknown(
                    "the run stopped after sending this request and before its answer arrived, so it may or may not have been carried out; check, then resume with --resend-unknown to send it again",
                )),
            );
            self.append_now(sending.sending, UNKNOWN, &line.to_bytes())?;
        }
        self.writer.flush()?;
        self.file.sync_data()?;
        std::fs::remove_file(path)
            .with_context(|| format!("cannot remove the old journal {}", path.display()))?;
        Ok(())
    }

    /// A journal entry naming another command means the journal is another run's.
    fn check_command(&self, named: Option<&str>, path: &Path) -> anyhow::Result<()> {
        match named {
            Some(other) if other != self.command => Err(CliError::Usage(format!(
                "{} holds the journal of `{other}`, not of `{}`; resume with that command, or choose a new --results file",
                path.display(),
                self.command
            ))
            .into()),
            _ => Ok(()),
        }
    }

    fn append_now(&mut self, record: u64, state: u8, line: &[u8]) -> anyhow::Result<()> {
        self.writer.write_all(line)?;
        if let Some(index) = &mut self.index {
            index.set(record, state, self.len);
        }
        self.len += line.len() as u64;
        self.needs_rewrite = true;
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<()> {
        self.writer.flush()?;
        if self.needs_rewrite
            && let Some(index) = &self.index
        {
            self.rewrite(index)?;
        } else {
            self.file.sync_data()?;
        }
        if let Some(journal) = self.journal.take() {
            let path = journal
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .path
                .clone();
            drop(journal);
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove the journal {}", path.display()))?;
        }
        Ok(())
    }

    /// Writes the latest line of every record, in input order, to a new file and moves it into
    /// place, so a kill during the rewrite leaves the old file whole.
    fn rewrite(&self, index: &Index) -> anyhow::Result<()> {
        let mut tmp_name = self.path.as_os_str().to_owned();
        tmp_name.push(".tmp");
        let tmp_path = PathBuf::from(tmp_name);
        let tmp = private_options()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp_path)
            .with_context(|| format!("cannot create {}", tmp_path.display()))?;
        let mut out = BufWriter::with_capacity(64 * 1024, &tmp);
        for &offset in &index.offsets {
            if offset > 0 {
                out.write_all(&line_at(&self.file, offset - 1)?)?;
            }
        }
        out.flush()?;
        drop(out);
        tmp.sync_data()?;
        std::fs::rename(&tmp_path, &self.path)
            .with_context(|| format!("cannot replace {}", self.path.display()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok_line(record: u64, key: &str) -> Vec<u8> {
        ResultLine::new(
            "register-token",
            record,
            record + 1,
            Some(key.into()),
            Outcome::Ok(Some(
                serde_json::value::to_raw_value(&json!({"n": record})).unwrap(),
            )),
        )
        .to_bytes()
    }

    fn failed_line(record: u64, key: &str) -> Vec<u8> {
        ResultLine::new(
            "register-token",
            record,
            record + 1,
            Some(key.into()),
            Outcome::Failed(Failure::invalid("bad")),
        )
        .to_bytes()
    }

    fn lines(path: &Path) -> Vec<serde_json::Value> {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn a_fresh_run_refuses_a_file_with_results() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        std::fs::write(&path, ok_line(1, "a")).unwrap();
        let err = Store::file(&path, false, false, "register-token")
            .err()
            .unwrap();
        assert!(err.to_string().contains("--resume"), "{err}");
        std::fs::write(&path, "").unwrap();
        assert!(Store::file(&path, false, false, "register-token").is_ok());
    }

    #[test]
    fn resume_reads_states_cuts_a_partial_line_and_rewrites_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let mut text = Vec::new();
        text.extend(ok_line(1, "a"));
        text.extend(failed_line(2, "b"));
        text.extend(b"{\"record\":3,\"li");
        std::fs::write(&path, &text).unwrap();

        let mut store = Store::file(&path, true, false, "register-token").unwrap();
        assert_eq!(store.prior(1, Some("a")).unwrap(), Prior::Ok);
        assert_eq!(store.prior(2, Some("b")).unwrap(), Prior::Failed);
        assert_eq!(store.prior(3, Some("c")).unwrap(), Prior::None);
        let err = store.prior(1, Some("x")).unwrap_err();
        assert!(err.to_string().contains("does not belong"), "{err}");
        // The resumed run appends (3 before 2 here), the end puts them in order.
        store.write(3, true, None, &ok_line(3, "c")).unwrap();
        store.write(2, true, None, &ok_line(2, "b")).unwrap();
        store.finish().unwrap();
        let all = lines(&path);
        assert_eq!(all.len(), 3);
        for (i, line) in all.iter().enumerate() {
            assert_eq!(line["record"], i as u64 + 1);
            assert_eq!(line["result"], "ok");
        }
    }

    /// Another command's results once resumed as "already ok": every record skipped, exit 0.
    #[test]
    fn a_resume_refuses_another_commands_results() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        std::fs::write(&path, ok_line(1, "a")).unwrap();
        let err = Store::file(&path, true, true, "magic-link send")
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            format!(
                "{} holds the results of `register-token`, not of `magic-link send`; resume with that command, or choose a new --results file",
                path.display()
            )
        );
        assert!(!Journal::path_for(&path).exists());
        // A journal alone (killed before the first result line) names its command too.
        std::fs::write(&path, "").unwrap();
        let store = Store::file(&path, false, true, "register-token").unwrap();
        store.announcer().unwrap().sending(1, 2, Some("a")).unwrap();
        drop(store);
        let err = Store::file(&path, true, true, "magic-link send")
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("journal of `register-token`"),
            "{err}"
        );
    }

    #[test]
    fn a_second_run_on_the_same_file_is_refused_while_the_first_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let _first = Store::file(&path, false, false, "register-token").unwrap();
        let err = Store::file(&path, true, false, "register-token")
            .err()
            .unwrap();
        assert!(err.to_string().contains("in use"), "{err}");
    }

    #[test]
    fn journal_answers_and_unanswered_sends_are_folded_in() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        // Killed run: record 1 written in order; record 2 answered but not yet written;
        // record 3 sent, no answer; record 4 announced but never sent (Ctrl-C, then killed).
        std::fs::write(&path, ok_line(1, "a")).unwrap();
        let mut journal = Vec::new();
        for (record, key) in [(1, "a"), (2, "b"), (3, "c"), (4, "d")] {
            journal.extend(
                serde_json::to_vec(&Sending {
                    sending: record,
                    line: record + 1,
                    key: Some(key.into()),
                    command: Some("register-token".into()),
                })
                .unwrap(),
            );
            journal.push(b'\n');
        }
        journal.extend(ok_line(1, "a"));
        journal.extend(ok_line(2, "b"));
        journal.extend(b"{\"unsent\":4}\n");
        journal.extend(b"{\"command\":\"register-token\",\"record\":3,\"line\":4,\"res");
        std::fs::write(Journal::path_for(&path), &journal).unwrap();

        let store = Store::file(&path, true, true, "register-token").unwrap();
        assert_eq!(store.prior(1, Some("a")).unwrap(), Prior::Ok);
        assert_eq!(store.prior(2, Some("b")).unwrap(), Prior::Ok);
        assert_eq!(store.prior(3, Some("c")).unwrap(), Prior::Unknown);
        assert_eq!(store.prior(4, Some("d")).unwrap(), Prior::None);
        store.finish().unwrap();
        assert!(!Journal::path_for(&path).exists());
        let all = lines(&path);
        assert_eq!(all.len(), 3, "{all:?}");
        assert_eq!(all[2]["error"]["kind"], "unknown");
        assert_eq!(all[2]["key"], "c");
    }

    #[test]
    fn fresh_runs_journal_and_remove_it_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let mut store = Store::file(&path, false, true, "register-token").unwrap();
        store.announcer().unwrap().sending(1, 2, Some("a")).unwrap();
        let journal = std::fs::read_to_string(Journal::path_for(&path)).unwrap();
        assert!(journal.contains("\"sending\":1"), "{journal}");
        store.answered(&ok_line(1, "a")).unwrap();
        store.write(1, true, None, &ok_line(1, "a")).unwrap();
        store.finish().unwrap();
        assert!(!Journal::path_for(&path).exists());
        assert_eq!(lines(&path).len(), 1);
    }
}
