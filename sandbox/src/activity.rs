//! Activities: their lifecycle over time, cancellation, results and callbacks.

use std::sync::{Arc, Weak};
use std::time::Duration;

use serde_json::{Value, json};

use super::state::{Payment, Shared};
use super::util::{self, cents_of, money};

/// One state of a lifecycle: its name, title, and the transition that leads to it.
pub(crate) struct Stage {
    pub(crate) name: &'static str,
    pub(crate) title: &'static str,
    pub(crate) transition: &'static str,
}

const fn st(name: &'static str, title: &'static str, transition: &'static str) -> Stage {
    Stage {
        name,
        title,
        transition,
    }
}

/// Claims: `scheduled` on submission, then transmitted, waiting for the payer, completed.
pub(crate) static CLAIM: &[Stage] = &[
    st("init", "Initializing", ""),
    st(
        "scheduled",
        "Scheduled for next available transmission to Trading Partner",
        "schedule",
    ),
    st(
        "transmitting",
        "Transmitting to Trading Partner",
        "transmit",
    ),
    st("waiting", "Waiting for Trading Partner response", "wait"),
    st("completed", "Completed", "complete"),
];

/// Asynchronous X12 requests (eligibility, claim status, referrals...) and enrollment.
pub(crate) static ASYNC: &[Stage] = &[
    st("init", "Initializing", ""),
    st("scheduled", "Scheduled for execution", "schedule"),
    st(
        "transmitting",
        "Transmitting to Trading Partner",
        "transmit",
    ),
    st("completed", "Completed", "complete"),
];

/// Batch files.
pub(crate) static BATCH: &[Stage] = &[
    st("init", "Initializing", ""),
    st(
        "stored",
        "Batch transactions stored for later processing",
        "store",
    ),
    st("queued", "In queue waiting to start", "queue"),
    st("processing", "Processing transactions", "process"),
    st("completed", "Completed", "complete"),
];

/// Real-time requests: recorded already completed.
pub(crate) static SYNC: &[Stage] = &[
    st("init", "Initializing", ""),
    st("processing", "Processing transactions", "process"),
    st("completed", "Completed", "complete"),
];

/// States from which `{"transition": "cancel"}` is allowed.
const CANCELLABLE: &[&str] = &["init", "scheduled", "stored", "queued"];

/// What completing the activity produces.
#[derive(Clone)]
pub(crate) enum Outcome {
    /// A result computed at submission.
    Ready(Value),
    /// A claim: the acknowledgement, then maybe a payment.
    Claim,
}

pub(crate) struct Activity {
    pub(crate) id: String,
    pub(crate) uuid: String,
    pub(crate) name: String,
    pub(crate) trading_partner_id: String,
    pub(crate) parameters: Value,
    pub(crate) plan: &'static [Stage],
    pub(crate) stage: usize,
    pub(crate) canceled: bool,
    pub(crate) history: Vec<Value>,
    pub(crate) result: Option<Value>,
    pub(crate) result_history: Vec<Value>,
    pub(crate) callback_url: Option<String>,
    pub(crate) callback_error: Option<String>,
    pub(crate) parent_id: Option<String>,
    pub(crate) tracking_description: Option<String>,
    pub(crate) payment_id: Option<String>,
    /// The X12 request and response, for `Accept: application/vnd.pokitdok.v4+activity-x12-json`.
    pub(crate) x12: Option<(String, String)>,
    pub(crate) created: String,
    pub(crate) updated: String,
    pub(crate) outcome: Outcome,
    /// Estimated JSON bytes, set when stored (see `ClientState::push_activity`).
    pub(crate) weight: usize,
}

