//! [`RequestBuilder`]: one API request, built up and then sent (or awaited directly).

use std::fmt;
use std::future::{Future, IntoFuture};

use futures_util::FutureExt as _;
use std::pin::Pin;
use std::sync::atomic::{AtomicU16, AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION, USER_AGENT,
};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tokio::time::Instant;
use tracing::Instrument;
use tracing::field::Empty;
use url::Url;

use crate::client::PokitDok;
use crate::error::{Error, Result, TimeoutPhase};
use crate::response::{ApiResponse, Meta, classify, classify_boxed, classify_value, error_from};
use crate::retry::{
    Decision, Outcome, RetryPolicy, SUCCESS_REFUND, decide, idempotent, may_have_been_processed,
    outcome_of,
};

/// A request being built. Returned by [`PokitDok::request`], [`PokitDok::get`],
/// [`PokitDok::post`], [`PokitDok::put`] and [`PokitDok::delete`].
///
/// Await it directly (`ApiResponse<serde_json::Value>`), or call [`RequestBuilder::send_as`]
/// for a typed payload. Errors in building (a header that is not valid HTTP, a body that cannot
/// be serialized) are reported when it is sent.
///
/// ```no_run
/// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
/// #[derive(serde::Deserialize)]
/// struct Partner { id: String, name: Option<String> }
///
/// let partners = pd.get("/tradingpartners/").send_as::<Vec<Partner>>().await?;
/// for p in &partners.data {
///     println!("{} {:?}", p.id, p.name);
/// }
/// # Ok(()) }
/// ```
#[must_use = "a request does nothing until it is sent or awaited"]
pub struct RequestBuilder {
    client: PokitDok,
    method: Method,
    path: String,
    query: Vec<String>,
    options: RequestOptions,
    body: Body,
    /// Boxed: rare, and the builder is held by every call's future.
    error: Option<Box<Error>>,
    /// [`Call::idempotency_key`](crate::Call::idempotency_key): this request only (never in
    /// [`RequestOptions`], which page cursors pass on).
    idempotency_key: Option<String>,
}

/// The per-request options that are not the request itself: extra headers and a timeout.
/// Carried by a [`RequestBuilder`] (and so by a [`Call`](crate::Call)), and kept by a
/// [`Page`](crate::Page)'s cursor for the pages it fetches later.
///
/// No `Debug`: header values may be credentials.
#[derive(Clone, Default)]
pub(crate) struct RequestOptions {
    /// Headers added to the request (they win over the defaults, except `Authorization` and
    /// `User-Agent`).
    pub(crate) headers: HeaderMap,
    /// Timeout of the request, overriding the client's.
    pub(crate) timeout: Option<Duration>,
    /// Retry policy of the request, overriding the client's.
    pub(crate) retry: Option<RetryPolicy>,
    /// Retry a POST or PATCH like a GET ([`RequestBuilder::retry_unsafe`]).
    pub(crate) retry_unsafe: bool,
}

enum Body {
    Empty,
    Bytes {
        content_type: HeaderValue,
        bytes: Bytes,
    },
    /// A reqwest form can be sent only once (taken by the attempt that sends it; a `Mutex`
    /// so that the attempts need only `&self`).
    OneShot(std::sync::Mutex<Option<reqwest::multipart::Form>>),
}

impl Body {
    fn replayable(&self) -> bool {
        !matches!(self, Body::OneShot(_))
    }
}

impl fmt::Debug for RequestBuilder {
    // Never shows the body or query values (PHI) — only their presence and size.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = match &self.body {
            Body::Empty => "none".to_owned(),
            Body::Bytes { bytes, .. } => format!("<{} bytes>", bytes.len()),
            Body::OneShot(_) => "<multipart form>".to_owned(),
        };
        f.debug_struct("RequestBuilder")
            .field("method", &self.method)
            .field("path", &self.path.split('?').next().unwrap_or_default())
            .field("query_params", &self.query.len())
            .field("headers", &self.options.headers.keys().collect::<Vec<_>>())
            .field("body", &body)
            .field("timeout", &self.options.timeout)
            .field("retry", &self.options.retry)
            .field("retry_unsafe", &self.options.retry_unsafe)
            .field("idempotency_key", &self.idempotency_key.is_some())
            .finish()
    }
}

impl RequestBuilder {
    pub(crate) fn new(client: PokitDok, method: Method, path: String) -> Self {
        RequestBuilder {
            client,
            method,
            path,
            query: Vec::new(),
            options: RequestOptions::default(),
            body: Body::Empty,
            error: None,
            idempotency_key: None,
        }
    }

    /// Records an argument error, reported when the request is sent (the first one wins).
    pub(crate) fn fail(mut self, e: Error) -> Self {
        self.error.get_or_insert_with(|| Box::new(e));
        self
    }

    /// The client that sends it.
    pub(crate) fn client(&self) -> &PokitDok {
        &self.client
    }

    /// The path (or full URL) as given.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The headers and timeout set so far.
    pub(crate) fn options(&self) -> &RequestOptions {
        &self.options
    }

    /// Replaces the headers and timeout (a page cursor passing them on to the next page).
    pub(crate) fn with_options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The encoded query parts added so far.
    pub(crate) fn raw_query(&self) -> &[String] {
        &self.query
    }

    /// Adds already encoded query parts.
    pub(crate) fn with_raw_query(mut self, parts: &[String]) -> Self {
        self.query.extend(parts.iter().cloned());
        self
    }

    /// Adds query parameters: anything serde serializes as a flat map or a list of pairs
    /// (`&[("zip_code", "29412")]`, a struct, a `HashMap`). Values are percent-encoded.
    pub fn query<Q: Serialize + ?Sized>(mut self, query: &Q) -> Self {
        match serde_urlencoded::to_string(query) {
            Ok(q) if q.is_empty() => self,
            Ok(q) => {
                self.query.push(q);
                self
            }
            Err(_) => self.fail(Error::config("the query parameters cannot be URL-encoded")),
        }
    }

