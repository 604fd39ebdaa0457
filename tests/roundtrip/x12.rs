use super::roundtrip;

use pokitdok::ApiResponse;
use pokitdok::models::activities::{
    Activity, ActivityState, ActivityTransition, TrackingDescription,
};
use pokitdok::models::eligibility::{
    AuthorizationRequired, CoverageLevel, Eligibility, FollowUpAction, FullX12Json, InPlanNetwork,
    RejectReason, ServiceType, TimePeriod, X12ErrorData, X12ErrorResponse, X12Json,
};

// ----- activities ------------------------------------------------------------------------------

#[test]
fn activities_list() {
    let list: Vec<Activity> = roundtrip("activities.list.response.json");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id.as_deref(), Some("5745bbdd0640fd3a8186d5d6"));
    assert_eq!(list[0].state_name(), Some(&ActivityState::Init));
    assert_eq!(
        list[0].remaining_transitions,
        vec![ActivityTransition::Process, ActivityTransition::Complete]
    );
    assert!(!list[0].is_finished());
}

#[test]
fn activities_get() {
    let a: Activity = roundtrip("activities.get.response.json");
    assert_eq!(a.state_name(), Some(&ActivityState::Completed));
    assert!(a.is_finished());
    assert_eq!(a.history.len(), 2);
    assert_eq!(a.history[1].name, Some(ActivityState::Processing));
    assert_eq!(
        a.history[0]
            .record_dt
            .as_ref()
            .unwrap()
            .naive()
            .unwrap()
            .to_string(),
        "2016-05-25 18:06:11.239"
    );
    assert_eq!(a.type_.as_deref(), Some("PlatformActivityModel"));
    assert_eq!(a.units_of_work, Some(1));
}

#[test]
fn activities_cancel() {
    let a: Activity = roundtrip("activities.cancel.response.json");
    assert_eq!(a.state_name(), Some(&ActivityState::Canceled));
    assert!(
        a.callback_error
            .as_deref()
            .unwrap()
            .starts_with("Unable to POST")
    );
    let params: pokitdok::models::claims::ClaimRequest = a.parameters_as().unwrap().unwrap();
    assert_eq!(params.trading_partner_id, "MOCKPAYER");
    assert_eq!(params.async_, Some(true));
    assert_eq!(
        params.claim.service_lines[0].procedure_code.as_deref(),
        Some("99213")
    );
    // Debug shows no PHI from the parameters.
    let dbg = format!("{a:?}");
    assert!(
        !dbg.contains("John") && !dbg.contains("W000000001"),
        "{dbg}"
    );
    let _ = TrackingDescription::from("finalized forwarded");
    assert_eq!(
        TrackingDescription::from("finalized forwarded"),
        TrackingDescription::FinalizedForwarded
    );
}

// ----- eligibility -----------------------------------------------------------------------------

#[test]
fn eligibility_unable_to_respond() {
    let e: Eligibility = roundtrip("eligibility.response.json");
    // The documented example says `valid_request: true` next to a reject reason.
    assert_eq!(e.valid_request, Some(true));
    assert_eq!(e.coverage.as_ref().unwrap().active, Some(false));
    assert!(!e.is_active());
    assert_eq!(
        e.follow_up_action,
        Some(FollowUpAction::ResubmissionAllowed)
    );
    assert_eq!(e.reject_reason, Some(RejectReason::UnableToRespondNow));
}

#[test]
fn eligibility_member_not_found() {
    let e: Eligibility = roundtrip("eligibility.response.2.json");
    assert_eq!(e.valid_request, Some(false));
    assert!(e.reject_reason.is_some());
}

#[test]
fn eligibility_birth_date_mismatch() {
    let e: Eligibility = roundtrip("eligibility.response.3.json");
    assert_eq!(e.valid_request, Some(false));
    assert!(e.follow_up_action.is_some());
}

#[test]
fn eligibility_cannot_process() {
    let e: Eligibility = roundtrip("eligibility.response.4.json");
    assert_eq!(e.valid_request, Some(false));
    assert!(!e.is_active());
}

#[test]
fn eligibility_multiple_rejections() {
    let e: Eligibility = roundtrip("eligibility.response.5.json");
    let cov = e.coverage.as_ref().unwrap();
    assert_eq!(cov.active, Some(false));
    assert_eq!(
        cov.cannot_process[0].service_types,
        vec![ServiceType::HealthBenefitPlanCoverage]
    );
    let rejections = &e.subscriber.as_ref().unwrap().rejections;
    assert_eq!(rejections.len(), 3);
    assert_eq!(
        rejections[2].reject_reason,
        Some(RejectReason::DeathPrecedesDateOfService)
    );
    assert_eq!(
        rejections[2].follow_up_action,
        Some(FollowUpAction::ResubmissionNotAllowed)
    );
    assert_eq!(e.pharmacy.as_ref().unwrap().is_eligible, Some(false));
}

