//! Plain-http calls to a server on loopback (the emulator, a self-hosted server on localhost),
//! which the CLI only ever allows there and never sends through a proxy. With no TLS and no
//! proxy to honour, requests go over hyper's bare HTTP/1.1 client connections, one connection
//! per request in flight and idle ones kept for the next: no TLS stack to set up for a one-off
//! call, and none of the general client's layers per request in a bulk run, which matters when
//! the server shares the machine. hyper speaks the protocol (framing, chunked bodies, 1xx,
//! keep-alive); this module owns which connection a request goes on, the body cap, and what a
//! failure means for a retry. https goes through reqwest.

use std::io;
use std::net::SocketAddr;
use std::sync::Mutex;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body as _, Incoming};
use hyper::client::conn::http1::{self, SendRequest};
use hyper::{Request, Response, Uri};
use hyper_util::rt::TokioIo;
use reqwest::header::{CONTENT_LENGTH, HOST, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use tokio::net::TcpStream;
use url::Url;

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

/// A request's method, target and headers (`Host` and a `Content-Length` slot among them),
/// built once per call, or once per bulk run.
pub(super) struct Head {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
}

type Sender = SendRequest<Full<Bytes>>;

pub(super) struct Loopback {
    addr: SocketAddr,
    /// `host:port` as the URL gives it.
    host: HeaderValue,
    /// Connections whose last exchange is over, each driven by a task on the runtime that
    /// opened it.
    idle: Mutex<Vec<Sender>>,
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
        // Each request gets a copy of these. Its length goes in a slot made here, and the map
        // has room to spare for the headers hyper looks up: a full map, or a new entry in a
        // copy, would grow every time.
        let mut spacious = HeaderMap::with_capacity(headers.len() + 4);
        for (name, value) in headers {
            spacious.append(name, value.clone());
        }
        spacious.insert(HOST, self.host.clone());
        spacious.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
        Some(Head {
            method,
            uri: Uri::try_from(target).ok()?,
            headers: spacious,
        })
    }

    /// Sends one request and reads its answer, on an idle connection when there is one. A
    /// body, even an empty one, goes with its length.
    pub async fn send(&self, head: &Head, body: Option<Bytes>) -> Result<Answer, Failure> {
        let mut request = request(head, body);
        loop {
            let (mut sender, reused) = match self.take_idle().await {
                Some(sender) => (sender, true),
                None => (self.connect().await?, false),
            };
            let mut refused = match sender.try_send_request(request).await {
                Ok(response) => return self.read(sender, response).await,
                Err(refused) => refused,
            };
            match refused.take_message() {
                // The server closed a kept-alive connection before it took the request, which
                // is its right: the request goes on the next one.
                Some(unsent) if reused => request = unsent,
                Some(_) => return Err(Failure::Connect(io::Error::other(refused.into_error()))),
                None => return Err(exchange_failure(&refused.into_error())),
            }
        }
    }

    /// An idle connection that is still open, once it is ready for a request.
    async fn take_idle(&self) -> Option<Sender> {
        if self
            .idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_empty()
        {
            return None;
        }
        // A server may close an idle connection while the runtime is not running (between
        // two calls of a command). Its task would then take the next request before it
        // reads the end of the stream, and the request would be lost on a dead connection.
        // A yield lets the runtime poll its sockets first: the task then sees the end before
        // the request, and hyper gives the request back unsent.
        tokio::task::yield_now().await;
        loop {
            let mut sender = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop()?;
            // Pending only until its task has seen the end of the last exchange; an error
            // when the server has closed it.
            if sender.ready().await.is_ok() {
                return Some(sender);
            }
        }
    }

    async fn connect(&self) -> Result<Sender, Failure> {
        let stream = TcpStream::connect(self.addr)
            .await
            .map_err(Failure::Connect)?;
        let _ = stream.set_nodelay(true);
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| Failure::Connect(io::Error::other(e)))?;
        // The connection's own task: it ends when the connection closes or its sender goes.
        // Its errors reach the request that was on it.
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(sender)
    }

    /// Reads the body up to the cap, then keeps the connection if it can take another request.
    async fn read(&self, sender: Sender, response: Response<Incoming>) -> Result<Answer, Failure> {
        let (parts, mut incoming) = response.into_parts();
        // A Content-Length over the cap is refused before a byte of the body is read.
        let announced = incoming.size_hint().lower();
        if announced > self.max_body as u64 {
            return Err(Failure::TooLarge);
        }
        let mut body = Vec::with_capacity(announced as usize);
        while let Some(frame) = incoming.frame().await {
            let frame = frame.map_err(|e| {
                Failure::Broken(format!("the answer was cut short ({})", innermost(&e)))
            })?;
            if let Ok(data) = frame.into_data() {
                if data.len() > self.max_body - body.len() {
                    return Err(Failure::TooLarge);
                }
                body.extend_from_slice(&data);
            }
        }
        if !sender.is_closed() {
            self.idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(sender);
        }
        Ok(Answer {
            status: parts.status,
            headers: parts.headers,
            body,
        })
    }
}

fn request(head: &Head, body: Option<Bytes>) -> Request<Full<Bytes>> {
    let mut headers = head.headers.clone();
    // A body says how long it is, even when empty (hyper would send no length then).
    let body = match body {
        Some(body) if body.is_empty() => Bytes::new(),
        Some(body) => {
            if let Some(length) = headers.get_mut(CONTENT_LENGTH) {
                *length = HeaderValue::from(body.len());
            }
            body
        }
        None => {
            headers.remove(CONTENT_LENGTH);
            Bytes::new()
        }
    };
    let mut request = Request::new(Full::new(body));
    *request.method_mut() = head.method.clone();
    *request.uri_mut() = head.uri.clone();
    *request.headers_mut() = headers;
    request
}

/// A failure after the request was handed to the connection: it may have reached the server.
fn exchange_failure(e: &hyper::Error) -> Failure {
    Failure::Broken(if e.is_incomplete_message() {
        "the connection closed before an answer".to_owned()
    } else if e.is_parse() {
        format!("a malformed answer ({})", innermost(e))
    } else {
        format!("the exchange failed ({})", innermost(e))
    })
}

/// hyper's own message is generic; the innermost cause ("Connection reset by peer") helps.
fn innermost(e: &hyper::Error) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
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

    /// The same, but the close is noticed only once the request is handed over (the runtime
    /// was blocked meanwhile): hyper gives the request back unsent, and it goes on a new
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

    #[test]
    fn only_plain_http_to_loopback() {
        let local = |u: &str| Loopback::new(&Url::parse(u).unwrap(), 1).is_some();
        assert!(local("http://127.0.0.1:7001/register/token"));
        assert!(local("http://[::1]:7001/api/register/token"));
        assert!(!local("https://127.0.0.1:7001/register/token"));
        assert!(!local("http://10.0.0.1:7001/register/token"));
    }
}