    /// Sends `body` as JSON (`Content-Type: application/json`).
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Body::Bytes {
                    content_type: HeaderValue::from_static("application/json"),
                    bytes: bytes.into(),
                };
                self
            }
            Err(_) => self.fail(Error::config("the JSON body cannot be serialized")),
        }
    }

    /// Sends `body` URL-encoded (`application/x-www-form-urlencoded`).
    pub fn form<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_urlencoded::to_string(body) {
            Ok(s) => {
                self.body = Body::Bytes {
                    content_type: HeaderValue::from_static("application/x-www-form-urlencoded"),
                    bytes: s.into(),
                };
                self
            }
            Err(_) => self.fail(Error::config("the form body cannot be URL-encoded")),
        }
    }

    /// Sends raw bytes with the given content type, e.g. raw X12 as `application/edi-x12`.
    pub fn body(mut self, bytes: impl Into<Bytes>, content_type: &str) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(ct) => {
                self.body = Body::Bytes {
                    content_type: ct,
                    bytes: bytes.into(),
                };
                self
            }
            Err(_) => self.fail(Error::config("invalid content type")),
        }
    }

    /// Sends a reqwest multipart form. A reqwest form can be sent once only, so such a request
    /// is not replayed after a 401; prefer [`RequestBuilder::upload`].
    pub fn multipart(mut self, form: reqwest::multipart::Form) -> Self {
        self.body = Body::OneShot(std::sync::Mutex::new(Some(form)));
        self
    }

    /// Sends a [`Multipart`] body (file uploads). It is encoded once, so unlike a reqwest form
    /// it can be sent again byte for byte when the platform refuses the token with a 401 (the
    /// upload was not accepted); it is never resent for any other reason.
    pub fn upload(mut self, form: Multipart) -> Self {
        let (content_type, bytes) = form.encode();
        match HeaderValue::from_str(&content_type) {
            Ok(ct) => {
                self.body = Body::Bytes {
                    content_type: ct,
                    bytes,
                };
                self
            }
            Err(_) => self.fail(Error::config("invalid multipart boundary")),
        }
    }

    /// Adds a header (e.g. `Accept: application/vnd.pokitdok.v4+edi-x12-json`).
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        K: TryInto<HeaderName>,
        V: TryInto<HeaderValue>,
    {
        match (name.try_into(), value.try_into()) {
            (Ok(k), Ok(v)) => {
                self.options.headers.append(k, v);
                self
            }
            _ => self.fail(Error::config("invalid header name or value")),
        }
    }

    /// Timeout of each attempt of this request, overriding the client's (it is cut to the
    /// time left before the call's deadline).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// The retry policy (attempts, backoff, deadline) for this request, overriding the
    /// client's ([`PokitDokBuilder::retry`](crate::PokitDokBuilder::retry)).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use std::time::Duration;
    /// use pokitdok::RetryPolicy;
    ///
    /// let quick = RetryPolicy::default().max_attempts(2).deadline(Duration::from_secs(5));
    /// let partners = pd.get("/tradingpartners/").retry(quick).await?;
    /// # Ok(()) }
    /// ```
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.options.retry = Some(policy);
        self
    }

    /// Retries this POST or PATCH like a GET: after timeouts, resets and 502/503/504 too, not
    /// only when it provably never reached the server. Only for requests that are safe to send
    /// twice (a search, a validation): never for a claim, an enrollment or an upload, which
    /// could then be processed twice. A failure that may have been processed is still reported
    /// as [`Error::OutcomeUnknown`] once the retries are spent.
    pub fn retry_unsafe(mut self) -> Self {
        self.options.retry_unsafe = true;
        self
    }

    /// Sets the idempotency key ([`Call::idempotency_key`](crate::Call::idempotency_key)),
    /// after checking it (1 to 255 printable ASCII characters).
    pub(crate) fn idempotency_key(mut self, key: String) -> Self {
        let valid = (1..=MAX_IDEMPOTENCY_KEY).contains(&key.len())
            && key.bytes().all(|b| (0x20..=0x7e).contains(&b));
        if !valid {
            return self.fail(Error::config(
                "an idempotency key must be 1 to 255 printable ASCII characters",
            ));
        }
        self.idempotency_key = Some(key);
        self
    }

    /// Sends the request; the payload stays untyped JSON.
    ///
    /// # Errors
    /// Any non-2xx answer as its typed [`Error`] variant; transport failures and timeouts.
    pub fn send(self) -> impl Future<Output = Result<ApiResponse<Value>>> {
        // `map`, not an `async` block awaiting the future: a block would hold the future twice
        // (as its capture and at its await), doubling the call's size.
        self.execute_deferred().map(|reply| {
            let (status, body, answered) = reply?;
            let result = classify_value(status, &body);
            answered.take_in(result.as_ref().ok().map(|r| &r.meta), &body);
            result
        })
    }

    /// Sends the request and decodes `data` into `T`.
    ///
    /// # Errors
    /// As [`RequestBuilder::send`], plus [`Error::Decode`] with the JSON path of the value that
    /// does not fit `T`.
    pub fn send_as<T: DeserializeOwned>(self) -> impl Future<Output = Result<ApiResponse<T>>> {
        self.execute_deferred().map(|reply| {
            let (status, body, answered) = reply?;
            // A large answer is decoded into a box and moved out of it once, here: inline, it
            // would be copied at every step between the decode and this return.
            if size_of::<ApiResponse<T>>() > BOX_ANSWERS_ABOVE {
                let result = classify_boxed::<T>(status, &body);
                answered.take_in(result.as_ref().ok().map(|r| &r.meta), &body);
                return result.map(|r| *r);
            }
            let result = classify::<T>(status, &body);
            answered.take_in(result.as_ref().ok().map(|r| &r.meta), &body);
            result
        })
    }

    /// Sends the request and returns the status and raw body of a 2xx answer, without
    /// decoding (e.g. raw X12 responses).
    ///
    /// # Errors
    /// As [`RequestBuilder::send`].
    pub async fn send_raw(self) -> Result<(StatusCode, Bytes)> {
        let (status, body) = self.execute().await?;
        if status.is_success() {
            Ok((status, body))
        } else {
            Err(crate::response::error_from(status, body))
        }
    }

    /// Sends the request and returns the body of a 2xx answer as text (raw X12 answers).
    ///
    /// # Errors
    /// As [`RequestBuilder::send`], plus [`Error::Decode`] (body kept) when the answer is not
    /// UTF-8.
    pub async fn send_text(self) -> Result<String> {
        let (status, body) = self.send_raw().await?;
        match std::str::from_utf8(&body) {
            Ok(text) => Ok(text.to_owned()),
            Err(_) => Err(Error::Decode {
                status,
                path: ".".to_owned(),
                kind: "the answer is not UTF-8 text".to_owned(),
                body: crate::error::RawBody(body),
            }),
        }
    }

    fn execute(self) -> impl Future<Output = Result<(StatusCode, Bytes)>> {
        self.execute_deferred().map(|reply| {
            let (status, body, answered) = reply?;
            answered.probe(&body);
            Ok((status, body))
        })
    }

    /// [`execute`](Self::execute), except that the `meta` of a successful answer is left to the
    /// caller, who decodes the body anyway: it hands that `meta` to the returned [`Answered`]
    /// (so a body is not read twice for it). Any other answer's `meta` has been read.
    // Not an `async fn`: written as one, the typed eligibility call's future measured 1,272
    // bytes instead of 888.
    #[allow(clippy::manual_async_fn)]
    fn execute_deferred(mut self) -> impl Future<Output = Result<(StatusCode, Bytes, Answered)>> {
        // Everything happens inside this one future (prepared at its first poll): it holds the
        // builder, and what each step keeps shares the space of the others. (Every step ends
        // its block before the loop is awaited: what a block held would otherwise stay in the
        // future's state.)
        //
        // The common call, inline: one attempt with the cached token, no throttle and no
        // idempotency key, whose 2xx answer ends the call. Anything else (a failure, any other
        // status, no usable token, a throttle, a key) goes on in the attempts' loop
        // (`deliver`).
        async move {
            let (prepared, url, first) = 'inline: {
                let (prepared, request, attempt) = match self.start()? {
                    Start::Inline(prepared, request, attempt) => (prepared, request, attempt),
                    Start::Loop(prepared, url) => break 'inline (prepared, url, None),
                };
                let sent = self.client.inner.http.execute(request);
                let response = match sent.instrument(attempt.span.clone()).await {
                    Ok(response) => response,
                    Err(e) => {
                        let first = attempt.failed(Error::from_reqwest(e));
                        break 'inline (prepared, None, Some(first));
                    }
                };
                // A local that was borrowed stays in the future's state while its block lives.
                let (status, read) = {
                    let response = response;
                    let status = response.status();
                    if !status.is_success() {
                        break 'inline (prepared, None, Some(attempt.answered(response)));
                    }
                    let limit = self.client.inner.max_response_size;
                    (status, read_capped(response, limit))
                };
                let body = match read.instrument(attempt.span.clone()).await {
                    Ok(body) => body,
                    Err(e) => break 'inline (prepared, None, Some(attempt.failed(e))),
                };
                self.client.inner.budget.refund(SUCCESS_REFUND);
                if !attempt.span.is_disabled() || !prepared.span.is_disabled() {
                    record_inline_success(&attempt.span, &prepared, status);
                }
                return self.answered(prepared, Ok((status, body)));
            };
            let url = match url {
                Some(url) => url,
                None => self.target()?,
            };
            let mut first = first;
            // Boxed: rare, and inline it would make every call's future larger than the
            // allocator's per-thread cache (a typed call's future is boxed by `Call`).
            let result = Box::pin(self.deliver(&prepared, &url, &mut first))
                .instrument(prepared.span.clone())
                .await;
            self.answered(prepared, result)
        }
    }

    /// The end of [`execute_deferred`](Self::execute_deferred): the answer, with what its
    /// decoder takes `meta` into.
    fn answered(
        self,
        prepared: Prepared,
        result: Result<(StatusCode, Bytes)>,
    ) -> Result<(StatusCode, Bytes, Answered)> {
        let answered = Answered {
            client: self.client,
            span: prepared.span,
        };
        result.map(|(status, body)| (status, body, answered))
    }

    /// Prepares the call and, when it can take the inline way, its first request.
    fn start(&mut self) -> Result<Start> {
        let (url, prepared) = self.prepare()?;
        Ok(match self.first_request(url, &prepared) {
            Ok((request, attempt)) => Start::Inline(prepared, request, attempt),
            Err(url) => Start::Loop(prepared, url),
        })
    }

    /// The first attempt's request when the call can take the inline way: no idempotency key
    /// (its recovery dates the first submission), no throttle to wait for, and a cached token
    /// usable now. Otherwise the attempts' loop does everything: `Err` with the URL (`None`
    /// when it went into a request that could not be built).
    fn first_request(
        &self,
        url: Url,
        prepared: &Prepared,
    ) -> std::result::Result<(reqwest::Request, FirstAttempt), Option<Url>> {
        let inner = &*self.client.inner;
        if prepared.key.is_some() || inner.limiter.max_per_window().is_some() {
            return Err(Some(url));
        }
        // The call has just been prepared: its start is the time now.
        let (now, deadline) = (prepared.started, prepared.deadline);
        let Some(bearer) = inner.auth.bearer_now(now) else {
            return Err(Some(url));
        };
        // Made inside the call's span, as the loop makes its attempts'.
        let span = prepared.span.in_scope(|| attempt_span(0));
        // A request that cannot be built: the loop reports it, as it reports its own.
        let (request, clamped) = self
            .attempt_request(url, bearer.authorization, deadline, now)
            .map_err(|_| None)?;
        Ok((
            request,
            FirstAttempt {
                clamped,
                generation: bearer.generation,
                span,
            },
        ))
    }

    /// The request's URL: its path resolved against the API base, with its query.
    fn target(&self) -> Result<Url> {
        let mut url = self.client.resolve(&self.path)?;
        if !self.query.is_empty() {
            let mut q = url.query().map(str::to_owned).unwrap_or_default();
            for part in &self.query {
                if !q.is_empty() {
                    q.push('&');
                }
                q.push_str(part);
            }
            url.set_query(Some(&q));
        }
        Ok(url)
    }

    /// The retry policy of this request: its own, or the client's.
    fn policy(&self) -> &RetryPolicy {
        self.options
            .retry
            .as_ref()
            .unwrap_or(&self.client.inner.retry)
    }

    /// What a call needs before its attempts: the URL, the policy, the deadline, the key, the
    /// span.
    fn prepare(&mut self) -> Result<(Url, Prepared)> {
        if let Some(e) = self.error.take() {
            return Err(*e);
        }
        let url = self.target()?;
        let key = self.idempotency_key.take();
        if let Some(k) = &key {
            self.add_idempotency_key(k)?;
        }
        let started = Instant::now();
        let deadline = deadline_after(started, self.policy().deadline_value());
        // OpenTelemetry HTTP client names where they exist. Never a body, a query value, an id
        // from the path (the template has `{id}` instead) or a token. The fields are computed
        // only when the span is enabled.
        let span = tracing::debug_span!(
            "pokitdok.request",
            http.request.method = %self.method,
            url.template = %url_template(&self.client.inner.api_path, url.path()),
            http.response.status_code = Empty,
            http.request.resend_count = Empty,
            pokitdok.activity_id = Empty,
            error.type = Empty,
            pokitdok.duration_ms = Empty,
        );
        Ok((
            url,
            Prepared {
                started,
                deadline,
                key,
                span,
            },
        ))
    }

    /// The attempts, the recovery of an unknown outcome by its idempotency key, and the span's
    /// closing fields (inside the call's span).
    async fn deliver(
        &self,
        prepared: &Prepared,
        url: &Url,
        first: &mut Option<Box<First>>,
    ) -> Result<(StatusCode, Bytes)> {
        let Prepared {
            started,
            deadline,
            key,
            ..
        } = prepared;
        let (started, deadline) = (*started, *deadline);
        let policy = self.policy();
        // When the first attempt went out (the earliest an activity it made can be dated),
        // for the recovery of an unknown outcome by its idempotency key.
        let recovery = key.as_deref().map(|k| (k, SystemTime::now()));
        let mut result = self.run(url, policy, deadline, first).await;
        if let Some((key, submitted)) = recovery
            && matches!(result, Err(Error::OutcomeUnknown { .. }))
        {
            // Boxed: rare, and it holds a whole second `run`, which would double the size of
            // every call's future.
            result = Box::pin(self.recover(key, submitted, url, policy, deadline, result)).await;
        }
        let span = tracing::Span::current();
        span.record("pokitdok.duration_ms", started.elapsed().as_millis() as u64);
        // OpenTelemetry: the status code for HTTP errors, the error's kind otherwise.
        match &result {
            Ok((status, _)) if !status.is_success() => {
                span.record("error.type", tracing::field::display(status.as_str()));
            }
            Ok(_) => {}
            Err(e) => {
                span.record("error.type", tracing::field::display(error_type(e)));
            }
        }
        result
    }

    /// All attempts of the request under the call's deadline (the first one made already
    /// when `first` is given).
    async fn run(
        &self,
        url: &Url,
        policy: &RetryPolicy,
        deadline: Instant,
        first: &mut Option<Box<First>>,
    ) -> Result<(StatusCode, Bytes)> {
        let progress = Progress::default();
        // No timer around the attempts: each of their waits is bounded by `deadline` itself
        // (the token and the throttle by `timeout_at`, backoffs by fitting before it, and each
        // request by its timeout cut to the time left), so the common call arms one timer,
        // the request's own, as a bare `reqwest` call does.
        let result = self.attempts(url, policy, deadline, &progress, first).await;
        // A successful answer's activity id is recorded by its decoder (`Answered`).
        let succeeded = matches!(&result, Ok((status, _)) if status.is_success());
        progress.record(&tracing::Span::current(), !succeeded);
        result
    }

    async fn attempts(
        &self,
        url: &Url,
        policy: &RetryPolicy,
        deadline: Instant,
        progress: &Progress,
        first: &mut Option<Box<First>>,
    ) -> Result<(StatusCode, Bytes)> {
        // Borrowed, not cloned: a clone writes the client's reference count, which every call
        // on every thread shares.
        let inner = &*self.client.inner;
        let auth = &inner.auth;
        let repeatable = idempotent(&self.method);
        let unsafe_ok = self.options.retry_unsafe;
        let replayable = self.body.replayable();
        let mut sends: u32 = 0;
        let mut retries: u32 = 0;
        let mut spent: u32 = 0;
        let mut replayed = false;
        let mut rate_waits: u32 = 0;
        // Some attempt of this POST/PATCH may have been processed by the platform.
        let mut processed = false;
        loop {
            // The first attempt, when it was sent inline (`execute_deferred`): boxed, and taken
            // out of `first` before any wait (a destructured value would stay in the state).
            let resumed = first.take().map(|first| self.resume(url, *first, deadline));
            let (attempt_span, (result, clamped, generation)) = match resumed {
                Some(resumed) => {
                    sends += 1;
                    progress.sends.store(sends, Ordering::Relaxed);
                    resumed.await
                }
                None => {
                    let bearer = match auth.bearer_until(deadline).await {
                        Ok(b) => b,
                        Err(e) => return self.conclude(Err(e), processed),
                    };
                    if inner.limiter.max_per_window().is_some() {
                        // Boxed, as every wait below: the waits are rare, and inline they
                        // would make every call's future several times larger (and its
                        // allocation slower).
                        let permit = Box::pin(tokio::time::timeout_at(
                            deadline,
                            inner.limiter.acquire(deadline),
                        ));
                        let granted = match permit.await {
                            Ok(granted) => granted,
                            Err(_) => {
                                tracing::debug!("the call's deadline passed in the throttle");
                                Err(Error::deadline(TimeoutPhase::Deadline))
                            }
                        };
                        if let Err(e) = granted {
                            return self.conclude(Err(e), processed);
                        }
                    }
                    let attempt_span = attempt_span(sends);
                    sends += 1;
                    progress.sends.store(sends, Ordering::Relaxed);
                    // Boxed: the attempt's future (the request, reqwest's future, the response
                    // and its body) is most of the loop's state.
                    let sent = Box::pin(self.send_once(
                        url,
                        bearer.authorization,
                        bearer.generation,
                        deadline,
                    ))
                    .instrument(attempt_span.clone())
                    .await;
                    (attempt_span, sent)
                }
            };
            let (outcome, result) = match result {
                Ok(answer) => {
                    let status = answer.status;
                    attempt_span.record("http.response.status_code", status.as_u16());
                    progress.status.store(status.as_u16(), Ordering::Relaxed);
                    // A successful answer's `meta` is read by its decoder (`Answered`).
                    let meta = if status.is_success() {
                        None
                    } else {
                        probe_meta(&answer.body)
                    };
                    if let Some(m) = &meta {
                        inner.limiter.observe(m);
                        if let Some(id) = &m.activity_id {
                            *progress
                                .activity_id
                                .lock()
                                .unwrap_or_else(|p| p.into_inner()) = Some(id.clone());
                        }
                    }
                    if status == StatusCode::UNAUTHORIZED {
                        auth.invalidate(generation);
                        if !replayed && auth.auto_refresh() && replayable {
                            replayed = true;
                            tracing::debug!("401: refreshing the token and replaying once");
                            continue;
                        }
                        return self.conclude(Ok((status, answer.body)), processed);
                    }
                    if status == StatusCode::FORBIDDEN
                        && matches!(
                            error_from(status, answer.body.clone()),
                            Error::RateLimited { .. }
                        )
                    {
                        let reset = meta.as_ref().and_then(|m| m.rate_limit_reset);
                        let left = deadline.saturating_duration_since(Instant::now());
                        let wait = inner.rate_limit_policy.wait_for(
                            reset,
                            SystemTime::now(),
                            left,
                            rate_waits,
                        );
                        if let Some(wait) = wait.filter(|_| replayable) {
                            rate_waits += 1;
                            tracing::debug!(
                                wait_ms = wait.as_millis() as u64,
                                "rate limited: waiting for the window to reset, then sending again"
                            );
                            Box::pin(tokio::time::sleep(wait)).await;
                            continue;
                        }
                        return self.conclude(Ok((status, answer.body)), processed);
                    }
                    if status.is_success() {
                        inner
                            .budget
                            .refund(if spent == 0 { SUCCESS_REFUND } else { spent });
                        return Ok((status, answer.body));
                    }
                    (Outcome::Answer(status), Ok(answer))
                }
                Err(e) => {
                    let outcome = outcome_of(&e);
                    // The per-attempt timeout was cut to the deadline: report the deadline.
                    let e = match e {
                        Error::Timeout {
                            phase: TimeoutPhase::Request,
                            source,
                        } if clamped => Error::Timeout {
                            phase: TimeoutPhase::Deadline,
                            source,
                        },
                        e => e,
                    };
                    (outcome, Err(e))
                }
            };
            if !repeatable && may_have_been_processed(outcome) {
                processed = true;
            }
            if let Decision::Retry { cost, reason } = decide(&self.method, unsafe_ok, outcome) {
                let retry_after = result.as_ref().ok().and_then(|a| a.retry_after);
                let delay = match retry_after {
                    Some(ra) if ra > policy.max_delay_value() => None,
                    Some(ra) => Some(ra),
                    None => Some(policy.backoff(retries + 1)),
                };
                let fits = delay
                    .is_some_and(|d| Instant::now().checked_add(d).is_some_and(|t| t < deadline));
                let allowed = replayable && retries + 1 < policy.attempts() && fits;
                if allowed && inner.budget.try_take(cost) {
                    let delay = delay.unwrap_or_default();
                    retries += 1;
                    spent += cost;
                    tracing::debug!(
                        reason,
                        attempt = sends,
                        delay_ms = delay.as_millis() as u64,
                        "retrying"
                    );
                    Box::pin(tokio::time::sleep(delay)).await;
                    continue;
                }
                tracing::debug!(
                    reason,
                    attempt = sends,
                    "not retrying: attempts, deadline, Retry-After or retry budget exhausted"
                );
            }
            let result = result.map(|a| (a.status, a.body));
            return self.conclude(result, processed);
        }
    }

    /// The end of the attempts: a failure of a POST/PATCH that may have been processed
    /// becomes [`Error::OutcomeUnknown`]; anything else is returned as it is.
    fn conclude(
        &self,
        result: Result<(StatusCode, Bytes)>,
        processed: bool,
    ) -> Result<(StatusCode, Bytes)> {
        if !processed {
            return result;
        }
        match result {
            Ok((status, body)) if status.is_success() => Ok((status, body)),
            Ok((status, body)) => Err(self.unknown(error_from(status, body))),
            Err(e @ Error::OutcomeUnknown { .. }) => Err(e),
            Err(e) => Err(self.unknown(e)),
        }
    }

    /// [`Error::OutcomeUnknown`] around `source`, with the `application_data` that was sent.
    fn unknown(&self, source: Error) -> Error {
        #[derive(Deserialize)]
        struct Sent {
            #[serde(default)]
            application_data: Option<Value>,
        }
        let application_data = match &self.body {
            Body::Bytes { bytes, .. } => serde_json::from_slice::<Sent>(bytes)
                .ok()
                .and_then(|s| s.application_data),
            _ => None,
        };
        tracing::debug!("the request may have been processed: outcome unknown, not resent");
        Error::OutcomeUnknown {
            application_data,
            source: Box::new(source),
        }
    }

    /// Puts the idempotency key into the JSON body's `application_data`.
    fn add_idempotency_key(&mut self, key: &str) -> Result<()> {
        let not_json = || {
            Error::config(
                "an idempotency key needs a JSON object body (it is stored in application_data)",
            )
        };
        let Body::Bytes {
            content_type,
            bytes,
        } = &mut self.body
        else {
            return Err(not_json());
        };
        let json = content_type.to_str().is_ok_and(|ct| {
            ct.trim()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
        if !json {
            return Err(not_json());
        }
        let mut body: Map<String, Value> = serde_json::from_slice(bytes).map_err(|_| not_json())?;
        let data = body
            .entry("application_data")
            .or_insert_with(|| Value::Object(Map::new()));
        if data.is_null() {
            *data = Value::Object(Map::new());
        }
        let Value::Object(data) = data else {
            return Err(Error::config(
                "application_data must be an object to carry an idempotency key",
            ));
        };
        data.insert(IDEMPOTENCY_KEY_FIELD.to_owned(), Value::from(key));
        *bytes = serde_json::to_vec(&body).map_err(|_| not_json())?.into();
        Ok(())
    }

    /// After an [`Error::OutcomeUnknown`] of a request with an idempotency key: the activity
    /// that carries the key, if the platform has one; otherwise one more submission.
    async fn recover(
        &self,
        key: &str,
        submitted: SystemTime,
        url: &Url,
        policy: &RetryPolicy,
        deadline: Instant,
        unknown: Result<(StatusCode, Bytes)>,
    ) -> Result<(StatusCode, Bytes)> {
        match self.find_activity(key, submitted, deadline).await {
            Ok(Some(found)) => {
                tracing::debug!("idempotency key: the activity exists; not submitting again");
                return Ok((StatusCode::OK, found));
            }
            Ok(None) => {}
            Err(_) => {
                tracing::debug!("idempotency key: the lookup failed; the outcome stays unknown");
                return unknown;
            }
        }
        tracing::debug!("idempotency key: no activity carries the key; submitting once more");
        self.run(url, policy, deadline, &mut None).await
    }

    /// Looks through the newest activities (`GET /activities/`, newest first) for the one whose
    /// `application_data` carries `key`: at most [`LOOKUP_PAGES`] pages of
    /// [`LOOKUP_PAGE_SIZE`], stopping at the last page or at activities created well before
    /// `submitted`. Returns the envelope to answer with (`meta` of the lookup, the activity as
    /// `data`).
    async fn find_activity(
        &self,
        key: &str,
        submitted: SystemTime,
        deadline: Instant,
    ) -> Result<Option<Bytes>> {
        let cutoff = chrono::DateTime::<chrono::Utc>::from(
            submitted
                .checked_sub(LOOKUP_CLOCK_SKEW)
                .unwrap_or(SystemTime::UNIX_EPOCH),
        )
        .naive_utc();
        for page in 0..LOOKUP_PAGES {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Error::deadline(TimeoutPhase::Deadline));
            }
            let offset = (page * LOOKUP_PAGE_SIZE).to_string();
            let limit = LOOKUP_PAGE_SIZE.to_string();
            let request = self
                .client
                .get("/activities/")
                .query(&[("limit", limit.as_str()), ("offset", offset.as_str())])
                .retry(self.client.inner.retry.clone().deadline(left));
            // Boxed (`into_future`): this request runs the same pipeline.
            let answer = request.into_future().await?;
            let Some(items) = answer.data.as_array() else {
                return Err(Error::config("the activity list is not a list"));
            };
            if let Some(found) = items.iter().find(|a| carries_key(a, key)) {
                let envelope = serde_json::json!({"meta": answer.meta, "data": found});
                let bytes = serde_json::to_vec(&envelope)
                    .map_err(|_| Error::config("the activity cannot be re-encoded"))?;
                return Ok(Some(bytes.into()));
            }
            let older = items.last().and_then(created).is_some_and(|c| c < cutoff);
            if items.len() < LOOKUP_PAGE_SIZE as usize || older {
                break;
            }
        }
        Ok(None)
    }

    /// The outcome of the first attempt, sent inline: its answer's redirects and body
    /// ([`finish_attempt`](Self::finish_attempt)), or its failure; with the attempt's span.
    #[allow(clippy::type_complexity)]
    fn resume<'a>(
        &'a self,
        url: &'a Url,
        first: First,
        deadline: Instant,
    ) -> Pin<Box<dyn Future<Output = (tracing::Span, (Result<Answer>, bool, u64))> + Send + 'a>>
    {
        let First {
            attempt:
                FirstAttempt {
                    clamped,
                    generation,
                    span,
                },
            outcome,
        } = first;
        Box::pin(async move {
            let sent = match outcome {
                FirstOutcome::Answered(response) => {
                    self.finish_attempt(url, response, clamped, generation, deadline)
                        .instrument(span.clone())
                        .await
                }
                FirstOutcome::Failed(e) => (Err(e), clamped, generation),
            };
            (span, sent)
        })
    }

    /// One attempt, following same-origin redirects inside the API for GET only (each hop with
    /// the token current then). Each hop's timeout is the request's, cut to the time left
    /// before `deadline` (the `bool`: it was cut). The body is read up to the client's size
    /// limit. The `u64`: the generation of the token the last hop carried.
    async fn send_once(
        &self,
        url: &Url,
        authorization: HeaderValue,
        generation: u64,
        deadline: Instant,
    ) -> (Result<Answer>, bool, u64) {
        let (request, clamped) =
            match self.attempt_request(url.clone(), authorization, deadline, Instant::now()) {
                Ok(r) => r,
                Err(e) => return (Err(e), false, generation),
            };
        let response = match self.client.inner.http.execute(request).await {
            Ok(r) => r,
            Err(e) => return (Err(Error::from_reqwest(e)), clamped, generation),
        };
        self.finish_attempt(url, response, clamped, generation, deadline)
            .await
    }

    /// The rest of an attempt once its first `response` has arrived (its request's timeout
    /// was cut: `clamped`): the redirects it follows, then the body. As
    /// [`send_once`](Self::send_once).
    async fn finish_attempt(
        &self,
        url: &Url,
        mut response: reqwest::Response,
        mut clamped: bool,
        mut generation: u64,
        deadline: Instant,
    ) -> (Result<Answer>, bool, u64) {
        let inner = &self.client.inner;
        let mut url = std::borrow::Cow::Borrowed(url);
        let mut redirects = 0;
        loop {
            let status = response.status();
            if status.is_redirection()
                && self.method == Method::GET
                && let Some(next) = self.redirect_target(&url, response.headers())
            {
                if redirects == MAX_REDIRECTS {
                    return (
                        Err(Error::TooManyRedirects { redirects, status }),
                        false,
                        generation,
                    );
                }
                redirects += 1;
                url = std::borrow::Cow::Owned(next);
                // The redirected request carries the token current now.
                let bearer = match Box::pin(inner.auth.bearer_until(deadline)).await {
                    Ok(b) => b,
                    Err(e) => return (Err(e), false, generation),
                };
                generation = bearer.generation;
                let request;
                (request, clamped) = match self.attempt_request(
                    url.as_ref().clone(),
                    bearer.authorization,
                    deadline,
                    Instant::now(),
                ) {
                    Ok(r) => r,
                    Err(e) => return (Err(e), false, generation),
                };
                response = match inner.http.execute(request).await {
                    Ok(r) => r,
                    Err(e) => return (Err(Error::from_reqwest(e)), clamped, generation),
                };
                continue;
            }
            let retry_after = crate::retry::retry_after(response.headers(), SystemTime::now);
            let limit = inner.max_response_size;
            return match read_capped(response, limit).await {
                Ok(body) => (
                    Ok(Answer {
                        status,
                        retry_after,
                        body,
                    }),
                    clamped,
                    generation,
                ),
                Err(e) => (Err(e), clamped, generation),
            };
        }
    }

    /// One hop's request, with its timeout: the request's, cut to the time left before
    /// `deadline` at `now` (the `bool`: it was cut).
    fn attempt_request(
        &self,
        url: Url,
        authorization: HeaderValue,
        deadline: Instant,
        now: Instant,
    ) -> Result<(reqwest::Request, bool)> {
        let inner = &self.client.inner;
        let per_attempt = self.options.timeout.unwrap_or(inner.timeout);
        let left = deadline.saturating_duration_since(now);
        let clamped = left < per_attempt;
        // The client's own timeout is the reqwest client's: a request sets one only when it
        // differs (setting it costs three allocations for the request's extensions).
        let timeout = if clamped {
            Some(left.max(Duration::from_millis(1)))
        } else {
            self.options.timeout.filter(|t| *t != inner.timeout)
        };
        Ok((self.build_request(url, authorization, timeout)?, clamped))
    }

    fn redirect_target(&self, from: &Url, headers: &HeaderMap) -> Option<Url> {
        let location = headers.get(LOCATION)?.to_str().ok()?;
        let next = from.join(location).ok()?;
        // Only inside the API on the same origin: the token never goes anywhere else.
        self.client.resolve(next.as_str()).ok()
    }

    /// One attempt's `reqwest::Request`: the caller's headers, then ours (`Accept` unless the
    /// caller set one, `User-Agent`, `Authorization`, the body's `Content-Type` unless the
    /// caller set one), the body and the attempt's timeout (`None`: the client's). Built
    /// directly (no `reqwest::RequestBuilder`, whose headers would be merged into a second
    /// map).
    pub(crate) fn build_request(
        &self,
        url: Url,
        authorization: HeaderValue,
        timeout: Option<Duration>,
    ) -> Result<reqwest::Request> {
        let inner = &self.client.inner;
        let mut headers = if self.options.headers.is_empty() {
            HeaderMap::with_capacity(4)
        } else {
            self.options.headers.clone()
        };
        headers.insert(USER_AGENT, inner.user_agent.clone());
        if !headers.contains_key(ACCEPT) {
            headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        }
        headers.insert(AUTHORIZATION, authorization);
        let body = match &self.body {
            Body::Empty => None,
            Body::Bytes {
                content_type,
                bytes,
            } => {
                if !headers.contains_key(CONTENT_TYPE) {
                    headers.insert(CONTENT_TYPE, content_type.clone());
                }
                Some(reqwest::Body::from(bytes.clone()))
            }
            Body::OneShot(form) => {
                let form = form.lock().unwrap_or_else(|p| p.into_inner()).take();
                let form = form.ok_or_else(|| {
                    Error::config("a reqwest multipart form can be sent once only")
                })?;
                // The form sets its own `Content-Type` (with the boundary).
                let mut builder = inner.http.request(self.method.clone(), url);
                if let Some(timeout) = timeout {
                    builder = builder.timeout(timeout);
                }
                return builder
                    .headers(headers)
                    .multipart(form)
                    .build()
                    .map_err(|_| Error::config("the request cannot be built"));
            }
        };
        let mut request = reqwest::Request::new(self.method.clone(), url);
        *request.headers_mut() = headers;
        *request.body_mut() = body;
        // Only when set: `timeout_mut` creates the request's extensions map.
        if timeout.is_some() {
            *request.timeout_mut() = timeout;
        }
        Ok(request)
    }
}

