//! [`Page`]: one page of a collection, with navigation to the next.

use std::collections::VecDeque;
use std::fmt;
use std::hash::Hasher;
use std::sync::Arc;

use futures_util::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use reqwest::Method;

use crate::call::Call;
use crate::client::PokitDok;
use crate::error::{Error, PaginationStop, Result};
use crate::request::{RequestBuilder, RequestOptions};
use crate::response::{ApiResponse, Meta, classify_page};

/// One page of a collection: the same envelope as every response (`meta` and `data`), plus the
/// way to the next page.
///
/// [`Page::next_page`] follows `meta.next`, or, when the platform sends none, advances
/// `offset` by the `limit` the request used while pages come back full. [`Page::stream`] yields
/// every item across pages and stops on a page without a next one or an empty page.
///
/// # Paging always ends
///
/// Paging ends quietly (`None`, the end of the stream) when the collection is complete: no
/// `meta.next` and a short page, an empty page, or as many items as `meta.result_count` (read
/// as the size of the whole collection) counted from the first page's `offset`.
///
/// It ends with [`Error::Pagination`] (the last item of a stream) when going on would never end,
/// so that a truncated listing is never mistaken for a complete one:
/// - [`PaginationStop::Cycle`]: `meta.next` names a URL already followed from the first page
///   (A -> B -> A, or a page linking to itself); it is not requested again;
/// - [`PaginationStop::RepeatedPage`]: a page arrives whose `data` is byte for byte that of an
///   earlier page (a server that ignores `offset`);
/// - [`PaginationStop::TooManyPages`]: [`Page::MAX_PAGES`] pages were fetched.
///
/// The items received before the error are genuine. To keep them, read the stream item by item
/// (`try_collect` drops them when it meets the error).
///
/// ```no_run
/// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
/// use futures_util::TryStreamExt;
///
/// let first = pd.page::<serde_json::Value>("/tradingpartners/", &[("limit", "20")]).await?;
/// println!("{} on the first page", first.data.len());
/// let all: Vec<serde_json::Value> = first.stream().try_collect().await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Serialize, Deserialize)]
pub struct Page<T> {
    /// Request metadata (`next`, `previous`, `result_count`, ...).
    #[serde(default, skip_serializing_if = "Meta::is_empty")]
    pub meta: Meta,
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    #[serde(skip)]
    cursor: Option<Cursor>,
}

#[derive(Clone)]
struct Cursor {
    client: PokitDok,
    path: String,
    /// The query as pairs, with `limit`/`offset` pulled out.
    query: Vec<(String, String)>,
    /// Query parts added to the first request by other means ([`Call::customize`]), sent again
    /// with every following page.
    extra_query: Vec<String>,
    /// The headers and timeout of the first request, used for every following page.
    options: RequestOptions,
    limit: Option<u64>,
    offset: u64,
    /// The pages of this chain up to this one, to stop a server that links back to a page or
    /// sends one again.
    history: History,
}

/// The pages of a chain, newest first: an immutable shared list, so that every page (and every
/// clone of it) keeps its own past without copying it, and [`Page::next_page`] can be called on
/// any page any number of times.
#[derive(Clone, Default)]
struct History(Option<Arc<Visit>>);

struct Visit {
    /// Hash of the `meta.next` URL followed to reach this page (none for the first page and
    /// for offset navigation).
    url: Option<u64>,
    /// Hash of the page's raw `data` bytes.
    data: u64,
    /// Pages of the chain up to and including this one.
    pages: u32,
    prev: History,
}

impl History {
    fn pages(&self) -> u32 {
        self.0.as_ref().map_or(0, |v| v.pages)
    }

    fn visits(&self) -> impl Iterator<Item = &Visit> {
        std::iter::successors(self.0.as_deref(), |v| v.prev.0.as_deref())
    }

    fn followed(&self, url: u64) -> bool {
        self.visits().any(|v| v.url == Some(url))
    }

    fn received(&self, data: u64) -> bool {
        self.visits().any(|v| v.data == data)
    }

    fn push(&self, url: Option<u64>, data: u64) -> History {
        History(Some(Arc::new(Visit {
            url,
            data,
            pages: self.pages().saturating_add(1),
            prev: self.clone(),
        })))
    }
}

impl Drop for History {
    // One node at a time: the default recursive drop of a list of `MAX_PAGES` nodes could
    // overflow a small stack.
    fn drop(&mut self) {
        let mut next = self.0.take();
        while let Some(node) = next {
            next = match Arc::try_unwrap(node) {
                Ok(mut visit) => visit.prev.0.take(),
                Err(_) => None,
            };
        }
    }
}

