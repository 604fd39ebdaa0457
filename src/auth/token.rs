use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use oauth2::basic::BasicTokenType;
use oauth2::{AccessToken, RefreshToken, Scope, TokenResponse};
use serde::de::Deserializer;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Longest lifetime we believe (ten years); larger `expires_in` values are clamped so that
/// deadline arithmetic can never overflow.
const MAX_LIFETIME: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// An OAuth2 access token, with its optional refresh token, scopes and expiry.
///
/// It deserializes from the token endpoint's own JSON (`access_token`, `token_type`,
/// `expires_in`, `expires`, `refresh_token`, `scope`) and serializes for persistence: the
/// expiry is written as the absolute `expires` (Unix seconds), so a token saved and loaded later
/// keeps its real expiry. Serialization writes the tokens in clear, which is its purpose; store
/// the result as a secret. `Debug` never shows either token.
///
/// ```
/// let t: pokitdok::Token = serde_json::from_str(
///     r#"{"access_token": "abc", "token_type": "bearer", "expires_in": 3600}"#,
/// ).unwrap();
/// assert_eq!(t.access_token(), "abc");
/// assert!(!format!("{t:?}").contains("abc"));
/// let saved = serde_json::to_string(&t).unwrap();          // persist it...
/// let back: pokitdok::Token = serde_json::from_str(&saved).unwrap();
/// assert_eq!(back.expires_at(), t.expires_at());            // ...same absolute expiry
/// ```
#[derive(Clone)]
pub struct Token {
    access_token: AccessToken,
    token_type: BasicTokenType,
    refresh_token: Option<RefreshToken>,
    scopes: Option<Vec<Scope>>,
    /// The lifetime the server announced with this token (`expires_in`), if this token came
    /// from the server rather than from storage.
    lifetime: Option<Duration>,
    expires_at: Option<SystemTime>,
}

impl Token {
    /// A token from its parts; `expires_in` counts from now.
    pub fn new(access_token: impl Into<String>, expires_in: Option<Duration>) -> Self {
        let lifetime = expires_in.map(|d| d.min(MAX_LIFETIME));
        Token {
            access_token: AccessToken::new(access_token.into()),
            token_type: BasicTokenType::Bearer,
            refresh_token: None,
            scopes: None,
            lifetime,
            expires_at: lifetime
                .and_then(|d| SystemTime::now().checked_add(d))
                .map(whole_secs),
        }
    }

    /// Adds a refresh token.
    #[must_use]
    pub fn with_refresh_token(mut self, refresh_token: impl Into<String>) -> Self {
        self.refresh_token = Some(RefreshToken::new(refresh_token.into()));
        self
    }

    /// The access token, to put in `Authorization: Bearer ...`.
    pub fn access_token(&self) -> &str {
        self.access_token.secret()
    }

    /// The refresh token, when the server issued one (authorization-code flow).
    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_ref().map(|r| r.secret().as_str())
    }

    /// The token type, `"bearer"` for PokitDok.
    pub fn token_type(&self) -> &str {
        match &self.token_type {
            BasicTokenType::Bearer => "bearer",
            BasicTokenType::Mac => "mac",
            BasicTokenType::Extension(s) => s,
        }
    }

    /// The scopes granted, when the server listed them.
    pub fn scopes(&self) -> Vec<&str> {
        self.scopes
            .iter()
            .flatten()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
    }

    /// When the token expires, when known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Whether the token has expired (by the system clock); `false` when the expiry is unknown.
    pub fn is_expired(&self) -> bool {
        self.expires_at.is_some_and(|at| at <= SystemTime::now())
    }

    /// Time left before expiry by the system clock (`None` when unknown).
    pub fn expires_in(&self) -> Option<Duration> {
        self.expires_at.map(|at| {
            at.duration_since(SystemTime::now())
                .unwrap_or(Duration::ZERO)
        })
    }

    /// The lifetime announced by the server with this token, if it came from the server.
    pub(crate) fn announced_lifetime(&self) -> Option<Duration> {
        self.lifetime
    }

    /// The same token without its refresh token (after the platform refused the refresh
    /// token: it is never sent again).
    pub(crate) fn without_refresh_token(&self) -> Token {
        Token {
            refresh_token: None,
            ..self.clone()
        }
    }

    pub(crate) fn keep_refresh_token_from(&mut self, previous: &Token) {
        if self.refresh_token.is_none() {
            self.refresh_token = previous.refresh_token.clone();
        }
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &"[redacted]")
            .field("token_type", &self.token_type())
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[redacted]"),
            )
            .field("scopes", &self.scopes())
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Seconds from a JSON number or numeric string, at most `cap`; anything else (null,
/// negative, zero, text, NaN) is "unknown".
fn positive_secs(v: Option<&Value>, cap: Duration) -> Option<Duration> {
    let secs = match v? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    if secs.is_finite() && secs > 0.0 {
        Some(Duration::from_secs_f64(secs.min(cap.as_secs_f64())))
    } else {
        None
    }
}

/// Rounds down to a whole second, the precision of the persisted `expires` (rounding down errs
/// on the side of refreshing early).
fn whole_secs(t: SystemTime) -> SystemTime {
    t.duration_since(UNIX_EPOCH)
        .map(|d| UNIX_EPOCH + Duration::from_secs(d.as_secs()))
        .unwrap_or(t)
}

/// Unix times beyond this (year 2500) are not believed.
const MAX_UNIX_TIME: Duration = Duration::from_secs(16_725_225_600);

impl<'de> Deserialize<'de> for Token {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let map = serde_json::Map::<String, Value>::deserialize(d)?;
        let access_token = match map.get("access_token") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            _ => return Err(D::Error::custom("missing or empty `access_token`")),
        };
        let token_type = match map.get("token_type").and_then(Value::as_str) {
            None => BasicTokenType::Bearer,
            Some(t) if t.eq_ignore_ascii_case("bearer") => BasicTokenType::Bearer,
            Some(t) if t.eq_ignore_ascii_case("mac") => BasicTokenType::Mac,
            Some(t) => BasicTokenType::Extension(t.to_owned()),
        };
        let refresh_token = map
            .get("refresh_token")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(|s| RefreshToken::new(s.to_owned()));
        let scopes = match map.get("scope") {
            Some(Value::String(s)) => {
                Some(s.split_whitespace().map(|s| Scope::new(s.into())).collect())
            }
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|s| Scope::new(s.into()))
                    .collect(),
            ),
            _ => None,
        };
        let lifetime = positive_secs(map.get("expires_in"), MAX_LIFETIME);
        let absolute = positive_secs(map.get("expires"), MAX_UNIX_TIME)
            .and_then(|d| UNIX_EPOCH.checked_add(d));
        let expires_at = lifetime
            .and_then(|d| SystemTime::now().checked_add(d))
            .map(whole_secs)
            .or(absolute);
        Ok(Token {
            access_token: AccessToken::new(access_token),
            token_type,
            refresh_token,
            scopes,
            lifetime,
            expires_at,
        })
    }
}