impl Activity {
    /// A new activity in stage `stage` of `plan` (history filled up to it).
    pub(crate) fn new(
        id: String,
        name: &str,
        trading_partner_id: &str,
        parameters: Value,
        plan: &'static [Stage],
        stage: usize,
        outcome: Outcome,
    ) -> Self {
        let now = util::now_ts();
        let stage = stage.min(plan.len().saturating_sub(1));
        let history = plan[..=stage]
            .iter()
            .map(|s| json!({"record_dt": now, "name": s.name, "title": s.title}))
            .collect();
        let callback_url = util::s(&parameters, "callback_url").map(str::to_owned);
        let mut a = Activity {
            id,
            uuid: util::new_uuid(),
            name: name.to_owned(),
            trading_partner_id: trading_partner_id.to_owned(),
            parameters,
            plan,
            stage,
            canceled: false,
            history,
            result: None,
            result_history: Vec::new(),
            callback_url,
            callback_error: None,
            parent_id: None,
            tracking_description: None,
            payment_id: None,
            x12: None,
            created: now.clone(),
            updated: now,
            outcome,
            weight: 0,
        };
        if a.is_terminal()
            && let Outcome::Ready(v) = &a.outcome
        {
            a.result = Some(v.clone());
        }
        a
    }

    /// Estimated JSON bytes of the activity as stored now (its parameters, result and X12,
    /// and 2 KiB for the rest; claim results and histories grow a little later).
    pub(crate) fn estimate_size(&self) -> usize {
        let outcome = match &self.outcome {
            Outcome::Ready(v) => util::json_size(v),
            Outcome::Claim => 0,
        };
        let x12 = self.x12.as_ref().map_or(0, |(a, b)| a.len() + b.len());
        // A ready outcome is stored twice: as the outcome and, once completed, the result.
        2048 + util::json_size(&self.parameters) + 2 * outcome + x12
    }

    pub(crate) fn state_name(&self) -> &'static str {
        if self.canceled {
            "canceled"
        } else {
            self.plan.get(self.stage).map_or("completed", |s| s.name)
        }
    }

    pub(crate) fn is_terminal(&self) -> bool {
        self.canceled || self.stage + 1 >= self.plan.len()
    }

    fn record(&mut self, name: &str, title: &str) {
        let now = util::now_ts();
        self.history
            .push(json!({"record_dt": now, "name": name, "title": title}));
        self.updated = now;
    }

    /// Moves to the next stage; returns whether the activity is now completed.
    pub(crate) fn advance(&mut self) -> bool {
        if self.is_terminal() {
            return false;
        }
        self.stage += 1;
        let (name, title) = (self.plan[self.stage].name, self.plan[self.stage].title);
        self.record(name, title);
        self.is_terminal()
    }

    /// `{"transition": "cancel"}`; `Err` with the reason when not allowed now.
    pub(crate) fn cancel(&mut self) -> Result<(), String> {
        let state = self.state_name();
        if !CANCELLABLE.contains(&state) {
            return Err(format!(
                "The activity cannot be canceled in state '{state}'."
            ));
        }
        self.canceled = true;
        self.record("canceled", "Canceled");
        Ok(())
    }

    /// Stores a new result, keeping the previous one in `result_history`.
    pub(crate) fn set_result(&mut self, result: Value) {
        if let Some(prev) = self.result.take() {
            self.result_history
                .push(json!({"record_dt": self.updated, "result": prev}));
        }
        self.result = Some(result);
        self.updated = util::now_ts();
    }

    /// The JSON of `GET /activities/{id}` (and of callbacks).
    pub(crate) fn to_json(&self) -> Value {
        let remaining: Vec<&str> = if self.canceled {
            Vec::new()
        } else {
            self.plan[self.stage + 1..]
                .iter()
                .map(|s| s.transition)
                .collect()
        };
        let path: Vec<&str> = self.plan[1..].iter().map(|s| s.transition).collect();
        let title = if self.canceled {
            "Canceled"
        } else {
            self.plan.get(self.stage).map_or("Completed", |s| s.title)
        };
        let mut v = json!({
            "_type": "PlatformActivityModel",
            "_uuid": self.uuid,
            "id": self.id,
            "name": self.name,
            "state": {"name": self.state_name(), "title": title},
            "history": self.history,
            "transition_path": path,
            "remaining_transitions": remaining,
            "trading_partner_id": self.trading_partner_id,
            "parameters": self.parameters,
            "units_of_work": 1,
            "created_date": self.created,
            "last_updated_date": self.updated,
        });
        let extra = [
            ("result", self.result.clone()),
            (
                "result_history",
                (!self.result_history.is_empty()).then(|| json!(self.result_history)),
            ),
            (
                "application_data",
                self.parameters
                    .get("application_data")
                    .filter(|v| !v.is_null())
                    .cloned(),
            ),
            ("callback_url", self.callback_url.clone().map(Value::from)),
            (
                "callback_error",
                self.callback_error.clone().map(Value::from),
            ),
            ("parent_id", self.parent_id.clone().map(Value::from)),
            (
                "tracking_description",
                self.tracking_description.clone().map(Value::from),
            ),
            ("payment_id", self.payment_id.clone().map(Value::from)),
        ];
        for (k, val) in extra {
            if let Some(val) = val {
                v[k] = val;
            }
        }
        v
    }
}

