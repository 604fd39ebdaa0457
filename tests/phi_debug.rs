//! No patient data (PHI) in any `Debug` output.
//!
//! Every JSON fixture (documented examples and recorded answers) is decoded into its typed
//! model, into `ApiResponse<Value>` (what the generic calls return) and, when its data is a
//! list, into `Page<Value>`; none of the three `Debug` outputs may contain a patient value: a
//! string of 3+ characters under a key that can hold a person's data (see [`PERSON_KEYS`] and
//! [`PERSON_BLOCKS`]). The untyped outputs must show no value of `data` at all, only its shape.
//! `every_json_fixture_is_exercised` fails when a fixture is missing from [`TYPED`], so a new
//! fixture cannot be skipped silently. Sentinel tests cover `Meta` links, `Date`,
//! `ClaimPayment` and `X12File` errors, and check that `Debug` stays useful.

mod common;

use std::collections::BTreeSet;
use std::fmt::Debug;

use pokitdok::models::activities::{Activity, ActivityUpdate};
use pokitdok::models::admin::AppRegistration;
use pokitdok::models::claims::{
    ClaimAcknowledgement, ClaimPayment, ClaimRequest, ClaimStatus, ClaimStatusRequest,
    ClaimsConvert, Payment,
};
use pokitdok::models::data::{
    CashPrice, IcdConversion, InsurancePrices, Plan, ProcedureCode, ProviderResult, TradingPartner,
};
use pokitdok::models::eligibility::{
    Eligibility, EligibilityRequest, FullX12Json, X12ErrorData, X12ErrorResponse, X12Json,
};
use pokitdok::models::identity::{
    CanonicalRecord, IdentityMatchRequest, IdentityRequest, MatchConfig, MatchErrorData,
    MatchSubmitted, ProofAnswerRequest, ProofQuestionnaire, ProofScore,
};
use pokitdok::models::oop::{OopEstimate, OopEstimateRequest, OopLoadPrice, OopLoadPriceRequest};
use pokitdok::models::pharmacy::{
    DrugCost, FormularyDrug, Pharmacy, PharmacyCoverage, PharmacyCoverageRequest, PharmacyPlan,
};
use pokitdok::models::scheduling::{
    Appointment, AppointmentType, BookAppointmentRequest, SchedulePatient, SchedulePatientRequest,
    Scheduler, SlotRequest, UpdateAppointmentRequest,
};
use pokitdok::models::transactions::{
    Authorization, AuthorizationRequest, EnrollmentRecord, EnrollmentRequest, EnrollmentSnapshot,
    Referral, ReferralRequest,
};
use pokitdok::models::{Date, ErrorEnvelope, X12File};
use pokitdok::{ApiResponse, Meta, Page, Token};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Keys whose string values are a person's data wherever they appear: names, birth and other
/// personal dates, member/subscriber/patient ids, SSN, card numbers, addresses, phones, emails,
/// diagnosis codes, free-text notes, KBA questions and answers, raw X12 (which carries all of
/// it). Personal names count for providers too: they are hidden everywhere.
const PERSON_KEYS: &[&str] = &[
    // names
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "prefix",
    "last_or_organization_name",
    // dates of a person
    "birth_date",
    "date_of_birth",
    "death_date",
    "hire_date",
    "education_end_date",
    "last_menstrual_date",
    "estimated_birth_date",
    // identifiers of a person
    "ssn",
    "member_id",
    "subscriber_number",
    "patient_id",
    "patient_control_number",
    "medical_record_number",
    "hic_number",
    "cardholder_id",
    "group_number",
    "group_or_policy_number",
    "policy_number",
    "drivers_license_number",
    "pd_patient_uuid",
    "patient_uuid",
    "record_id",
    "sources",
    "source_id",
    "_source_id",
    "tax_id",
    "pin",
    // addresses and contacts
    "address_lines",
    "line",
    "line2",
    "street1",
    "street2",
    "city",
    "zipcode",
    "zip_code",
    "postal_code",
    "phone",
    "phone_number",
    "secondary_phone",
    "email",
    "primary_communication_number",
    "communication_number2",
    "communication_number3",
    "secondary_communication_number",
    "ip_address",
    // health and free text
    "diagnosis_codes",
    "service_date",
    "service_end_date",
    "admission_date",
    "discharge_date",
    "onset_date",
    "accident_date",
    "illness_date",
    "tracking_id",
    "note",
    "notes",
    "free_text",
    "additional_text",
    "text",
    "answer",
    // raw X12
    "x12",
    "converted_edi",
    // not PHI but secrets, checked all the same
    "access_token",
    "refresh_token",
];

