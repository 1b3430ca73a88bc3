//! Engine tests with a scripted transport: order of results, retries by the retry table, bad
//! records, fail-fast, interruption, concurrency and resume.

use std::cell::{Cell as StdCell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use super::executor::{Interrupt, Stop};
use super::input::Source;
use super::record::{Cell, Fields};
use super::{Json, Operation, Prepared, Refusal, Settings, Transport, Try, run};
use crate::api::Retry;
use crate::api::error::ApiError;
use crate::api::types::ProblemDetails;
use crate::exit::Exit;

/// Records are `{"id": ...}`; the id says how the fake server answers:
/// `ok*` → 200, `slow*` → 200 after 30 ms, `conflict*` → 409, `busy*` → 503 twice then 200,
/// `limited*` → 429 (Retry-After 10 ms) once then 200, `boom*` → 500.
struct Op {
    retry: Retry,
    repeatable: bool,
}

impl Operation for Op {
    fn name(&self) -> &str {
        "fake"
    }
    fn path(&self) -> &'static str {
        "/fake"
    }
    fn retry(&self) -> Retry {
        self.retry
    }
    fn repeatable(&self) -> bool {
        self.repeatable
    }
    fn prepare(&mut self, fields: &Fields) -> Result<Prepared, String> {
        let id = self.key_of(fields).ok_or("column id is missing")?;
        if id.starts_with("bad") {
            return Err(format!("`{id}` is not a valid id"));
        }
        Ok(Prepared {
            key: id.clone(),
            body: id.into_bytes(),
        })
    }
    fn key_of(&self, fields: &Fields) -> Option<String> {
        fields.0.iter().find_map(|(name, cell)| match cell {
            Cell::Text(text) if name == "id" => Some(text.clone()),
            _ => None,
        })
    }
    fn check_columns(&self, columns: &[String]) -> Result<(), String> {
        match columns.iter().find(|c| *c != "id" && *c != "group") {
            Some(other) => Err(format!("column `{other}` is unknown")),
            None => Ok(()),
        }
    }

    /// Records with a `group` member join the next ones of the same group.
    fn group(&self, fields: &Fields) -> Option<String> {
        fields.0.iter().find_map(|(name, cell)| match cell {
            Cell::Text(text) if name == "group" => Some(text.clone()),
            _ => None,
        })
    }

    fn join(&self, into: &mut Fields, next: Fields) {
        // The ids are concatenated, so the server sees one request for the group.
        let more: Vec<String> = next
            .0
            .into_iter()
            .filter_map(|(name, cell)| match cell {
                Cell::Text(text) if name == "id" => Some(text),
                _ => None,
            })
            .collect();
        if let Some((_, Cell::Text(id))) = into.0.iter_mut().find(|(name, _)| name == "id") {
            for other in more {
                id.push('+');
                id.push_str(&other);
            }
        }
    }
}

struct Server {
    sends: RefCell<HashMap<String, u32>>,
    in_flight: StdCell<usize>,
    max_in_flight: StdCell<usize>,
    runtime: tokio::runtime::Runtime,
}

impl Default for Server {
    fn default() -> Server {
        Server {
            sends: RefCell::default(),
            in_flight: StdCell::default(),
            max_in_flight: StdCell::default(),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
        }
    }
}

fn problem(status: u16) -> ApiError {
    ApiError::Problem {
        method: "POST".into(),
        path: "/fake".into(),
        host: "example.com".into(),
        status,
        problem: Box::new(ProblemDetails {
            title: Some(format!("status {status}")),
            status: Some(status),
            error_code: (status == 409).then(|| "alias_conflict".to_owned()),
            ..Default::default()
        }),
    }
}

impl Transport for Server {
    type Target = &'static str;

