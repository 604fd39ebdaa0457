//! Responses: the envelope, bare error bodies, validation errors, pagination; and the
//! per-request context handlers get.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::response::Response;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};
use tokio::time::Instant;

use super::state::{ClientState, MAX_RECORD_BYTES, Shared};
use super::util;

/// Default and largest page sizes of collections.
pub(crate) const DEFAULT_LIMIT: usize = 20;
pub(crate) const MAX_LIMIT: usize = 1000;

/// A JSON response with `Content-Type: application/json`.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut resp = Response::new(Body::from(bytes));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// A bare `{"message": ...}` body, like the platform's 401/402/403.
pub(crate) fn bare(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({ "message": message }))
}

/// The platform's message for a status (`Service Unavailable`...).
pub(crate) fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Error")
}

/// An OAuth2 error body (`{"error": ..., "error_description": ...}`).
pub(crate) fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let mut resp = json_response(
        status,
        &json!({"error": error, "error_description": description}),
    );
    resp.headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    resp
}

/// Everything a handler needs about the request being served.
pub(crate) struct Ctx {
    pub(crate) shared: Arc<Shared>,
    pub(crate) client_id: String,
    pub(crate) method: Method,
    /// The path as requested, e.g. `/api/v4/providers/`.
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) started: Instant,
    /// `meta` without `processing_time`.
    pub(crate) meta: Map<String, Value>,
}