/// Keys whose whole content is a person's data (every string below them counts), except the
/// codes listed in [`SHOWN_KEYS`].
const PERSON_BLOCKS: &[&str] = &[
    "member",
    "members",
    "subscriber",
    "patient",
    "dependent",
    "dependents",
    "insured",
    "identifiers",
    "diagnoses",
    "application_data",
];

/// Keys inside person blocks whose values are shown on purpose: enumeration codes (a gender,
/// a relationship, a status or a rejection reason identifies nobody) and ids of systems and
/// providers.
const SHOWN_KEYS: &[&str] = &[
    "primary_communication_type",
    "secondary_communication_type",
    "communication_type2",
    "communication_type3",
    "service_provider_number",
    "provider_uuid",
    "system_uuid",
    "gender",
    "relationship",
    "marital_status",
    "maintenance_type",
    "maintenance_reason",
    "benefit_status",
    "employment_status",
    "student_status",
    "benefit_type",
    "coverage_level",
    "payer_responsibility",
    "status",
    "valid_request",
    "reject_reason",
    "follow_up_action",
    "claim_filing_code",
    "residence",
    "patient_relationship",
];

/// Keys inside a person block whose content is about something else: a patient's claims in a
/// claim status answer (claim numbers, codes, statuses, amounts) and a member's coverages (plan
/// descriptions, amounts). Only [`PERSON_KEYS`] count below them.
const NOT_PERSON_BLOCKS: &[&str] = &["claims", "claim_level_info", "benefits"];

/// Strings that are a person's data: under [`PERSON_KEYS`], or anywhere inside a
/// [`PERSON_BLOCKS`] block except under [`SHOWN_KEYS`] and [`NOT_PERSON_BLOCKS`].
fn person_strings(v: &Value, key: Option<&str>, in_block: bool, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let block = (in_block || PERSON_BLOCKS.contains(&k.as_str()))
                    && !NOT_PERSON_BLOCKS.contains(&k.as_str());
                person_strings(v, Some(k), block, out);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| person_strings(v, key, in_block, out)),
        Value::String(s) if s.chars().count() >= 3 => {
            let key = key.unwrap_or("");
            if PERSON_KEYS.contains(&key) || (in_block && !SHOWN_KEYS.contains(&key)) {
                out.insert(s.clone());
            }
        }
        _ => {}
    }
}

/// Every string leaf of 3+ characters, and every key.
fn strings_and_keys(v: &Value, strings: &mut BTreeSet<String>, keys: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                keys.insert(k.clone());
                strings_and_keys(v, strings, keys);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| strings_and_keys(v, strings, keys)),
        Value::String(s) if s.chars().count() >= 3 => {
            strings.insert(s.clone());
        }
        _ => {}
    }
}

/// The patient values of a fixture, less those that also appear in a position that is not a
/// person's (the submitter id `1234567890` of a claim status answer is also its patient's id
/// in the documented example; a trading partner id echoed in an activity's `parameters`):
/// such a value is shown for the other position.
fn secrets(json: &Value) -> BTreeSet<String> {
    let mut personal = BTreeSet::new();
    person_strings(json, None, false, &mut personal);
    let mut public = BTreeSet::new();
    collect_public(json, None, false, &mut public);
    personal.retain(|s| !public.contains(s));
    personal
}

fn collect_public(v: &Value, key: Option<&str>, in_block: bool, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let block = (in_block || PERSON_BLOCKS.contains(&k.as_str()))
                    && !NOT_PERSON_BLOCKS.contains(&k.as_str());
                collect_public(v, Some(k), block, out);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| collect_public(v, key, in_block, out)),
        Value::String(s) => {
            let key = key.unwrap_or("");
            if !PERSON_KEYS.contains(&key) && (!in_block || SHOWN_KEYS.contains(&key)) {
                out.insert(s.clone());
            }
        }
        _ => {}
    }
}

