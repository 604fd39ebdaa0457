//! Activity callbacks from the sandbox to a local listener (wiremock).

use std::time::Duration;

use pokitdok::Error;
use pokitdok_sandbox::Sandbox;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn listener() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/callback"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    server
}

/// Waits (at most 10 s) until the listener received `n` requests; returns their JSON bodies.
async fn callbacks(server: &MockServer, n: usize) -> Vec<Value> {
    for _ in 0..200 {
        let received = server.received_requests().await.unwrap_or_default();
        if received.len() >= n {
            return received
                .iter()
                .map(|r| serde_json::from_slice(&r.body).expect("JSON callback"))
                .collect();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("fewer than {n} callbacks arrived");
}

fn claim(callback_url: &str, application_data: Value) -> Value {
    json!({
        "transaction_code": "chargeable",
        "trading_partner_id": "MOCKPAYER",
        "billing_provider": {"first_name": "Elizabeth", "last_name": "Blackwell",
                             "npi": "1234567893", "tax_id": "123456789"},
        "subscriber": {"first_name": "Jane", "last_name": "Doe", "member_id": "W000000000",
                       "birth_date": "1970-01-25", "gender": "female"},
        "claim": {"total_charge_amount": 200.0, "service_lines": [
            {"procedure_code": "99213", "charge_amount": 120.0, "service_date": "2016-01-25"},
            {"procedure_code": "80061", "charge_amount": 80.0, "service_date": "2016-01-25"}]},
        "callback_url": callback_url,
        "application_data": application_data,
    })
}

#[tokio::test]
async fn claim_callbacks_with_mock_payment() -> TestResult {
    let server = listener().await;
    let sandbox = Sandbox::builder()
        .activity_step(Duration::from_millis(100))
        .start()
        .await?;
    let pd = sandbox.client();
    let app_data = json!({"patient_id": "ABC1234XYZ", "location_id": 123,
                          "mock_claim_payment": true});
    let submitted = pd
        .post("/claims/")
        .json(&claim(
            &format!("{}/callback", server.uri()),
            app_data.clone(),
        ))
        .send()
        .await?;
    let id = submitted.data["id"].as_str().unwrap().to_owned();
    assert_eq!(submitted.data["state"]["name"], "scheduled");
    assert_eq!(submitted.meta.activity_id.as_deref(), Some(id.as_str()));

    let bodies = callbacks(&server, 2).await;
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].headers["content-type"].to_str()?,
        "application/json"
    );

    // First callback: the acknowledgement, same shape as GET /activities/{id}.
    let ack = &bodies[0];
    assert_eq!(ack["id"], id.as_str());
    assert_eq!(ack["state"]["name"], "completed");
    assert_eq!(ack["application_data"], app_data);
    assert_eq!(ack["parameters"]["application_data"], app_data);
    assert_eq!(ack["tracking_description"], "acknowledged");
    let status = &ack["result"]["patient"]["claim_level_info"]["statuses"][0];
    assert_eq!(status["status_category_code"], "A1");
    assert_eq!(status["total_claim_amount"]["amount"], "200.00");

    // Second callback: the simulated 835 (85 % paid, 5 % CO, 10 % PR).
    let paid = &bodies[1];
    assert_eq!(paid["application_data"], app_data);
    assert_eq!(paid["tracking_description"], "paid");
    let payment = &paid["result"]["claim_payments"][0];
    assert_eq!(payment["total_charge_amount"]["amount"], "200.00");
    assert_eq!(payment["payment_amount"]["amount"], "170.00");
    assert_eq!(payment["patient_responsibility_amount"]["amount"], "20.00");
    assert_eq!(
        payment["adjustments"][0]["group"],
        "contractual_obligations"
    );
    assert_eq!(payment["adjustments"][0]["amount"]["amount"], "10.00");
    assert_eq!(payment["services"].as_array().unwrap().len(), 2);
    assert_eq!(paid["result_history"].as_array().unwrap().len(), 1);
    assert_eq!(
        paid["result_history"][0]["result"]["patient"]["claim_level_info"]["statuses"][0]["status_category_code"],
        "A1"
    );

    // The activity and the payment are visible through the API.
    let activity = pd.get(format!("/activities/{id}")).send().await?;
    assert_eq!(activity.data["tracking_description"], "paid");
    let payment_id = paid["payment_id"].as_str().unwrap();
    let detail = pd.get(format!("/payments/{payment_id}")).send().await?;
    assert_eq!(
        detail.data["financial_information"]["payment_amount"]["amount"],
        "170.00"
    );
    let list = pd.get("/payments/").send().await?;
    assert!(
        list.data
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == payment_id)
    );
    let data = pd
        .get(format!("/payments/{payment_id}/data"))
        .send()
        .await?;
    assert_eq!(
        data.data[0]["claim_payments"][0]["payment_amount"]["amount"],
        "170.00"
    );

    // Claim status now sees the payment.
    let status = pd
        .post("/claims/status")
        .json(
            &json!({"patient": {"first_name": "JANE", "last_name": "DOE", "id": "W000000000"},
                      "provider": {"npi": "1234567893", "last_name": "Blackwell"},
                      "service_date": "2016-01-25", "trading_partner_id": "MOCKPAYER"}),
        )
        .send()
        .await?;
    let claim_status = &status.data["patient"]["claims"][0];
    assert_eq!(claim_status["tracking_id"], id.as_str());
    assert_eq!(claim_status["statuses"][0]["status_category_code"], "F1");
    assert_eq!(claim_status["claim_payment_amount"]["amount"], "170.00");
    Ok(())
}

