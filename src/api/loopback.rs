//! A lean HTTP/1.1 connection set for a plain-http server, which the CLI only ever allows on
//! loopback (the emulator, a self-hosted server on localhost) and never sends through a proxy.
//! With no TLS and no proxy to honour, a request is written straight to a kept-alive socket and
//! its answer parsed in place (httparse, hyper's own parser), one connection per request in
//! flight: no TLS stack to set up for a one-off call, and a fraction of the general client's
//! work per request in a bulk run, which matters when the server shares the machine. https
//! goes through reqwest.

use std::io;
use std::net::SocketAddr;
use std::sync::Mutex;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use url::Url;

/// What went wrong, for the caller to turn into an `ApiError` with the call's words.
#[derive(Debug)]
pub(super) enum Failure {
    /// No connection could be made: nothing was sent.
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

pub(super) struct Loopback {
    addr: SocketAddr,
    /// `host:port` as the URL gives it, for the `Host` header.
    host: String,
    idle: Mutex<Vec<TcpStream>>,
    max_body: usize,
}

const READ_CHUNK: usize = 8 * 1024;
const MAX_HEADERS: usize = 64;

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
            host,
            idle: Mutex::new(Vec::new()),
            max_body,
        })
    }

    /// The request line and headers for `method` on `url` (a bulk run builds it once).
    pub fn head(&self, method: &str, url: &Url, headers: &HeaderMap) -> Vec<u8> {
        let mut target = url.path().to_owned();
        if let Some(query) = url.query() {
            target.push('?');
            target.push_str(query);
        }
        let mut head =
            format!("{method} {target} HTTP/1.1\r\nhost: {}\r\n", self.host).into_bytes();
        for (name, value) in headers {
            head.extend_from_slice(name.as_str().as_bytes());
            head.extend_from_slice(b": ");
            head.extend_from_slice(value.as_bytes());
            head.extend_from_slice(b"\r\n");
        }
        head
    }

    /// Sends one request (`head` from [`head`](Self::head)) and reads its answer, on an idle
    /// connection when there is one. A body, even an empty one, goes with its length.
    pub async fn send(&self, head: &[u8], body: Option<&[u8]>) -> Result<Answer, Failure> {
        let mut stream = match self.take_idle() {
            Some(stream) => stream,
            None => {
                let stream = TcpStream::connect(self.addr)
                    .await
                    .map_err(Failure::Connect)?;
                let _ = stream.set_nodelay(true);
                stream
            }
        };
        let body_len = body.map_or(0, <[u8]>::len);
        let mut request = Vec::with_capacity(head.len() + 40 + body_len);
        request.extend_from_slice(head);
        match body {
            Some(body) => {
                request.extend_from_slice(
                    format!("content-length: {}\r\n\r\n", body.len()).as_bytes(),
                );
                request.extend_from_slice(body);
            }
            None => request.extend_from_slice(b"\r\n"),
        }
        stream
            .write_all(&request)
            .await
            .map_err(|e| Failure::Broken(format!("cannot send the request ({e})")))?;
        let (answer, reusable) = self.read_answer(&mut stream).await?;
        if reusable {
            self.idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(stream);
        }
        Ok(answer)
    }

    /// An idle connection the server has not closed meanwhile (a closed one reads as EOF at
    /// once, and must not be written to: the request would be lost or half-taken).
    fn take_idle(&self) -> Option<TcpStream> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        while let Some(stream) = idle.pop() {
            let mut probe = [0u8; 1];
            match stream.try_read(&mut probe) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Some(stream),
                // EOF, stray bytes or an error: not a connection to send on.
                _ => continue,
            }
        }
        None
    }

    /// Reads one answer; says whether the connection can carry another request.
    async fn read_answer(&self, stream: &mut TcpStream) -> Result<(Answer, bool), Failure> {
        let cut = |e: io::Error| Failure::Broken(format!("the answer was cut short ({e})"));
        let mut buf: Vec<u8> = Vec::with_capacity(READ_CHUNK);
        loop {
            let (status, headers, head_len, keep_alive) = loop {
                if let Some(parsed) = parse_head(&buf)? {
                    break parsed;
                }
                if buf.len() > 64 * 1024 {
                    return Err(Failure::Broken("the answer's headers are too long".into()));
                }
                if read_more(stream, &mut buf).await.map_err(cut)? == 0 {
                    return Err(Failure::Broken(
                        "the connection closed before an answer".into(),
                    ));
                }
            };
            buf.drain(..head_len);
            // 1xx answers come before the real one.
            if status.is_informational() {
                continue;
            }
            let framing = framing(status, &headers)?;
            let (body, reusable) = match framing {
                Framing::Empty => (Vec::new(), keep_alive && buf.is_empty()),
                Framing::Length(len) => {
                    if len > self.max_body {
                        return Err(Failure::TooLarge);
                    }
                    while buf.len() < len {
                        if read_more(stream, &mut buf).await.map_err(cut)? == 0 {
                            return Err(Failure::Broken(
                                "the answer was cut short (the connection closed)".into(),
                            ));
                        }
                    }
                    let rest = buf.split_off(len);
                    (buf, keep_alive && rest.is_empty())
                }
                Framing::Chunked => {
                    let body = self.read_chunked(stream, &mut buf).await?;
                    (body, keep_alive && buf.is_empty())
                }
                Framing::UntilClose => {
                    while read_more(stream, &mut buf).await.map_err(cut)? > 0 {
                        if buf.len() > self.max_body {
                            return Err(Failure::TooLarge);
                        }
                    }
                    (buf, false)
                }
            };
            return Ok((
                Answer {
                    status,
                    headers,
                    body,
                },
                reusable,
            ));
        }
    }

    /// Decodes a chunked body from `buf` (reading more as needed); leaves what follows it.
    async fn read_chunked(
        &self,
        stream: &mut TcpStream,
        buf: &mut Vec<u8>,
    ) -> Result<Vec<u8>, Failure> {
        let cut = |e: io::Error| Failure::Broken(format!("the answer was cut short ({e})"));
        let mut body = Vec::new();
        loop {
            let line_end = loop {
                if let Some(end) = find_crlf(buf) {
                    break end;
                }
                if read_more(stream, buf).await.map_err(cut)? == 0 {
                    return Err(Failure::Broken("a chunked answer was cut short".into()));
                }
            };
            let line = std::str::from_utf8(&buf[..line_end]).unwrap_or("");
            let size_text = line.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size_text, 16)
                .map_err(|_| Failure::Broken(format!("a bad chunk size `{size_text}`")))?;
            buf.drain(..line_end + 2);
            if size == 0 {
                // Trailers, if any, up to an empty line.
                loop {
                    let end = loop {
                        if let Some(end) = find_crlf(buf) {
                            break end;
                        }
                        if read_more(stream, buf).await.map_err(cut)? == 0 {
                            return Err(Failure::Broken("a chunked answer was cut short".into()));
                        }
                    };
                    buf.drain(..end + 2);
                    if end == 0 {
                        return Ok(body);
                    }
                }
            }
            if body.len() + size > self.max_body {
                return Err(Failure::TooLarge);
            }
            while buf.len() < size + 2 {
                if read_more(stream, buf).await.map_err(cut)? == 0 {
                    return Err(Failure::Broken("a chunked answer was cut short".into()));
                }
            }
            body.extend_from_slice(&buf[..size]);
            buf.drain(..size + 2);
        }
    }
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<usize> {
    let start = buf.len();
    buf.resize(start + READ_CHUNK, 0);
    let result = stream.read(&mut buf[start..]).await;
    let n = *result.as_ref().unwrap_or(&0);
    buf.truncate(start + n);
    result
}