/// Whether `needle` occurs in `hay` as a whole token: not inside a longer run of letters and
/// digits (the tax id `123456789` is not leaked by the NPI `1234567893`).
fn contains_token(hay: &str, needle: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        let edge_ok = |inner: Option<char>, outer: Option<char>| !(alnum(inner) && alnum(outer));
        edge_ok(needle.chars().next(), before) && edge_ok(needle.chars().next_back(), after)
    })
}

/// The secrets that appear in `shown`, as sent or as `Debug` escapes them.
fn leaked(shown: &str, secrets: &BTreeSet<String>) -> Vec<String> {
    secrets
        .iter()
        .filter(|s| {
            let escaped = format!("{s:?}");
            let escaped = &escaped[1..escaped.len() - 1];
            contains_token(shown, s) || contains_token(shown, escaped)
        })
        .cloned()
        .collect()
}

/// How a fixture decodes into its typed model: the `Debug` of that model.
type Typed = fn(&str, Value) -> String;

fn typed<T: DeserializeOwned + Debug>(name: &str, json: Value) -> String {
    let t: T = serde_path_to_error::deserialize(json)
        .unwrap_or_else(|e| panic!("{name}: decode failed at {}: {}", e.path(), e.inner()));
    format!("{t:?} {t:#?}")
}