fn url_hash(url: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    h.write(url.as_bytes());
    h.finish()
}

fn stopped(reason: PaginationStop, pages: u32) -> Error {
    Error::Pagination { reason, pages }
}

impl Cursor {
    /// A GET for this collection with the first request's headers, timeout and extra query.
    fn request(&self, path: &str) -> RequestBuilder {
        self.client.get(path).with_options(self.options.clone())
    }
}

// As for `ApiResponse`: untyped items (`Value`) are shown as their shape, typed models through
// their own (redacted) `Debug`; `meta.next` without its query values.
impl<T: fmt::Debug + 'static> fmt::Debug for Page<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Page")
            .field("meta", &self.meta)
            .field("data", &crate::redact::data(&self.data))
            .finish_non_exhaustive()
    }
}

impl<T: PartialEq> PartialEq for Page<T> {
    fn eq(&self, other: &Self) -> bool {
        self.meta == other.meta && self.data == other.data
    }
}

impl<T> Page<T> {
    /// The most pages one chain fetches, the first one included: [`Page::next_page`] on the
    /// last of them, and a [`Page::stream`] that gets there, return [`Error::Pagination`] with
    /// [`PaginationStop::TooManyPages`]. At the platform's rate limit (84 requests a minute)
    /// this is about two hours of paging; a larger collection is better read in slices of a
    /// narrower query.
    pub const MAX_PAGES: u32 = 10_000;

    /// A page built by hand (no navigation).
    pub fn new(meta: Meta, data: Vec<T>) -> Self {
        Page {
            meta,
            data,
            cursor: None,
        }
    }

    /// The page as a plain response.
    pub fn into_response(self) -> ApiResponse<Vec<T>> {
        ApiResponse::new(self.meta, self.data)
    }
}

impl<T: DeserializeOwned + Send + 'static> Page<T> {
    /// Sends `request` (a GET of the collection) with the query `pairs`, keeping what the
    /// following pages need. `history` holds the pages before this one (none for the first).
    async fn fetch(
        request: RequestBuilder,
        client: PokitDok,
        pairs: Vec<(String, String)>,
        history: History,
    ) -> Result<Page<T>> {
        let mut limit: Option<u64> = None;
        let mut offset: u64 = 0;
        let mut rest = Vec::new();
        // `limit`/`offset` drive navigation when they are numbers; anything else is sent as
        // given (never dropped) and the page simply has no offset navigation.
        for (k, v) in pairs {
            match (k.as_str(), v.parse::<u64>()) {
                ("limit", Ok(n)) => limit = Some(n),
                ("offset", Ok(n)) => offset = n,
                _ => rest.push((k, v)),
            }
        }
        let mut q = rest.clone();
        if let Some(l) = limit {
            q.push(("limit".into(), l.to_string()));
        }
        if offset > 0 {
            q.push(("offset".into(), offset.to_string()));
        }
        let path = request.path().to_owned();
        let extra_query = request.raw_query().to_vec();
        let options = request.options().clone();
        let (status, body) = request.query(&q).send_raw().await?;
        let (r, data) = classify_page::<T>(status, body)?;
        if !r.data.is_empty() && history.received(data) {
            return Err(stopped(
                PaginationStop::RepeatedPage,
                history.pages().saturating_add(1),
            ));
        }
        Ok(Page {
            meta: r.meta,
            data: r.data,
            cursor: Some(Cursor {
                client,
                path,
                query: rest,
                extra_query,
                options,
                limit,
                offset,
                history: history.push(None, data),
            }),
        })
    }

    /// Whether [`Page::next_page`] would do anything: fetch the next page, or report with
    /// [`Error::Pagination`] why it will not.
    pub fn has_next(&self) -> bool {
        nav_has_next(&self.meta, self.cursor.as_ref(), self.data.len())
    }

    /// The next page, or `None` after the last one (see [Paging always ends](Page#paging-always-ends)).
    ///
    /// # Errors
    /// As for any request; a `meta.next` URL outside the API base is refused;
    /// [`Error::Pagination`] when `meta.next` leads back to a page of this chain, the server
    /// sends a page of this chain again, or [`Page::MAX_PAGES`] is reached.
    pub async fn next_page(&self) -> Result<Option<Page<T>>> {
        next_after(&self.meta, self.cursor.as_ref(), self.data.len()).await
    }

    /// Every item of this page and the following ones. Items of a page are yielded before the
    /// next page is requested.
    pub fn stream(self) -> impl Stream<Item = Result<T>> + Send + 'static {
        let len = self.data.len();
        let nav = Some((self.meta, self.cursor, len));
        let buffer: VecDeque<T> = self.data.into();
        futures_util::stream::try_unfold((nav, buffer), |(mut nav, mut buffer)| async move {
            loop {
                if let Some(item) = buffer.pop_front() {
                    return Ok(Some((item, (nav, buffer))));
                }
                let Some((meta, cursor, len)) = nav.take() else {
                    return Ok(None);
                };
                let Some(next) = next_after::<T>(&meta, cursor.as_ref(), len).await? else {
                    return Ok(None);
                };
                if next.data.is_empty() {
                    return Ok(None);
                }
                nav = Some((next.meta, next.cursor, next.data.len()));
                buffer = next.data.into();
            }
        })
    }
}

