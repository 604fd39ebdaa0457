//! The sandbox's OAuth2 endpoints, driven with plain reqwest and with the crate's client.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use pokitdok::Error;
use pokitdok_sandbox::Sandbox;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn token_request(
    sandbox: &Sandbox,
    basic: Option<(&str, &str)>,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let mut req = http()
        .post(format!("{}/oauth2/token", sandbox.url()))
        .form(form);
    if let Some((id, secret)) = basic {
        req = req.basic_auth(id, Some(secret));
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn api_status(sandbox: &Sandbox, token: &str, path: &str) -> u16 {
    http()
        .get(format!("{}{path}", sandbox.api_base()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn client_credentials_with_basic_auth_or_form_fields() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let (id, secret) = (sandbox.client_id(), sandbox.client_secret());

    let (status, basic) = token_request(
        &sandbox,
        Some((id, secret)),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!(status, 200, "{basic}");
    assert_eq!(basic["token_type"], "bearer");
    assert_eq!(basic["expires_in"], 3600);
    assert!(basic.get("refresh_token").is_none());
    let basic_token = basic["access_token"].as_str().unwrap().to_owned();
    assert_eq!(basic_token.len(), 40);

    let (status, form) = token_request(
        &sandbox,
        None,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", secret),
        ],
    )
    .await;
    assert_eq!(status, 200, "{form}");
    let form_token = form["access_token"].as_str().unwrap().to_owned();
    assert_ne!(form_token, basic_token);

    for token in [&basic_token, &form_token] {
        assert_eq!(api_status(&sandbox, token, "/tradingpartners/").await, 200);
    }
    assert_eq!(
        api_status(&sandbox, "not-a-token", "/tradingpartners/").await,
        401
    );
    Ok(())
}

#[tokio::test]
async fn wrong_credentials_and_unknown_grants_are_refused() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let id = sandbox.client_id();

    let (status, body) = token_request(
        &sandbox,
        Some((id, "wrong-secret")),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["error"], "invalid_client");

    let (status, body) = token_request(
        &sandbox,
        Some(("unknown-client", sandbox.client_secret())),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );

    let (status, body) = token_request(
        &sandbox,
        Some((id, sandbox.client_secret())),
        &[("grant_type", "password")],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "unsupported_grant_type");

    let (status, body) = token_request(&sandbox, Some((id, sandbox.client_secret())), &[]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );

    // Our client maps a refused secret to Error::Auth.
    let pd = sandbox
        .client_builder()
        .client_secret("wrong-secret")
        .build()?;
    match pd.get("/tradingpartners/").send().await {
        Err(Error::Auth { status, error, .. }) => {
            assert_eq!(status.map(|s| s.as_u16()), Some(401));
            assert_eq!(error.as_deref(), Some("invalid_client"));
        }
        other => panic!("expected Error::Auth, got {other:?}"),
    }
    Ok(())
}

fn code_and_state(location: &str) -> (String, String) {
    let url = url::Url::parse(location).unwrap();
    let get = |k: &str| {
        url.query_pairs()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    (get("code"), get("state"))
}

#[tokio::test]
async fn authorization_code_flow_with_rotating_refresh_tokens() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let tokens = Arc::new(AtomicUsize::new(0));
    let seen = tokens.clone();
    let pd = sandbox
        .client_builder()
        .redirect_uri(sandbox.redirect_uri())
        .scopes(["user_schedule"])
        .on_token(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .build()?;

    let (url, state) = pd.authorization_url()?;
    assert!(
        url.as_str()
            .starts_with(&format!("{}/oauth2/authorize?", sandbox.url()))
    );
    assert!(url.as_str().contains("code_challenge_method=S256"));
    let resp = http().get(url.as_str()).send().await?;
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str()?.to_owned();
    assert!(location.starts_with(&sandbox.redirect_uri()));
    let (code, returned_state) = code_and_state(&location);
    assert_eq!(returned_state, state);
    assert!(!code.is_empty());

    let token = pd.exchange_code(&code, &returned_state).await?;
    let first_refresh = token.refresh_token().expect("a refresh token").to_owned();
    assert_eq!(token.scopes(), vec!["user_schedule"]);
    assert_eq!(tokens.load(Ordering::SeqCst), 1);

    // The token works, including on a scope-protected API.
    let appointments = pd.get("/schedule/appointments/").send().await?;
    assert!(appointments.data.is_array());

    // The code is single use.
    let (status, body) = token_request(
        &sandbox,
        Some((sandbox.client_id(), sandbox.client_secret())),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &sandbox.redirect_uri()),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    // fetch_access_token uses the refresh grant; the refresh token rotates.
    let refreshed = pd.fetch_access_token().await?;
    let second_refresh = refreshed
        .refresh_token()
        .expect("a new refresh token")
        .to_owned();
    assert_ne!(second_refresh, first_refresh);
    assert_ne!(refreshed.access_token(), token.access_token());
    assert_eq!(tokens.load(Ordering::SeqCst), 2);
    pd.get("/schedule/appointments/").send().await?;

    // The old refresh token no longer works.
    let (status, body) = token_request(
        &sandbox,
        Some((sandbox.client_id(), sandbox.client_secret())),
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &first_refresh),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    // The new one does (once), via plain reqwest with form credentials.
    let (status, body) = token_request(
        &sandbox,
        None,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &second_refresh),
            ("client_id", sandbox.client_id()),
            ("client_secret", sandbox.client_secret()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["refresh_token"].is_string());
    Ok(())
}

#[tokio::test]
async fn pkce_mismatch_and_foreign_redirects_are_refused() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let pd = sandbox
        .client_builder()
        .redirect_uri(sandbox.redirect_uri())
        .build()?;
    let (url, _state) = pd.authorization_url()?;
    let (code, _) = sandbox.authorize(url.as_str()).await?;

    // Exchanging the code with another verifier fails (S256 is checked).
    let (status, body) = token_request(
        &sandbox,
        Some((sandbox.client_id(), sandbox.client_secret())),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &sandbox.redirect_uri()),
            (
                "code_verifier",
                "a-verifier-that-does-not-match-the-challenge-at-all-000",
            ),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    // Without a verifier it fails too (fresh code).
    let (url, _) = pd.authorization_url()?;
    let (code, _) = sandbox.authorize(url.as_str()).await?;
    let (status, body) = token_request(
        &sandbox,
        Some((sandbox.client_id(), sandbox.client_secret())),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &sandbox.redirect_uri()),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    // An unregistered redirect URI gets a 400, not a redirect.
    let resp = http()
        .get(format!("{}/oauth2/authorize", sandbox.url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", sandbox.client_id()),
            ("redirect_uri", "https://evil.example/cb"),
            ("state", "s"),
        ])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp.headers().get("location").is_none());

    // An unknown scope comes back as an error on the redirect.
    let resp = http()
        .get(format!("{}/oauth2/authorize", sandbox.url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", sandbox.client_id()),
            ("scope", "root"),
            ("state", "s1"),
        ])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str()?;
    assert!(location.contains("error=invalid_scope") && location.contains("state=s1"));
    Ok(())
}

#[tokio::test]
async fn tokens_expire_in_real_time_and_the_client_refreshes() -> TestResult {
    let sandbox = Sandbox::builder()
        .token_lifetime(Duration::from_secs(2))
        .start()
        .await?;
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let pd = sandbox
        .client_builder()
        .on_token(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .build()?;
    pd.get("/tradingpartners/").send().await?;
    let first = pd.token().expect("a token").access_token().to_owned();
    assert_eq!(count.load(Ordering::SeqCst), 1);

    tokio::time::sleep(Duration::from_millis(2300)).await;
    // The sandbox refuses the expired token...
    assert_eq!(api_status(&sandbox, &first, "/tradingpartners/").await, 401);
    // ...and the client gets a new one by itself.
    pd.get("/tradingpartners/").send().await?;
    assert!(count.load(Ordering::SeqCst) >= 2);
    assert_ne!(pd.token().unwrap().access_token(), first);
    let stats = sandbox.stats(sandbox.client_id()).unwrap();
    assert!(stats.tokens_issued >= 2);
    Ok(())
}

#[tokio::test]
async fn scheduling_needs_its_scope() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let plain = sandbox.client();
    match plain.get("/schedule/appointments/").send().await {
        Err(Error::Forbidden { body, .. }) => {
            let scope = &body.errors().expect("data.errors")["scope"];
            assert!(scope[0].as_str().unwrap().contains("user_schedule"));
        }
        other => panic!("expected Error::Forbidden, got {other:?}"),
    }
    // Schedulers are not protected.
    plain.get("/schedule/schedulers/").send().await?;

    let scoped = sandbox.client_builder().scopes(["user_schedule"]).build()?;
    let r = scoped.get("/schedule/appointments/").send().await?;
    assert_eq!(r.data, json!([]));
    assert_eq!(scoped.token().unwrap().scopes(), vec!["user_schedule"]);
    // Slots need business_schedule.
    let e = scoped
        .post("/schedule/slots/")
        .json(&json!({}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    Ok(())
}

async fn cc_token(sandbox: &Sandbox) -> String {
    let (status, body) = token_request(
        sandbox,
        Some((sandbox.client_id(), sandbox.client_secret())),
        &[("grant_type", "client_credentials")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn revoke_takes_a_form_or_json_and_the_token_then_gets_401() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let (id, secret) = (sandbox.client_id(), sandbox.client_secret());
    let url = format!("{}/oauth2/revoke", sandbox.url());

    // RFC 7009 form with HTTP Basic client authentication.
    let form_token = cc_token(&sandbox).await;
    assert_eq!(
        api_status(&sandbox, &form_token, "/tradingpartners/").await,
        200
    );
    let resp = http()
        .post(&url)
        .basic_auth(id, Some(secret))
        .form(&[
            ("token", form_token.as_str()),
            ("token_type_hint", "access_token"),
        ])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(
        api_status(&sandbox, &form_token, "/tradingpartners/").await,
        401
    );

    // JSON `{"token"}` with the token itself as the bearer (the C# client's Dispose()).
    let json_token = cc_token(&sandbox).await;
    let resp = http()
        .post(&url)
        .bearer_auth(&json_token)
        .json(&json!({"token": json_token}))
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(
        api_status(&sandbox, &json_token, "/tradingpartners/").await,
        401
    );

    // An unknown token is a success too (RFC 7009 §2.2).
    let resp = http()
        .post(&url)
        .basic_auth(id, Some(secret))
        .form(&[("token", "never-issued")])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    Ok(())
}

#[tokio::test]
async fn revoke_refuses_missing_tokens_and_unauthenticated_clients() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let url = format!("{}/oauth2/revoke", sandbox.url());
    let token = cc_token(&sandbox).await;

    let resp = http()
        .post(&url)
        .basic_auth(sandbox.client_id(), Some(sandbox.client_secret()))
        .form(&[("token_type_hint", "access_token")])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(resp.json::<Value>().await?["error"], "invalid_request");

    // Wrong credentials, or a bearer that is not the token being revoked: 401, token intact.
    let resp = http()
        .post(&url)
        .basic_auth(sandbox.client_id(), Some("wrong"))
        .form(&[("token", token.as_str())])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 401);
    assert_eq!(resp.json::<Value>().await?["error"], "invalid_client");
    let other = cc_token(&sandbox).await;
    let resp = http()
        .post(&url)
        .bearer_auth(&other)
        .json(&json!({"token": token}))
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 401);
    assert_eq!(api_status(&sandbox, &token, "/tradingpartners/").await, 200);

    // Another client cannot revoke this client's token.
    let sandbox2 = Sandbox::builder()
        .client("second-app", "second-secret")
        .start()
        .await?;
    let mine = cc_token(&sandbox2).await;
    let resp = http()
        .post(format!("{}/oauth2/revoke", sandbox2.url()))
        .basic_auth("second-app", Some("second-secret"))
        .form(&[("token", mine.as_str())])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(api_status(&sandbox2, &mine, "/tradingpartners/").await, 200);
    Ok(())
}

#[tokio::test]
async fn the_client_revokes_and_carries_on_with_a_new_token() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let pd = sandbox.client();
    pd.ssl_check().await?;
    let old = pd.token().expect("a token").access_token().to_owned();
    pd.revoke_token().await?;
    assert!(pd.token().is_none());
    assert_eq!(api_status(&sandbox, &old, "/ssl/").await, 401);
    pd.ssl_check().await?;
    let new = pd.token().expect("a new token").access_token().to_owned();
    assert_ne!(new, old);
    Ok(())
}