/// Fixture name (numbered variants such as `.2` folded: `claims.request.10.json` is
/// `claims.request.json`) to typed model. `None`: no model exists, the fixture is checked
/// untyped only (the reason is given).
const TYPED: &[(&str, Option<Typed>)] = &[
    (
        "activities.cancel.request.json",
        Some(typed::<ActivityUpdate>),
    ),
    ("activities.cancel.response.json", Some(typed::<Activity>)),
    ("activities.get.response.json", Some(typed::<Activity>)),
    (
        "activities.list.response.json",
        Some(typed::<Vec<Activity>>),
    ),
    (
        "appregistrations.create.response.json",
        Some(typed::<ApiResponse<AppRegistration>>),
    ),
    (
        "authorizations.request.json",
        Some(typed::<AuthorizationRequest>),
    ),
    ("authorizations.response.json", Some(typed::<Authorization>)),
    ("cash_prices.response.json", Some(typed::<Vec<CashPrice>>)),
    (
        "claim_status.request.json",
        Some(typed::<ClaimStatusRequest>),
    ),
    ("claim_status.response.json", Some(typed::<ClaimStatus>)),
    ("claims.request.json", Some(typed::<ClaimRequest>)),
    // The first claims answer is the activity; the others are activity results.
    ("claims.response.json", None),
    ("claims_convert.response.json", Some(typed::<ClaimsConvert>)),
    // Configuration of the PokitDok drop-in widget (labels and values of its form): no model.
    ("dropin.options.labels.json", None),
    ("dropin.options.values.json", None),
    (
        "eligibility.request.json",
        Some(typed::<EligibilityRequest>),
    ),
    ("eligibility.response.json", Some(typed::<Eligibility>)),
    ("enrollment.request.json", Some(typed::<EnrollmentRequest>)),
    (
        "enrollment_snapshot.create.response.json",
        Some(typed::<Activity>),
    ),
    (
        "enrollment_snapshot.data.response.json",
        Some(typed::<Vec<EnrollmentRecord>>),
    ),
    (
        "enrollment_snapshot.get.response.json",
        Some(typed::<EnrollmentSnapshot>),
    ),
    (
        "enrollment_snapshot.list.response.json",
        Some(typed::<Vec<EnrollmentSnapshot>>),
    ),
    ("errors.401.response.json", Some(typed::<ErrorEnvelope>)),
    ("errors.402.response.json", Some(typed::<ErrorEnvelope>)),
    (
        "errors.403_rate_limited.response.json",
        Some(typed::<ErrorEnvelope>),
    ),
    // `{}`: the empty eligibility request that provokes the 422; no request type accepts it.
    ("errors.422_validation.request.json", None),
    (
        "errors.422_validation.response.json",
        Some(typed::<ErrorEnvelope>),
    ),
    (
        "errors.parsing.response.json",
        Some(typed::<ApiResponse<X12ErrorData>>),
    ),
    ("files.response.json", Some(typed::<Activity>)),
    ("icd_convert.response.json", Some(typed::<IcdConversion>)),
    (
        "identity.create.request.json",
        Some(typed::<IdentityRequest>),
    ),
    (
        "identity.update.request.json",
        Some(typed::<IdentityRequest>),
    ),
    (
        "identity_match.canonical.response.json",
        Some(typed::<ApiResponse<CanonicalRecord>>),
    ),
    (
        "identity_match.find.request.json",
        Some(typed::<IdentityMatchRequest>),
    ),
    (
        "identity_match.find.response.json",
        Some(typed::<ApiResponse<CanonicalRecord>>),
    ),
    (
        "identity_match.match_config.get.response.json",
        Some(typed::<ApiResponse<MatchConfig>>),
    ),
    (
        "identity_match.match_config.list.response.json",
        Some(typed::<ApiResponse<Vec<MatchConfig>>>),
    ),
    (
        "identity_match.source_canonical.response.json",
        Some(typed::<ApiResponse<Vec<CanonicalRecord>>>),
    ),
    (
        "identity_match.submit.request.json",
        Some(typed::<IdentityMatchRequest>),
    ),
    (
        "identity_match.submit.response.json",
        Some(typed::<ApiResponse<MatchSubmitted>>),
    ),
    (
        "identity_proof.generate.response.json",
        Some(typed::<ProofQuestionnaire>),
    ),
    (
        "identity_proof.score.request.json",
        Some(typed::<ProofAnswerRequest>),
    ),
    (
        "identity_proof.score.response.json",
        Some(typed::<ProofScore>),
    ),
    (
        "insurance_prices.response.json",
        Some(typed::<InsurancePrices>),
    ),
    ("mpc.get.response.json", Some(typed::<ProcedureCode>)),
    ("mpc.list.response.json", Some(typed::<Vec<ProcedureCode>>)),
    ("oauth2.token.response.json", Some(typed::<Token>)),
    (
        "oop.estimate.request.json",
        Some(typed::<OopEstimateRequest>),
    ),
    ("oop.estimate.response.json", Some(typed::<OopEstimate>)),
    (
        "oop.load_price.request.json",
        Some(typed::<OopLoadPriceRequest>),
    ),
    ("oop.load_price.response.json", Some(typed::<OopLoadPrice>)),
    ("payments.get.response.json", Some(typed::<Payment>)),
    ("payments.list.response.json", Some(typed::<Vec<Payment>>)),
    (
        "pharmacy_coverage.request.json",
        Some(typed::<PharmacyCoverageRequest>),
    ),
    (
        "pharmacy_coverage.response.json",
        Some(typed::<ApiResponse<PharmacyCoverage>>),
    ),
    (
        "pharmacy_drug_cost.response.json",
        Some(typed::<ApiResponse<Vec<DrugCost>>>),
    ),
    (
        "pharmacy_formulary.response.json",
        Some(typed::<ApiResponse<Vec<FormularyDrug>>>),
    ),
    (
        "pharmacy_network.get.response.json",
        Some(typed::<ApiResponse<Vec<Pharmacy>>>),
    ),
    (
        "pharmacy_network.list.response.json",
        Some(typed::<ApiResponse<Vec<Pharmacy>>>),
    ),
    // One plan in `.2`, a list in the first: both through the one-or-many value below.
    ("pharmacy_plans.response.json", None),
    ("plans.response.json", Some(typed::<Plan>)),
    ("providers.get.response.json", Some(typed::<ProviderResult>)),
    (
        "providers.list.response.json",
        Some(typed::<Vec<ProviderResult>>),
    ),
    ("raw_x12.edi_x12_json.request.json", Some(typed::<X12Json>)),
    (
        "raw_x12.edi_x12_json.response.json",
        Some(typed::<ApiResponse<X12Json>>),
    ),
    ("raw_x12.eligibility.request.json", Some(typed::<X12Json>)),
    (
        "raw_x12.eligibility.response.json",
        Some(typed::<ApiResponse<X12Json>>),
    ),
    (
        "raw_x12.error_unknown_trading_partner.response.json",
        Some(typed::<X12ErrorResponse>),
    ),
    (
        "raw_x12.full_x12_json.response.json",
        Some(typed::<FullX12Json>),
    ),
    ("referrals.request.json", Some(typed::<ReferralRequest>)),
    ("referrals.response.json", Some(typed::<Referral>)),
    (
        "scheduling.appointments.book.request.json",
        Some(typed::<BookAppointmentRequest>),
    ),
    (
        "scheduling.appointments.book.response.json",
        Some(typed::<Appointment>),
    ),
    (
        "scheduling.appointments.get.response.json",
        Some(typed::<Vec<Appointment>>),
    ),
    (
        "scheduling.appointments.list.response.json",
        Some(typed::<Vec<Appointment>>),
    ),
    (
        "scheduling.appointments.update.request.json",
        Some(typed::<UpdateAppointmentRequest>),
    ),
    (
        "scheduling.appointments.update.response.json",
        Some(typed::<Appointment>),
    ),
    (
        "scheduling.appointmenttypes.get.response.json",
        Some(typed::<AppointmentType>),
    ),
    (
        "scheduling.appointmenttypes.list.response.json",
        Some(typed::<Vec<AppointmentType>>),
    ),
    (
        "scheduling.patient.request.json",
        Some(typed::<SchedulePatientRequest>),
    ),
    (
        "scheduling.patient.response.json",
        Some(typed::<SchedulePatient>),
    ),
    (
        "scheduling.schedulers.get.response.json",
        Some(typed::<Vec<Scheduler>>),
    ),
    (
        "scheduling.schedulers.list.response.json",
        Some(typed::<Vec<Scheduler>>),
    ),
    (
        "scheduling.slots.create.request.json",
        Some(typed::<SlotRequest>),
    ),
    (
        "scheduling.slots.create.response.json",
        Some(typed::<Appointment>),
    ),
    (
        "trading_partners.get.response.json",
        Some(typed::<TradingPartner>),
    ),
    (
        "trading_partners.list.response.json",
        Some(typed::<Vec<TradingPartner>>),
    ),
];

