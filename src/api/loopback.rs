//! Plain-http calls to a server on loopback (the emulator, a self-hosted server on localhost),
//! which the CLI only ever allows there and never sends through a proxy. With no TLS and no
//! proxy to honour, requests go over bare HTTP/1.1 connections ([`super::http1`]), one
//! connection per request in flight and idle ones kept for the next: no TLS stack to set up for
//! a one-off call, and none of the general client's layers per request in a bulk run, which
//! matters when the server shares the machine. This module owns which connection a request goes
//! on, the request's head, and what a failure means for a retry. https goes through reqwest.

use std::io;
use std::mem::MaybeUninit;
use std::net::SocketAddr;
use std::sync::Mutex;

use bytes::Bytes;
use reqwest::header::{CONTENT_LENGTH, HOST, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use tokio::net::TcpStream;
use url::Url;

use super::http1::{Broken, Connection, Exchange};

/// What went wrong, for the caller to turn into an `ApiError` with the call's words.
#[derive(Debug)]
pub(super) enum Failure {
    /// No connection could be made, or it closed before taking the request: nothing was sent.
    Connect(io::Error),
    /// The request could not be written, or the answer was cut short or malformed.
    Broken(String),
    /// The answer is longer than the cap.
    TooLarge,
}

pub(super) struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// A request's method, and its request line and headers as written on the wire (`Host` among
/// them; the length is added per request), built once per call, or once per bulk run.
pub(super) struct Head {
    method: Method,
    /// Ends with the CRLF of the last header, before any `content-length`.
    lines: Vec<u8>,
}

pub(super) struct Loopback {
    addr: SocketAddr,
    /// `host:port` as the URL gives it.
    host: HeaderValue,
    /// Connections whose last exchange is over, ready for the next.
    idle: Mutex<Vec<Connection>>,
    max_body: usize,
}

impl Loopback {
    /// For an `http://` base URL whose host is a loopback address (`localhost` is looked up
    /// once); `None` sends every call to the general client.
    pub fn new(url: &Url, max_body: usize) -> Option<Loopback> {
        if url.scheme() != "http" {
            return None;
        }
        let addr = url.socket_addrs(|| Some(80)).ok()?.into_iter().next()?;
        if !addr.ip().is_loopback() {
            return None;
        }
        let host = match url.port() {
            Some(port) => format!("{}:{port}", url.host_str()?),
            None => url.host_str()?.to_owned(),
        };
        Some(Loopback {
            addr,
            host: HeaderValue::from_str(&host).ok()?,
            idle: Mutex::new(Vec::new()),
            max_body,
        })
    }

    /// The head of a `method` request to `url` (a bulk run builds it once); `None` for a target
    /// that cannot go on the wire as it is, which the general client then reports.
    pub fn head(&self, method: Method, url: &Url, headers: &HeaderMap) -> Option<Head> {
        let target = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        // The URL parser percent-encodes what a request line cannot hold; this is the check.
        if target.is_empty() || !target.bytes().all(|b| b.is_ascii_graphic()) {
            return None;
        }
        let mut lines = Vec::with_capacity(256);
        lines.extend_from_slice(method.as_str().as_bytes());
        lines.push(b' ');
        lines.extend_from_slice(target.as_bytes());
        lines.extend_from_slice(b" HTTP/1.1\r\n");
        let mut header = |name: &str, value: &HeaderValue| {
            lines.extend_from_slice(name.as_bytes());
            lines.extend_from_slice(b": ");
            lines.extend_from_slice(value.as_bytes());
            lines.extend_from_slice(b"\r\n");
        };
        for (name, value) in headers {
            if name != HOST && name != CONTENT_LENGTH {
                header(name.as_str(), value);
            }
        }
        header(HOST.as_str(), &self.host);
        Some(Head { method, lines })
    }

    /// Sends one request and reads its answer, on an idle connection when there is one. A
    /// body, even an empty one, goes with its length.
    pub async fn send(&self, head: &Head, body: Option<Bytes>) -> Result<Answer, Failure> {
        let request = request(head, body.as_deref());
        loop {
            let (mut connection, reused) = match self.take_idle() {
                Some(connection) => (connection, true),
                None => (self.connect().await?, false),
            };
            let answer = match connection
                .exchange(&request, &head.method, self.max_body)
                .await
            {
                // The server closed a kept-alive connection before it took a byte of the
                // request, which is its right: the request goes on the next one.
                Err(Exchange::Unsent(_)) if reused => continue,
                Err(Exchange::Unsent(e)) => return Err(Failure::Connect(e)),
                Err(Exchange::Broken(broken)) => return Err(failure(broken)),
                Ok(answer) => answer,
            };
            if answer.reusable {
                self.idle
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(connection);
            }
            return Ok(Answer {
                status: answer.status,
                headers: answer.headers,
                body: answer.body,
            });
        }
    }

    /// An idle connection the server has not closed. A server may close an idle connection at
    /// any time, also while the runtime is not running (between two calls of a command); the
    /// kernel knows, so it is asked (a peek that does not wait) before a request goes on it.
    fn take_idle(&self) -> Option<Connection> {
        loop {
            let connection = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop()?;
            let mut probe = [MaybeUninit::<u8>::uninit(); 1];
            match socket2::SockRef::from(&connection.stream).peek(&mut probe) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Some(connection),
                // Closed (0 bytes), failed, or sending what nobody asked for: not used again.
                _ => continue,
            }
        }
    }

    async fn connect(&self) -> Result<Connection, Failure> {
        let stream = TcpStream::connect(self.addr)
            .await
            .map_err(Failure::Connect)?;
        let _ = stream.set_nodelay(true);
        Ok(Connection::new(stream))
    }
}

