//! Parsing the activity the platform POSTs to a `callback_url`, and checking the HTTP Basic
//! credentials it can send with it.
//!
//! When a request is made with `"async": true` and a `callback_url` (claims always are
//! asynchronous), the platform POSTs the activity — the same JSON as
//! [`PokitDok::activity`](crate::PokitDok::activity) returns — to that HTTPS URL when the trading
//! partner answers. Claims may receive several callbacks: one for the acknowledgement and one
//! when the 835 payment arrives; the newest response is always the activity's `result`.
//!
//! Callbacks can be protected with HTTP Basic credentials configured in the PokitDok dashboard.
//! Check them with [`verify_basic_auth`] (a constant-time comparison) before trusting the body,
//! and answer with a 2xx quickly.
//!
//! ```no_run
//! use pokitdok::callback;
//! use pokitdok::models::claims::{ClaimAcknowledgement, ClaimPayment};
//!
//! /// Call this from your HTTP handler (axum, hyper, actix ...) with the `Authorization` header
//! /// and the raw body; answer with the returned status code.
//! fn on_callback(authorization: Option<&str>, body: &[u8]) -> u16 {
//!     let user = std::env::var("CALLBACK_USER").unwrap_or_default();
//!     let password = std::env::var("CALLBACK_PASSWORD").unwrap_or_default();
//!     if !callback::verify_basic_auth(authorization, &user, &password) {
//!         return 401;
//!     }
//!     let activity = match callback::parse(body) {
//!         Ok(a) => a,
//!         Err(_) => return 400,
//!     };
//!     if activity.name.as_deref() == Some("claims") {
//!         if let Ok(Some(payment)) = activity.result_as::<ClaimPayment>() {
//!             if !payment.claim_payments.is_empty() {
//!                 println!("payment for claim activity {:?}", activity.id);
//!                 return 200;
//!             }
//!         }
//!         if let Ok(Some(ack)) = activity.result_as::<ClaimAcknowledgement>() {
//!             println!("acknowledged by {:?}", ack.trading_partner_id);
//!         }
//!     }
//!     200
//! }
//!
//! // In axum, for instance:
//! // async fn handler(headers: HeaderMap, body: Bytes) -> StatusCode {
//! //     let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
//! //     StatusCode::from_u16(on_callback(auth, &body)).unwrap()
//! // }
//! ```

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;
use subtle::ConstantTimeEq;

use crate::models::activities::Activity;
use crate::{Error, RawBody, Result};

/// Parses a callback body: the activity JSON, bare or wrapped in a `{meta, data}` envelope.
///
/// ```
/// let body = br#"{"id": "574749250640fd22d719e13f", "name": "claims",
///                 "state": {"name": "completed", "title": "Completed"}}"#;
/// let activity = pokitdok::callback::parse(body).unwrap();
/// assert!(activity.is_finished());
/// ```
///
/// # Errors
/// [`Error::Decode`] (status 200, no body kept) when the body is not JSON or not an activity.
pub fn parse(body: &[u8]) -> Result<Activity> {
    let decode_error = |path: String, kind: &str| Error::Decode {
        status: reqwest::StatusCode::OK,
        path,
        kind: kind.to_owned(),
        body: RawBody::default(),
    };
    let json: Value =
        serde_json::from_slice(body).map_err(|_| decode_error(".".to_owned(), "invalid JSON"))?;
    let (activity, prefix) = match json {
        Value::Object(mut map)
            if map.get("data").is_some_and(Value::is_object)
                && !map.contains_key("id")
                && !map.contains_key("state") =>
        {
            (map.remove("data").unwrap_or(Value::Null), "data")
        }
        other => (other, ""),
    };
    if !activity.is_object() {
        return Err(decode_error(prefix.to_owned(), "not an activity object"));
    }
    serde_path_to_error::deserialize::<_, Activity>(activity).map_err(|e| {
        let path = e.path().to_string();
        let path = match (prefix.is_empty(), path == ".") {
            (true, _) => path,
            (false, true) => prefix.to_owned(),
            (false, false) => format!("{prefix}.{path}"),
        };
        decode_error(path, "unexpected type or value")
    })
}

/// Checks an `Authorization` header against the expected Basic credentials, in constant time
/// (for headers of the expected length). The scheme is matched case-insensitively; a missing
/// header, another scheme or other credentials give `false`. An empty `user` never matches, so
/// an unset configuration cannot open the endpoint.
///
/// ```
/// use pokitdok::callback::verify_basic_auth;
/// // "Basic " + base64("pokitdok:s3cret")
/// let header = "Basic cG9raXRkb2s6czNjcmV0";
/// assert!(verify_basic_auth(Some(header), "pokitdok", "s3cret"));
/// assert!(!verify_basic_auth(Some(header), "pokitdok", "wrong"));
/// assert!(!verify_basic_auth(None, "pokitdok", "s3cret"));
/// ```
pub fn verify_basic_auth(authorization_header: Option<&str>, user: &str, password: &str) -> bool {
    if user.is_empty() {
        return false;
    }
    let Some(header) = authorization_header else {
        return false;
    };
    let header = header.trim();
    let Some((scheme, token)) = header.split_once(' ') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    let expected = STANDARD.encode(format!("{user}:{password}"));
    let token = token.trim();
    bool::from(token.as_bytes().ct_eq(expected.as_bytes()))
}
