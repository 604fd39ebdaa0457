//! Entry points for this crate's own benchmarks (`benches/`), which can reach only the public
//! API: the client's decoding of an answer, the building of a request, the token fast path.
//! Hidden from the documentation; not part of the API and not covered by semver.

use bytes::Bytes;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::client::PokitDok;
use crate::error::Result;
use crate::request::RequestBuilder;
use crate::response::ApiResponse;

/// What the client does with a 200 answer's body: decodes the envelope with `data` as `T`
/// (the rate-limit counters are then taken from the decoded `meta`).
pub fn decode<T: DeserializeOwned>(body: Bytes) -> Result<ApiResponse<T>> {
    crate::response::classify(StatusCode::OK, &body)
}

/// What the generic call (`pd.get(path).send()`) does with a 200 answer's body: [`decode`]
/// with `data` as a `serde_json::Value`, by its own one-pass decoder.
pub fn decode_value(body: Bytes) -> Result<ApiResponse<serde_json::Value>> {
    crate::response::classify_value(StatusCode::OK, &body)
}

/// What the client does to build one attempt of `request` (`pd.get(path)`, `pd.post(path)
/// .json(&body)` ...): the path resolved, its trace template, the `reqwest::Request` with the
/// headers, the bearer `token` and the per-attempt timeout. Nothing is sent.
pub fn build_request(request: RequestBuilder, token: &str) -> Result<reqwest::Request> {
    let pd = request.client().clone();
    let url = pd.resolve(request.path())?;
    std::hint::black_box(crate::request::url_template(&pd.inner.api_path, url.path()));
    request.build_request(url, crate::request::bearer_value(token)?, None)
}

/// The token step of every attempt: a usable token (the cached one on the fast path).
pub async fn bearer(pd: &PokitDok) -> Result<()> {
    let far = tokio::time::Instant::now() + std::time::Duration::from_secs(3600);
    pd.inner.auth.bearer_until(far).await.map(drop)
}
