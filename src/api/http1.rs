//! One HTTP/1.1 exchange on an open connection: writes a request whose head was rendered once,
//! reads the answer's head (httparse), skips interim 1xx answers, and reads the body as its
//! framing says (RFC 9112 §6.3: no body, `Content-Length`, chunked, or until the server closes),
//! holding the body cap to the byte. It also says whether the connection may carry another
//! request. No pipelining: one request at a time on a connection.
//!
//! hyper's client does the same through a task per connection and channels to it; for the
//! thousands of small exchanges of a bulk run against a server on the same two cores, that
//! plumbing cost more CPU than the protocol itself.

use std::io;

use reqwest::Method;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The longest answer head (status line and headers) accepted.
const MAX_HEAD: usize = 64 * 1024;
/// The most headers an answer head may have.
const MAX_HEADERS: usize = 100;
/// The longest chunk-size line or trailer line accepted.
const MAX_LINE: usize = 4 * 1024;
/// Bytes asked of the socket at a time.
const READ_SIZE: usize = 8 * 1024;

/// What went wrong with an exchange on a connection that took the request.
#[derive(Debug)]
pub(super) enum Broken {
    /// The connection closed (or failed) before a byte of the answer came.
    NoAnswer(io::Error),
    /// The answer is not HTTP as this client reads it.
    Malformed(String),
    /// The connection closed, or failed, partway through the answer.
    CutShort(String),
    /// The body is longer than the cap.
    TooLarge,
}

/// Why an exchange gave no answer.
#[derive(Debug)]
pub(super) enum Exchange {
    /// Not a byte of the request was written.
    Unsent(io::Error),
    Broken(Broken),
}

fn unwritten(written: usize, error: io::Error) -> Exchange {
    if written == 0 {
        Exchange::Unsent(error)
    } else {
        Exchange::Broken(Broken::CutShort(format!(
            "the request could not be written whole: {error}"
        )))
    }
}

/// An answer read whole.
pub(super) struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// The connection can carry the next request: HTTP/1.1, not `Connection: close`, the body
    /// framed by a length or chunks, and nothing read past its end.
    pub reusable: bool,
}

/// How an answer's body ends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Framing {
    None,
    Length(u64),
    Chunked,
    UntilClose,
}

/// A connection with the buffer its answers are read into (kept between exchanges).
pub(super) struct Connection {
    pub stream: TcpStream,
    buf: Vec<u8>,
}

impl Connection {
    pub fn new(stream: TcpStream) -> Connection {
        Connection {
            stream,
            buf: Vec::with_capacity(READ_SIZE),
        }
    }

    /// Writes `request` (head and body, as sent) and reads the answer to a `method` request.
    /// A write that fails before its first byte is `Unsent`; once a byte has gone out, the
    /// server may have seen a request, so a later failure is `Broken`.
    pub async fn exchange(
        &mut self,
        request: &[u8],
        method: &Method,
        max_body: usize,
    ) -> Result<Response, Exchange> {
        let mut written = 0;
        while written < request.len() {
            match self.stream.write(&request[written..]).await {
                Ok(0) => return Err(unwritten(written, io::ErrorKind::WriteZero.into())),
                Ok(n) => written += n,
                Err(e) => return Err(unwritten(written, e)),
            }
        }
        read_answer(&mut self.stream, &mut self.buf, method, max_body)
            .await
            .map_err(Exchange::Broken)
    }
}