/// `Bearer <token>` as a sensitive header value.
pub(crate) fn bearer_value(token: &str) -> Result<HeaderValue> {
    let mut value = String::with_capacity(7 + token.len());
    value.push_str("Bearer ");
    value.push_str(token);
    let mut bearer = HeaderValue::try_from(value)
        .map_err(|_| Error::config("the access token is not a valid header value"))?;
    bearer.set_sensitive(true);
    Ok(bearer)
}

/// What [`RequestBuilder::prepare`] makes ready for the attempts (with the URL).
struct Prepared {
    started: Instant,
    deadline: Instant,
    key: Option<String>,
    span: tracing::Span,
}

/// How a call starts ([`RequestBuilder::start`]). Returned, never kept (boxing the request
/// would cost every call an allocation).
#[allow(clippy::large_enum_variant)]
enum Start {
    /// With its first request, sent inline.
    Inline(Prepared, reqwest::Request, FirstAttempt),
    /// In the attempts' loop (with the URL, unless it went into a request that could not be
    /// built).
    Loop(Prepared, Option<Url>),
}

/// The span of one attempt (inside the call's), `resend_count` attempts after the first.
fn attempt_span(resend_count: u32) -> tracing::Span {
    tracing::debug_span!(
        "pokitdok.attempt",
        http.request.resend_count = resend_count,
        http.response.status_code = Empty,
    )
}