#[tokio::test]
async fn rejected_claim_and_async_eligibility_callbacks() -> TestResult {
    let server = listener().await;
    let sandbox = Sandbox::builder()
        .activity_step(Duration::from_millis(50))
        .start()
        .await?;
    let pd = sandbox.client();
    let url = format!("{}/callback", server.uri());

    let mut rejected = claim(&url, json!({"mock_claim_payment": true}));
    rejected["subscriber"]["member_id"] = json!("00001234");
    pd.post("/claims/").json(&rejected).send().await?;
    let bodies = callbacks(&server, 1).await;
    assert_eq!(bodies[0]["tracking_description"], "rejected");
    assert_eq!(
        bodies[0]["result"]["patient"]["claim_level_info"]["statuses"][0]["status_code"],
        "Date(s) of service."
    );

    let eligibility = pd
        .post("/eligibility/")
        .json(&json!({
            "member": {"id": "W000000000", "first_name": "Jane", "last_name": "Doe",
                       "birth_date": "1970-01-25"},
            "provider": {"npi": "1467560003", "last_name": "AYA-AY"},
            "trading_partner_id": "MOCKPAYER",
            "async": true,
            "callback_url": url,
            "application_data": {"transaction_uuid": "93f38f1b-b2cd-4da1-8b55-c6e3ab380dbf"}
        }))
        .send()
        .await?;
    assert_eq!(eligibility.data["name"], "eligibility");
    assert_eq!(eligibility.data["state"]["name"], "scheduled");
    let bodies = callbacks(&server, 2).await;
    // No payment callback for the rejected claim: the second one is the eligibility.
    let e = bodies
        .iter()
        .find(|b| b["name"] == "eligibility")
        .expect("eligibility callback");
    assert_eq!(e["result"]["subscriber"]["id"], "W000000000");
    assert_eq!(
        e["application_data"]["transaction_uuid"],
        "93f38f1b-b2cd-4da1-8b55-c6e3ab380dbf"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    Ok(())
}

#[tokio::test]
async fn only_loopback_callbacks_are_accepted() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let pd = sandbox.client();
    for url in ["https://example.com/cb", "http://10.1.2.3/cb", "not a url"] {
        match pd
            .post("/claims/")
            .json(&claim(url, json!({})))
            .send()
            .await
        {
            Err(Error::Validation { fields, .. }) => assert!(fields.contains_key("callback_url")),
            other => panic!("expected a 422 for {url}, got {other:?}"),
        }
    }
    Ok(())
}