/// Whether a callback URL is allowed: `http(s)` to a loopback host only.
pub(crate) fn callback_allowed(raw: &str) -> bool {
    let Ok(url) = url::Url::parse(raw) else {
        return false;
    };
    if !matches!(url.scheme(), "http" | "https") || !url.username().is_empty() {
        return false;
    }
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Runs an asynchronous activity's lifecycle in the background: one stage per step, then the
/// result and callbacks. Stops when the sandbox is gone or the activity was canceled.
pub(crate) fn spawn_lifecycle(shared: &Arc<Shared>, client_id: String, activity_id: String) {
    let weak: Weak<Shared> = Arc::downgrade(shared);
    let step = shared.config.activity_step;
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(step).await;
            let Some(shared) = weak.upgrade() else { return };
            let done = shared.with_client(&client_id, |c| {
                let a = c.activity_mut(&activity_id)?;
                if a.canceled {
                    return None;
                }
                let completed = a.advance();
                Some((completed, a.is_terminal()))
            });
            match done.flatten() {
                None => return,
                Some((false, false)) => continue,
                Some((false, true)) => return,
                Some((true, _)) => {
                    complete(&shared, &client_id, &activity_id).await;
                    drop(shared);
                    pay_if_asked(&weak, step, &client_id, &activity_id).await;
                    return;
                }
            }
        }
    });
}

/// Sets the result of a just-completed activity and posts the callback.
async fn complete(shared: &Arc<Shared>, client_id: &str, activity_id: &str) {
    let callback = shared.with_client(client_id, |c| {
        let client_name = client_id.to_owned();
        let a = c.activity_mut(activity_id)?;
        let result = match &a.outcome {
            Outcome::Ready(v) => v.clone(),
            Outcome::Claim => {
                let (ack, accepted) = claim_acknowledgement(&client_name, a);
                a.tracking_description =
                    Some(if accepted { "acknowledged" } else { "rejected" }.into());
                ack
            }
        };
        a.set_result(result);
        Some((a.callback_url.clone()?, a.to_json()))
    });
    if let Some(Some((url, body))) = callback {
        send_callback(shared, client_id, activity_id, &url, &body).await;
    }
}

/// MOCKPAYER's `mock_claim_payment`: one more step, then an 835 result and a second callback.
async fn pay_if_asked(weak: &Weak<Shared>, step: Duration, client_id: &str, activity_id: &str) {
    let wants = weak.upgrade().and_then(|shared| {
        shared
            .with_client(client_id, |c| {
                let a = c.activity_mut(activity_id)?;
                let asked = a.parameters["application_data"]["mock_claim_payment"] == json!(true);
                (matches!(a.outcome, Outcome::Claim)
                    && asked
                    && a.tracking_description.as_deref() == Some("acknowledged"))
                .then_some(())
            })
            .flatten()
    });
    if wants.is_none() {
        return;
    }
    tokio::time::sleep(step).await;
    let Some(shared) = weak.upgrade() else { return };
    let callback = shared.with_client(client_id, |c| {
        let payment_id = util::new_id();
        let a = c.activity_mut(activity_id)?;
        let (result, payment) = claim_payment(a, &payment_id);
        a.tracking_description = Some("paid".into());
        a.payment_id = Some(payment_id);
        a.set_result(result);
        let cb = a.callback_url.clone().map(|u| (u, a.to_json()));
        if c.payments.len() >= super::state::MAX_LOG {
            c.payments.remove(0);
        }
        c.payments.push(payment);
        Some(cb)
    });
    if let Some(Some(Some((url, body)))) = callback {
        send_callback(&shared, client_id, activity_id, &url, &body).await;
    }
}

