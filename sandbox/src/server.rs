//! The accept loop: at most [`Limits::max_connections`] connections at once, one hyper HTTP/1
//! connection per socket with a header-read timeout, the axum router behind it (every
//! handler behind a panic guard), dropped connections for fault injection, graceful shutdown.

use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::response::Response;
use axum::routing::{any, get, post};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use reqwest::StatusCode;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot};
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;

use super::state::Shared;
use super::{api, http, oauth, util};

/// Connection-level limits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Connections served at once; further ones wait in the listen backlog until one closes.
    pub(crate) max_connections: usize,
    /// How long a client may take to send a request's headers (also the idle time allowed
    /// between two requests on a kept-alive connection).
    pub(crate) header_read_timeout: Duration,
}

/// The error a request's service returns to make hyper close the connection unanswered.
#[derive(Debug)]
struct DroppedOnPurpose;

impl std::fmt::Display for DroppedOnPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DroppedOnPurpose {}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    guarded(
        Router::new()
            .route("/oauth2/token", post(oauth::token))
            .route("/oauth2/revoke", post(oauth::revoke))
            .route("/oauth2/authorize", get(oauth::authorize))
            .route("/oauth2/callback", get(oauth::callback_page))
            .route("/api/{version}/{*rest}", any(api::entry))
            .fallback(fallback)
            .with_state(shared),
    )
}

/// Puts the panic guard around every route: a handler that panics (a sandbox bug) answers a
/// `500` envelope instead of taking the connection down.
fn guarded(router: Router) -> Router {
    router.layer(CatchPanicLayer::custom(panic_response))
}

/// The `500` envelope of a handler that panicked. The panic message is left out: it may
/// quote request data.
fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    http::json_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        &json!({
            "meta": {"activity_id": util::new_id(), "application_mode": "test"},
            "data": {"errors": {"server": [
                "Internal Server Error: the sandbox failed while answering this request."
            ]}}
        }),
    )
}

async fn fallback() -> Response {
    http::bare(StatusCode::NOT_FOUND, "Not Found")
}

pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    shared: Arc<Shared>,
    limits: Limits,
    mut stop: oneshot::Receiver<()>,
) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        // A free connection slot first: at the cap, new connections wait in the backlog.
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = &mut stop => break,
        };
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        // Out of file descriptors and the like: back off a little.
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                let app = app.clone();
                let shared = shared.clone();
                let service = service_fn(move |req: hyper::Request<Incoming>| {
                    let app = app.clone();
                    let shared = shared.clone();
                    async move {
                        if req.uri().path().starts_with("/api/") && shared.faults.take_drop() {
                            return Err(DroppedOnPurpose);
                        }
                        let req = req.map(Body::new);
                        let resp = match app.oneshot(req).await {
                            Ok(r) => r,
                            Err(e) => match e {},
                        };
                        Ok::<_, DroppedOnPurpose>(resp)
                    }
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.header_read_timeout)
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                    drop(permit);
                });
            }
            _ = &mut stop => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(5), graceful.shutdown()).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_handler_answers_a_500_envelope_and_the_connection_lives_on() {
        async fn boom() -> &'static str {
            panic!("a sandbox bug")
        }
        let config = crate::state::Config {
            token_lifetime: Duration::from_secs(60),
            rate_limit_cap: 10,
            rate_limit_window: Duration::from_secs(60),
            credits: 10,
            activity_step: Duration::from_secs(1),
            redirect_uris: Vec::new(),
        };
        let shared = Arc::new(Shared::new(config, "http://127.0.0.1".into(), &[]));
        let app = guarded(
            Router::new()
                .route("/boom", get(boom))
                .route("/ok", get(|| async { "ok" })),
        );
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (_tx, rx) = oneshot::channel();
        let limits = Limits {
            max_connections: 4,
            header_read_timeout: Duration::from_secs(5),
        };
        tokio::spawn(serve(listener, app, shared, limits, rx));
        // One connection for both requests.
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(1)
            .build()
            .unwrap();
        let resp = http
            .get(format!("http://{addr}/boom"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(body["meta"]["activity_id"].as_str().map(str::len), Some(24));
        assert!(body["data"]["errors"]["server"][0].is_string());
        let resp = http.get(format!("http://{addr}/ok")).send().await.unwrap();
        assert_eq!(resp.text().await.unwrap(), "ok");
    }
}
