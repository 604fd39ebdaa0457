#![doc = include_str!("../docs/naming.md")]
//!
//! Each method is a thin layer over the generic requests and returns a [`Call`](crate::Call).

mod activities;
mod admin;
mod claims;
mod data;
mod eligibility;
mod identity;
mod oop;
mod pharmacy;
mod scheduling;
mod transactions;

use crate::RequestBuilder;

/// Refuses, before anything is sent, a request for asynchronous processing given to a
/// real-time method: the platform would answer with an activity, not the result `method`
/// decodes. The error names the `queue_` method that returns that activity.
pub(crate) fn refuse_async(
    request: RequestBuilder,
    wants_async: bool,
    method: &str,
    queue_method: &str,
) -> RequestBuilder {
    if !wants_async {
        return request;
    }
    request.fail(crate::Error::config(format!(
        "the request asks for asynchronous processing (`async: true`), so the platform would \
         answer with an activity instead of the result `{method}` returns: call \
         `{queue_method}` for that activity, or leave `async_` unset for a real-time answer"
    )))
}
