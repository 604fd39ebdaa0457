use super::roundtrip;

use pokitdok::ApiResponse;
use pokitdok::models::activities::{Activity, ActivityState};
use pokitdok::models::admin::{AppRegistration, TransactionSetName};
use pokitdok::models::eligibility::ServiceType;
use pokitdok::models::transactions::{
    Authorization, CertificationAction, DecisionReason, EnrollmentRecord, EnrollmentSnapshot,
    FollowUpAction, InsuranceLine, MaintenanceType, Referral, ServiceMeasurement,
};

#[test]
fn authorizations_response_rejected() {
    let a = roundtrip::<Authorization>("authorizations.response.json");
    assert_eq!(a.valid_request, Some(false));
    assert_eq!(a.follow_up_action, Some(FollowUpAction::CorrectAndResubmit));
    assert_eq!(
        a.reject_reason.as_deref(),
        Some("invalid_provider_phone_number")
    );
    assert_eq!(a.async_, Some(false));
    assert_eq!(
        a.certification_action(),
        Some(&CertificationAction::NotCertified)
    );
    let event = a.event.as_ref().unwrap();
    assert_eq!(
        event.review.as_ref().unwrap().decision_reason,
        Some(DecisionReason::ServicesNotConsideredDueToOtherErrors)
    );
    assert_eq!(
        event.services[0].rejections[0].reason.as_deref(),
        Some("required_application_data_missing")
    );
    let provider = a.provider.as_ref().unwrap();
    assert_eq!(provider.rejections[0].valid_request, Some(false));
    assert_eq!(a.payer.as_ref().unwrap().id.as_deref(), Some("123456789"));
}

#[test]
fn authorizations_response_certified() {
    let a = roundtrip::<Authorization>("authorizations.response.2.json");
    assert_eq!(
        a.certification_action(),
        Some(&CertificationAction::CertifiedInTotal)
    );
    assert_eq!(a.certification_number(), Some("AUTH0002"));
    let event = a.event.unwrap();
    assert_eq!(
        event.services[0].measurement,
        Some(ServiceMeasurement::Unit)
    );
    assert_eq!(event.services[0].quantity, Some(1.into()));
    assert_eq!(event.diagnoses[0].code.as_deref(), Some("R10.9"));
}

/// The documented example has `client_id` twice (`"<client_id>"`, then `""`); JSON parsers,
/// serde_json included, keep the last value, and the round trip compares parsed values.
#[test]
fn authorizations_response_pended_with_duplicate_key() {
    let a = roundtrip::<Authorization>("authorizations.response.3.json");
    assert_eq!(a.client_id.as_deref(), Some(""));
    assert_eq!(a.trading_partner_id.as_deref(), Some("abc_healthcare"));
    assert_eq!(a.certification_action(), Some(&CertificationAction::Pended));
    let review = a.event.as_ref().unwrap().review.as_ref().unwrap();
    assert_eq!(
        review.decision_reason,
        Some(DecisionReason::RequiresMedicalReview)
    );
    assert_eq!(review.second_surgical_opinion_required, Some(false));
    assert_eq!(a.valid_request, Some(true));
}

#[test]
fn referrals_response() {
    let r = roundtrip::<Referral>("referrals.response.json");
    assert_eq!(
        r.certification_action(),
        Some(&CertificationAction::CertifiedInTotal)
    );
    assert_eq!(r.certification_number(), Some("AUTH0001"));
    let event = r.event.unwrap();
    assert_eq!(event.service_type, Some(ServiceType::Consultation));
    assert_eq!(event.provider.unwrap().phone.as_deref(), Some("8645822900"));
}

#[test]
fn enrollment_snapshot_create_response() {
    let a = roundtrip::<Activity>("enrollment_snapshot.create.response.json");
    assert_eq!(a.id.as_deref(), Some("57571d8d0640fd3171a95552"));
    assert_eq!(a.state.unwrap().name, Some(ActivityState::Scheduled));
    assert_eq!(a.parameters.unwrap()["trading_partner_id"], "MOCKPAYER");
    assert_eq!(a.transition_path.len(), 5);
}

#[test]
fn enrollment_snapshot_list_response() {
    let list = roundtrip::<Vec<EnrollmentSnapshot>>("enrollment_snapshot.list.response.json");
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0].snapshot_id.as_deref(),
        Some("5744b7db0640fd757c0c0d6e")
    );
    assert_eq!(
        list[1]
            .snapshot_date
            .as_ref()
            .unwrap()
            .naive()
            .unwrap()
            .to_string(),
        "2016-05-25 20:21:46.168"
    );
}

#[test]
fn enrollment_snapshot_get_response() {
    let s = roundtrip::<EnrollmentSnapshot>("enrollment_snapshot.get.response.json");
    assert_eq!(s.snapshot_id.as_deref(), Some("5317f51527a27620f2ec7533"));
    assert_eq!(s.trading_partner_id.as_deref(), Some("MOCKPAYER"));
}

#[test]
fn enrollment_snapshot_data_response() {
    let data = roundtrip::<Vec<EnrollmentRecord>>("enrollment_snapshot.data.response.json");
    let r = &data[0];
    assert_eq!(
        r.reference_number.as_deref(),
        Some("a4db5c6981cb418eab3401fa36dbf1b6")
    );
    assert_eq!(r.dependents.as_deref(), Some(&[][..]));
    let s = r.subscriber.as_ref().unwrap();
    assert_eq!(s.maintenance_type, Some(MaintenanceType::Addition));
    assert_eq!(
        s.benefits[0].benefit_type,
        Some(InsuranceLine::PreferredProviderOrganization)
    );
    assert_eq!(
        s.address.as_ref().unwrap().postal_code.as_deref(),
        Some("91303")
    );
    // PHI stays out of Debug.
    let debug = format!("{r:?}");
    assert!(
        !debug.contains("777999542") && !debug.contains("JOHN"),
        "{debug}"
    );
}

#[test]
fn files_response() {
    let a = roundtrip::<Activity>("files.response.json");
    assert_eq!(a.name.as_deref(), Some("batch file"));
    assert_eq!(
        a.uuid.as_deref(),
        Some("7c3effe8-a370-481c-bd2e-2ef280acd5ed")
    );
    assert_eq!(a.state.as_ref().unwrap().name, Some(ActivityState::Queued));
    assert_eq!(a.history[1].name, Some(ActivityState::Stored));
    assert_eq!(a.units_of_work, Some(1));
}

#[test]
fn appregistrations_create_response() {
    let r = roundtrip::<ApiResponse<AppRegistration>>("appregistrations.create.response.json");
    assert_eq!(
        r.data.uuid.as_deref(),
        Some("2f201868-47f4-11e8-a91a-0242ac12000a")
    );
    assert_eq!(
        r.data.transaction_set_name,
        Some(TransactionSetName::Eligibility)
    );
    assert_eq!(r.data.tax_id, ["123456789"]);
    assert_eq!(r.data.zipcode.as_deref(), Some("94401"));
    assert_eq!(r.meta.extra["..."], "...");
}