/// The first attempt sent inline, made by [`RequestBuilder::first_request`].
struct FirstAttempt {
    /// Its request's timeout was cut to the call's deadline.
    clamped: bool,
    /// The generation of the token its request carries.
    generation: u64,
    /// The attempt's span.
    span: tracing::Span,
}

// Cold and out of line: the inline attempt's common way (a 2xx) stays short.
impl FirstAttempt {
    /// Hands an answer that is not a 2xx to the attempts' loop.
    #[cold]
    #[inline(never)]
    fn answered(self, response: reqwest::Response) -> Box<First> {
        self.into_first(FirstOutcome::Answered(response))
    }

    /// Hands a failure to the attempts' loop.
    #[cold]
    #[inline(never)]
    fn failed(self, e: Error) -> Box<First> {
        self.into_first(FirstOutcome::Failed(e))
    }

    fn into_first(self, outcome: FirstOutcome) -> Box<First> {
        Box::new(First {
            attempt: self,
            outcome,
        })
    }
}

/// The spans' fields of a call whose inline attempt ended it (only when a subscriber wants
/// them), as the attempts' loop records them.
#[cold]
#[inline(never)]
fn record_inline_success(attempt: &tracing::Span, prepared: &Prepared, status: StatusCode) {
    attempt.record("http.response.status_code", status.as_u16());
    let call = &prepared.span;
    call.record("http.request.resend_count", 0);
    call.record("http.response.status_code", status.as_u16());
    call.record(
        "pokitdok.duration_ms",
        prepared.started.elapsed().as_millis() as u64,
    );
}

