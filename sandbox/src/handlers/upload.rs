//! Multipart uploads (`file` plus text fields) of the X12 file APIs.

use axum::body::Body;
use axum::extract::{FromRequest, Multipart};
use axum::response::Response;
use reqwest::header::CONTENT_TYPE;
use serde_json::{Map, Value, json};

use crate::http::Ctx;

/// The multipart parts of an upload: text fields and the `file` part (name, bytes).
pub(crate) struct Upload {
    pub(crate) fields: Map<String, Value>,
    pub(crate) file: Option<(String, Vec<u8>)>,
}

pub(crate) async fn read_upload(ctx: &Ctx) -> Result<Upload, Response> {
    let is_multipart = ctx
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        return Err(ctx.invalid(&[(
            "file",
            "Send the file as multipart/form-data (part name `file`).".to_owned(),
        )]));
    }
    let mut req = axum::http::Request::new(Body::from(ctx.body.clone()));
    if let Some(ct) = ctx.headers.get(CONTENT_TYPE) {
        req.headers_mut().insert(CONTENT_TYPE, ct.clone());
    }
    let bad = || ctx.invalid(&[("file", "The multipart body is malformed.".to_owned())]);
    let mut mp = Multipart::from_request(req, &()).await.map_err(|_| bad())?;
    let mut up = Upload {
        fields: Map::new(),
        file: None,
    };
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return Err(bad()),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|_| bad())?;
        if name == "file" {
            up.file = Some((filename.unwrap_or_else(|| "file".into()), bytes.to_vec()));
        } else {
            up.fields
                .insert(name, json!(String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    Ok(up)
}
