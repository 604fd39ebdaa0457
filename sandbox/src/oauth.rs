//! `POST /oauth2/token`, `POST /oauth2/revoke`, `GET /oauth2/authorize` and the built-in
//! redirect target.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use oauth2::{PkceCodeChallenge, PkceCodeVerifier};
use percent_encoding::percent_decode_str;
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;
use tokio::time::Instant;

use super::http::{json_response, oauth_error};
use super::state::{CodeGrant, Shared, State as SandboxState};
use super::util;

/// Scopes the sandbox knows; others are ignored on the token endpoint.
const KNOWN_SCOPES: &[&str] = super::SCOPES;
/// How long an authorization code stays valid.
const CODE_LIFETIME: Duration = Duration::from_secs(600);

type Params = Vec<(String, String)>;

fn param<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v.as_str())
}

fn parse_scopes(raw: Option<&str>) -> Vec<String> {
    raw.unwrap_or_default()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '+')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Decodes an `Authorization: Basic ...` header leniently: any base64 alphabet, with or without
/// padding, whitespace inside ignored, a trailing newline after the secret tolerated.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, rest) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let compact: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let decoded = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(compact.as_bytes()).ok())?;
    let text = String::from_utf8(decoded).ok()?;
    let text = text.trim_end_matches(['\n', '\r']);
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

fn form_decode(s: &str) -> String {
    percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

fn ct_eq(a: &str, b: &str) -> bool {
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Finds the registered client the request authenticates as: HTTP Basic (raw or
/// form-urlencoded id and secret) or `client_id`/`client_secret` fields.
fn authenticate(state: &SandboxState, headers: &HeaderMap, params: &Params) -> Option<String> {
    let mut candidates = Vec::new();
    if let Some((id, secret)) = basic_credentials(headers) {
        candidates.push((form_decode(&id), form_decode(&secret)));
        candidates.push((id, secret));
    }
    if let (Some(id), Some(secret)) = (param(params, "client_id"), param(params, "client_secret")) {
        candidates.push((
            id.to_owned(),
            secret.trim_end_matches(['\n', '\r']).to_owned(),
        ));
    }
    candidates.into_iter().find_map(|(id, secret)| {
        let client = state.clients.get(&id)?;
        ct_eq(&client.secret, &secret).then_some(id)
    })
}

fn token_body(
    shared: &Shared,
    access_token: &str,
    refresh_token: Option<&str>,
    scopes: &BTreeSet<String>,
) -> Response {
    let lifetime = shared.config.token_lifetime.as_secs();
    let mut body = json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": lifetime,
    });
    if let Some(rt) = refresh_token {
        body["refresh_token"] = json!(rt);
    }
    if !scopes.is_empty() {
        body["scope"] = json!(scopes.iter().cloned().collect::<Vec<_>>().join(" "));
    }
    let mut resp = json_response(StatusCode::OK, &body);
    resp.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    resp.headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    resp
}

fn parse_params(headers: &HeaderMap, body: &Bytes) -> Option<Params> {
    let is_json = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("json"));
    if is_json {
        let Value::Object(map) = serde_json::from_slice::<Value>(body).ok()? else {
            return None;
        };
        return Some(
            map.iter()
                .filter_map(|(k, v)| util::text(v).map(|v| (k.clone(), v)))
                .collect(),
        );
    }
    serde_urlencoded::from_bytes::<Params>(body).ok()
}