/// The first attempt, sent inline, handed to the attempts' loop when it did not end the call.
struct First {
    attempt: FirstAttempt,
    outcome: FirstOutcome,
}

enum FirstOutcome {
    /// An answer that is not a 2xx (its body not read yet: it may be a redirect).
    Answered(reqwest::Response),
    /// No answer, or its body could not be read.
    Failed(Error),
}

/// A successful answer's `meta` still to be taken in: the rate-limit counters for the client's
/// limiter, the activity id for the call's span.
struct Answered {
    client: PokitDok,
    span: tracing::Span,
}

impl Answered {
    /// Takes in a `meta` decoded with the answer.
    fn observe(&self, meta: &Meta) {
        self.client.inner.limiter.observe(meta);
        if let Some(id) = &meta.activity_id {
            self.span
                .record("pokitdok.activity_id", tracing::field::display(id));
        }
    }

    /// Takes in the `meta` of the decoded answer, or reads it from the `body` of one that did
    /// not decode.
    fn take_in(&self, meta: Option<&Meta>, body: &[u8]) {
        match meta {
            Some(meta) => self.observe(meta),
            None => self.probe(body),
        }
    }

    /// Reads the `meta` of a body that was not decoded (or did not decode), and takes it in.
    fn probe(&self, body: &[u8]) {
        if let Some(meta) = probe_meta(body) {
            self.observe(&meta);
        }
    }
}

