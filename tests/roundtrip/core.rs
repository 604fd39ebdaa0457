use super::{fixture, roundtrip};
use pokitdok::models::ErrorEnvelope;

#[test]
fn bare_error_bodies() {
    let e: ErrorEnvelope = roundtrip("errors.401.response.json");
    assert_eq!(e.message.as_deref(), Some("Unauthorized"));
    let e: ErrorEnvelope = roundtrip("errors.402.response.json");
    assert_eq!(e.message.as_deref(), Some("Payment Required"));
    let e: ErrorEnvelope = roundtrip("errors.403_rate_limited.response.json");
    assert_eq!(e.message.as_deref(), Some("Forbidden (Rate Limited)"));
}

#[test]
fn validation_error_envelope() {
    let e: ErrorEnvelope = roundtrip("errors.422_validation.response.json");
    let meta = e.meta.unwrap();
    assert_eq!(meta.credits_remaining, Some(995));
    assert_eq!(meta.rate_limit_reset, Some(1394138991));
    let errors = e.data.unwrap().errors.unwrap();
    assert_eq!(errors["validation"]["member"][0], "This field is required.");
}

/// The token answer decodes losslessly; it re-encodes in the persistence format, where the
/// relative `expires_in` becomes the absolute `expires` (so a saved token keeps its expiry).
#[test]
fn token_answer() {
    let original = fixture("oauth2.token.response.json");
    let token: pokitdok::Token = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(
        token.access_token(),
        original["access_token"].as_str().unwrap()
    );
    assert_eq!(token.token_type(), "bearer");
    let left = token.expires_in().unwrap().as_secs();
    assert!((3590..=3600).contains(&left), "{left}");
    let mut again = serde_json::to_value(&token).unwrap();
    assert!(again["expires"].as_u64().unwrap() > 1_700_000_000);
    let obj = again.as_object_mut().unwrap();
    obj.remove("expires");
    obj.insert("expires_in".into(), original["expires_in"].clone());
    assert_eq!(again, original);
    let _ = roundtrip::<serde_json::Value>("oauth2.token.response.json");
}