    fn target(&self, path: &'static str) -> anyhow::Result<&'static str> {
        Ok(path)
    }

    async fn post(
        &self,
        _path: &&'static str,
        body: bytes::Bytes,
        _attempt: Try,
    ) -> Result<Option<Json>, Refusal> {
        let id = String::from_utf8(body.to_vec()).unwrap();
        let count = {
            let mut sends = self.sends.borrow_mut();
            let count = sends.entry(id.clone()).or_default();
            *count += 1;
            *count
        };
        self.in_flight.set(self.in_flight.get() + 1);
        self.max_in_flight
            .set(self.max_in_flight.get().max(self.in_flight.get()));
        // Later ids answer sooner, so completions arrive out of input order.
        let delay = if id.starts_with("slow") { 30 } else { 2 };
        tokio::time::sleep(Duration::from_millis(delay)).await;
        self.in_flight.set(self.in_flight.get() - 1);
        // The fake's own shorthand; the executor's results carry the same `Refusal`.
        #[allow(clippy::result_large_err)]
        let refuse = |status, retry_after| {
            Err(Refusal {
                error: problem(status),
                retry_after,
            })
        };
        match id.as_str() {
            i if i.starts_with("conflict") => refuse(409, None),
            i if i.starts_with("boom") => refuse(500, None),
            i if i.starts_with("busy") && count <= 2 => refuse(503, None),
            i if i.starts_with("limited") && count <= 1 => {
                refuse(429, Some(Duration::from_millis(10)))
            }
            _ => Ok(Some(
                serde_json::value::to_raw_value(&json!({ "id": id, "attempt": count })).unwrap(),
            )),
        }
    }

    fn deadline(&self) -> Duration {
        Duration::from_secs(30)
    }

    fn backoff(&self) -> Duration {
        Duration::from_millis(5)
    }

    fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}

fn input(dir: &Path, ids: &[&str]) -> PathBuf {
    let path = dir.join("in.jsonl");
    let text: String = ids
        .iter()
        .map(|id| format!("{{\"id\":\"{id}\"}}\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    path
}

fn settings(from: PathBuf, results: Option<PathBuf>) -> Settings {
    let mut settings = Settings::new(Source::File(from));
    settings.results = results;
    settings.concurrency = 4;
    settings
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn never() -> Op {
    Op {
        retry: Retry::Never,
        repeatable: false,
    }
}

fn safe() -> Op {
    Op {
        retry: Retry::Safe,
        repeatable: true,
    }
}

#[test]
fn results_come_in_input_order_one_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let ids = ["slow1", "ok2", "ok3", "slow4", "ok5", "ok6", "ok7"];
    let results = dir.path().join("r.jsonl");
    let server = Server::default();
    let summary = run(
        safe(),
        &server,
        &settings(input(dir.path(), &ids), Some(results.clone())),
        Interrupt::never(),
    )
    .unwrap();
    assert_eq!((summary.ok, summary.failed, summary.skipped), (7, 0, 0));
    assert_eq!(crate::exit::of_bulk(&summary), Exit::Success);
    let lines = lines(&results);
    let keys: Vec<&str> = lines.iter().map(|l| l["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ids);
    assert_eq!(lines[0]["record"], 1);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["response"]["id"], "slow1");
    assert!(server.max_in_flight.get() <= 4);
    assert!(
        server.max_in_flight.get() > 1,
        "requests overlap: {}",
        server.max_in_flight.get()
    );
}

#[test]
fn retries_follow_the_retry_table() {
    let dir = tempfile::tempdir().unwrap();
    let ids = ["busy1", "limited2", "conflict3", "ok4"];
    let results = dir.path().join("r.jsonl");
    let server = Server::default();
    let summary = run(
        safe(),
        &server,
        &settings(input(dir.path(), &ids), Some(results.clone())),
        Interrupt::never(),
    )
    .unwrap();
    assert_eq!((summary.ok, summary.failed), (3, 1));
    assert_eq!(crate::exit::of_bulk(&summary), Exit::Rejected);
    let sends = server.sends.borrow();
    assert_eq!(sends["busy1"], 3);
    assert_eq!(sends["limited2"], 2);
    assert_eq!(sends["conflict3"], 1, "a 409 is not retried");
    let lines = lines(&results);
    assert_eq!(lines[2]["error"]["errorCode"], "alias_conflict");
    assert_eq!(lines[2]["error"]["status"], 409);

    // The same answers for a call the table marks `Never`: one attempt each.
    let dir = tempfile::tempdir().unwrap();
    let server = Server::default();
    let summary = run(
        never(),
        &server,
        &settings(input(dir.path(), &["busy1", "limited2", "boom3"]), None),
        Interrupt::never(),
    )
    .unwrap();
    assert_eq!(summary.failed, 3);
    assert!(server.sends.borrow().values().all(|&n| n == 1));
}

#[test]
fn bad_records_are_errors_and_never_sent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"ok1\"}\n{\"id\":\"bad2\"}\nnot json\n{\"name\":\"x\"}\n{\"id\":\"ok5\"}\n",
    )
    .unwrap();
    let results = dir.path().join("r.jsonl");
    let server = Server::default();
    let summary = run(
        safe(),
        &server,
        &settings(path, Some(results.clone())),
        Interrupt::never(),
    )
    .unwrap();
    assert_eq!((summary.ok, summary.failed), (2, 3));
    assert_eq!(crate::exit::of_bulk(&summary), Exit::Usage);
    assert_eq!(server.sends.borrow().len(), 2);
    let lines = lines(&results);
    assert_eq!(lines[1]["key"], "bad2");
    assert_eq!(lines[1]["error"]["kind"], "invalid");
    assert_eq!(
        lines[1]["error"]["title"],
        "`bad2` is not a valid id on line 2"
    );
    assert!(
        lines[2]["error"]["title"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    assert_eq!(lines[2]["key"], Value::Null);
    assert_eq!(lines[3]["error"]["title"], "column id is missing on line 4");
}

#[test]
fn unknown_csv_columns_stop_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.csv");
    std::fs::write(&path, "id,nmae\nok1,x\n").unwrap();
    let server = Server::default();
    let err = run(safe(), &server, &settings(path, None), Interrupt::never())
        .err()
        .unwrap();
    assert!(err.to_string().contains("`nmae`"), "{err}");
    assert!(server.sends.borrow().is_empty());
}

#[test]
fn fail_fast_stops_starting_new_records() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = std::iter::once("conflict1".to_owned())
        .chain((2..50).map(|i| format!("slow{i}")))
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let results = dir.path().join("r.jsonl");
    let server = Server::default();
    let mut settings = settings(input(dir.path(), &ids), Some(results.clone()));
    settings.fail_fast = true;
    let summary = run(safe(), &server, &settings, Interrupt::never()).unwrap();
    assert_eq!(summary.stop, Some(Stop::FailFast));
    assert_eq!(crate::exit::of_bulk(&summary), Exit::Rejected);
    let written = lines(&results).len() as u64;
    assert_eq!(written, summary.ok + summary.failed);
    assert!(written < 10, "stopped early: {written}");
    // Every started record has its line: in-flight ones finished.
    assert_eq!(server.sends.borrow().len() as u64, written);
}

#[test]
fn interrupt_finishes_in_flight_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (1..=200).map(|i| format!("slow{i}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let results = dir.path().join("r.jsonl");
    let server = Server::default();
    let (fire, interrupt) = Interrupt::manual();
    let settings = settings(input(dir.path(), &ids), Some(results.clone()));
    let firing = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        fire.send(true).unwrap();
        fire
    });
    let summary = run(safe(), &server, &settings, interrupt).unwrap();
    drop(firing.join());
    assert_eq!(summary.stop, Some(Stop::Interrupted));
    assert_eq!(crate::exit::of_bulk(&summary), Exit::Interrupted);
    let lines = lines(&results);
    assert!(!lines.is_empty() && lines.len() < 200, "{}", lines.len());
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["record"], i as u64 + 1, "complete up to the stop");
    }
    let sent = server.sends.borrow();
    let ok = lines.iter().filter(|l| l["result"] == "ok").count();
    assert_eq!(sent.len(), ok, "everything sent was answered and recorded");
}