#[test]
fn eligibility_success() {
    let e: Eligibility = roundtrip("eligibility.response.6.json");
    assert_eq!(e.valid_request, Some(true));
    assert!(e.reject_reason.is_none());
    let cov = e.coverage.as_ref().unwrap();
    let ded = &cov.deductibles[0];
    assert!(ded.benefit_amount.is_some());
    assert!(ded.coverage_level.is_some());
    assert!(matches!(
        ded.in_plan_network,
        Some(InPlanNetwork::Yes | InPlanNetwork::No | InPlanNetwork::NotApplicable)
    ));
    // An explicit empty `messages` list survives.
    assert_eq!(ded.messages.as_deref(), Some(&[][..]));
    let co = &cov.coinsurance[0];
    assert!(co.benefit_percent.is_some());
    let summary = e.summary.as_ref().unwrap();
    let ind = summary
        .deductible
        .as_ref()
        .unwrap()
        .individual
        .as_ref()
        .unwrap();
    let limit = &ind
        .in_network
        .as_ref()
        .unwrap()
        .limit
        .as_ref()
        .unwrap()
        .amount;
    assert!(limit.to_f64().is_some());
    assert!(
        cov.deductibles
            .iter()
            .any(|d| d.time_period == Some(TimePeriod::CalendarYear))
    );
    assert!(
        cov.deductibles
            .iter()
            .chain(&cov.out_of_pocket)
            .any(|d| d.coverage_level == Some(CoverageLevel::Family))
    );
    let _ = AuthorizationRequired::Undetermined;
    // Debug shows no subscriber data.
    let dbg = format!("{e:?}");
    assert!(!dbg.contains("1970"), "{dbg}");
}

#[test]
fn eligibility_medicare_part_d() {
    let e: Eligibility = roundtrip("eligibility.response.7.json");
    assert!(e.pharmacy.as_ref().unwrap().plan_number.is_some());
    assert_eq!(
        ServiceType::HealthBenefitPlanCoverage.x12_code(),
        Some("30")
    );
    assert_eq!(
        ServiceType::from_x12_code("86"),
        Some(ServiceType::EmergencyServices)
    );
}

// ----- raw X12 and errors ----------------------------------------------------------------------

#[test]
fn raw_x12_edi_x12_json() {
    let r: ApiResponse<X12Json> = roundtrip("raw_x12.edi_x12_json.response.json");
    assert!(r.data.x12.starts_with("ISA*"));
    assert_eq!(r.meta.rate_limit_cap, Some(5000));
}

#[test]
fn raw_x12_eligibility() {
    let r: ApiResponse<X12Json> = roundtrip("raw_x12.eligibility.response.json");
    assert!(r.data.x12.contains("ST*271*"));
    assert_eq!(
        r.meta.activity_id.as_deref(),
        Some("abcabcabcabcabcabcabcabc")
    );
    assert!(!format!("{:?}", r.data).contains("DOE"));
}

#[test]
fn raw_x12_full_x12_json() {
    let r: FullX12Json = roundtrip("raw_x12.full_x12_json.response.json");
    assert_eq!(r.x12_segments[0].segment_id, "BHT");
    let nm1 = r
        .x12_segments
        .iter()
        .find(|s| s.segment_id == "NM1")
        .unwrap();
    assert_eq!(nm1.element("last_or_organization_name"), Some("PAYERA"));
}

#[test]
fn raw_x12_error_unknown_trading_partner() {
    let r: X12ErrorResponse = roundtrip("raw_x12.error_unknown_trading_partner.response.json");
    assert!(r.meta.is_none());
    assert!(
        r.data
            .errors
            .query
            .as_deref()
            .unwrap()
            .contains("123456789")
    );
}

#[test]
fn errors_parsing() {
    let r: ApiResponse<X12ErrorData> = roundtrip("errors.parsing.response.json");
    assert_eq!(r.meta.credits_billed, Some(0));
    let p = r.data.errors.parsing.as_ref().unwrap();
    assert_eq!(p.transaction_set_identifier_code.as_deref(), Some("270"));
    assert_eq!(p.number_of_received_transaction_sets, Some(1));
    assert_eq!(p.segment_errors[0].segment_id_code.as_deref(), Some("NM1"));
    assert_eq!(
        p.segment_errors[0].notes[1].element_reference_number,
        Some(1036)
    );
    assert_eq!(
        p.transaction_set_syntax_error_codes.as_deref(),
        Some(&["I5".to_owned()][..])
    );
}

// ----- claims, claim status, convert, payments -------------------------------------------------

use pokitdok::models::claims::{
    AdjustmentGroup, ClaimAcknowledgement, ClaimFrequency, ClaimPayment, ClaimStatus,
    ClaimTransactionCode, ClaimsConvert, Payment, PlaceOfService,
};

#[test]
fn claims_activity() {
    let a: Activity = roundtrip("claims.response.json");
    assert_eq!(a.name.as_deref(), Some("claims"));
    assert_eq!(a.state_name(), Some(&ActivityState::Scheduled));
    assert_eq!(a.remaining_transitions[0], ActivityTransition::Generate);
    let req: pokitdok::models::claims::ClaimRequest = a.parameters_as().unwrap().unwrap();
    assert_eq!(req.transaction_code, ClaimTransactionCode::Chargeable);
    assert_eq!(req.claim.place_of_service, Some(PlaceOfService::Office));
    assert_eq!(
        req.claim
            .total_charge_amount
            .as_ref()
            .unwrap()
            .as_decimal_str(),
        "60.0"
    );
}