async fn send_callback(
    shared: &Shared,
    client_id: &str,
    activity_id: &str,
    url: &str,
    body: &Value,
) {
    if !callback_allowed(url) {
        return;
    }
    let outcome = shared
        .callbacks
        .post(url)
        .header("user-agent", "pokitdok-sandbox")
        .json(body)
        .send()
        .await;
    let error = match outcome {
        Ok(r) if r.status().is_success() => None,
        Ok(r) => Some(format!("callback answered {}", r.status())),
        Err(_) => Some("callback could not be delivered".to_owned()),
    };
    if let Some(e) = error {
        shared.with_client(client_id, |c| {
            if let Some(a) = c.activity_mut(activity_id) {
                a.callback_error = Some(e);
            }
        });
    }
}

fn claim_total_cents(claim: &Value) -> i64 {
    if let Some(t) = claim.get("total_charge_amount").and_then(cents_of) {
        return t;
    }
    claim["service_lines"]
        .as_array()
        .map(|lines| {
            lines
                .iter()
                .filter_map(|l| l.get("charge_amount").and_then(cents_of))
                .fold(0, i64::saturating_add)
        })
        .unwrap_or(0)
}

fn service_dates(claim: &Value) -> (String, String) {
    let lines = claim["service_lines"].as_array();
    let first = lines
        .and_then(|l| l.iter().find_map(|x| util::s(x, "service_date")))
        .unwrap_or_default()
        .to_owned();
    let last = lines
        .and_then(|l| {
            l.iter()
                .rev()
                .find_map(|x| util::s(x, "service_end_date").or_else(|| util::s(x, "service_date")))
        })
        .unwrap_or_default()
        .to_owned();
    (first, last)
}

/// The patient a claim is for: `patient` when given, else the subscriber.
pub(crate) fn claim_patient(params: &Value) -> (Value, String) {
    let who = if params.get("patient").is_some_and(Value::is_object) {
        &params["patient"]
    } else {
        &params["subscriber"]
    };
    let id = util::s(who, "member_id")
        .or_else(|| util::s(&params["subscriber"], "member_id"))
        .unwrap_or_default()
        .to_owned();
    (
        json!({
            "first_name": util::s(who, "first_name").unwrap_or_default().to_uppercase(),
            "last_name": util::s(who, "last_name").unwrap_or_default().to_uppercase(),
            "id": id,
        }),
        id,
    )
}

