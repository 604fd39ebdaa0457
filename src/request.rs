//! [`RequestBuilder`]: one API request, built up and then sent (or awaited directly).

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION, USER_AGENT,
};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tracing::Instrument;
use url::Url;

use crate::client::PokitDok;
use crate::error::{Error, Result};
use crate::response::{ApiResponse, classify};

const MAX_REDIRECTS: u32 = 5;

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
    error: Option<Error>,
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
}

enum Body {
    Empty,
    Bytes {
        content_type: HeaderValue,
        bytes: Bytes,
    },
    /// A reqwest form can be sent only once.
    OneShot(Option<reqwest::multipart::Form>),
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
        }
    }

    /// Records an argument error, reported when the request is sent (the first one wins).
    pub(crate) fn fail(mut self, e: Error) -> Self {
        self.error.get_or_insert(e);
        self
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
        self.body = Body::OneShot(Some(form));
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

    /// Timeout for this request, overriding the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Sends the request; the payload stays untyped JSON.
    ///
    /// # Errors
    /// Any non-2xx answer as its typed [`Error`] variant; transport failures and timeouts.
    pub async fn send(self) -> Result<ApiResponse<Value>> {
        self.send_as::<Value>().await
    }

    /// Sends the request and decodes `data` into `T`.
    ///
    /// # Errors
    /// As [`RequestBuilder::send`], plus [`Error::Decode`] with the JSON path of the value that
    /// does not fit `T`.
    pub async fn send_as<T: DeserializeOwned>(self) -> Result<ApiResponse<T>> {
        let (status, body) = self.execute().await?;
        classify(status, body)
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

    async fn execute(mut self) -> Result<(StatusCode, Bytes)> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
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
        let span = tracing::debug_span!(
            "pokitdok.request",
            method = %self.method,
            path = %url.path(),
            status = tracing::field::Empty,
        );
        async move {
            let client = self.client.clone();
            let auth = &client.inner.auth;
            let mut replayed = false;
            loop {
                let cached = auth.bearer().await?;
                let (status, body) = self.send_once(&url, cached.token.access_token()).await?;
                if status == StatusCode::UNAUTHORIZED {
                    auth.invalidate(cached.generation);
                    if !replayed && auth.auto_refresh() && self.body.replayable() {
                        replayed = true;
                        tracing::debug!("401: refreshing the token and replaying once");
                        continue;
                    }
                }
                tracing::Span::current().record("status", status.as_u16());
                return Ok((status, body));
            }
        }
        .instrument(span)
        .await
    }

    /// One attempt, following same-origin redirects inside the API for GET only.
    async fn send_once(&mut self, url: &Url, token: &str) -> Result<(StatusCode, Bytes)> {
        let mut url = url.clone();
        let mut redirects = 0;
        loop {
            let request = self.build_request(&url, token)?;
            let response = self
                .client
                .inner
                .http
                .execute(request)
                .await
                .map_err(Error::from_reqwest)?;
            let status = response.status();
            if status.is_redirection()
                && self.method == Method::GET
                && let Some(next) = self.redirect_target(&url, response.headers())
            {
                if redirects == MAX_REDIRECTS {
                    return Err(Error::TooManyRedirects { redirects, status });
                }
                redirects += 1;
                url = next;
                continue;
            }
            let body = response.bytes().await.map_err(Error::from_reqwest)?;
            return Ok((status, body));
        }
    }

    fn redirect_target(&self, from: &Url, headers: &HeaderMap) -> Option<Url> {
        let location = headers.get(LOCATION)?.to_str().ok()?;
        let next = from.join(location).ok()?;
        // Only inside the API on the same origin: the token never goes anywhere else.
        self.client.resolve(next.as_str()).ok()
    }

    fn build_request(&mut self, url: &Url, token: &str) -> Result<reqwest::Request> {
        let inner = &self.client.inner;
        let mut builder = inner
            .http
            .request(self.method.clone(), url.clone())
            .timeout(self.options.timeout.unwrap_or(inner.timeout));
        let mut headers = self.options.headers.clone();
        headers.insert(USER_AGENT, inner.user_agent.clone());
        if !headers.contains_key(ACCEPT) {
            headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        }
        let mut bearer = HeaderValue::from_str(&format!("Bearer {token}"))
            .map_err(|_| Error::config("the access token is not a valid header value"))?;
        bearer.set_sensitive(true);
        headers.insert(AUTHORIZATION, bearer);
        match &mut self.body {
            Body::Empty => {}
            Body::Bytes {
                content_type,
                bytes,
            } => {
                if !headers.contains_key(CONTENT_TYPE) {
                    headers.insert(CONTENT_TYPE, content_type.clone());
                }
                builder = builder.body(bytes.clone());
            }
            Body::OneShot(form) => {
                let form = form.take().ok_or_else(|| {
                    Error::config("a reqwest multipart form can be sent once only")
                })?;
                builder = builder.multipart(form);
            }
        }
        builder
            .headers(headers)
            .build()
            .map_err(|_| Error::config("the request cannot be built"))
    }
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