#[test]
fn resume_skips_ok_records_and_sends_the_rest_once() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("r.jsonl");
    let first = input(dir.path(), &["ok1", "conflict2", "ok3"]);
    let server = Server::default();
    let summary = run(
        safe(),
        &server,
        &settings(first, Some(results.clone())),
        Interrupt::never(),
    )
    .unwrap();
    assert_eq!(summary.failed, 1);

    // Without --resume the file is not touched.
    let again = input(dir.path(), &["ok1", "ok2fixed", "ok3", "ok4"]);
    let err = run(
        safe(),
        &server,
        &settings(again.clone(), Some(results.clone())),
        Interrupt::never(),
    )
    .err()
    .unwrap();
    assert!(err.to_string().contains("--resume"), "{err}");

    // The failed record now has another key: the input does not match.
    let mut resume = settings(again, Some(results.clone()));
    resume.resume = true;
    let err = run(safe(), &server, &resume, Interrupt::never())
        .err()
        .unwrap();
    assert!(err.to_string().contains("does not belong"), "{err}");

    let same = input(dir.path(), &["ok1", "conflict2", "ok3", "ok4"]);
    let mut resume = settings(same, Some(results.clone()));
    resume.resume = true;
    let server = Server::default();
    let summary = run(safe(), &server, &resume, Interrupt::never()).unwrap();
    assert_eq!((summary.ok, summary.failed, summary.skipped), (1, 1, 2));
    let sends = server.sends.borrow();
    assert_eq!(sends.get("ok1"), None, "already ok: skipped");
    assert_eq!(sends["conflict2"], 1);
    assert_eq!(sends["ok4"], 1);
    let lines = lines(&results);
    let records: Vec<u64> = lines
        .iter()
        .map(|l| l["record"].as_u64().unwrap())
        .collect();
    assert_eq!(records, [1, 2, 3, 4], "one line per record, in order");
}