/// Reads the answer to a `method` request from `stream`, using `buf` (emptied first).
async fn read_answer<R: AsyncRead + Unpin>(
    stream: &mut R,
    buf: &mut Vec<u8>,
    method: &Method,
    max_body: usize,
) -> Result<Response, Broken> {
    buf.clear();
    let mut cursor = Cursor {
        stream,
        buf,
        pos: 0,
        received: false,
    };
    let head = loop {
        match cursor.head().await? {
            Head::Interim => continue,
            Head::Final(head) => break head,
        }
    };
    let framing = if *method == Method::HEAD
        || head.status == StatusCode::NO_CONTENT
        || head.status == StatusCode::NOT_MODIFIED
    {
        Framing::None
    } else {
        framing(&head.headers)?
    };
    let body = match framing {
        Framing::None => Vec::new(),
        Framing::Length(length) => cursor.exact(length, max_body).await?,
        Framing::Chunked => cursor.chunked(max_body).await?,
        Framing::UntilClose => cursor.until_close(max_body).await?,
    };
    let reusable =
        head.keep_alive && framing != Framing::UntilClose && cursor.pos == cursor.buf.len();
    Ok(Response {
        status: head.status,
        headers: head.headers,
        body,
        reusable,
    })
}

struct FinalHead {
    status: StatusCode,
    headers: HeaderMap,
    keep_alive: bool,
}

enum Head {
    /// A 1xx answer before the real one: read past.
    Interim,
    Final(FinalHead),
}

/// The unread part of an answer: `buf[pos..]`, refilled from the stream.
struct Cursor<'a, R> {
    stream: &'a mut R,
    buf: &'a mut Vec<u8>,
    pos: usize,
    /// A byte of the answer has come (1xx answers included).
    received: bool,
}

impl<R: AsyncRead + Unpin> Cursor<'_, R> {
    /// Reads more into the buffer; `Ok(false)` at the end of the stream.
    async fn fill(&mut self) -> io::Result<bool> {
        // Drop what has been used when it is most of the buffer, so a long streamed answer
        // does not keep its raw bytes twice.
        if self.pos > READ_SIZE && self.pos * 2 > self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.reserve(READ_SIZE);
        let more = self.stream.read_buf(self.buf).await? > 0;
        self.received |= more;
        Ok(more)
    }

    /// More bytes of the body, or why there are none.
    async fn fill_body(&mut self) -> Result<(), Broken> {
        match self.fill().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(Broken::CutShort(
                "the connection closed before its end".into(),
            )),
            Err(e) => Err(Broken::CutShort(e.to_string())),
        }
    }

    async fn head(&mut self) -> Result<Head, Broken> {
        loop {
            let unread = &self.buf[self.pos..];
            if !unread.is_empty() {
                let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
                let mut parsed = httparse::Response::new(&mut slots);
                match parsed.parse(unread) {
                    Ok(httparse::Status::Complete(length)) => {
                        let head = final_head(&parsed)?;
                        self.pos += length;
                        return Ok(head);
                    }
                    Ok(httparse::Status::Partial) if unread.len() >= MAX_HEAD => {
                        return Err(Broken::Malformed(format!(
                            "a head longer than {} KiB",
                            MAX_HEAD / 1024
                        )));
                    }
                    Ok(httparse::Status::Partial) => {}
                    Err(e) => return Err(Broken::Malformed(e.to_string())),
                }
            }
            let started = !self.received;
            match self.fill().await {
                Ok(true) => {}
                Ok(false) if started => {
                    return Err(Broken::NoAnswer(io::ErrorKind::UnexpectedEof.into()));
                }
                Err(e) if started => return Err(Broken::NoAnswer(e)),
                Ok(false) => {
                    return Err(Broken::CutShort(
                        "the connection closed in the middle of the head".into(),
                    ));
                }
                Err(e) => return Err(Broken::CutShort(e.to_string())),
            }
        }
    }

    /// A body of `length` bytes.
    async fn exact(&mut self, length: u64, max_body: usize) -> Result<Vec<u8>, Broken> {
        if length > max_body as u64 {
            return Err(Broken::TooLarge);
        }
        let length = length as usize;
        let mut body = Vec::with_capacity(length);
        loop {
            let take = (length - body.len()).min(self.buf.len() - self.pos);
            body.extend_from_slice(&self.buf[self.pos..self.pos + take]);
            self.pos += take;
            if body.len() == length {
                return Ok(body);
            }
            self.fill_body().await?;
        }
    }

    /// A body that ends when the server closes the connection.
    async fn until_close(&mut self, max_body: usize) -> Result<Vec<u8>, Broken> {
        let mut body = Vec::new();
        loop {
            let unread = &self.buf[self.pos..];
            if unread.len() > max_body - body.len() {
                return Err(Broken::TooLarge);
            }
            body.extend_from_slice(unread);
            self.pos = self.buf.len();
            match self.fill().await {
                Ok(true) => {}
                Ok(false) => return Ok(body),
                Err(e) => return Err(Broken::CutShort(e.to_string())),
            }
        }
    }

    /// One CRLF-ended line (without the CRLF), as positions in the buffer.
    async fn line(&mut self) -> Result<(usize, usize), Broken> {
        let mut searched = self.pos;
        loop {
            if let Some(at) = self.buf[searched..].windows(2).position(|w| w == b"\r\n") {
                let (start, end) = (self.pos, searched + at);
                self.pos = end + 2;
                return Ok((start, end));
            }
            if self.buf.len() - self.pos > MAX_LINE {
                return Err(Broken::Malformed("a chunk line that does not end".into()));
            }
            // The last byte may be the CR of a CRLF that is still coming.
            searched = self.buf.len().saturating_sub(1).max(self.pos);
            let before = self.pos;
            self.fill_body().await?;
            // `fill` may have moved the unread bytes to the front.
            searched -= before - self.pos;
        }
    }

    /// A chunked body: sizes in hex (extensions ignored), data, CRLF; a zero size, then
    /// trailers (read past) and an empty line.
    async fn chunked(&mut self, max_body: usize) -> Result<Vec<u8>, Broken> {
        let mut body = Vec::new();
        loop {
            let (start, end) = self.line().await?;
            let size = chunk_size(&self.buf[start..end])?;
            if size == 0 {
                loop {
                    let (start, end) = self.line().await?;
                    if start == end {
                        return Ok(body);
                    }
                }
            }
            if size > (max_body - body.len()) as u64 {
                return Err(Broken::TooLarge);
            }
            let mut left = size as usize;
            while left > 0 {
                if self.pos == self.buf.len() {
                    self.fill_body().await?;
                }
                let take = left.min(self.buf.len() - self.pos);
                body.extend_from_slice(&self.buf[self.pos..self.pos + take]);
                self.pos += take;
                left -= take;
            }
            let (start, end) = self.line().await?;
            if start != end {
                return Err(Broken::Malformed("a chunk longer than its size".into()));
            }
        }
    }
}

