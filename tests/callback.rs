//! Callback parsing and Basic credential checks.

mod common;

use pokitdok::Error;
use pokitdok::callback::{parse, verify_basic_auth};
use pokitdok::models::activities::ActivityState;
use pokitdok::models::claims::ClaimAcknowledgement;
use serde_json::json;

#[test]
fn parses_a_bare_activity() {
    let body = common::fixture_text("activities.cancel.response.json");
    let a = parse(body.as_bytes()).unwrap();
    assert_eq!(a.id.as_deref(), Some("574749250640fd22d719e13f"));
    assert_eq!(a.state_name(), Some(&ActivityState::Canceled));
}

#[test]
fn parses_an_enveloped_activity_with_a_result() {
    let mut activity = common::fixture("claims.response.json");
    activity["result"] = common::fixture("claims.response.2.json");
    activity["state"] = json!({"name": "completed", "title": "Completed"});
    let body = serde_json::to_vec(&common::envelope(activity)).unwrap();
    let a = parse(&body).unwrap();
    assert!(a.is_finished());
    let ack: ClaimAcknowledgement = a.result_as().unwrap().unwrap();
    assert_eq!(ack.trading_partner_id.as_deref(), Some("MOCKPAYER"));
}

#[test]
fn refuses_what_is_not_an_activity() {
    assert!(matches!(parse(b"not json"), Err(Error::Decode { .. })));
    assert!(matches!(parse(b"[1, 2]"), Err(Error::Decode { .. })));
    assert!(matches!(
        parse(br#"{"id": 5}"#),
        Err(Error::Decode { path, .. }) if path == "id"
    ));
    assert!(matches!(
        parse(br#"{"meta": {}, "data": {"state": "nope"}}"#),
        Err(Error::Decode { path, .. }) if path == "data.state"
    ));
}

#[test]
fn basic_auth_is_checked() {
    // printf 'pokitdok:s3cret' | base64
    let good = "Basic cG9raXRkb2s6czNjcmV0";
    assert!(verify_basic_auth(Some(good), "pokitdok", "s3cret"));
    assert!(verify_basic_auth(
        Some("basic cG9raXRkb2s6czNjcmV0"),
        "pokitdok",
        "s3cret"
    ));
    assert!(!verify_basic_auth(Some(good), "pokitdok", "s3cre"));
    assert!(!verify_basic_auth(Some(good), "pokitdoc", "s3cret"));
    assert!(!verify_basic_auth(
        Some("Bearer cG9raXRkb2s6czNjcmV0"),
        "pokitdok",
        "s3cret"
    ));
    assert!(!verify_basic_auth(Some("Basic"), "pokitdok", "s3cret"));
    assert!(!verify_basic_auth(None, "pokitdok", "s3cret"));
    // An unset configuration never matches, even an "empty" credential.
    assert!(!verify_basic_auth(Some("Basic Og=="), "", ""));
    // Non-ASCII and a password containing ':' (printf 'u:p:ä' | base64).
    assert!(verify_basic_auth(Some("Basic dTpwOsOk"), "u", "p:ä"));
}
