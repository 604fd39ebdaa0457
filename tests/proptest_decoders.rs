//! Property tests of every decoder: whatever bytes or JSON arrive, decoding never panics and
//! every failure is a typed error.
//!
//! - The envelope decoder, through the public API: a local server answers a random 2xx status
//!   with arbitrary bytes, arbitrary JSON or an envelope of arbitrary JSON, decoded as untyped
//!   JSON, as typed models and as text.
//! - Every error shape: random 3xx/4xx/5xx statuses with arbitrary bodies and error-like JSON
//!   become the variant their status calls for, and no value of the body reaches `Display` or
//!   `Debug`.
//! - A callback body (`callback::parse`) and its `Authorization` header.
//! - Every typed model in `pokitdok::models` (listed below; `every_public_model_is_listed`
//!   fails when a model is added without being listed): arbitrary JSON, and documented examples
//!   with a random part replaced or removed, decode or fail cleanly, and whatever decodes can be
//!   shown (`Debug`) and encoded again.
//!
//! The JSON strategies draw keys and strings from the documented examples, so that objects look
//! enough like real answers to get past the first field into the nested decoders.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::sync::{Arc, LazyLock, Mutex};

use pokitdok::{ApiResponse, Error, Meta, Page, PokitDok, StatusCode, Token};
use proptest::prelude::*;
use proptest::sample::select;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Planted among the values of error bodies: it must never be shown.
const SENTINEL: &str = "SENTINEL-PHI-7f3a";

// ---------------------------------------------------------------------------------------------
// JSON strategies

/// Keys and short string values of every documented example.
struct Vocabulary {
    keys: Vec<String>,
    strings: Vec<String>,
    /// Each JSON example, and its `data` when it is an envelope.
    examples: Vec<Value>,
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    fn walk(v: &Value, keys: &mut BTreeSet<String>, strings: &mut BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    keys.insert(k.clone());
                    walk(v, keys, strings);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, keys, strings)),
            Value::String(s) if s.len() <= 40 => {
                strings.insert(s.clone());
            }
            _ => {}
        }
    }
    let (mut keys, mut strings) = (BTreeSet::new(), BTreeSet::new());
    let mut examples = Vec::new();
    for name in pokitdok_sandbox::fixtures::names() {
        let Some(v) = pokitdok_sandbox::fixtures::json(name) else {
            continue;
        };
        walk(&v, &mut keys, &mut strings);
        if let Some(data) = v.get("data") {
            examples.push(data.clone());
        }
        examples.push(v);
    }
    assert!(
        keys.len() > 100 && examples.len() > 100,
        "the examples are there"
    );
    Vocabulary {
        keys: keys.into_iter().collect(),
        strings: strings.into_iter().collect(),
        examples,
    }
});

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(VOCABULARY.strings.clone()),
        1 => select(VOCABULARY.keys.clone()),
        2 => any::<String>(),
        1 => Just(SENTINEL.to_owned()),
        1 => (any::<u32>(), 0..3u32).prop_map(|(n, d)| match d {
            0 => n.to_string(),
            1 => format!("{}.{:02}", n / 100, n % 100),
            _ => format!("20{:02}-{:02}-{:02}", n % 100, n % 13, n % 32),
        }),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(VOCABULARY.keys.clone()),
        1 => any::<String>(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("a JSON number", |f| {
            serde_json::Number::from_f64(f).map(Value::Number)
        }),
        text().prop_map(Value::String),
    ]
}

/// Arbitrary JSON, nested up to 5 levels.
fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A documented example with one part (found by following `path`) replaced by `replacement`,
/// or removed.
fn mutated_example() -> impl Strategy<Value = Value> {
    (
        select(VOCABULARY.examples.clone()),
        prop::collection::vec(any::<u32>(), 0..8),
        json(),
        any::<bool>(),
    )
        .prop_map(|(mut example, path, replacement, remove)| {
            mutate(&mut example, &path, replacement, remove);
            example
        })
}

