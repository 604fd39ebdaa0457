//! A raw TCP HTTP/1.1 server for faults wiremock cannot produce: a reset after the body was
//! read, a body that drips, a connection closed mid-answer, an answer that never comes.
//!
//! It runs on the test's own runtime (`tokio::spawn`), so that tests with a paused clock stay
//! deterministic: every read and write is on loopback and on the same runtime, and the clock
//! only auto-advances when both sides are waiting on timers.
#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

/// One request as the server read it.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// When it was read (the tokio clock: paused in paused tests).
    pub at: Instant,
}

impl Received {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// What the server does with a request.
pub enum Reply {
    /// A complete answer: status, extra header lines (`"Retry-After: 2"`), JSON body.
    Json(u16, Vec<String>, String),
    /// These bytes, then the connection is closed normally.
    Raw(Vec<u8>),
    /// These bytes, then the connection is reset (RST, SO_LINGER 0).
    ResetAfter(Vec<u8>),
    /// No answer at all; the connection stays open.
    Hang,
    /// The head, then the body one chunk of `step` bytes every `every`.
    Drip {
        head: String,
        body: Vec<u8>,
        step: usize,
        every: Duration,
    },
    /// Waits, then replies.
    After(Duration, Box<Reply>),
}

impl Reply {
    pub fn ok(body: serde_json::Value) -> Reply {
        Reply::Json(200, Vec::new(), body.to_string())
    }

    pub fn status(status: u16, body: serde_json::Value) -> Reply {
        Reply::Json(status, Vec::new(), body.to_string())
    }
}

type Handler = dyn Fn(usize, &Received) -> Reply + Send + Sync;

pub struct RawServer {
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<Received>>>,
}

impl RawServer {
    /// Serves every request with `handler(n, request)` (`n` counts requests from 0).
    pub async fn start(
        handler: impl Fn(usize, &Received) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::on(listener, handler)
    }

    /// Serves on a listener the test bound.
    pub fn on(
        listener: TcpListener,
        handler: impl Fn(usize, &Received) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let addr = listener.local_addr().unwrap();
        let log: Arc<Mutex<Vec<Received>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let server_log = log.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (log, handler) = (server_log.clone(), handler.clone());
                tokio::spawn(async move { connection(stream, log, handler).await });
            }
        });
        RawServer { addr, log }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request so far.
    pub fn received(&self) -> Vec<Received> {
        self.log.lock().unwrap().clone()
    }

    /// The requests to `path` so far.
    pub fn to(&self, path: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.path() == path)
            .collect()
    }
}

async fn connection(mut stream: TcpStream, log: Arc<Mutex<Vec<Received>>>, handler: Arc<Handler>) {
    // One request per connection: every answer says `Connection: close`.
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let n = {
        let mut log = log.lock().unwrap();
        log.push(request.clone());
        log.len() - 1
    };
    let reply = handler(n, &request);
    respond(stream, reply).await;
}

fn respond(mut stream: TcpStream, reply: Reply) -> Pin<Box<dyn Future<Output = ()> + Send>> {
    Box::pin(async move {
        match reply {
            Reply::Json(status, headers, body) => {
                let mut head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
                    body.len()
                );
                for h in headers {
                    head.push_str(&h);
                    head.push_str("\r\n");
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(body.as_bytes()).await;
                let _ = stream.shutdown().await;
            }
            Reply::Raw(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
            }
            Reply::ResetAfter(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.flush().await;
                // Give the client a moment to read what was sent before the reset.
                tokio::time::sleep(Duration::from_millis(20)).await;
                stream.set_zero_linger().unwrap();
                drop(stream);
            }
            Reply::Hang => {
                std::future::pending::<()>().await;
                drop(stream);
            }
            Reply::Drip {
                head,
                body,
                step,
                every,
            } => {
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                for chunk in body.chunks(step.max(1)) {
                    tokio::time::sleep(every).await;
                    if stream.write_all(chunk).await.is_err() {
                        return;
                    }
                }
                let _ = stream.shutdown().await;
            }
            Reply::After(wait, reply) => {
                tokio::time::sleep(wait).await;
                respond(stream, *reply).await;
            }
        }
    })
}

async fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < len {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Received {
        method,
        target,
        headers,
        body,
        at: Instant::now(),
    })
}

/// A token the client starts with, so that raw servers need no token endpoint.
pub const TOKEN: &str = "SENTINEL-RAW-ACCESS-TOKEN";

/// A client for `server` that already holds a token valid for an hour.
pub fn client_for(url: &str) -> pokitdok::PokitDokBuilder {
    pokitdok::PokitDok::builder()
        .base_url(url)
        .token(pokitdok::Token::new(TOKEN, Some(Duration::from_secs(3600))))
}

/// The envelope of a successful claim: an activity.
pub fn activity(id: &str) -> serde_json::Value {
    serde_json::json!({"meta": {"activity_id": id}, "data": {"id": id, "name": "claims",
        "state": {"name": "scheduled", "title": "Scheduled"}}})
}