/// The trading partner's acknowledgement of a claim (277CA-like), and whether it was accepted.
fn claim_acknowledgement(client_id: &str, a: &Activity) -> (Value, bool) {
    let p = &a.parameters;
    let claim = &p["claim"];
    let total = money(claim_total_cents(claim));
    let (patient, _) = claim_patient(p);
    let member_id = util::s(&p["subscriber"], "member_id").unwrap_or_default();
    let (category, category_code, status, action) = match member_id {
        "00001234" => (
            "Acknowledgement/Returned as unprocessable claim-The claim/encounter has been rejected and has not been entered into the adjudication system.",
            "A3",
            "Date(s) of service.",
            "reject",
        ),
        "00009999" => (
            "Acknowledgement/Returned as unprocessable claim-The claim/encounter has been rejected and has not been entered into the adjudication system.",
            "A3",
            "Entity's date of birth.",
            "reject",
        ),
        _ => (
            "Acknowledgement/Receipt-The claim/encounter has been received. This does not mean that the claim has been accepted for adjudication.",
            "A1",
            "Accepted for processing.",
            "accept",
        ),
    };
    let today = util::today();
    let statuses = json!([{
        "action": action,
        "status_category": category,
        "status_category_code": category_code,
        "status_effective_date": today,
        "status_code": status,
        "total_claim_amount": total,
    }]);
    let (first, last) = service_dates(claim);
    let bp = &p["billing_provider"];
    let mut provider = util::pick(
        bp,
        &[
            "first_name",
            "last_name",
            "organization_name",
            "npi",
            "tax_id",
        ],
    );
    provider["trace_number"] = json!("0");
    provider["accepted_quantity"] = json!(if action == "accept" { "1" } else { "0" });
    provider["amount_in_process"] = total.clone();
    let mut patient = patient;
    patient["claim_level_info"] = json!({
        "statuses": statuses,
        "claim_id_number": "NA",
        "service_date": first,
        "service_end_date": last,
        "tracking_id": a.id,
    });
    let ack = json!({
        "client_id": client_id,
        "correlation_id": a.id,
        "trading_partner_id": a.trading_partner_id,
        "clearinghouse": {"name": "MOCK CLEARINGHOUSE", "transmitter_id": "12345678",
                          "date_received": today, "date_processed": today},
        "submitter": {
            "organization_name": "POKITDOK SANDBOX",
            "id": "POKITDOKTEST",
            "tracking_id": a.id,
            "statuses": statuses,
            "accepted_quantity": if action == "accept" { "1" } else { "0" },
            "amount_in_process": total,
        },
        "providers": [provider],
        "patient": patient,
    });
    (ack, action == "accept")
}

