//! oauth2's `AsyncHttpClient` over the crate's own reqwest client (one HTTP stack).

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

use oauth2::{HttpRequest, HttpResponse};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderValue, USER_AGENT};

/// A transport failure of a token request; wraps the reqwest error (URL stripped).
#[derive(Debug, thiserror::Error)]
#[error("token request transport failure")]
pub(crate) struct TokenTransportError(#[source] pub(crate) reqwest::Error);

/// One token request's HTTP client. It records the real status of the answer, because oauth2
/// only reports parsed bodies, and normalises what oauth2 is strict about that PokitDok gets
/// wrong: any 2xx is reported as 200, and `Content-Type` is not passed on (the platform labels
/// JSON `text/html`; the body alone decides).
pub(crate) struct TokenHttp<'a> {
    pub(crate) client: &'a reqwest::Client,
    pub(crate) user_agent: &'a HeaderValue,
    pub(crate) timeout: Duration,
    pub(crate) status: Mutex<Option<StatusCode>>,
}

impl<'a> TokenHttp<'a> {
    pub(crate) fn new(
        client: &'a reqwest::Client,
        user_agent: &'a HeaderValue,
        timeout: Duration,
    ) -> Self {
        TokenHttp {
            client,
            user_agent,
            timeout,
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
                    .map_err(|e| TokenTransportError(e.without_url()))?;
                request
                    .headers_mut()
                    .insert(USER_AGENT, self.user_agent.clone());
                *request.timeout_mut() = Some(self.timeout);
                let response = self
                    .client
                    .execute(request)
                    .await
                    .map_err(|e| TokenTransportError(e.without_url()))?;
                let status = response.status();
                tracing::Span::current().record("status", status.as_u16());
                *self.status.lock().unwrap_or_else(|p| p.into_inner()) = Some(status);
                let mut headers = response.headers().clone();
                headers.remove(CONTENT_TYPE);
                let body = response
                    .bytes()
                    .await
                    .map_err(|e| TokenTransportError(e.without_url()))?;
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