/// The most redirects followed for one GET attempt.
const MAX_REDIRECTS: u32 = 5;
/// Answers larger than this (`ApiResponse<Eligibility>` is about 5.6 KB) are decoded into a
/// box ([`RequestBuilder::send_as`]). The box is above glibc's per-thread cache: its
/// allocation and free cost about 5 K cycles (callgrind's estimate, BENCHMARKS.md), what the
/// five or six copies it saves cost at about 4 KB.
const BOX_ANSWERS_ABOVE: usize = 4096;
/// The longest idempotency key (as Stripe's).
const MAX_IDEMPOTENCY_KEY: usize = 255;
/// Where [`Call::idempotency_key`](crate::Call::idempotency_key) puts the key: this field of the
/// body's `application_data`.
pub(crate) const IDEMPOTENCY_KEY_FIELD: &str = "pokitdok_idempotency_key";
/// Pages of `GET /activities/` searched for an idempotency key.
pub(crate) const LOOKUP_PAGES: u32 = 4;
/// Activities per page of that search.
pub(crate) const LOOKUP_PAGE_SIZE: u32 = 50;
/// The search stops at activities created this long before the submission (platform and
/// client clocks may differ).
const LOOKUP_CLOCK_SKEW: Duration = Duration::from_secs(600);

/// An answer as read: status, `Retry-After`, body.
struct Answer {
    status: StatusCode,
    retry_after: Option<Duration>,
    body: Bytes,
}

/// What the attempts did, for the call's span.
#[derive(Default)]
struct Progress {
    /// Requests sent.
    sends: AtomicU32,
    /// The status of the latest answer (0: none).
    status: AtomicU16,
    /// The latest `meta.activity_id`.
    activity_id: std::sync::Mutex<Option<String>>,
}

impl Progress {
    /// Records the final values on the call's span (once: a subscriber may append rather
    /// than replace).
    fn record(&self, span: &tracing::Span, activity_id: bool) {
        let sends = self.sends.load(Ordering::Relaxed);
        if sends > 0 {
            span.record("http.request.resend_count", sends - 1);
        }
        let status = self.status.load(Ordering::Relaxed);
        if status != 0 {
            span.record("http.response.status_code", status);
        }
        if !activity_id {
            return;
        }
        if let Some(id) = self
            .activity_id
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_deref()
        {
            span.record("pokitdok.activity_id", tracing::field::display(id));
        }
    }
}