/// The status, headers and keep-alive of a parsed head; `Interim` for a 1xx.
fn final_head(parsed: &httparse::Response<'_, '_>) -> Result<Head, Broken> {
    let code = parsed.code.unwrap_or_default();
    let status =
        StatusCode::from_u16(code).map_err(|_| Broken::Malformed(format!("status {code}")))?;
    if status == StatusCode::SWITCHING_PROTOCOLS {
        return Err(Broken::Malformed("an unasked-for protocol switch".into()));
    }
    if status.is_informational() {
        return Ok(Head::Interim);
    }
    let mut headers = HeaderMap::with_capacity(parsed.headers.len());
    let mut close = false;
    for header in parsed.headers.iter() {
        let name = HeaderName::from_bytes(header.name.as_bytes())
            .map_err(|_| Broken::Malformed(format!("the header name `{}`", header.name)))?;
        let value = HeaderValue::from_bytes(header.value)
            .map_err(|_| Broken::Malformed(format!("the value of `{}`", header.name)))?;
        if name == reqwest::header::CONNECTION {
            close |= has_token(header.value, b"close");
        }
        headers.append(name, value);
    }
    Ok(Head::Final(FinalHead {
        status,
        headers,
        keep_alive: parsed.version == Some(1) && !close,
    }))
}