/// Fixtures whose numbered variants hold a different model than the first one.
const TYPED_VARIANTS: &[(&str, Typed)] = &[
    ("claims.response.json", typed::<Activity>),
    ("claims.response.2.json", typed::<ClaimAcknowledgement>),
    ("claims.response.3.json", typed::<ClaimPayment>),
    (
        "identity_match.submit.response.2.json",
        typed::<ApiResponse<MatchErrorData>>,
    ),
    (
        "pharmacy_plans.response.json",
        typed::<ApiResponse<Vec<PharmacyPlan>>>,
    ),
    (
        "pharmacy_plans.response.2.json",
        typed::<ApiResponse<PharmacyPlan>>,
    ),
];

/// `claims.request.10.json` -> `claims.request.json` (`errors.401.response.json` stays).
fn folded(name: &str) -> String {
    match name.strip_suffix(".json").and_then(|n| n.rsplit_once('.')) {
        Some((stem, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
            format!("{stem}.json")
        }
        _ => name.to_owned(),
    }
}

fn json_fixtures() -> Vec<&'static str> {
    pokitdok_sandbox::fixtures::names()
        .filter(|n| n.ends_with(".json"))
        .collect()
}

/// The typed decoder of a fixture: `Some(None)` for a fixture checked untyped only.
fn typed_for(name: &str) -> Option<Option<Typed>> {
    if let Some((_, t)) = TYPED_VARIANTS.iter().find(|(n, _)| *n == name) {
        return Some(Some(*t));
    }
    let f = folded(name);
    TYPED.iter().find(|(n, _)| *n == f).map(|(_, t)| *t)
}

/// The fixture as the generic tier returns it: an envelope's `meta` and `data`, or the whole
/// body as `data`.
fn untyped(json: &Value) -> ApiResponse<Value> {
    let is_envelope = json
        .as_object()
        .is_some_and(|m| m.contains_key("data") && m.keys().all(|k| k == "meta" || k == "data"));
    if is_envelope {
        serde_json::from_value(json.clone()).expect("an envelope decodes")
    } else {
        ApiResponse::new(Meta::default(), json.clone())
    }
}