/// `POST /oauth2/token`.
pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(params) = parse_params(&headers, &body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the body is not form-urlencoded",
        );
    };
    let mut state = shared.lock();
    let Some(client_id) = authenticate(&state, &headers, &params) else {
        let mut resp = oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client authentication failed",
        );
        resp.headers_mut().insert(
            "www-authenticate",
            HeaderValue::from_static("Basic realm=\"pokitdok-sandbox\""),
        );
        return resp;
    };
    let lifetime = shared.config.token_lifetime;
    match param(&params, "grant_type") {
        None => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "grant_type is required",
        ),
        Some("client_credentials") => {
            // What was asked for, plus what the application is granted anyway.
            let granted = state
                .clients
                .get(&client_id)
                .map(|c| c.scopes.clone())
                .unwrap_or_default();
            let scopes: BTreeSet<String> = parse_scopes(param(&params, "scope"))
                .into_iter()
                .filter(|s| KNOWN_SCOPES.contains(&s.as_str()))
                .chain(granted)
                .collect();
            let token = state.issue_token(&client_id, scopes.clone(), lifetime);
            token_body(&shared, &token, None, &scopes)
        }
        Some("authorization_code") => {
            let Some(code) = param(&params, "code") else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "code is required",
                );
            };
            // Single use: the code is gone whatever happens next.
            let Some(grant) = state.codes.remove(code) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "the code is unknown or was already used",
                );
            };
            if grant.expires <= Instant::now() || grant.client_id != client_id {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "the code expired or was issued to another client",
                );
            }
            if let Some(expected) = &grant.redirect_uri
                && param(&params, "redirect_uri") != Some(expected.as_str())
            {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "redirect_uri does not match the authorization request",
                );
            }
            if let Some((method, challenge)) = &grant.challenge {
                let Some(verifier) = param(&params, "code_verifier") else {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "code_verifier is required (PKCE)",
                    );
                };
                // RFC 7636 §4.1: 43 to 128 characters of [A-Za-z0-9-._~] (the oauth2 crate
                // asserts the length, so check before computing).
                let well_formed = (43..=128).contains(&verifier.len())
                    && verifier
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
                if !well_formed {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~",
                    );
                }
                let computed = if method == "S256" {
                    PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(
                        verifier.to_owned(),
                    ))
                    .as_str()
                    .to_owned()
                } else {
                    verifier.to_owned()
                };
                if !ct_eq(&computed, challenge) {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "PKCE verification failed",
                    );
                }
            }
            let access = state.issue_token(&client_id, grant.scopes.clone(), lifetime);
            let refresh = state.issue_refresh_token(&client_id, grant.scopes.clone());
            token_body(&shared, &access, Some(&refresh), &grant.scopes)
        }
        Some("refresh_token") => {
            let Some(rt) = param(&params, "refresh_token") else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "refresh_token is required",
                );
            };
            let Some(grant) = state.refresh_tokens.remove(rt) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "the refresh token is unknown or was already used",
                );
            };
            if grant.client_id != client_id {
                let rt = rt.to_owned();
                state.refresh_tokens.insert(rt, grant);
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "the refresh token was issued to another client",
                );
            }
            let requested = parse_scopes(param(&params, "scope"));
            let scopes: BTreeSet<String> = if requested.is_empty() {
                grant.scopes.clone()
            } else if requested.iter().all(|s| grant.scopes.contains(s)) {
                requested.into_iter().collect()
            } else {
                let rt = rt.to_owned();
                state.refresh_tokens.insert(rt, grant);
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_scope",
                    "the requested scope exceeds the original grant",
                );
            };
            let access = state.issue_token(&client_id, scopes.clone(), lifetime);
            // Rotation: a new refresh token; the old one is gone.
            let refresh = state.issue_refresh_token(&client_id, grant.scopes);
            token_body(&shared, &access, Some(&refresh), &scopes)
        }
        Some(_) => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "supported: client_credentials, authorization_code, refresh_token",
        ),
    }
}

fn redirect_to(uri: &str, pairs: &[(&str, &str)]) -> Response {
    let target = match url::Url::parse(uri) {
        Ok(mut u) => {
            {
                let mut q = u.query_pairs_mut();
                for (k, v) in pairs {
                    q.append_pair(k, v);
                }
            }
            u.to_string()
        }
        Err(_) => uri.to_owned(),
    };
    let mut resp = Response::new(axum::body::Body::empty());
    *resp.status_mut() = StatusCode::FOUND;
    if let Ok(v) = HeaderValue::from_str(&target) {
        resp.headers_mut().insert(LOCATION, v);
    }
    resp
}