fn nav_has_next(meta: &Meta, cursor: Option<&Cursor>, len: usize) -> bool {
    let Some(c) = cursor else { return false };
    if len == 0 {
        return false;
    }
    // As many items as the collection has, counted from the first page's offset.
    let seen = c.offset.saturating_add(len as u64);
    if meta
        .result_count
        .and_then(|n| u64::try_from(n).ok())
        .is_some_and(|total| seen >= total)
    {
        return false;
    }
    if meta.next.as_deref().is_some_and(|n| !n.is_empty()) {
        return true;
    }
    c.limit.is_some_and(|l| l > 0 && len as u64 >= l)
}

async fn next_after<T: DeserializeOwned + Send + 'static>(
    meta: &Meta,
    cursor: Option<&Cursor>,
    len: usize,
) -> Result<Option<Page<T>>> {
    if !nav_has_next(meta, cursor, len) {
        return Ok(None);
    }
    let Some(c) = cursor else { return Ok(None) };
    let pages = c.history.pages();
    if pages >= Page::<T>::MAX_PAGES {
        return Err(stopped(PaginationStop::TooManyPages, pages));
    }
    if let Some(next) = meta.next.as_deref().filter(|n| !n.is_empty()) {
        let url = url_hash(next);
        if c.history.followed(url) {
            return Err(stopped(PaginationStop::Cycle, pages));
        }
        let (status, body) = c.request(next).send_raw().await?;
        let (r, data) = classify_page::<T>(status, body)?;
        if !r.data.is_empty() && c.history.received(data) {
            return Err(stopped(
                PaginationStop::RepeatedPage,
                pages.saturating_add(1),
            ));
        }
        // Keep offset bookkeeping in step in case a later page omits `next`.
        return Ok(Some(Page {
            meta: r.meta,
            data: r.data,
            cursor: Some(Cursor {
                offset: c.offset.saturating_add(len as u64),
                history: c.history.push(Some(url), data),
                ..c.clone()
            }),
        }));
    }
    let limit = c.limit.unwrap_or(len as u64);
    let mut q = c.query.clone();
    q.push(("limit".into(), limit.to_string()));
    q.push(("offset".into(), c.offset.saturating_add(limit).to_string()));
    let request = c.request(&c.path).with_raw_query(&c.extra_query);
    Page::fetch(request, c.client.clone(), q, c.history.clone())
        .await
        .map(Some)
}

impl PokitDok {
    /// GETs a collection as a [`Page`] of `T`, from a path and query parameters (which may
    /// include `limit` and `offset`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let page = pd
    ///     .page::<serde_json::Value>("/activities/", &[("limit", "5")])
    ///     .header("x-trace", "1") // also sent for the pages next_page() fetches
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request; [`Error::Config`](crate::Error::Config) (when awaited) for a query
    /// that cannot be URL-encoded as flat pairs.
    pub fn page<T: DeserializeOwned + Send + 'static>(
        &self,
        path: &str,
        query: &(impl Serialize + ?Sized),
    ) -> Call<Page<T>> {
        self.page_at(Ok(path.to_owned()), query)
    }

    /// [`PokitDok::page`] for a path that may have failed to build.
    pub(crate) fn page_at<T: DeserializeOwned + Send + 'static>(
        &self,
        path: Result<String>,
        query: &(impl Serialize + ?Sized),
    ) -> Call<Page<T>> {
        let mut request = self.request_at(Method::GET, path);
        let pairs = match query_pairs(query) {
            Ok(p) => p,
            Err(e) => {
                request = request.fail(e);
                Vec::new()
            }
        };
        let client = self.clone();
        Call::new(request, move |r| {
            Page::fetch(r, client, pairs, History::default())
        })
    }
}

fn query_pairs(query: &(impl Serialize + ?Sized)) -> Result<Vec<(String, String)>> {
    let bad = || crate::Error::config("the query parameters cannot be URL-encoded");
    let encoded = serde_urlencoded::to_string(query).map_err(|_| bad())?;
    serde_urlencoded::from_str(&encoded).map_err(|_| bad())
}