/// The simulated 835: 85 % paid, 5 % contractual adjustment, 10 % patient responsibility.
fn claim_payment(a: &Activity, payment_id: &str) -> (Value, Payment) {
    let p = &a.parameters;
    let claim = &p["claim"];
    let total = claim_total_cents(claim);
    let paid = util::percent_of(total, 85);
    let patient_resp = util::percent_of(total, 10);
    let contractual = total.saturating_sub(paid).saturating_sub(patient_resp);
    let today = util::today();
    let lines: Vec<Value> = claim["service_lines"]
        .as_array()
        .map(|l| l.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|line| {
            let charge = line.get("charge_amount").and_then(cents_of).unwrap_or(0);
            let line_paid = util::percent_of(charge, 85);
            let line_pr = util::percent_of(charge, 10);
            let line_co = charge.saturating_sub(line_paid).saturating_sub(line_pr);
            json!({
                "adjudicated_procedure_code": util::s(line, "procedure_code").unwrap_or_default(),
                "adjudicated_procedure_code_qualifier": "health_care",
                "charge_amount": money(charge),
                "provider_payment_amount": money(line_paid),
                "service_date": util::s(line, "service_date").unwrap_or_default(),
                "service_units_paid": 1,
                "service_units_submitted": 1,
                "control_number": a.id,
                "adjustments": [
                    {"group": "contractual_obligations", "reason_code": "45",
                     "reason": "Charge exceeds fee schedule/maximum allowable or contracted/legislated fee arrangement.",
                     "amount": money(line_co)},
                    {"group": "patient_responsibility", "reason_code": "2",
                     "reason": "Coinsurance Amount", "amount": money(line_pr)}
                ]
            })
        })
        .collect();
    let (patient, _) = claim_patient(p);
    let bp = &p["billing_provider"];
    let payee_name = util::s(bp, "organization_name")
        .map(str::to_owned)
        .unwrap_or_else(|| {
            format!(
                "{} {}",
                util::s(bp, "first_name").unwrap_or_default(),
                util::s(bp, "last_name").unwrap_or_default()
            )
            .trim()
            .to_uppercase()
        });
    let trace = format!("EFT{}", &payment_id[..12.min(payment_id.len())]).to_uppercase();
    let financial = json!({
        "check_eft_trace_number": trace,
        "transaction_type": "credit",
        "effective_date": today,
        "payment_amount": money(paid),
        "payment_method": "automated_clearing_house",
        "transaction_handling": "remittance_information_and_payment",
    });
    let payee = json!({"name": payee_name, "npi": util::s(bp, "npi").unwrap_or_default(),
                       "tax_id": util::s(bp, "tax_id").unwrap_or_default()});
    let payer = json!({"name": a.trading_partner_id, "id": a.trading_partner_id});
    let claim_payment = json!({
        "control_number": a.id,
        "patient_control_number": a.id,
        "claim_frequency": "original",
        "status": "processed_as_primary",
        "total_charge_amount": money(total),
        "payment_amount": money(paid),
        "patient_responsibility_amount": money(patient_resp),
        "adjustments": [
            {"group": "contractual_obligations", "reason_code": "45", "amount": money(contractual)},
            {"group": "patient_responsibility", "reason_code": "2", "amount": money(patient_resp)}
        ],
        "services": lines,
    });
    let result = json!({
        "claim_payments": [claim_payment],
        "financial_information": financial,
        "payee": payee,
        "payer": payer,
        "patient": patient,
        "production_date": today,
        "transaction_type": "remittance_information_and_payment",
        "meta": {"transaction_created_date": today},
    });
    let summary = json!({
        "id": payment_id,
        "effective_date": today,
        "linked_activity_count": 1,
        "payment_type": "claim_payment",
        "received_date": util::now_ts(),
        "total": money(paid),
        "trading_partner_id": a.trading_partner_id,
        "transaction_count": 1,
    });
    let detail = json!({
        "id": payment_id,
        "financial_information": financial,
        "linked_activity_count": 1,
        "payee": payee,
        "payer": payer,
        "payment_type": "claim_payment",
        "trading_partner_id": a.trading_partner_id,
        "transaction_count": 1,
    });
    let payment = Payment {
        summary,
        detail,
        claim_payments: vec![result.clone()],
    };
    (result, payment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callbacks_only_to_loopback() {
        assert!(callback_allowed("http://127.0.0.1:8080/cb"));
        assert!(callback_allowed("https://localhost/cb"));
        assert!(callback_allowed("http://[::1]:9/x"));
        assert!(!callback_allowed("https://example.com/cb"));
        assert!(!callback_allowed("http://10.0.0.1/cb"));
        assert!(!callback_allowed("ftp://127.0.0.1/cb"));
        assert!(!callback_allowed("not a url"));
    }

    #[test]
    fn lifecycle_and_cancel() {
        let mut a = Activity::new(
            util::new_id(),
            "claims",
            "MOCKPAYER",
            json!({}),
            CLAIM,
            1,
            Outcome::Claim,
        );
        assert_eq!(a.state_name(), "scheduled");
        assert_eq!(a.to_json()["remaining_transitions"][0], "transmit");
        assert!(!a.advance());
        assert_eq!(a.state_name(), "transmitting");
        assert!(a.cancel().is_err());
        assert!(!a.advance());
        assert!(a.advance());
        assert_eq!(a.state_name(), "completed");
        assert!(!a.advance());

        let mut b = Activity::new(
            util::new_id(),
            "claims",
            "MOCKPAYER",
            json!({}),
            CLAIM,
            1,
            Outcome::Claim,
        );
        assert!(b.cancel().is_ok());
        assert_eq!(b.to_json()["state"]["name"], "canceled");
        assert!(b.cancel().is_err());
    }

    #[test]
    fn payment_splits_85_5_10() {
        let a = Activity::new(
            util::new_id(),
            "claims",
            "MOCKPAYER",
            json!({"claim": {"total_charge_amount": "100.0",
                              "service_lines": [{"charge_amount": 100, "procedure_code": "99213"}]},
                   "subscriber": {"member_id": "W1", "first_name": "a", "last_name": "b"}}),
            CLAIM,
            4,
            Outcome::Claim,
        );
        let (r, p) = claim_payment(&a, "abc");
        let cp = &r["claim_payments"][0];
        assert_eq!(cp["payment_amount"]["amount"], "85.00");
        assert_eq!(cp["patient_responsibility_amount"]["amount"], "10.00");
        assert_eq!(cp["adjustments"][0]["amount"]["amount"], "5.00");
        assert_eq!(p.summary["total"]["amount"], "85.00");
    }
}