/// `GET /oauth2/authorize`: approves at once and redirects with a code.
pub(crate) async fn authorize(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let params: Params =
        serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    let Some(client_id) = param(&params, "client_id") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "client_id is required",
        );
    };
    let mut state = shared.lock();
    if !state.clients.contains_key(client_id) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "unknown client_id",
        );
    }
    let registered = &shared.config.redirect_uris;
    let given = param(&params, "redirect_uri");
    let redirect = match given {
        Some(r) if registered.iter().any(|x| x == r) => r.to_owned(),
        Some(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "redirect_uri is not registered",
            );
        }
        None => match registered.first() {
            Some(r) => r.clone(),
            None => {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "no redirect_uri",
                );
            }
        },
    };
    let st = param(&params, "state").unwrap_or_default().to_owned();
    let fail = |error: &str| redirect_to(&redirect, &[("error", error), ("state", &st)]);
    if param(&params, "response_type") != Some("code") {
        return fail("unsupported_response_type");
    }
    let requested = parse_scopes(param(&params, "scope"));
    if requested
        .iter()
        .any(|s| !KNOWN_SCOPES.contains(&s.as_str()))
    {
        return fail("invalid_scope");
    }
    let challenge = match param(&params, "code_challenge") {
        None => None,
        // RFC 7636: a challenge is at most 128 characters (and codes are stored until used).
        Some(c) if c.len() > 128 => return fail("invalid_request"),
        Some(c) => match param(&params, "code_challenge_method").unwrap_or("plain") {
            m @ ("S256" | "plain") => Some((m.to_owned(), c.to_owned())),
            _ => return fail("invalid_request"),
        },
    };
    let code = state.issue_code(CodeGrant {
        client_id: client_id.to_owned(),
        redirect_uri: given.map(str::to_owned),
        scopes: requested.into_iter().collect(),
        challenge,
        expires: Instant::now() + CODE_LIFETIME,
    });
    drop(state);
    let mut pairs = vec![("code", code.as_str())];
    if !st.is_empty() {
        pairs.push(("state", st.as_str()));
    }
    redirect_to(&redirect, &pairs)
}

/// `GET /oauth2/callback`: shows what the redirect carried.
pub(crate) async fn callback_page(uri: Uri) -> Response {
    let params: Params =
        serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    let mut body = serde_json::Map::new();
    for key in ["code", "state", "error"] {
        if let Some(v) = param(&params, key) {
            body.insert(key.to_owned(), json!(v));
        }
    }
    json_response(StatusCode::OK, &Value::Object(body))
}

/// `POST /oauth2/revoke` (RFC 7009): `token` (and an optional `token_type_hint`), form-encoded
/// or as a JSON object. The client authenticates as on the token endpoint (HTTP Basic, or
/// `client_id`/`client_secret` fields), or, as the official C# client did, with the very access
/// token it revokes as its bearer. An access or refresh token of that client is forgotten (the
/// access token then gets 401 from the API); an unknown token is a success too (RFC 7009 §2.2).
pub(crate) async fn revoke(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(params) = parse_params(&headers, &body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the body is neither form-urlencoded nor a JSON object",
        );
    };
    let Some(token) = param(&params, "token").map(str::to_owned) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "token is required",
        );
    };
    let mut state = shared.lock();
    let by_bearer = || {
        let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
        let (scheme, bearer) = value.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("bearer") || !ct_eq(bearer.trim(), &token) {
            return None;
        }
        let grant = state.tokens.get(&token)?;
        (grant.expires > Instant::now()).then(|| grant.client_id.clone())
    };
    let Some(client_id) = authenticate(&state, &headers, &params).or_else(by_bearer) else {
        let mut resp = oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client authentication failed",
        );
        resp.headers_mut().insert(
            "www-authenticate",
            HeaderValue::from_static("Basic realm=\"pokitdok-sandbox\""),
        );
        return resp;
    };
    if state
        .tokens
        .get(&token)
        .is_some_and(|g| g.client_id == client_id)
    {
        state.tokens.remove(&token);
    }
    if state
        .refresh_tokens
        .get(&token)
        .is_some_and(|g| g.client_id == client_id)
    {
        state.refresh_tokens.remove(&token);
    }
    let mut resp = Response::new(axum::body::Body::empty());
    resp.headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn basic_is_decoded_leniently() {
        // `echo "id":"secret" | base64` encodes a trailing newline.
        let with_newline = STANDARD.encode("id:se:cret\n");
        assert_eq!(
            basic_credentials(&header(&format!("Basic {with_newline}"))),
            Some(("id".into(), "se:cret".into()))
        );
        let no_pad = STANDARD_NO_PAD.encode("a:b");
        assert_eq!(
            basic_credentials(&header(&format!("basic {no_pad}"))),
            Some(("a".into(), "b".into()))
        );
        assert_eq!(basic_credentials(&header("Basic %%%")), None);
        assert_eq!(basic_credentials(&header("Bearer abc")), None);
    }

    #[test]
    fn scopes_split_on_spaces_commas_and_plus() {
        assert_eq!(
            parse_scopes(Some("user_schedule business_schedule")),
            vec!["user_schedule", "business_schedule"]
        );
        assert_eq!(parse_scopes(Some("a,b+c")), vec!["a", "b", "c"]);
        assert!(parse_scopes(None).is_empty());
    }
}