fn mutate(v: &mut Value, path: &[u32], replacement: Value, remove: bool) {
    let Some((&step, rest)) = path.split_first() else {
        *v = replacement;
        return;
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            let k = map.keys().nth(step as usize % map.len()).cloned().unwrap();
            if rest.is_empty() && remove {
                map.remove(&k);
            } else {
                mutate(map.get_mut(&k).unwrap(), rest, replacement, remove);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = step as usize % items.len();
            if rest.is_empty() && remove {
                items.remove(i);
            } else {
                mutate(&mut items[i], rest, replacement, remove);
            }
        }
        leaf => *leaf = replacement,
    }
}

/// Removes the sentinel from `meta`: its ids and links are shown by `Debug` by design (they are
/// not body values the client reads as data).
fn scrub_meta(v: &mut Value) {
    fn scrub(v: &mut Value) {
        match v {
            Value::String(s) if s.contains(SENTINEL) => *s = s.replace(SENTINEL, "x"),
            Value::Array(items) => items.iter_mut().for_each(scrub),
            Value::Object(map) => map.values_mut().for_each(scrub),
            _ => {}
        }
    }
    if let Some(meta) = v.get_mut("meta") {
        scrub(meta);
    }
}

fn to_body(mut v: Value) -> Vec<u8> {
    scrub_meta(&mut v);
    v.to_string().into_bytes()
}

/// A body: arbitrary bytes, arbitrary JSON, an envelope of arbitrary JSON, or an example in an
/// envelope, sometimes cut short.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let envelope = (json(), prop_oneof![json(), mutated_example()])
        .prop_map(|(meta, data)| to_body(serde_json::json!({"meta": meta, "data": data})));
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..256),
        1 => json().prop_map(to_body),
        3 => (envelope, any::<u16>(), any::<bool>()).prop_map(|(mut bytes, cut, truncate)| {
            if truncate {
                bytes.truncate(cut as usize % (bytes.len() + 1));
            }
            bytes
        }),
    ]
}

/// Error-like bodies: the platform's shapes with arbitrary parts, and anything else.
fn error_body() -> impl Strategy<Value = Vec<u8>> {
    let shaped = (json(), json(), text(), 0..5u8).prop_map(|(meta, errors, message, shape)| {
        let v = match shape {
            0 => serde_json::json!({"message": message}),
            1 => serde_json::json!({"meta": meta, "data": {"errors": {"validation": errors}}}),
            2 => serde_json::json!({"meta": meta, "data": {"errors": errors}}),
            3 => serde_json::json!({"meta": meta, "message": "Forbidden (Rate Limited)"}),
            _ => serde_json::json!({"meta": meta, "data": errors, "message": message}),
        };
        to_body(v)
    });
    prop_oneof![3 => shaped, 1 => body()]
}

// ---------------------------------------------------------------------------------------------
// A server that answers whatever the current case says

#[derive(Clone)]
struct Answer(Arc<Mutex<(u16, Vec<u8>)>>);

impl Respond for Answer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let (status, body) = self.0.lock().unwrap().clone();
        ResponseTemplate::new(status).set_body_bytes(body)
    }
}

struct Platform {
    rt: tokio::runtime::Runtime,
    answer: Answer,
    pd: PokitDok,
    _server: MockServer,
}

impl Platform {
    fn new() -> Platform {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let answer = Answer(Arc::new(Mutex::new((200, Vec::new()))));
        let server = rt.block_on(async {
            let server = MockServer::builder()
                .disable_request_recording()
                .start()
                .await;
            Mock::given(wiremock::matchers::any())
                .respond_with(answer.clone())
                .mount(&server)
                .await;
            server
        });
        // A saved token, no refresh and no retries: every case is one request, a 401 or a 503 is
        // returned as is.
        let pd = PokitDok::builder()
            .base_url(server.uri())
            .token(Token::new("proptest-token", None))
            .auto_refresh(false)
            .retry(pokitdok::RetryPolicy::none())
            .build()
            .unwrap();
        Platform {
            rt,
            answer,
            pd,
            _server: server,
        }
    }

    fn answer(&self, status: u16, body: Vec<u8>) {
        *self.answer.0.lock().unwrap() = (status, body);
    }
}

static PLATFORM: LazyLock<Mutex<Platform>> = LazyLock::new(|| Mutex::new(Platform::new()));