fn find_crlf(buf: &[u8]) -> Option<usize> {
    buf.windows(2).position(|w| w == b"\r\n")
}

enum Framing {
    Empty,
    Length(usize),
    Chunked,
    UntilClose,
}

/// How the body is delimited (RFC 9112 §6.3).
fn framing(status: StatusCode, headers: &HeaderMap) -> Result<Framing, Failure> {
    if status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED {
        return Ok(Framing::Empty);
    }
    let chunked = headers
        .get_all(reqwest::header::TRANSFER_ENCODING)
        .iter()
        .any(|v| {
            v.to_str()
                .is_ok_and(|v| v.to_ascii_lowercase().contains("chunked"))
        });
    if chunked {
        return Ok(Framing::Chunked);
    }
    match headers.get(reqwest::header::CONTENT_LENGTH) {
        Some(value) => value
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .map(Framing::Length)
            .ok_or_else(|| Failure::Broken("a bad Content-Length".into())),
        None => Ok(Framing::UntilClose),
    }
}

type Head = (StatusCode, HeaderMap, usize, bool);

/// The status line and headers, once `buf` holds all of them.
fn parse_head(buf: &[u8]) -> Result<Option<Head>, Failure> {
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut slots);
    let len = match response.parse(buf) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(e) => return Err(Failure::Broken(format!("a malformed answer ({e})"))),
    };
    let status = response
        .code
        .and_then(|c| StatusCode::from_u16(c).ok())
        .ok_or_else(|| Failure::Broken("an answer without a status".into()))?;
    let mut headers = HeaderMap::with_capacity(response.headers.len());
    let mut close = response.version == Some(0);
    for header in response.headers.iter() {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(header.name.as_bytes()),
            HeaderValue::from_bytes(header.value),
        ) else {
            continue;
        };
        if name == reqwest::header::CONNECTION {
            let value = String::from_utf8_lossy(header.value).to_ascii_lowercase();
            if value.contains("close") {
                close = true;
            } else if value.contains("keep-alive") {
                close = false;
            }
        }
        headers.append(name, value);
    }
    Ok(Some((status, headers, len, !close)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;
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
        head: Vec<u8>,
    }

    impl Client {
        async fn post(&self, body: &[u8]) -> Result<Answer, Failure> {
            self.loopback.send(&self.head, Some(body)).await
        }
    }

    fn client(url: &Url) -> Client {
        let mut headers = HeaderMap::new();
        headers.insert("apisecret", HeaderValue::from_static("app:secret:x"));
        let loopback = Loopback::new(url, 1024).expect("loopback");
        let head = loopback.head("POST", url, &headers);
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

    #[tokio::test]
    async fn refused_and_cut_short() {
        let refused = Url::parse("http://127.0.0.1:9/x").unwrap();
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