impl Ctx {
    /// The first non-empty value of a query parameter.
    pub(crate) fn q(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn activity_id(&self) -> String {
        self.meta
            .get("activity_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    }

    pub(crate) fn meta(&self) -> Map<String, Value> {
        let mut m = self.meta.clone();
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        m.insert("processing_time".into(), json!(ms));
        m
    }

    /// `200 {"meta", "data"}`.
    pub(crate) fn ok(&self, data: Value) -> Response {
        json_response(StatusCode::OK, &json!({"meta": self.meta(), "data": data}))
    }

    /// A collection page: honours `limit`/`offset`, sets `result_count`, `next`, `previous`.
    pub(crate) fn page(&self, items: Vec<Value>) -> Response {
        let total = items.len();
        let limit = self
            .q("limit")
            .and_then(|l| l.trim().parse::<usize>().ok())
            .filter(|l| *l > 0)
            .unwrap_or(DEFAULT_LIMIT)
            .min(MAX_LIMIT);
        let offset = self
            .q("offset")
            .and_then(|o| o.trim().parse::<usize>().ok())
            .unwrap_or(0);
        let data: Vec<Value> = items.into_iter().skip(offset).take(limit).collect();
        let mut meta = self.meta();
        meta.insert("result_count".into(), json!(total));
        if offset.saturating_add(limit) < total {
            meta.insert(
                "next".into(),
                json!(self.page_url(limit, offset.saturating_add(limit))),
            );
        }
        if offset > 0 {
            meta.insert(
                "previous".into(),
                json!(self.page_url(limit, offset.saturating_sub(limit))),
            );
        }
        json_response(StatusCode::OK, &json!({"meta": meta, "data": data}))
    }

    fn page_url(&self, limit: usize, offset: usize) -> String {
        let mut pairs: Vec<(String, String)> = self
            .query
            .iter()
            .filter(|(k, _)| k != "limit" && k != "offset")
            .cloned()
            .collect();
        pairs.push(("limit".into(), limit.to_string()));
        pairs.push(("offset".into(), offset.to_string()));
        let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        format!("{}{}?{}", self.shared.base_url, self.path, q)
    }

    /// `422` with `data.errors.validation` = `{field: [message]}`.
    pub(crate) fn invalid(&self, fields: &[(&str, String)]) -> Response {
        let mut map = Map::new();
        for (field, msg) in fields {
            let entry = map
                .entry((*field).to_owned())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = entry {
                list.push(json!(msg));
            }
        }
        self.invalid_value(Value::Object(map))
    }

    /// `422` with any `data.errors.validation` value (Identity Match uses nested objects).
    pub(crate) fn invalid_value(&self, validation: Value) -> Response {
        validation_response(
            &json!({"meta": self.meta(), "data": {"errors": {"validation": validation}}}),
        )
    }

    /// `422` for fields that are missing.
    pub(crate) fn missing(&self, fields: &[&str]) -> Response {
        let list: Vec<(&str, String)> = fields
            .iter()
            .map(|f| (*f, "This field is required.".to_owned()))
            .collect();
        self.invalid(&list)
    }

    /// `404 {"message": "Not Found"}`.
    pub(crate) fn not_found(&self) -> Response {
        bare(StatusCode::NOT_FOUND, "Not Found")
    }

    /// `413` with `data.errors.validation` = `{field: [message]}`: a request body or a record
    /// the sandbox would store is larger than `max` bytes.
    pub(crate) fn too_large(&self, field: &str, size: usize, max: usize) -> Response {
        too_large(self.meta(), field, size, max)
    }

    /// `413` when a record to store is over [`MAX_RECORD_BYTES`] (estimated JSON size).
    pub(crate) fn check_record(&self, field: &str, record: &Value) -> Result<(), Response> {
        let size = util::json_size(record);
        if size > MAX_RECORD_BYTES {
            return Err(self.too_large(field, size, MAX_RECORD_BYTES));
        }
        Ok(())
    }

    /// Runs a write on the client's state; a refusal (`Err(message)`, see
    /// [`ClientState::admit`]) becomes a 422 on `request`.
    pub(crate) fn store<R>(
        &self,
        f: impl FnOnce(&mut ClientState) -> Result<R, String>,
    ) -> Result<R, Response> {
        match self.shared.with_client(&self.client_id, f) {
            Some(Ok(r)) => Ok(r),
            Some(Err(why)) => Err(self.invalid(&[("request", why)])),
            None => Err(bare(StatusCode::UNAUTHORIZED, "Unauthorized")),
        }
    }

    /// The body as a JSON object; an empty body counts as `{}`. Anything else is a 422, and a
    /// body over [`MAX_RECORD_BYTES`] a 413.
    pub(crate) fn json_body(&self) -> Result<Value, Response> {
        if self.body.len() > MAX_RECORD_BYTES {
            return Err(self.too_large("request", self.body.len(), MAX_RECORD_BYTES));
        }
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(json!({}));
        }
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(v @ Value::Object(_)) => Ok(v),
            Ok(_) => Err(self.invalid(&[(
                "request",
                "The request body must be a JSON object.".to_owned(),
            )])),
            Err(_) => {
                Err(self.invalid(&[("request", "The request body is not valid JSON.".to_owned())]))
            }
        }
    }

    /// The body as a JSON object that has all of `fields` (else a 422 naming the missing ones).
    pub(crate) fn body_with(&self, fields: &[&str]) -> Result<Value, Response> {
        let body = self.json_body()?;
        let missing: Vec<&str> = fields
            .iter()
            .copied()
            .filter(|f| !util::present(body.get(*f)))
            .collect();
        if missing.is_empty() {
            Ok(body)
        } else {
            Err(self.missing(&missing))
        }
    }

    /// Query parameters that must be present (else a 422).
    pub(crate) fn require_query(&self, names: &[&str]) -> Result<(), Response> {
        let missing: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| self.q(n).is_none())
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(self.missing(&missing))
        }
    }
}

/// `413 {"meta", "data": {"errors": {"validation": {field: [message]}}}}`.
pub(crate) fn too_large(
    meta: Map<String, Value>,
    field: &str,
    size: usize,
    max: usize,
) -> Response {
    let message = format!("The sandbox accepts at most {max} bytes here; this is {size} bytes.");
    json_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        &json!({"meta": meta, "data": {"errors": {"validation": {field: [message]}}}}),
    )
}

/// A 422 labelled like the real server: `text/html; charset=utf-8` plus `mimetype` and
/// `charset` headers.
pub(crate) fn validation_response(body: &Value) -> Response {
    let mut resp = json_response(StatusCode::UNPROCESSABLE_ENTITY, body);
    let h = resp.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert("mimetype", HeaderValue::from_static("application/json"));
    h.insert("charset", HeaderValue::from_static("utf-8"));
    resp
}