/// Runs `f` against the shared platform answering `status` and `body`.
fn with_answer<R>(status: u16, body: Vec<u8>, f: impl AsyncFnOnce(&PokitDok) -> R) -> R {
    // A panic in one case poisons the lock; the platform itself is still fine.
    let platform = PLATFORM.lock().unwrap_or_else(|p| p.into_inner());
    platform.answer(status, body);
    platform.rt.block_on(f(&platform.pd))
}

/// Neither `Display` nor `Debug` of an error shows a value of the body.
fn assert_shows_no_body(e: &Error) {
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains(SENTINEL), "a body value is shown: {shown}");
}

fn typed_success_error(e: &Error, status: u16) {
    assert!(
        matches!(e, Error::Decode { .. } | Error::TradingPartner { .. }),
        "a 2xx answer gave {e:?}"
    );
    assert_eq!(e.status().map(|s| s.as_u16()), Some(status), "{e:?}");
    assert_shows_no_body(e);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_2xx_answer_decodes_or_is_a_typed_error(status in 200u16..300, body in body(), as_ in 0..5u8) {
        with_answer(status, body, async |pd: &PokitDok| {
            let request = pd.get("/activities/");
            match as_ {
                0 => match request.send().await {
                    Ok(r) => assert_eq!(r.status().as_u16(), status),
                    Err(e) => typed_success_error(&e, status),
                },
                1 => match request.send_as::<Vec<pokitdok::models::activities::Activity>>().await {
                    Ok(r) => { let _ = format!("{r:?}"); }
                    Err(e) => typed_success_error(&e, status),
                },
                2 => match request.send_as::<pokitdok::models::eligibility::Eligibility>().await {
                    Ok(r) => { let _ = format!("{r:?}"); }
                    Err(e) => typed_success_error(&e, status),
                },
                3 => match request.send_text().await {
                    Ok(_) => {}
                    Err(e) => typed_success_error(&e, status),
                },
                _ => match pd.page::<Value>("/activities/", &[("limit", "2")]).await {
                    Ok(page) => {
                        // Paging on from an arbitrary answer ends too (the same answer again
                        // is a repeated page).
                        let next = page.next_page().await;
                        assert!(!matches!(next, Err(Error::Pagination { reason, .. })
                            if reason != pokitdok::PaginationStop::RepeatedPage), "{next:?}");
                    }
                    Err(e) => typed_success_error(&e, status),
                },
            }
        });
    }

    #[test]
    fn any_error_answer_is_the_variant_its_status_calls_for(
        status in 300u16..600,
        body in error_body(),
    ) {
        let e = with_answer(status, body.clone(), async |pd: &PokitDok| {
            pd.get("/activities/").send().await.unwrap_err()
        });
        let code = StatusCode::from_u16(status).unwrap();
        assert_eq!(e.status(), Some(code), "{e:?}");
        match status {
            401 => assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}"),
            402 => assert!(matches!(e, Error::InsufficientCredits { .. }), "{e:?}"),
            403 => assert!(matches!(e, Error::RateLimited { .. } | Error::Forbidden { .. }), "{e:?}"),
            404 => assert!(matches!(e, Error::NotFound { .. }), "{e:?}"),
            422 => {
                let Error::Validation { fields, .. } = &e else { panic!("{e:?}") };
                for (name, messages) in fields {
                    let _ = (name.len(), messages.len());
                }
            }
            _ => assert!(matches!(e, Error::Api { .. }), "{e:?}"),
        }
        let b = e.body().expect("an HTTP error keeps its body");
        if status != 304 {
            // (A 304 never carries a body.)
            assert_eq!(b.raw().as_bytes(), &body[..]);
        }
        let _ = (b.message(), b.errors(), b.parsed(), b.json(), b.raw().text(), e.meta(), e.retry_after());
        assert_shows_no_body(&e);
    }
}

// ---------------------------------------------------------------------------------------------
// Every typed model