/// How the body is framed (RFC 9112 §6.3), for an answer that may have one.
fn framing(headers: &HeaderMap) -> Result<Framing, Broken> {
    let codings: Vec<&[u8]> = headers
        .get_all(reqwest::header::TRANSFER_ENCODING)
        .iter()
        .flat_map(|value| value.as_bytes().split(|&b| b == b','))
        .map(<[u8]>::trim_ascii)
        .filter(|coding| !coding.is_empty())
        .collect();
    if let Some(last) = codings.last() {
        let is_chunked = |coding: &[u8]| coding.eq_ignore_ascii_case(b"chunked");
        // Both framings at once, or chunked applied twice, is how answers are smuggled
        // (RFC 9112 §6.3): refused rather than guessed at.
        if headers.contains_key(reqwest::header::CONTENT_LENGTH)
            || codings.iter().filter(|coding| is_chunked(coding)).count() > 1
        {
            return Err(Broken::Malformed(
                "a transfer-encoding with a content-length, or chunked twice".into(),
            ));
        }
        // Chunked only counts as the last coding; anything else runs to the close.
        return Ok(if is_chunked(last) {
            Framing::Chunked
        } else {
            Framing::UntilClose
        });
    }
    let mut length = None;
    for value in headers.get_all(reqwest::header::CONTENT_LENGTH) {
        for item in value.as_bytes().split(|&b| b == b',') {
            let parsed = std::str::from_utf8(item.trim_ascii())
                .ok()
                .filter(|text| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|text| text.parse::<u64>().ok())
                .ok_or_else(|| Broken::Malformed("an invalid content-length".into()))?;
            if length.is_some_and(|known| known != parsed) {
                return Err(Broken::Malformed("two different content-lengths".into()));
            }
            length = Some(parsed);
        }
    }
    Ok(length.map_or(Framing::UntilClose, Framing::Length))
}

/// The size at the start of a chunk line (`1a;name=value`).
fn chunk_size(line: &[u8]) -> Result<u64, Broken> {
    // `1*HEXDIG`, then optional blanks before an extension (RFC 9112 §7.1); nothing else.
    let digits = line
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii_end();
    let bad = || Broken::Malformed("an invalid chunk size".into());
    if digits.is_empty() || digits.len() > 15 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return Err(bad());
    }
    std::str::from_utf8(digits)
        .ok()
        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        .ok_or_else(bad)
}

/// Is `token` one of the comma-separated tokens of `value`, in any case?
fn has_token(value: &[u8], token: &[u8]) -> bool {
    value
        .split(|&b| b == b',')
        .any(|item| item.trim_ascii().eq_ignore_ascii_case(token))
}

#[cfg(test)]
mod tests {
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use tokio::io::ReadBuf;

    use super::*;

    /// A stream that gives one byte per read: every split an answer can arrive in.
    struct ByteByByte(Vec<u8>, usize);

    impl AsyncRead for ByteByByte {
        fn poll_read(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            if let Some(&byte) = self.0.get(self.1) {
                buf.put_slice(&[byte]);
                self.1 += 1;
            }
            Poll::Ready(Ok(()))
        }
    }

    /// The answer read byte by byte and read whole: (status, body, reusable) or the failure.
    async fn read_both(answer: &[u8], method: Method, max_body: usize) -> String {
        let mut results = Vec::new();
        for whole in [false, true] {
            let mut buf = Vec::new();
            let result = if whole {
                read_answer(&mut &answer[..], &mut buf, &method, max_body).await
            } else {
                let mut stream = ByteByByte(answer.to_vec(), 0);
                read_answer(&mut stream, &mut buf, &method, max_body).await
            };
            results.push(match result {
                Ok(r) => format!(
                    "{} {:?} {}",
                    r.status.as_u16(),
                    String::from_utf8_lossy(&r.body),
                    r.reusable
                ),
                Err(e) => format!("{e:?}"),
            });
        }
        assert_eq!(results[0], results[1], "byte by byte and whole differ");
        results.pop().unwrap()
    }