/// `now + deadline`, or a far future for a deadline too large to add.
pub(crate) fn deadline_after(now: Instant, deadline: Duration) -> Instant {
    now.checked_add(deadline)
        .unwrap_or_else(|| now + Duration::from_secs(60 * 60 * 24 * 365 * 30))
}

/// Reads a body up to `limit` bytes: refused early by `Content-Length`, and read chunk by
/// chunk up to the limit. A body that arrives in one chunk (the usual answer) is that chunk,
/// not a copy; several are joined into one buffer, sized by `Content-Length` when there is one.
/// (Not reqwest's `bytes()`: its future is about 570 bytes, this one under half of that, and
/// every call's future holds it.)
fn read_capped(
    mut response: reqwest::Response,
    limit: u64,
) -> impl Future<Output = Result<Bytes>> + Send {
    let status = response.status();
    let announced = response.content_length();
    async move {
        if announced.is_some_and(|n| n > limit) {
            return Err(Error::ResponseTooLarge { status, limit });
        }
        let mut first: Option<Bytes> = None;
        let mut rest: Vec<u8> = Vec::new();
        let mut total: u64 = 0;
        loop {
            let chunk = match response.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(e) => return Err(Error::from_reqwest(e)),
            };
            total += chunk.len() as u64;
            if total > limit {
                return Err(Error::ResponseTooLarge { status, limit });
            }
            if first.is_none() && rest.is_empty() {
                first = Some(chunk);
                continue;
            }
            if let Some(f) = first.take() {
                // At most `limit` (checked above), and at least what has come.
                let size = announced.unwrap_or(0).max(total);
                rest.reserve(usize::try_from(size).unwrap_or(usize::MAX));
                rest.extend_from_slice(&f);
            }
            rest.extend_from_slice(&chunk);
        }
        Ok(match first {
            Some(only) => only,
            None => rest.into(),
        })
    }
}

/// The `meta` of an answer, when its body is an object with one (any status). The object is
/// read up to its `meta` only: the rest (the `data`, most of the body, which the decoder reads
/// anyway) is not scanned a second time.
pub(crate) fn probe_meta(body: &[u8]) -> Option<Meta> {
    use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, Visitor};
    #[derive(Deserialize)]
    #[serde(field_identifier, rename_all = "lowercase")]
    enum Key {
        Meta,
        #[serde(other)]
        Other,
    }
    struct Probe<'a>(&'a mut Option<Meta>);
    impl<'de> DeserializeSeed<'de> for Probe<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<Key>()? {
                if let Key::Meta = key {
                    *self.0 = map.next_value()?;
                    // Found: the error only stops the reading.
                    return Err(A::Error::custom("meta read"));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    let mut meta = None;
    let _ = Probe(&mut meta).deserialize(&mut serde_json::Deserializer::from_slice(body));
    meta
}

/// Whether an activity (as listed) carries the idempotency key.
fn carries_key(activity: &Value, key: &str) -> bool {
    let holds = |data: Option<&Value>| {
        data.and_then(|d| d.get(IDEMPOTENCY_KEY_FIELD))
            .and_then(Value::as_str)
            == Some(key)
    };
    holds(activity.get("application_data"))
        || holds(
            activity
                .get("parameters")
                .and_then(|p| p.get("application_data")),
        )
}

/// An activity's `created_date`, parsed (UTC, as the platform writes it).
fn created(activity: &Value) -> Option<chrono::NaiveDateTime> {
    let text = activity.get("created_date")?.as_str()?;
    crate::models::Timestamp::from(text).naive()
}

/// The variant name of an error, for the span's `error.type`.
fn error_type(e: &Error) -> &'static str {
    match e {
        Error::Config { .. } => "Config",
        Error::Auth { .. } => "Auth",
        Error::AuthorizationRequired { .. } => "AuthorizationRequired",
        Error::Unauthorized { .. } => "Unauthorized",
        Error::InsufficientCredits { .. } => "InsufficientCredits",
        Error::RateLimited { .. } => "RateLimited",
        Error::Forbidden { .. } => "Forbidden",
        Error::NotFound { .. } => "NotFound",
        Error::Validation { .. } => "Validation",
        Error::TradingPartner { .. } => "TradingPartner",
        Error::Api { .. } => "Api",
        Error::TooManyRedirects { .. } => "TooManyRedirects",
        Error::Transport { .. } => "Transport",
        Error::Timeout { .. } => "Timeout",
        Error::OutcomeUnknown { .. } => "OutcomeUnknown",
        Error::ResponseTooLarge { .. } => "ResponseTooLarge",
        Error::Decode { .. } => "Decode",
        _ => "Other",
    }
}

/// Path segments of the API's documented paths: kept as they are in a `url.template`. Any
/// other segment, and any segment with a digit, is an id and becomes `{id}`.
const PATH_LITERALS: &[&str] = &[
    "activities",
    "appointments",
    "appointmenttypes",
    "appregistrations",
    "authorizations",
    "batch",
    "canonical",
    "cash",
    "ccd",
    "claims",
    "constants",
    "consumer",
    "convert",
    "cost",
    "coverage",
    "data",
    "drafts",
    "drug",
    "drugcost",
    "eligibility",
    "enrollment",
    "files",
    "find",
    "formulary",
    "generate",
    "hco",
    "history",
    "icd",
    "identity",
    "insurance",
    "insurance-estimate",
    "insurance-load-price",
    "match",
    "match_config",
    "mpc",
    "network",
    "oop",
    "patient",
    "payers",
    "payments",
    "pharmacy",
    "plans",
    "prices",
    "proof",
    "provider",
    "providers",
    "questions",
    "referrals",
    "registration",
    "report",
    "schedule",
    "schedulers",
    "score",
    "slots",
    "snapshot",
    "source",
    "sources",
    "ssl",
    "status",
    "tradingpartners",
    "undelete",
    "valid",
    "validate",
];