/// Decodes `text` (and `value`) into `T`: a failure is a `serde_json::Error`; a success can be
/// shown and encoded again.
fn decode<T: DeserializeOwned + Debug + Serialize>(text: &str, value: &Value) {
    for v in [serde_json::from_str::<T>(text), T::deserialize(value)]
        .into_iter()
        .flatten()
    {
        let _ = format!("{v:?}");
        serde_json::to_value(&v).expect("a decoded value encodes again");
    }
}

macro_rules! models {
    (
        decoded: [$($m:ident::$t:ident),* $(,)?],
        not_decoded: [$($nm:ident::$nt:ident),* $(,)?] $(,)?
    ) => {
        /// The models that decode from JSON (answers, and requests that also decode).
        const DECODED: &[&str] = &[$(concat!(stringify!($m), "::", stringify!($t))),*];
        /// The models that are only ever sent: query parameters and file uploads.
        const NOT_DECODED: &[&str] = &[$(concat!(stringify!($nm), "::", stringify!($nt))),*];

        fn decode_into_every_model(text: &str, value: &Value) {
            $( decode::<pokitdok::models::$m::$t>(text, value); )*
            // And the public envelope types.
            decode::<Meta>(text, value);
            decode::<ApiResponse<Value>>(text, value);
            decode::<Page<Value>>(text, value);
            decode::<Token>(text, value);
        }

        // The models listed as not decoded exist (a compile-time check, not a test).
        const _: () = { $( let _ = std::mem::size_of::<pokitdok::models::$nm::$nt>(); )* };
    };
}