/// Every string of 3+ characters of `data` that is not also a key: an untyped `Debug` shows
/// keys and shapes only, so none of them may appear.
fn data_values(r: &ApiResponse<Value>) -> BTreeSet<String> {
    let mut strings = BTreeSet::new();
    let mut keys = BTreeSet::new();
    strings_and_keys(&r.data, &mut strings, &mut keys);
    // The words `Debug` prints itself, and what `meta` shows.
    let meta = format!("{:?}", r.meta);
    strings.retain(|s| {
        !keys.iter().any(|k| k.contains(s.as_str()))
            && !meta.contains(s.as_str())
            && !"ApiResponse Page Meta status meta data 200 OK str number bool null more"
                .contains(s.as_str())
    });
    strings
}

#[test]
fn every_json_fixture_is_exercised() {
    let names = json_fixtures();
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| typed_for(n).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "JSON fixtures missing from TYPED: {missing:#?}"
    );
    let stale: Vec<&str> = TYPED
        .iter()
        .map(|(n, _)| *n)
        .chain(TYPED_VARIANTS.iter().map(|(n, _)| *n))
        .filter(|n| !names.contains(n))
        .collect();
    assert!(stale.is_empty(), "TYPED names no fixture: {stale:#?}");
    assert!(names.len() > 130, "only {} JSON fixtures", names.len());
}

#[test]
fn no_fixture_shows_patient_data_in_any_debug() {
    let (mut secrets_checked, mut typed_checked, mut pages) = (0, 0, 0);
    let mut leaks = Vec::new();
    let mut check = |name: &str, what: &str, shown: &str, secrets: &BTreeSet<String>| {
        let l = leaked(shown, secrets);
        if !l.is_empty() {
            leaks.push(format!("{name} ({what}): {l:?}"));
        }
    };
    for name in json_fixtures() {
        let json = common::fixture(name);
        let secrets = secrets(&json);
        secrets_checked += secrets.len();

        if let Some(Some(decode)) = typed_for(name) {
            check(name, "typed", &decode(name, json.clone()), &secrets);
            typed_checked += 1;
        }

        let r = untyped(&json);
        let shown = format!("{r:?} {r:#?}");
        check(name, "ApiResponse<Value>", &shown, &secrets);
        let values = data_values(&r);
        check(name, "ApiResponse<Value> data values", &shown, &values);

        if let Value::Array(items) = &r.data {
            let page = Page::new(r.meta.clone(), items.clone());
            let shown = format!("{page:?} {page:#?}");
            check(name, "Page<Value>", &shown, &secrets);
            check(name, "Page<Value> data values", &shown, &values);
            pages += 1;
        }
    }
    assert!(
        leaks.is_empty(),
        "patient data in Debug:\n{}",
        leaks.join("\n")
    );
    // The checks are not vacuous: hundreds of patient values, most fixtures typed, lists paged.
    assert!(
        secrets_checked > 500,
        "only {secrets_checked} patient values"
    );
    assert!(typed_checked > 125, "only {typed_checked} typed decodes");
    assert!(pages > 10, "only {pages} pages");
}

#[test]
fn the_key_rules_find_the_patient_values_of_the_examples() {
    // A guard on the rules themselves: known patient values of the examples are secrets, and
    // values shown on purpose are not.
    let s = secrets(&common::fixture("eligibility.request.json"));
    for v in ["Jane", "Doe", "W000000000", "1970-01-25"] {
        assert!(s.contains(v), "{v} not found in {s:?}");
    }
    assert!(!s.contains("MOCKPAYER"));
    let s = secrets(&common::fixture("claims.response.3.json"));
    assert!(s.contains("JANE") && s.contains("W000000000"), "{s:?}");
    // Echoed as the (shown) transaction `control_number`, so not a secret of this example.
    assert!(!s.contains("20161205123456789"), "{s:?}");
    let s = secrets(&common::fixture("identity.create.request.json"));
    assert!(s.iter().any(|v| v.contains('@')), "no email in {s:?}");
}

// ----- sentinels --------------------------------------------------------------------------

const NAME: &str = "Zebulon";
const BIRTH: &str = "1931-02-03";

