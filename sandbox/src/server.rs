//! The accept loop: one hyper HTTP/1 connection per socket, the axum router behind it, dropped
//! connections for fault injection, graceful shutdown.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::routing::{any, get, post};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tower::ServiceExt;

use super::state::Shared;
use super::{api, http, oauth};

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
    Router::new()
        .route("/oauth2/token", post(oauth::token))
        .route("/oauth2/revoke", post(oauth::revoke))
        .route("/oauth2/authorize", get(oauth::authorize))
        .route("/oauth2/callback", get(oauth::callback_page))
        .route("/api/{version}/{*rest}", any(api::entry))
        .fallback(fallback)
        .with_state(shared)
}

async fn fallback() -> axum::response::Response {
    http::bare(reqwest::StatusCode::NOT_FOUND, "Not Found")
}

pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stop: oneshot::Receiver<()>,
) {
    let app = router(shared.clone());
    let graceful = GracefulShutdown::new();
    loop {
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
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            _ = &mut stop => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(5), graceful.shutdown()).await;
}
