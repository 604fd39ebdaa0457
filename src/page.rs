//! [`Page`]: one page of a collection, with navigation to the next.

use std::collections::VecDeque;
use std::fmt;

use futures_util::Stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use reqwest::Method;

use crate::call::Call;
use crate::client::PokitDok;
use crate::error::Result;
use crate::request::{RequestBuilder, RequestOptions};
use crate::response::{ApiResponse, Meta};

/// One page of a collection: the same envelope as every response (`meta` and `data`), plus the
/// way to the next page.
///
/// [`Page::next_page`] follows `meta.next`, or, when the platform sends none, advances
/// `offset` by the `limit` the request used while pages come back full. [`Page::stream`] yields
/// every item across pages and stops on a page without a next one or an empty page.
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
    /// The `meta.next` URL that produced this page, to stop a server that links a page to
    /// itself.
    followed: Option<String>,
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
    /// following pages need.
    pub(crate) async fn fetch(
        request: RequestBuilder,
        client: PokitDok,
        pairs: Vec<(String, String)>,
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
        let cursor = Cursor {
            client,
            path: request.path().to_owned(),
            query: rest,
            extra_query: request.raw_query().to_vec(),
            options: request.options().clone(),
            limit,
            offset,
            followed: None,
        };
        let r = request.query(&q).send_as::<Vec<T>>().await?;
        Ok(Page {
            meta: r.meta,
            data: r.data,
            cursor: Some(cursor),
        })
    }

    /// Whether [`Page::next_page`] would fetch anything.
    pub fn has_next(&self) -> bool {
        nav_has_next(&self.meta, self.cursor.as_ref(), self.data.len())
    }

    /// The next page, or `None` after the last one.
    ///
    /// # Errors
    /// As for any request; a `meta.next` URL outside the API base is refused.
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
    if let Some(next) = meta.next.as_deref().filter(|n| !n.is_empty()) {
        if c.followed.as_deref() == Some(next) {
            return Ok(None);
        }
        let r = c.request(next).send_as::<Vec<T>>().await?;
        // Keep offset bookkeeping in step in case a later page omits `next`.
        return Ok(Some(Page {
            meta: r.meta,
            data: r.data,
            cursor: Some(Cursor {
                offset: c.offset + len as u64,
                followed: Some(next.to_owned()),
                ..c.clone()
            }),
        }));
    }
    let limit = c.limit.unwrap_or(len as u64);
    let mut q = c.query.clone();
    q.push(("limit".into(), limit.to_string()));
    q.push(("offset".into(), (c.offset + limit).to_string()));
    let request = c.request(&c.path).with_raw_query(&c.extra_query);
    Page::fetch(request, c.client.clone(), q).await.map(Some)
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
        Call::new(request, move |r| Page::fetch(r, client, pairs))
    }
}

fn query_pairs(query: &(impl Serialize + ?Sized)) -> Result<Vec<(String, String)>> {
    let bad = || crate::Error::config("the query parameters cannot be URL-encoded");
    let encoded = serde_urlencoded::to_string(query).map_err(|_| bad())?;
    serde_urlencoded::from_str(&encoded).map_err(|_| bad())
}