    #[tokio::test]
    async fn answers_in_every_framing_whatever_the_split() {
        let post = || Method::POST;
        assert_eq!(
            read_both(
                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
                post(),
                64
            )
            .await,
            r#"200 "{}" true"#
        );
        assert_eq!(
            read_both(
                b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: x\r\n\r\nHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n1\r\n\r\r\n0\r\ntrailer: t\r\n\r\n",
                post(),
                64
            )
            .await,
            r#"201 "abc\r" true"#
        );
        assert_eq!(
            read_both(
                b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                post(),
                64
            )
            .await,
            r#"200 "" false"#
        );
        assert_eq!(
            read_both(b"HTTP/1.0 200 OK\r\n\r\nuntil the end", post(), 64).await,
            r#"200 "until the end" false"#
        );
        assert_eq!(
            read_both(
                b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n",
                Method::HEAD,
                64
            )
            .await,
            r#"200 "" true"#
        );
        // Bytes after an answer, read with it: the connection is not used again. (Bytes that
        // come later are seen by the peek before the connection's next request.)
        let mut buf = Vec::new();
        let mut stream = &b"HTTP/1.1 204 No Content\r\n\r\nextra"[..];
        let answer = read_answer(&mut stream, &mut buf, &post(), 64)
            .await
            .unwrap();
        assert_eq!((answer.status.as_u16(), answer.reusable), (204, false));
    }

    #[tokio::test]
    async fn broken_answers_are_named() {
        let post = || Method::POST;
        let cases: [(&[u8], &str); 8] = [
            (b"", "NoAnswer"),
            (b"HTTP/1.1 200 OK\r\nContent-Le", "CutShort"),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n{}",
                "CutShort",
            ),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
                "a chunk longer than its size",
            ),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "an invalid chunk size",
            ),
            (
                b"HTTP/1.1 101 Switching Protocols\r\n\r\n",
                "protocol switch",
            ),
            (b"HTTTP/1.1 200 OK\r\n\r\n", "Malformed"),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n",
                "TooLarge",
            ),
        ];
        for (answer, expected) in cases {
            let got = read_both(answer, post(), 64).await;
            assert!(
                got.contains(expected),
                "{}: {got}",
                String::from_utf8_lossy(answer)
            );
        }
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    #[test]
    fn framing_follows_rfc_9112() {
        let f = |pairs: &[(&str, &str)]| framing(&headers(pairs)).ok();
        assert_eq!(f(&[("content-length", "12")]), Some(Framing::Length(12)));
        assert_eq!(
            f(&[("content-length", "7, 7"), ("content-length", "7")]),
            Some(Framing::Length(7))
        );
        assert_eq!(f(&[("content-length", "7, 8")]), None);
        assert_eq!(f(&[("content-length", "+7")]), None);
        assert_eq!(f(&[("content-length", "")]), None);
        assert_eq!(
            f(&[("transfer-encoding", "gzip, Chunked")]),
            Some(Framing::Chunked)
        );
        assert_eq!(
            f(&[("transfer-encoding", "chunked"), ("content-length", "3")]),
            None
        );
        assert_eq!(f(&[("transfer-encoding", "chunked, chunked")]), None);
        assert_eq!(
            f(&[
                ("transfer-encoding", "chunked"),
                ("transfer-encoding", "gzip")
            ]),
            Some(Framing::UntilClose)
        );
        assert_eq!(f(&[]), Some(Framing::UntilClose));
    }

    #[test]
    fn chunk_sizes_and_tokens() {
        assert_eq!(chunk_size(b"1a").ok(), Some(26));
        assert_eq!(chunk_size(b"0;name=value").ok(), Some(0));
        assert_eq!(chunk_size(b"10 \t;x").ok(), Some(16));
        assert!(chunk_size(b" 10").is_err());
        assert!(chunk_size(b"+a").is_err());
        assert!(chunk_size(b"").is_err());
        assert!(chunk_size(b"xyz").is_err());
        assert!(chunk_size(b"1234567890abcdef0").is_err());
        assert!(has_token(b"keep-alive, Close", b"close"));
        assert!(!has_token(b"closed", b"close"));
    }
}