#[test]
fn claims_acknowledgement_result() {
    let ack: ClaimAcknowledgement = roundtrip("claims.response.2.json");
    assert_eq!(
        ack.clearinghouse.as_ref().unwrap().name.as_deref(),
        Some("MOCK CLEARINGHOUSE")
    );
    let sub = ack.submitter.as_ref().unwrap();
    assert_eq!(sub.statuses[0].action.as_deref(), Some("accept"));
    assert_eq!(sub.statuses[0].status_category_code.as_deref(), Some("A1"));
    assert_eq!(
        sub.amount_in_process
            .as_ref()
            .unwrap()
            .amount
            .as_decimal_str(),
        "60.0"
    );
    let info = ack
        .patient
        .as_ref()
        .unwrap()
        .claim_level_info
        .as_ref()
        .unwrap();
    assert_eq!(info.tracking_id.as_deref(), Some("ASDFBOI87234CSDEAR"));
    assert!(!format!("{ack:?}").contains("DOE"));
}

#[test]
fn claims_payment_result() {
    let p: ClaimPayment = roundtrip("claims.response.3.json");
    let cp = &p.claim_payments[0];
    assert_eq!(cp.assigned_number, Some(654654));
    assert_eq!(cp.claim_frequency, Some(ClaimFrequency::Original));
    let svc = &cp.services[0];
    assert_eq!(
        svc.adjustments[0].group,
        Some(AdjustmentGroup::ContractualObligations)
    );
    assert_eq!(svc.remarks[0].code.as_deref(), Some("M86"));
    assert_eq!(svc.service_units_paid, Some(1));
    let fi = p.financial_information.as_ref().unwrap();
    assert_eq!(
        fi.payment_amount.as_ref().unwrap().amount.as_decimal_str(),
        "3210.10"
    );
    let contacts = &p.payer.as_ref().unwrap().contacts;
    assert_eq!(contacts[1].contact_methods[0].type_.as_deref(), Some("url"));
    assert!(!format!("{p:?}").contains("W000000000"));
}

#[test]
fn claim_status_not_found() {
    let s: ClaimStatus = roundtrip("claim_status.response.json");
    assert_eq!(s.trading_partner_id.as_deref(), Some("MOCKPAYER"));
}

#[test]
fn claim_status_npi_error() {
    let s: ClaimStatus = roundtrip("claim_status.response.2.json");
    assert!(s.patient.is_none());
    assert!(s.correlation_id.is_some());
    assert!(!s.providers[0].statuses.is_empty());
}

#[test]
fn claim_status_paid() {
    let s: ClaimStatus = roundtrip("claim_status.response.3.json");
    let claim = &s.patient.as_ref().unwrap().claims[0];
    assert!(claim.claim_payment_amount.is_some());
    assert!(claim.statuses[0].status_category_code.is_some());
    assert!(!claim.services.is_empty());
}

#[test]
fn claim_status_denied() {
    let s: ClaimStatus = roundtrip("claim_status.response.4.json");
    let claims = &s.patient.as_ref().unwrap().claims;
    assert!(!claims.is_empty());
    assert!(claims[0].services[0].charge_amount.is_some());
}

#[test]
fn claim_status_forwarded() {
    let s: ClaimStatus = roundtrip("claim_status.response.5.json");
    assert!(!s.patient.as_ref().unwrap().claims.is_empty());
}

#[test]
fn claims_convert() {
    let c: ClaimsConvert = roundtrip("claims_convert.response.json");
    let req = c.claims_request.as_ref().unwrap();
    assert_eq!(req.trading_partner_id, "MOCKPAYER");
    assert_eq!(req.claim.service_lines[0].diagnosis_codes, vec!["J101"]);
    assert!(c.converted_edi.as_deref().unwrap().starts_with("ISA*"));
    let m = &c.diagnosis_mappings[0];
    assert_eq!(m.approximate, Some(true));
    assert!(!m.destination_scenarios[0].choice_lists[0].is_empty());
}

#[test]
fn payments_list() {
    let list: Vec<Payment> = roundtrip("payments.list.response.json");
    assert_eq!(list[0].id.as_deref(), Some("5930819201a3af0082bc3dfb"));
    assert_eq!(list[0].linked_activity_count, Some(0));
    assert_eq!(
        list[0].total.as_ref().unwrap().amount.as_decimal_str(),
        "15096.46"
    );
    assert!(list[0].received_date.as_ref().unwrap().naive().is_some());
}

#[test]
fn payments_get() {
    let p: Payment = roundtrip("payments.get.response.json");
    assert_eq!(p.transaction_count, Some(1));
    let fi = p.financial_information.as_ref().unwrap();
    assert_eq!(fi.payment_method.as_deref(), Some("check"));
    assert_eq!(p.payee.as_ref().unwrap().npi.as_deref(), Some("1912301953"));
}
