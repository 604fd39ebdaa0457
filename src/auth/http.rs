//! oauth2's `AsyncHttpClient` over the crate's own reqwest client (one HTTP stack), and the
//! size-capped reading of token and revocation answers.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use oauth2::{HttpRequest, HttpResponse};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderValue, USER_AGENT};

/// The largest token or revocation answer read (64 KiB). A token answer is a few hundred bytes;
/// anything larger is not a token, and reading it without a bound would let a misbehaving
/// endpoint (or a proxy's error page) exhaust memory.
pub(crate) const MAX_TOKEN_ANSWER_BYTES: usize = 64 * 1024;

/// A transport failure of a token request.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TokenTransportError {
    /// The request could not be sent or its answer not read; the reqwest error, URL stripped.
    #[error("token request transport failure")]
    Http(#[source] reqwest::Error),
    /// The answer's body is larger than the cap: reading stopped there.
    #[error("the token endpoint's answer is larger than {limit} bytes")]
    TooLarge {
        /// The cap, in bytes.
        limit: usize,
    },
}

/// Reads a body chunk by chunk, failing as soon as it would exceed `limit` bytes (before
/// reading anything when `Content-Length` already says so).
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Bytes, TokenTransportError> {
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(TokenTransportError::TooLarge { limit });
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| TokenTransportError::Http(e.without_url()))?
    {
        if body.len() + chunk.len() > limit {
            return Err(TokenTransportError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// One token request's HTTP client. It records the real status of the answer, because oauth2
/// only reports parsed bodies, and normalises what oauth2 is strict about that PokitDok gets
/// wrong: any 2xx is reported as 200, and `Content-Type` is not passed on (the platform labels
/// JSON `text/html`; the body alone decides). The body is read with a size cap.
pub(crate) struct TokenHttp<'a> {
    pub(crate) client: &'a reqwest::Client,
    pub(crate) user_agent: &'a HeaderValue,
    pub(crate) timeout: Duration,
    pub(crate) limit: usize,
    pub(crate) status: Mutex<Option<StatusCode>>,
}

impl<'a> TokenHttp<'a> {
    pub(crate) fn new(
        client: &'a reqwest::Client,
        user_agent: &'a HeaderValue,
        timeout: Duration,
        limit: usize,
    ) -> Self {
        TokenHttp {
            client,
            user_agent,
            timeout,
            limit,
            status: Mutex::new(None),
        }
    }

    pub(crate) fn status(&self) -> Option<StatusCode> {
        *self.status.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl<'c> oauth2::AsyncHttpClient<'c> for TokenHttp<'_> {
    type Error = TokenTransportError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        let span = tracing::debug_span!("pokitdok.token", status = tracing::field::Empty);
        Box::pin(tracing::Instrument::instrument(
            async move {
                let mut request = reqwest::Request::try_from(request)
                    .map_err(|e| TokenTransportError::Http(e.without_url()))?;
                request
                    .headers_mut()
                    .insert(USER_AGENT, self.user_agent.clone());
                *request.timeout_mut() = Some(self.timeout);
                let response = self
                    .client
                    .execute(request)
                    .await
                    .map_err(|e| TokenTransportError::Http(e.without_url()))?;
                let status = response.status();
                tracing::Span::current().record("status", status.as_u16());
                *self.status.lock().unwrap_or_else(|p| p.into_inner()) = Some(status);
                let mut headers = response.headers().clone();
                headers.remove(CONTENT_TYPE);
                let body = read_capped(response, self.limit).await?;
                let mut out = http::Response::new(body.to_vec());
                *out.status_mut() = if status.is_success() {
                    StatusCode::OK
                } else {
                    status
                };
                *out.headers_mut() = headers;
                Ok(out)
            },
            span,
        ))
    }
}