models! {
    decoded: [
        activities::ActivityState, activities::ActivityTransition,
        activities::TrackingDescription, activities::ActivityStatus,
        activities::ActivityHistoryEntry, activities::ActivityResultEntry, activities::Activity,
        activities::ActivityUpdate,
        admin::TransactionSetName, admin::AppRegistrationRequest, admin::AppRegistration,
        claims::ClaimTransactionCode, claims::ClaimFrequency, x12::PlaceOfService,
        claims::PayerResponsibility, claims::AdjustmentGroup, claims::ServiceUnitType,
        claims::ClaimRequest, claims::CoordinationOfBenefits, claims::ClaimStatusRequest,
        claims::ClaimsConvert, claims::ClaimDraftRequest, claims::Claim, claims::ServiceLine,
        claims::ClaimNote, claims::ValueInformation, claims::ServiceLineAdjudication,
        claims::ClaimAdjustment, claims::ClaimPayer, claims::OtherPayerClaim,
        claims::ClaimStatusPayer, claims::StatusParty, claims::ClaimStatusInfo,
        claims::ClaimStatusClaim, claims::ClaimStatusService, claims::ClaimLevelInfo,
        claims::StatusPatient, claims::ClaimStatus, claims::Clearinghouse,
        claims::ClaimAcknowledgement, claims::PaymentAdjustment, claims::Remark,
        claims::PaymentService, claims::ClaimPaymentDetail, claims::FinancialInformation,
        claims::ContactMethod, claims::PaymentContact, claims::PaymentParty,
        claims::PaymentPerson, claims::ClaimPayment, claims::Payment, claims::CodeValue,
        claims::DestinationScenario, claims::DiagnosisMapping, claims::ClaimDraft,
        common::Amount, common::Money, common::Date, common::Timestamp, common::Address,
        common::Member, common::Provider, common::Paging, common::ErrorEnvelope,
        common::ErrorData,
        constants::EligibilityConstants,
        data::PriceQuery, data::CashPrice, data::InsurancePrices, data::PayerType,
        data::PaymentType, data::InsurancePriceAmounts, data::ProcedureCode, data::IcdConversion,
        data::IcdCode, data::IcdScenario, data::MetallicLevel, data::Plan, data::CoverageAmounts,
        data::Premium, data::CostSharing, data::SortOrder, data::EntityType, data::LocationRole,
        data::ProviderResult, data::ProviderDetails, data::License, data::ProviderLocation,
        data::SearchOption, data::MonitoringStatus, data::TradingPartner, data::EnrollmentSetup,
        data::EnrollmentSetupTransactionTypes, data::TradingPartnerMetrics, data::Monitoring,
        data::Payer,
        x12::ServiceType, eligibility::CoverageLevel, eligibility::InPlanNetwork,
        eligibility::AuthorizationRequired, eligibility::TimePeriod,
        eligibility::QuantityQualifier, eligibility::InsuranceType,
        eligibility::ProcedureIdQualifier, eligibility::RejectReason,
        eligibility::FollowUpAction, eligibility::EligibilityTransactionCode,
        eligibility::EligibilityRequest, eligibility::Rejection, eligibility::Message,
        eligibility::Eligibility, eligibility::EligibilityMember,
        eligibility::EligibilityProvider, eligibility::EligibilityPayer, eligibility::Coverage,
        eligibility::Benefit, eligibility::CoverageContact, eligibility::OtherPayer,
        eligibility::BenefitRelatedEntity, eligibility::Summary, eligibility::SummaryLevels,
        eligibility::SummaryNetworks, eligibility::Accumulator, eligibility::PharmacyBenefits,
        x12::X12Json, x12::FullX12Json, x12::X12Segment,
        x12::X12ErrorData, x12::X12Errors, x12::X12ErrorResponse,
        x12::ParsingError, x12::SegmentError, x12::ElementError,
        identity::Gender, identity::MatchGender, identity::ProofStatus,
        identity::IdentityIdentifier, identity::Identity, identity::IdentityRequest,
        identity::IdentityHistoryEntry, identity::DateParts, identity::StreetAddress,
        identity::MatchIdentity, identity::MatchConfig, identity::MatchSubmitted,
        identity::CanonicalRecord, identity::MatchSource, identity::MatchErrorData,
        identity::MatchErrors, identity::IdentityProofRequest, identity::ProofQuestion,
        identity::ProofAnswerChoice, identity::ProofQuestionnaire, identity::ProofAnswerRequest,
        identity::ProofScore, identity::ProofReport, identity::ProofReportRecord,
        identity::ProofReportActivity,
        oop::OopLoadPriceRequest, oop::OopLoadPrice, oop::OopEstimateRequest,
        oop::OopEligibility, oop::OopEstimate, oop::OopCalculation,
        pharmacy::PharmacyPlan, pharmacy::RetailTiers, pharmacy::MailTiers,
        pharmacy::FormularyDrug, pharmacy::RetailCost, pharmacy::MailCost, pharmacy::DrugCost,
        pharmacy::Pharmacy, pharmacy::PharmacyLocation, pharmacy::PharmacyGender,
        pharmacy::Residence, pharmacy::PatientRelationship, pharmacy::PharmacyCoverageRequest,
        pharmacy::Prescriber, pharmacy::CoverageMember, pharmacy::CoverageInsurance,
        pharmacy::CoverageDrug, pharmacy::PharmacyCoverage, pharmacy::DrugCoverage,
        pharmacy::DisplayAmount, pharmacy::AdditionalInformation, pharmacy::FillHistory,
        scheduling::AppointmentStatus, scheduling::Scheduler, scheduling::AppointmentType,
        scheduling::SchedulePatient, scheduling::Appointment, scheduling::SlotRequest,
        scheduling::BookAppointmentRequest, scheduling::UpdateAppointmentRequest,
        scheduling::SchedulePatientRequest,
        transactions::DecisionReason, transactions::CertificationAction,
        transactions::FollowUpAction, transactions::CertificationType,
        transactions::ReviewCategory, transactions::MaintenanceReason,
        transactions::MaintenanceType, transactions::CoverageLevel, transactions::InsuranceLine,
        transactions::CommunicationType, transactions::BenefitStatus,
        transactions::EmploymentStatus, transactions::StudentStatus,
        transactions::EnrollmentPurpose, transactions::EnrollmentAction,
        transactions::EnrollmentGender, transactions::ServiceMeasurement,
        transactions::Rejection, transactions::ReviewMember, transactions::ReviewProvider,
        transactions::ReviewPayer, transactions::ReviewDelivery, transactions::ReviewDiagnosis,
        transactions::ReviewService, transactions::Review, transactions::ReviewEvent,
        transactions::ServiceReviewRequest, transactions::ServiceReview,
        transactions::EnrollmentParty, transactions::EnrollmentAddress,
        transactions::EnrollmentContact, transactions::EnrollmentSchool,
        transactions::EnrollmentMedicare, transactions::CoordinationOfBenefits,
        transactions::EnrollmentProvider, transactions::EnrollmentBenefit,
        transactions::EnrollmentMember, transactions::EnrollmentRequest,
        transactions::EnrollmentSnapshot, transactions::EnrollmentRecord,
    ],
    not_decoded: [
        activities::ActivitiesQuery, claims::PaymentsQuery, x12::X12File, data::MpcQuery,
        data::PlansQuery, data::ProvidersQuery, data::PayersQuery, identity::IdentityQuery,
        identity::ProofReportQuery, pharmacy::PharmacyPlansQuery,
        pharmacy::PharmacyFormularyQuery, pharmacy::PharmacyDrugCostQuery,
        pharmacy::PharmacyNetworkQuery, pharmacy::PharmacyNetworkNpiQuery,
        scheduling::AppointmentsQuery,
    ],
}

