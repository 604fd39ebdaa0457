//! [`Call`]: what every typed method returns — one request, ready to be adjusted and awaited.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use crate::client::PokitDok;
use crate::error::Result;
use crate::models::activities::Activity;
use crate::request::RequestBuilder;
use crate::response::ApiResponse;
use crate::retry::RetryPolicy;

/// The future a [`Call`] becomes when awaited.
pub(crate) type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

type Finish<T> = Box<dyn FnOnce(RequestBuilder) -> BoxFuture<Result<T>> + Send + 'static>;

/// One typed API call: the request a typed method built, and how its answer becomes `T`.
///
/// Every typed method of [`PokitDok`] returns a `Call` (`pd.eligibility(&req)`,
/// `pd.activities(&q)`, `pd.provider(npi)` ...). Nothing is sent until it is awaited; before
/// that, per-request options can be set: [`timeout`](Call::timeout), [`header`](Call::header),
/// or anything else the generic [`RequestBuilder`] offers through
/// [`customize`](Call::customize). `T` is the whole output: `ApiResponse<Eligibility>`,
/// `Page<Activity>`, `String` for raw X12, ...
///
/// Errors in the arguments (an id that cannot be a path segment, a body that cannot be
/// serialized, an asynchronous request given to a real-time method) are reported when the call
/// is awaited, before anything is sent.
///
/// For collections ([`Page`](crate::Page)), the headers and timeout set on the call also apply to
/// the pages that [`Page::next_page`](crate::Page::next_page) and
/// [`Page::stream`](crate::Page::stream) fetch later.
///
/// `Debug` shows the request's method, path, header names and body size, never a body or a
/// query value (patient data).
///
/// ```no_run
/// # async fn run(pd: pokitdok::PokitDok, claim: pokitdok::models::claims::ClaimRequest) -> pokitdok::Result<()> {
/// use std::time::Duration;
///
/// let activity = pd
///     .claims(&claim)
///     .timeout(Duration::from_secs(20))
///     .header("x-trace", "1")
///     .await?
///     .data;
/// println!("claim activity {:?}", activity.id);
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<T> {
    request: RequestBuilder,
    finish: Finish<T>,
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static> Call<T> {
    /// A call that sends `request` with `finish`, which turns the request (after the caller's
    /// adjustments) into the output.
    pub(crate) fn new<F, Fut>(request: RequestBuilder, finish: F) -> Self
    where
        F: FnOnce(RequestBuilder) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T>> + Send + 'static,
    {
        Call {
            request,
            finish: Box::new(move |r| Box::pin(finish(r))),
        }
    }

    /// Timeout for this call, overriding the client's
    /// ([`PokitDokBuilder::timeout`](crate::PokitDokBuilder::timeout)).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let partners = pd
    ///     .trading_partners()
    ///     .timeout(std::time::Duration::from_secs(5))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request = self.request.timeout(timeout);
        self
    }

    /// Adds a header to this call. An invalid name or value is reported when the call is
    /// awaited ([`Error::Config`](crate::Error::Config)).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let a = pd.activity("5745e9920640fd7aa95935f5").header("x-request-id", "abc-123").await?;
    /// # Ok(()) }
    /// ```
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        K: TryInto<HeaderName>,
        V: TryInto<HeaderValue>,
    {
        self.request = self.request.header(name, value);
        self
    }

    /// The retry policy for this call, overriding the client's
    /// ([`PokitDokBuilder::retry`](crate::PokitDokBuilder::retry)); see [`RetryPolicy`] for what
    /// is retried.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use std::time::Duration;
    /// use pokitdok::RetryPolicy;
    ///
    /// let partners = pd
    ///     .trading_partners()
    ///     .retry(RetryPolicy::default().max_attempts(5).deadline(Duration::from_secs(30)))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.request = self.request.retry(policy);
        self
    }

    /// Retries this POST like a GET (after timeouts, resets, 502/503/504), for requests the
    /// caller knows are safe to process twice; see
    /// [`RequestBuilder::retry_unsafe`]. Never use it for claims, enrollments or uploads:
    /// use [`Call::idempotency_key`] for those.
    pub fn retry_unsafe(mut self) -> Self {
        self.request = self.request.retry_unsafe();
        self
    }

    /// Adjusts the underlying [`RequestBuilder`]: extra query parameters, headers, a timeout
    /// ... The typed method's own body and decoding stay as they are (an upload's body is set
    /// after this runs).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::data::ProvidersQuery;
    ///
    /// let page = pd
    ///     .providers(&ProvidersQuery::default().zipcode("29307"))
    ///     .customize(|r| r.query(&[("sort", "distance")]).header("x-trace", "1"))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn customize(mut self, f: impl FnOnce(RequestBuilder) -> RequestBuilder) -> Self {
        self.request = f(self.request);
        self
    }
}

