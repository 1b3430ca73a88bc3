//! A scripted HTTP/1.1 server on loopback for fault tests: each connection reads one request,
//! counts it, and gets the [`Reply`] the script chose for that request number. Also a stand-in
//! for an HTTP proxy (it counts what a proxy would have received).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub enum Reply {
    /// Bytes written as they are, then the connection is closed.
    Raw(Vec<u8>),
    /// The request is read and never answered (the connection stays open for a minute).
    Hang,
}

pub struct FakeServer {
    pub url: String,
    hits: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl FakeServer {
    /// Serves `script(n)` to the n-th request (0-based).
    pub fn start(script: impl Fn(usize) -> Reply + Send + Sync + 'static) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let hits = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);
        let (counter, log) = (hits.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (counter, log, script) = (counter.clone(), log.clone(), script.clone());
                std::thread::spawn(move || serve(stream, &counter, &log, &*script));
            }
        });
        FakeServer {
            url,
            hits,
            requests,
        }
    }

    /// Requests received so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// The head (request line and headers) of every request received.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("lock").clone()
    }
}

fn serve(
    mut stream: TcpStream,
    hits: &AtomicUsize,
    log: &Mutex<Vec<String>>,
    script: &(dyn Fn(usize) -> Reply + Send + Sync),
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(head) = read_request(&mut stream) else {
        return;
    };
    log.lock().expect("lock").push(head);
    let n = hits.fetch_add(1, Ordering::SeqCst);
    match script(n) {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
        }
        Reply::Hang => std::thread::sleep(Duration::from_secs(60)),
    }
}

/// Reads the head and a `Content-Length` body; returns the head.
fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    Some(head)
}

/// A complete answer with `Content-Length` and `Connection: close`.
pub fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    Reply::Raw(bytes)
}

pub fn json(status: &str, body: &str) -> Reply {
    http(
        status,
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    )
}