#[test]
fn unknown_outcomes_are_not_resent_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("r.jsonl");
    let path = input(dir.path(), &["ok1", "boom2"]);
    let server = Server::default();
    let summary = run(
        never(),
        &server,
        &settings(path.clone(), Some(results.clone())),
        Interrupt::never(),
    )
    .unwrap();
    assert_eq!(summary.failed, 1);
    assert_eq!(lines(&results)[1]["error"]["kind"], "unknown");

    let mut resume = settings(path.clone(), Some(results.clone()));
    resume.resume = true;
    let server = Server::default();
    let summary = run(never(), &server, &resume, Interrupt::never()).unwrap();
    assert_eq!((summary.skipped, summary.failed), (1, 1));
    assert!(server.sends.borrow().is_empty(), "nothing sent again");
    assert!(
        lines(&results)[1]["error"]["title"]
            .as_str()
            .unwrap()
            .contains("--resend-unknown")
    );

    resume.resend_unknown = true;
    let summary = run(never(), &server, &resume, Interrupt::never()).unwrap();
    assert_eq!(summary.failed, 1, "boom answers 500 again");
    assert_eq!(server.sends.borrow()["boom2"], 1);
}

#[test]
fn resume_needs_a_results_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = settings(input(dir.path(), &["ok1"]), None);
    settings.resume = true;
    let err = run(safe(), &Server::default(), &settings, Interrupt::never())
        .err()
        .unwrap();
    assert!(err.to_string().contains("--results"), "{err}");
}

#[test]
fn grouped_records_are_one_request_with_a_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"ok1\"}\n{\"id\":\"okA\",\"group\":\"g\"}\n{\"id\":\"okB\",\"group\":\"g\"}\n{\"id\":\"okC\",\"group\":\"h\"}\n{\"id\":\"ok5\"}\n",
    )
    .unwrap();
    let results = dir.path().join("r.jsonl");
    let server = Server::default();
    let summary = run(
        safe(),
        &server,
        &settings(path.clone(), Some(results.clone())),
        Interrupt::never(),
    )
    .unwrap();
    assert_eq!(summary.ok, 5);
    let sends = server.sends.borrow();
    assert_eq!(sends.len(), 4, "{sends:?}");
    assert_eq!(sends["okA+okB"], 1);
    let lines = lines(&results);
    let got: Vec<(u64, String)> = lines
        .iter()
        .map(|l| {
            (
                l["record"].as_u64().unwrap(),
                l["key"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, "ok1".into()),
            (2, "okA+okB".into()),
            (3, "okA+okB".into()),
            (4, "okC".into()),
            (5, "ok5".into())
        ]
    );
    // A resume skips the whole group, since all of it is ok.
    let mut resume = settings(path, Some(results));
    resume.resume = true;
    let server = Server::default();
    let summary = run(safe(), &server, &resume, Interrupt::never()).unwrap();
    assert_eq!(summary.skipped, 5);
    assert!(server.sends.borrow().is_empty());
}