#[test]
fn meta_links_show_the_path_and_query_keys_but_no_query_values() {
    let next = format!(
        "https://platform.pokitdok.com/api/v4/identity?first_name={NAME}&birth_date={BIRTH}&offset=20"
    );
    let meta: Meta = serde_json::from_value(serde_json::json!({
        "activity_id": "5745e9920640fd7aa95935f5", "next": next, "previous": next,
        "result_count": 41, "odd": {"patient_name": NAME}}))
    .unwrap();
    let page = Page::new(meta.clone(), vec![serde_json::json!({"first_name": NAME})]);
    let response = ApiResponse::new(meta.clone(), serde_json::json!([{"first_name": NAME}]));
    for shown in [
        format!("{meta:?}"),
        format!("{page:?}"),
        format!("{response:#?}"),
    ] {
        assert!(!shown.contains(NAME) && !shown.contains("1931"), "{shown}");
        assert!(
            shown.contains("/api/v4/identity?first_name=..&birth_date=..&offset=.."),
            "{shown}"
        );
        assert!(
            shown.contains("5745e9920640fd7aa95935f5") && shown.contains("41"),
            "{shown}"
        );
        assert!(shown.contains("patient_name"), "{shown}");
    }
}

#[test]
fn dates_show_their_format_only() {
    let d = Date::from(BIRTH);
    assert_eq!(format!("{d:?}"), "Date(####-##-##)");
    let odd: Date = serde_json::from_str(r#""02/03/1931""#).unwrap();
    assert_eq!(format!("{odd:?}"), "Date(##/##/####)");
    assert_eq!(d.as_str(), BIRTH);
}

#[test]
fn claim_payments_show_amounts_not_patients() {
    let mut json = common::fixture("claims.response.3.json");
    json["claim_payments"][0]["patient_control_number"] = NAME.into();
    json["patient"]["first_name"] = NAME.into();
    json["claim_payments"][0]["services"][0]["service_date"] = BIRTH.into();
    let p: ClaimPayment = serde_json::from_value(json).unwrap();
    let shown = format!("{p:?}");
    assert!(!shown.contains(NAME) && !shown.contains(BIRTH), "{shown}");
    // Still useful: the payment amount and the adjudicated procedure are there.
    let amount = p.claim_payments[0].payment_amount.as_ref().unwrap();
    assert!(
        shown.contains(amount.amount.as_decimal_str().as_ref()),
        "{shown}"
    );
    assert!(shown.contains("claim_payments"), "{shown}");
}

#[tokio::test]
async fn an_unreadable_x12_file_is_named_nowhere() {
    let path = std::env::temp_dir()
        .join("pokitdok-phi-test-missing-dir")
        .join(format!("{NAME}_Smith_19310203.837"));
    let file = X12File::from_path(&path);
    let shown = format!("{file:?}");
    assert!(
        !shown.contains(NAME) && !shown.contains("pokitdok-phi"),
        "{shown}"
    );
    let bytes = X12File::from_bytes(format!("{NAME}.837"), b"ISA*00*~".to_vec());
    assert!(!format!("{bytes:?}").contains(NAME));

    // The file is read before anything is sent: no server is needed.
    let pd = pokitdok::PokitDok::builder()
        .client_id(common::CLIENT_ID)
        .client_secret(common::CLIENT_SECRET)
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let err = pd.convert_claims(&file).await.unwrap_err();
    assert!(matches!(err, pokitdok::Error::Config { .. }), "{err:?}");
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(
            !shown.contains(NAME) && !shown.contains("pokitdok-phi"),
            "{shown}"
        );
        assert!(shown.contains("X12 file"), "{shown}");
    }
}

#[test]
fn debug_stays_useful() {
    let e: Eligibility =
        serde_json::from_value(common::fixture("eligibility.response.6.json")).unwrap();
    let shown = format!("{e:?}");
    for useful in [
        "MOCKPAYER",
        "valid_request: Some(true)",
        "deductibles",
        "benefit_amount",
    ] {
        assert!(shown.contains(useful), "{useful} missing from {shown}");
    }
    let a: Activity =
        serde_json::from_value(common::fixture("activities.get.response.json")).unwrap();
    let shown = format!("{a:?}");
    assert!(shown.contains(a.id.as_deref().unwrap()), "{shown}");
    assert!(shown.contains("ActivityState::completed"), "{shown}");
    let tp: TradingPartner =
        serde_json::from_value(common::fixture("trading_partners.get.response.json")).unwrap();
    assert!(format!("{tp:?}").contains(tp.id.as_deref().unwrap()));
}