impl<T: DeserializeOwned + Send + 'static> Call<ApiResponse<T>> {
    /// A call whose `data` decodes into `T`.
    pub(crate) fn data(request: RequestBuilder) -> Self {
        Call::new(request, RequestBuilder::send_as::<T>)
    }
}

impl Call<ApiResponse<Activity>> {
    /// Submits at most once per key, even when the outcome of a submission is unknown: the
    /// idempotency the platform does not offer (claims, enrollments, queued eligibility ...,
    /// every call whose answer is an [`Activity`] and whose body is JSON).
    ///
    /// The key goes into the body's `application_data` as `pokitdok_idempotency_key` (an
    /// `application_data` object is created when the request has none; a value already under
    /// that name is replaced); the platform stores `application_data` on the activity and
    /// lists it with it. When the submission ends in [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown)
    /// (a timeout after the body was sent, a reset, a 5xx), the client looks through the
    /// newest activities (`GET /activities/`, newest first: up to 4 pages of 50, stopping at
    /// activities created 10 minutes before the submission) for the one carrying the key:
    ///
    /// - found: the call succeeds with that activity (and the lookup's `meta`), without a
    ///   second submission;
    /// - not found: the platform did not record the submission, so it is sent once more, with
    ///   the same key (so that a later lookup finds whichever copy exists); if that one's
    ///   outcome is unknown too, the call fails with `OutcomeUnknown`;
    /// - the lookup fails (a timeout, a refusal): the call fails with the first
    ///   `OutcomeUnknown`; nothing is resent.
    ///
    /// All of it runs inside the call's deadline. Use the same key when the caller itself
    /// resubmits later (after an `OutcomeUnknown`): keep it with the claim, e.g. your own
    /// claim id.
    ///
    /// **The window in which this is exact**: the lookup sees an activity once the platform
    /// lists it. A submission still in flight inside the platform when the lookup runs (the
    /// platform received it but has not created the activity yet) is not seen, and the second
    /// submission can then duplicate it; so can a lookup that cannot see far enough back (more
    /// than 200 newer activities of the application, or a platform clock more than
    /// 10 minutes behind). The key is checked on this client's lookups only: the platform
    /// itself does not refuse a second activity with the same key, and a key reused for a
    /// different claim is matched to the earlier one. Within those limits a key yields one
    /// activity.
    ///
    /// The key must be 1 to 255 printable ASCII characters ([`Error::Config`](crate::Error::Config)
    /// when awaited otherwise, or for a request without a JSON object body). It is used by
    /// this call only.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, claim: pokitdok::models::claims::ClaimRequest) -> pokitdok::Result<()> {
    /// let activity = pd
    ///     .claims(&claim)
    ///     .idempotency_key("claim-2024-000123")
    ///     .await?
    ///     .data;
    /// println!("claim activity {:?}", activity.id);
    /// # Ok(()) }
    /// ```
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.request = self.request.idempotency_key(key.into());
        self
    }
}

impl Call<String> {
    /// A call whose answer is text (raw X12).
    pub(crate) fn text(request: RequestBuilder) -> Self {
        Call::new(request, RequestBuilder::send_text)
    }
}

impl<T: Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T>;
    type IntoFuture = BoxFuture<Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        (self.finish)(self.request)
    }
}

impl PokitDok {
    /// A request to a path that may have failed to build (an id that is not a path segment):
    /// the error is then reported when the request is sent.
    pub(crate) fn request_at(&self, method: Method, path: Result<String>) -> RequestBuilder {
        match path {
            Ok(p) => self.request(p, method),
            Err(e) => self.request(String::new(), method).fail(e),
        }
    }
}