/// The path template of a request for traces: the path below the API base with every id
/// replaced by `{id}` (`/activities/{id}`, `/providers/{id}`), never a query.
pub(crate) fn url_template(api_path: &str, path: &str) -> String {
    let below = path
        .strip_prefix(api_path.trim_end_matches('/'))
        .unwrap_or(path);
    let mut out = String::new();
    for segment in below.split('/').skip(1) {
        out.push('/');
        let literal =
            PATH_LITERALS.contains(&segment) && !segment.bytes().any(|b| b.is_ascii_digit());
        if segment.is_empty() || literal {
            out.push_str(segment);
        } else {
            out.push_str("{id}");
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

impl IntoFuture for RequestBuilder {
    type Output = Result<ApiResponse<Value>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A multipart body that can be rebuilt byte for byte, for X12 file uploads.
///
/// `Debug` shows part names and sizes, never contents (X12 files hold PHI).
///
/// ```
/// let form = pokitdok::Multipart::new()
///     .text("trading_partner_id", "MOCKPAYER")
///     .file("file", "claims.837", "application/EDI-X12", b"ISA*00*...~".to_vec());
/// assert!(format!("{form:?}").contains("claims.837"));
/// ```
#[derive(Clone, Default)]
pub struct Multipart {
    parts: Vec<(String, PartKind)>,
}

#[derive(Clone)]
enum PartKind {
    Text(String),
    File {
        filename: String,
        content_type: String,
        bytes: Bytes,
    },
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// Adds a text field.
    #[must_use]
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push((name.into(), PartKind::Text(value.into())));
        self
    }

    /// Adds a file part with its file name (not a path) and content type.
    #[must_use]
    pub fn file(
        mut self,
        name: impl Into<String>,
        filename: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        self.parts.push((
            name.into(),
            PartKind::File {
                filename: filename.into(),
                content_type: content_type.into(),
                bytes: bytes.into(),
            },
        ));
        self
    }

    /// Encodes the form once (RFC 7578), so that a replay sends the very same bytes. Returns
    /// the `Content-Type` (with its boundary) and the body. Part content types are written as
    /// given (`application/EDI-X12`, the spelling the platform documents).
    pub(crate) fn encode(&self) -> (String, Bytes) {
        let boundary = loop {
            let b = random_boundary();
            let clash = self.parts.iter().any(|(name, part)| {
                name.contains(&b)
                    || match part {
                        PartKind::Text(v) => v.contains(&b),
                        PartKind::File {
                            filename, bytes, ..
                        } => {
                            filename.contains(&b)
                                || bytes.windows(b.len()).any(|w| w == b.as_bytes())
                        }
                    }
            });
            if !clash {
                break b;
            }
        };
        let mut out = Vec::new();
        for (name, part) in &self.parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            out.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{}\"", quote(name)).as_bytes(),
            );
            match part {
                PartKind::Text(v) => {
                    out.extend_from_slice(b"\r\n\r\n");
                    out.extend_from_slice(v.as_bytes());
                }
                PartKind::File {
                    filename,
                    content_type,
                    bytes,
                } => {
                    out.extend_from_slice(
                        format!(
                            "; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                            quote(filename),
                            content_type.replace(['\r', '\n'], "")
                        )
                        .as_bytes(),
                    );
                    out.extend_from_slice(bytes);
                }
            }
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (
            format!("multipart/form-data; boundary={boundary}"),
            out.into(),
        )
    }
}

/// Escapes a name or file name for a quoted `Content-Disposition` parameter.
fn quote(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\r', '\n'], " ")
}

/// 32 random hex characters (std's per-instance random hasher keys; no extra dependency).
fn random_boundary() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::from("pokitdok-");
    for i in 0..2u8 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

impl fmt::Debug for Multipart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut l = f.debug_list();
        for (name, part) in &self.parts {
            match part {
                PartKind::Text(v) => l.entry(&format_args!("{name}: <{} chars>", v.len())),
                PartKind::File {
                    filename, bytes, ..
                } => l.entry(&format_args!("{name}: {filename} <{} bytes>", bytes.len())),
            };
        }
        l.finish()
    }
}

/// Characters kept as they are in a path segment: RFC 3986 unreserved.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes an id for use as one path segment, so that `/`, `?`, `#` or `%` in it cannot
/// change the path. Empty ids and the dot segments `.` and `..` are refused.
///
/// ```
/// assert_eq!(pokitdok::path_segment("a/b?c#d").unwrap(), "a%2Fb%3Fc%23d");
/// assert!(pokitdok::path_segment("..").is_err());
/// ```
///
/// # Errors
/// [`Error::Config`] for an empty id or a dot segment.
pub fn path_segment(id: &str) -> Result<String> {
    if id.is_empty() || id == "." || id == ".." {
        return Err(Error::config(
            "an id used in a path must not be empty, `.` or `..`",
        ));
    }
    // `%` itself is encoded, so no spelling of an id can produce `%2e%2e` (which URL parsers
    // treat like `..`).
    Ok(utf8_percent_encode(id, SEGMENT).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// glibc's per-thread cache serves chunks up to 1,032 bytes (requests up to 1,024); a
    /// larger future is allocated and freed through the arena on every call (BENCHMARKS.md,
    /// "Third pass"). The futures a call boxes must stay under it.
    #[test]
    fn every_boxed_future_of_a_call_fits_the_allocators_per_thread_cache() {
        const LIMIT: usize = 1024;
        let pd = crate::PokitDok::builder()
            .client_id("id")
            .client_secret("secret")
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        let typed = pd
            .get("/eligibility/")
            .send_as::<crate::models::eligibility::Eligibility>();
        assert!(
            size_of_val(&typed) <= LIMIT,
            "typed call {}",
            size_of_val(&typed)
        );
        // The eligibility answer takes `send_as`'s boxed branch, so the typed eligibility
        // tests (tests/*.rs) exercise it; smaller answers take the inline one.
        assert!(
            size_of::<ApiResponse<crate::models::eligibility::Eligibility>>() > BOX_ANSWERS_ABOVE
        );
        assert!(size_of::<ApiResponse<serde_json::Value>>() <= BOX_ANSWERS_ABOVE);
        let mut builder = pd.get("/eligibility/");
        let (url, prepared) = builder.prepare().unwrap();
        let mut none = None;
        let attempts = builder.deliver(&prepared, &url, &mut none);
        let attempts_size = size_of_val(&attempts);
        assert!(attempts_size <= LIMIT, "attempts {attempts_size}");
        drop(attempts);
        let auth = HeaderValue::from_static("Bearer x");
        let attempt = builder.send_once(&url, auth, 1, prepared.deadline);
        assert!(
            size_of_val(&attempt) <= LIMIT,
            "one attempt {}",
            size_of_val(&attempt)
        );
    }

    #[test]
    fn templates_replace_every_id_and_keep_the_api_literals() {
        let t = |p: &str| url_template("/api/v4", p);
        assert_eq!(t("/api/v4/activities/"), "/activities/");
        assert_eq!(
            t("/api/v4/activities/5745e9920640fd7aa95935f5"),
            "/activities/{id}"
        );
        assert_eq!(t("/api/v4/providers/1467560003"), "/providers/{id}");
        assert_eq!(
            t("/api/v4/tradingpartners/MOCKPAYER"),
            "/tradingpartners/{id}"
        );
        assert_eq!(
            t("/api/v4/identity/match/alg1/source/Jane%20Doe/canonical"),
            "/identity/match/{id}/source/{id}/canonical"
        );
        assert_eq!(
            t("/api/v4/schedule/appointments/ef987691-0a19"),
            "/schedule/appointments/{id}"
        );
        assert_eq!(
            t("/api/v4/oop/insurance-load-price"),
            "/oop/insurance-load-price"
        );
        assert_eq!(t("/api/v4/icd/convert/250.12"), "/icd/convert/{id}");
        assert_eq!(t("/api/v4"), "/");
        assert_eq!(t("/api/v4/"), "/");
        // A prefix before /api/v4 (a base URL with a path) is stripped too.
        assert_eq!(url_template("/pd/api/v4", "/pd/api/v4/ssl/"), "/ssl/");
    }

    #[test]
    fn only_activity_application_data_is_matched() {
        let a = serde_json::json!({"application_data": {IDEMPOTENCY_KEY_FIELD: "k"}});
        assert!(carries_key(&a, "k"));
        assert!(!carries_key(&a, "other"));
        let p =
            serde_json::json!({"parameters": {"application_data": {IDEMPOTENCY_KEY_FIELD: "k"}}});
        assert!(carries_key(&p, "k"));
        assert!(!carries_key(&serde_json::json!({"id": "k"}), "k"));
    }

    #[test]
    fn meta_is_probed_from_objects_only() {
        assert_eq!(
            probe_meta(br#"{"meta": {"rate_limit_cap": 84}, "data": [1]}"#)
                .and_then(|m| m.rate_limit_cap),
            Some(84)
        );
        assert!(probe_meta(b"[1]").is_none());
        assert!(probe_meta(b"<html>").is_none());
        assert!(probe_meta(br#"{"message": "x"}"#).is_none());
        // After `data`, after other keys, null, not an object.
        let late =
            br#"{"data": {"meta": {"rate_limit_cap": 1}}, "x": [], "meta": {"rate_limit_cap": 7}}"#;
        assert_eq!(probe_meta(late).and_then(|m| m.rate_limit_cap), Some(7));
        assert!(probe_meta(br#"{"meta": null, "data": 1}"#).is_none());
        assert!(probe_meta(br#"{"meta": [1], "data": 1}"#).is_none());
        // Read up to `meta` only: what follows it is not looked at.
        let cut = br#"{"meta": {"rate_limit_cap": 9}, "data": {"trunc"#;
        assert_eq!(probe_meta(cut).and_then(|m| m.rate_limit_cap), Some(9));
    }
}