impl Serialize for Token {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("access_token", self.access_token.secret())?;
        map.serialize_entry("token_type", self.token_type())?;
        if let Some(r) = &self.refresh_token {
            map.serialize_entry("refresh_token", r.secret())?;
        }
        if let Some(scopes) = &self.scopes {
            let joined: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
            map.serialize_entry("scope", &joined.join(" "))?;
        }
        if let Some(at) = self.expires_at {
            let secs = at
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            map.serialize_entry("expires", &secs)?;
        }
        map.end()
    }
}

impl TokenResponse for Token {
    type TokenType = BasicTokenType;

    fn access_token(&self) -> &AccessToken {
        &self.access_token
    }
    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }
    fn expires_in(&self) -> Option<Duration> {
        Token::expires_in(self)
    }
    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }
    fn scopes(&self) -> Option<&Vec<Scope>> {
        self.scopes.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(v: Value) -> Result<Token, serde_json::Error> {
        serde_json::from_value(v)
    }

    #[test]
    fn odd_expires_in_values_never_panic() {
        for v in [
            json!(null),
            json!(0),
            json!(-5),
            json!("3600"),
            json!("soon"),
            json!(1e300),
            json!(u64::MAX),
        ] {
            let t = parse(json!({"access_token": "a", "expires_in": v})).unwrap();
            if let Some(d) = t.announced_lifetime() {
                assert!(d <= MAX_LIFETIME);
            }
        }
        let t = parse(json!({"access_token": "a", "expires_in": "3600"})).unwrap();
        assert_eq!(t.announced_lifetime(), Some(Duration::from_secs(3600)));
        let t = parse(json!({"access_token": "a", "expires_in": -1})).unwrap();
        assert_eq!(t.expires_at(), None);
    }

    #[test]
    fn missing_access_token_is_an_error_and_token_type_is_case_insensitive() {
        assert!(parse(json!({"token_type": "bearer"})).is_err());
        assert!(parse(json!({"access_token": ""})).is_err());
        let t = parse(json!({"access_token": "a", "token_type": "BEARER"})).unwrap();
        assert_eq!(t.token_type(), "bearer");
    }

    #[test]
    fn absolute_expires_is_used_when_expires_in_is_missing() {
        let t = parse(json!({"access_token": "a", "expires": 1407190301})).unwrap();
        assert_eq!(
            t.expires_at(),
            Some(UNIX_EPOCH + Duration::from_secs(1407190301))
        );
        assert!(t.is_expired());
    }

    #[test]
    fn persistence_round_trip_keeps_everything() {
        let t = parse(
            json!({"access_token": "a", "refresh_token": "r", "expires_in": 3600,
                             "scope": "user_schedule business_schedule"}),
        )
        .unwrap();
        let back = parse(serde_json::to_value(&t).unwrap()).unwrap();
        assert_eq!(back.access_token(), "a");
        assert_eq!(back.refresh_token(), Some("r"));
        assert_eq!(back.scopes(), vec!["user_schedule", "business_schedule"]);
        let secs = |t: &Token| {
            t.expires_at()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_secs()
        };
        assert_eq!(secs(&back), secs(&t));
    }
}