/// The public types defined in `src/models/*.rs`, as `module::Type`: every `pub struct` and
/// `pub enum` (also those written inside a macro call such as `open_enum!`), and the types
/// named first in a `tiers!(...)` call. Aliases (`pub type`) name types counted already.
fn public_models_in_source() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/models");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let module = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if path.extension().is_none_or(|e| e != "rs") || module == "mod" {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = source.lines().map(str::trim).collect();
        for (i, line) in lines.iter().enumerate() {
            let name = ["pub struct ", "pub enum "]
                .iter()
                .find_map(|p| line.strip_prefix(p))
                .or_else(|| {
                    // `tiers!(` then doc comments and attributes, then `Name, ...`.
                    (*line == "tiers!(").then(|| {
                        lines[i + 1..]
                            .iter()
                            .find(|l| !l.starts_with("///") && !l.starts_with("#["))
                            .copied()
                            .unwrap_or_default()
                    })
                });
            let Some(name) = name else { continue };
            let ident: String = name
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // `pub struct $name` inside a macro definition is not a type.
            if ident.starts_with(|c: char| c.is_ascii_uppercase()) {
                found.insert(format!("{module}::{ident}"));
            }
        }
    }
    found
}

#[test]
fn every_public_model_is_listed() {
    let in_source = public_models_in_source();
    assert!(in_source.len() > 200, "{} models found", in_source.len());
    let listed: BTreeSet<String> = DECODED
        .iter()
        .chain(NOT_DECODED)
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        DECODED.len() + NOT_DECODED.len(),
        listed.len(),
        "listed twice"
    );
    let missing: Vec<_> = in_source.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "public models not listed in tests/proptest_decoders.rs: {missing:?}"
    );
    let stale: Vec<_> = listed.difference(&in_source).collect();
    assert!(
        stale.is_empty(),
        "listed but not found in src/models: {stale:?}"
    );
}

#[test]
fn every_documented_example_goes_into_every_model() {
    for example in &VOCABULARY.examples {
        decode_into_every_model(&example.to_string(), example);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_into_every_model(v in json()) {
        decode_into_every_model(&v.to_string(), &v);
    }

    #[test]
    fn altered_examples_into_every_model(v in mutated_example()) {
        decode_into_every_model(&v.to_string(), &v);
    }

    #[test]
    fn callback_bodies_and_headers(
        body in body(),
        header in prop::option::of(any::<String>()),
        user in any::<String>(),
        password in any::<String>(),
    ) {
        match pokitdok::callback::parse(&body) {
            Ok(activity) => { let _ = format!("{activity:?}"); }
            Err(e) => {
                assert!(matches!(e, Error::Decode { .. }), "{e:?}");
                assert_shows_no_body(&e);
            }
        }
        let _ = pokitdok::callback::verify_basic_auth(header.as_deref(), &user, &password);
    }

    #[test]
    fn arbitrary_bytes_into_every_model(bytes in prop::collection::vec(any::<u8>(), 0..128)) {
        let text = String::from_utf8_lossy(&bytes);
        decode_into_every_model(&text, &Value::String(text.to_string()));
    }
}