/// The request as written: head, length (for a body, even an empty one), blank line, body.
fn request(head: &Head, body: Option<&[u8]>) -> Vec<u8> {
    let mut request = Vec::with_capacity(head.lines.len() + 32 + body.map_or(0, <[u8]>::len));
    request.extend_from_slice(&head.lines);
    if let Some(body) = body {
        request.extend_from_slice(b"content-length: ");
        request.extend_from_slice(itoa::Buffer::new().format(body.len()).as_bytes());
        request.extend_from_slice(b"\r\n\r\n");
        request.extend_from_slice(body);
    } else {
        request.extend_from_slice(b"\r\n");
    }
    request
}

/// A failure after the request was written: it may have reached the server.
fn failure(broken: Broken) -> Failure {
    match broken {
        Broken::NoAnswer(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            Failure::Broken("the connection closed before an answer".into())
        }
        Broken::NoAnswer(e) => Failure::Broken(format!("no answer came ({e})")),
        Broken::Malformed(what) => Failure::Broken(format!("a malformed answer ({what})")),
        Broken::CutShort(why) => Failure::Broken(format!("the answer was cut short ({why})")),
        Broken::TooLarge => Failure::TooLarge,
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    /// A server that answers each request on a connection with the next canned answer, and
    /// reports how many connections it accepted.
    async fn serve(
        answers: Vec<&'static [u8]>,
        per_connection: usize,
    ) -> (Url, tokio::task::JoinHandle<usize>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = Url::parse(&format!(
            "http://{}/register/token",
            listener.local_addr().unwrap()
        ))
        .unwrap();
        let handle = tokio::spawn(async move {
            let mut left = answers.len();
            let mut answers = answers.into_iter();
            let mut connections = 0;
            'outer: while left > 0 {
                let Ok((mut socket, _)) = listener.accept().await else {
                    break;
                };
                connections += 1;
                for _ in 0..per_connection {
                    let mut buf = vec![0u8; 4096];
                    let mut got = 0;
                    // Read the head and the 2-byte body of the tests.
                    loop {
                        let n = socket.read(&mut buf[got..]).await.unwrap();
                        if n == 0 {
                            continue 'outer;
                        }
                        got += n;
                        if let Some(end) = buf[..got].windows(4).position(|w| w == b"\r\n\r\n")
                            && got >= end + 4 + 2
                        {
                            break;
                        }
                    }
                    let Some(answer) = answers.next() else {
                        break 'outer;
                    };
                    socket.write_all(answer).await.unwrap();
                    left -= 1;
                    if left == 0 {
                        break;
                    }
                }
            }
            connections
        });
        (url, handle)
    }

    struct Client {
        loopback: Loopback,
        head: Head,
    }

    impl Client {
        async fn post(&self, body: &[u8]) -> Result<Answer, Failure> {
            self.loopback
                .send(&self.head, Some(Bytes::copy_from_slice(body)))
                .await
        }
    }

    fn client(url: &Url) -> Client {
        let mut headers = HeaderMap::new();
        headers.insert("apisecret", HeaderValue::from_static("app:secret:x"));
        let loopback = Loopback::new(url, 1024).expect("loopback");
        let head = loopback.head(Method::POST, url, &headers).expect("head");
        Client { loopback, head }
    }

    #[tokio::test]
    async fn lengths_chunks_and_keep_alive() {
        let (url, server) = serve(
            vec![
                b"HTTP/1.1 200 OK\r\ncontent-length: 11\r\ncontent-type: application/json\r\n\r\n{\"token\":1}",
                b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nx-trailer: 1\r\n\r\n",
                b"HTTP/1.1 204 No Content\r\n\r\n",
            ],
            3,
        )
        .await;
        let client = client(&url);
        let one = client.post(b"{}").await.unwrap();
        assert_eq!(
            (one.status.as_u16(), one.body.as_slice()),
            (200, &b"{\"token\":1}"[..])
        );
        assert_eq!(one.headers["content-type"], "application/json");
        let two = client.post(b"{}").await.unwrap();
        assert_eq!(two.body, b"{\"a\":1}");
        let three = client.post(b"{}").await.unwrap();
        assert_eq!((three.status.as_u16(), three.body.len()), (204, 0));
        drop(client);
        assert_eq!(server.await.unwrap(), 1, "one connection for all three");
    }

    #[tokio::test]
    async fn a_closed_connection_is_not_reused_and_caps_hold() {
        let (url, server) = serve(
            vec![
                b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}",
                b"HTTP/1.0 200 OK\r\n\r\n{\"until\":\"close\"}",
                b"HTTP/1.1 200 OK\r\ncontent-length: 5000\r\n\r\n",
            ],
            1,
        )
        .await;
        let client = client(&url);
        assert_eq!(client.post(b"{}").await.unwrap().body, b"{}");
        assert_eq!(
            client.post(b"{}").await.unwrap().body,
            b"{\"until\":\"close\"}"
        );
        assert!(matches!(client.post(b"{}").await, Err(Failure::TooLarge)));
        drop(client);
        assert_eq!(server.await.unwrap(), 3);
    }

    /// Bodies without a length are counted as they arrive: the cap (1024 in these tests)
    /// holds to the byte, whatever the framing.
    #[tokio::test]
    async fn streamed_answers_stop_at_the_cap() {
        let at_cap = format!(
            "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n200\r\n{0}\r\n200\r\n{0}\r\n0\r\n\r\n",
            "a".repeat(0x200)
        );
        let over_chunked = format!(
            "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n200\r\n{0}\r\n200\r\n{0}\r\n1\r\nb\r\n0\r\n\r\n",
            "a".repeat(0x200)
        );
        let over_until_close = format!("HTTP/1.0 200 OK\r\n\r\n{}", "c".repeat(1025));
        let leak = |s: String| -> &'static [u8] { Box::leak(s.into_bytes().into_boxed_slice()) };
        let (url, server) = serve(
            vec![leak(at_cap), leak(over_chunked), leak(over_until_close)],
            1,
        )
        .await;
        let client = client(&url);
        assert_eq!(client.post(b"{}").await.unwrap().body.len(), 1024);
        assert!(matches!(client.post(b"{}").await, Err(Failure::TooLarge)));
        assert!(matches!(client.post(b"{}").await, Err(Failure::TooLarge)));
        drop(client);
        assert_eq!(
            server.await.unwrap(),
            3,
            "a connection whose answer was refused is not used again"
        );
    }

    /// One request as text, its head and as much body as its `content-length` says.
    fn read_request(socket: &mut std::net::TcpStream) -> String {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 1024];
        loop {
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|line| line.strip_prefix("content-length: "))
                    .map_or(0, |n| n.parse::<usize>().unwrap());
                if buf.len() >= end + 4 + length {
                    return String::from_utf8_lossy(&buf).into_owned();
                }
            }
            let n = socket.read(&mut chunk).unwrap();
            assert!(n > 0, "the client closed the connection before a request");
            buf.extend_from_slice(&chunk[..n]);
        }
    }

    /// A request with a body says how long it is, even when empty; one without says nothing
    /// of a length. Both name the host, and go on one connection.
    #[tokio::test]
    async fn lengths_only_with_a_body_and_always_the_host() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = Url::parse(&format!("http://{}/x?a=1", listener.local_addr().unwrap())).unwrap();
        let server = std::thread::spawn(move || {
            let (mut socket, _) = listener.accept().unwrap();
            (0..3)
                .map(|_| {
                    let request = read_request(&mut socket);
                    socket
                        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                        .unwrap();
                    request
                })
                .collect::<Vec<_>>()
        });
        let loopback = Loopback::new(&url, 1024).unwrap();
        let post = loopback
            .head(Method::POST, &url, &HeaderMap::new())
            .unwrap();
        let get = loopback.head(Method::GET, &url, &HeaderMap::new()).unwrap();
        loopback
            .send(&post, Some(Bytes::from_static(b"{\"a\":1}")))
            .await
            .unwrap();
        loopback.send(&get, None).await.unwrap();
        loopback.send(&post, Some(Bytes::new())).await.unwrap();
        let requests = server.join().unwrap();
        let host = format!("host: {}\r\n", url.authority());
        assert!(
            requests[0].starts_with("POST /x?a=1 HTTP/1.1\r\n"),
            "{requests:?}"
        );
        assert!(
            requests[0].contains("content-length: 7\r\n")
                && requests[0].ends_with("\r\n\r\n{\"a\":1}")
        );
        assert!(
            requests[1].starts_with("GET /x?a=1 HTTP/1.1\r\n")
                && !requests[1].contains("content-length")
        );
        assert!(
            requests[2].contains("content-length: 0\r\n"),
            "{requests:?}"
        );
        assert!(requests.iter().all(|r| r.contains(&host)), "{requests:?}");
    }

    type Heads = std::thread::JoinHandle<Vec<String>>;

    /// A server on its own thread for two connections of one request each, answered with
    /// `{"n":N}` (N counting requests); it closes the first, kept-alive, when told to. It
    /// returns the request heads it read.
    fn closing_server() -> (Url, mpsc::Sender<()>, mpsc::Receiver<()>, Heads) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = Url::parse(&format!("http://{}/x", listener.local_addr().unwrap())).unwrap();
        let (close, close_rx) = mpsc::channel::<()>();
        let (closed_tx, closed) = mpsc::channel::<()>();
        let handle = std::thread::spawn(move || {
            let mut heads = Vec::new();
            for connection in 1..=2 {
                let (mut socket, _) = listener.accept().unwrap();
                heads.push(read_request(&mut socket));
                let body = format!("{{\"n\":{}}}", heads.len());
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                socket.write_all(answer.as_bytes()).unwrap();
                if connection == 1 {
                    close_rx.recv().unwrap();
                    drop(socket);
                    closed_tx.send(()).unwrap();
                }
            }
            heads
        });
        (url, close, closed, handle)
    }

    /// The server closes a kept-alive connection while it is idle, and the client has seen
    /// it close: the next request opens a new connection.
    #[tokio::test]
    async fn an_idle_connection_seen_closed_is_replaced() {
        let (url, close, closed, server) = closing_server();
        let client = client(&url);
        assert_eq!(client.post(b"{}").await.unwrap().body, b"{\"n\":1}");
        close.send(()).unwrap();
        closed.recv().unwrap();
        // Lets the connection's task run and read the end of the stream.
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(client.post(b"{}").await.unwrap().body, b"{\"n\":2}");
        let heads = server.join().unwrap();
        assert_eq!(heads.len(), 2);
        let host = format!("host: {}\r\n", url.authority());
        assert!(
            heads
                .iter()
                .all(|h| h.contains(&host) && h.contains("content-length: 2\r\n")),
            "{heads:?}"
        );
    }

    /// The same, but the runtime was blocked while the server closed it, so only the kernel
    /// knows: the peek before the request sees the close, and the request goes on a new
    /// connection, once.
    #[tokio::test]
    async fn a_request_given_back_unsent_goes_on_a_new_connection() {
        let (url, close, closed, server) = closing_server();
        let client = client(&url);
        assert_eq!(client.post(b"{}").await.unwrap().body, b"{\"n\":1}");
        // Blocking waits: the connection's task does not run before the next request.
        close.send(()).unwrap();
        closed.recv().unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(client.post(b"{}").await.unwrap().body, b"{\"n\":2}");
        assert_eq!(
            server.join().unwrap().len(),
            2,
            "one request on each connection"
        );
    }

    #[tokio::test]
    async fn refused_and_cut_short() {
        // A port nothing listens on any more.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let refused = Url::parse(&format!("http://127.0.0.1:{port}/x")).unwrap();
        assert!(matches!(
            client(&refused).post(b"{}").await,
            Err(Failure::Connect(_))
        ));
        let (url, _server) =
            serve(vec![b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n{}"], 1).await;
        match client(&url).post(b"{}").await {
            Err(Failure::Broken(reason)) => assert!(reason.contains("cut short"), "{reason}"),
            other => panic!("{:?}", other.err()),
        }
    }

    /// A server that answers before reading a large body and closes: once part of the request
    /// has gone out, a failure is never "nothing was sent" (which callers may resend freely).
    #[tokio::test]
    async fn a_request_cut_off_while_written_is_not_reported_unsent() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = Url::parse(&format!("http://{}/x", listener.local_addr().unwrap())).unwrap();
        let server = std::thread::spawn(move || {
            let (mut socket, _) = listener.accept().unwrap();
            let mut head = [0u8; 1024];
            let _ = socket.read(&mut head).unwrap();
            let _ = socket.write_all(
                b"HTTP/1.1 413 Content Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
            );
        });
        let outcome = client(&url).post(&vec![b'x'; 32 << 20]).await;
        server.join().unwrap();
        match outcome {
            Err(Failure::Connect(e)) => panic!("reported as not sent: {e}"),
            Err(Failure::Broken(_)) => {}
            Ok(answer) => assert_eq!(answer.status.as_u16(), 413),
            Err(Failure::TooLarge) => panic!("no large answer was sent"),
        }
    }

    #[test]
    fn only_plain_http_to_loopback() {
        let local = |u: &str| Loopback::new(&Url::parse(u).unwrap(), 1).is_some();
        assert!(local("http://127.0.0.1:7001/register/token"));
        assert!(local("http://[::1]:7001/api/register/token"));
        assert!(!local("https://127.0.0.1:7001/register/token"));
        assert!(!local("http://10.0.0.1:7001/register/token"));
    }
}
