//! Models of the `claims` API group: claims (837P) submission, claim status (276/277), claims
//! convert, claim drafts and validation, the acknowledgement (277CA) and payment (835) results
//! a claims activity receives, and payments (ERA) search.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::models::common::{
    Address, Amount, Date, Extra, Member, Money, Provider, Timestamp, open_enum,
};
use crate::redact::redacted_debug;

pub use crate::models::x12::PlaceOfService;

open_enum! {
    /// Kind of claim (`transaction_code`).
    pub enum ClaimTransactionCode {
        /// `chargeable`.
        Chargeable = "chargeable",
        /// `reporting`.
        Reporting = "reporting",
        /// `subrogation_demand`.
        SubrogationDemand = "subrogation_demand",
    }
}

open_enum! {
    /// Claim frequency (`claim.claim_frequency`, default `original`; `corrected` needs
    /// `original_reference_number`).
    pub enum ClaimFrequency {
        /// `nonpayment`.
        Nonpayment = "nonpayment",
        /// `original`.
        Original = "original",
        /// `interim_first_claim`.
        InterimFirstClaim = "interim_first_claim",
        /// `interim_continuing_claims`.
        InterimContinuingClaims = "interim_continuing_claims",
        /// `interim_last_claim`.
        InterimLastClaim = "interim_last_claim",
        /// `late_charges`.
        LateCharges = "late_charges",
        /// `adjustment`.
        Adjustment = "adjustment",
        /// `corrected`.
        Corrected = "corrected",
        /// `cancel`.
        Cancel = "cancel",
        /// `final_claim_home_health`.
        FinalClaimHomeHealth = "final_claim_home_health",
    }
}

open_enum! {
    /// Which payer this is for the subscriber (`payer_responsibility`, default `primary`).
    pub enum PayerResponsibility {
        /// `primary`.
        Primary = "primary",
        /// `secondary`.
        Secondary = "secondary",
        /// `tertiary`.
        Tertiary = "tertiary",
        /// `four`.
        Four = "four",
        /// `five`.
        Five = "five",
        /// `six`.
        Six = "six",
        /// `seven`.
        Seven = "seven",
        /// `eight`.
        Eight = "eight",
        /// `nine`.
        Nine = "nine",
        /// `ten`.
        Ten = "ten",
        /// `eleven`.
        Eleven = "eleven",
        /// `unknown`.
        Undetermined = "unknown",
    }
}

open_enum! {
    /// Claim adjustment group (`adjustments[].group`).
    pub enum AdjustmentGroup {
        /// `contractual_obligations`.
        ContractualObligations = "contractual_obligations",
        /// `other_adjustments`.
        OtherAdjustments = "other_adjustments",
        /// `payor_initiated_reductions`.
        PayorInitiatedReductions = "payor_initiated_reductions",
        /// `patient_responsibility`.
        PatientResponsibility = "patient_responsibility",
        /// `corrections_and_reversals`.
        CorrectionsAndReversals = "corrections_and_reversals",
    }
}

open_enum! {
    /// Unit of `service_lines[].unit_count`.
    pub enum ServiceUnitType {
        /// `units`.
        Units = "units",
        /// `days`.
        Days = "days",
    }
}

/// `POST /claims/` request (a professional 837P claim); also what `/claims/validate/` takes and
/// what claims convert produces.
///
/// ```
/// use pokitdok::models::{Address, Member, Provider};
/// use pokitdok::models::claims::{Claim, ClaimRequest, ClaimTransactionCode, ServiceLine};
///
/// let mut subscriber = Member::default();
/// subscriber.member_id = Some("W000000000".into());
/// subscriber.first_name = Some("Jane".into());
/// subscriber.last_name = Some("Doe".into());
/// let claim = Claim::new("60.0", vec![ServiceLine::new("99213", "60.0", ["J10.1"], "2016-01-25")]);
/// let req = ClaimRequest::new(
///     ClaimTransactionCode::Chargeable,
///     "MOCKPAYER",
///     Provider::person("1234567893", "Elizabeth", "Blackwell"),
///     subscriber,
///     claim,
/// );
/// let json = serde_json::to_value(&req).unwrap();
/// assert_eq!(json["claim"]["service_lines"][0]["charge_amount"], "60.0");
/// ```
///
/// `Debug` shows no patient or subscriber data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimRequest {
    /// `chargeable`, `reporting` or `subrogation_demand`.
    pub transaction_code: ClaimTransactionCode,
    /// Trading partner id.
    pub trading_partner_id: String,
    /// Billing provider (CMS-1500 box 33); `payment_address` etc. go in its `extra`.
    pub billing_provider: Provider,
    /// The subscriber (`member_id`, names required; `payer_responsibility`,
    /// `claim_filing_code` ... in its `extra`).
    pub subscriber: Member,
    /// The patient, only when not the subscriber (`relationship` in its `extra`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<Member>,
    /// The claim.
    pub claim: Claim,
    /// Other payers, for secondary claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordination_of_benefits: Option<CoordinationOfBenefits>,
    /// Internal (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_pdf: Option<bool>,
    /// Process asynchronously (claims always are; the platform stores it).
    #[serde(rename = "async", default, skip_serializing_if = "Option::is_none")]
    pub async_: Option<bool>,
    /// HTTPS URL the platform POSTs the activity to, on acknowledgement and on payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Free-form data stored on the activity (`{"mock_claim_payment": true}` makes MOCKPAYER
    /// send a simulated payment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_data: Option<Value>,
    /// Other keys to send (the COB examples send `payer`, `receiver`, `submitter`,
    /// `correlation_id`).
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimRequest {
    show: [
        transaction_code,
        trading_partner_id,
        billing_provider,
        subscriber,
        patient,
        claim,
        coordination_of_benefits,
        generate_pdf,
        async_
    ],
    shape: [application_data, callback_url, extra],
});

impl ClaimRequest {
    /// A claim with its required parts.
    pub fn new(
        transaction_code: ClaimTransactionCode,
        trading_partner_id: impl Into<String>,
        billing_provider: Provider,
        subscriber: Member,
        claim: Claim,
    ) -> Self {
        ClaimRequest {
            transaction_code,
            trading_partner_id: trading_partner_id.into(),
            billing_provider,
            subscriber,
            patient: None,
            claim,
            coordination_of_benefits: None,
            generate_pdf: None,
            async_: None,
            callback_url: None,
            application_data: None,
            extra: Extra::new(),
        }
    }

    /// Sets the patient (when not the subscriber).
    #[must_use]
    pub fn patient(mut self, patient: Member) -> Self {
        self.patient = Some(patient);
        self
    }

    /// Sets `callback_url`.
    #[must_use]
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }

    /// Sets `application_data`.
    #[must_use]
    pub fn application_data(mut self, data: Value) -> Self {
        self.application_data = Some(data);
        self
    }
}

/// `coordination_of_benefits`: one object when there are two payers, a list when there are
/// three or more.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum CoordinationOfBenefits {
    /// One other payer (sent as an object).
    One(Box<OtherPayerClaim>),
    /// Several other payers (sent as a list).
    Many(Vec<OtherPayerClaim>),
}

redacted_debug!(enum CoordinationOfBenefits {
    show: [One, Many],
    shape: [],
});

impl CoordinationOfBenefits {
    /// The other payers, however they were sent.
    pub fn payers(&self) -> &[OtherPayerClaim] {
        match self {
            CoordinationOfBenefits::One(p) => std::slice::from_ref(p),
            CoordinationOfBenefits::Many(v) => v,
        }
    }
}

impl Claim {
    /// A claim with its total and service lines; everything else takes the platform's
    /// defaults.
    pub fn new(total_charge_amount: impl Into<Amount>, service_lines: Vec<ServiceLine>) -> Self {
        Claim {
            total_charge_amount: Some(total_charge_amount.into()),
            service_lines,
            ..Claim::default()
        }
    }
}

impl ServiceLine {
    /// A service line: procedure, charge, diagnoses and date of service.
    pub fn new(
        procedure_code: impl Into<String>,
        charge_amount: impl Into<Amount>,
        diagnosis_codes: impl IntoIterator<Item = impl Into<String>>,
        service_date: impl Into<Date>,
    ) -> Self {
        ServiceLine {
            procedure_code: Some(procedure_code.into()),
            charge_amount: Some(charge_amount.into()),
            diagnosis_codes: diagnosis_codes.into_iter().map(Into::into).collect(),
            service_date: Some(service_date.into()),
            ..ServiceLine::default()
        }
    }
}

/// `POST /claims/status` request: find a patient's claims for a date of service.
///
/// `Debug` shows no patient or subscriber data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimStatusRequest {
    /// Trading partner id.
    pub trading_partner_id: String,
    /// The patient (`{birth_date, first_name, last_name, id, ...}`).
    pub patient: Member,
    /// The provider (`{npi, first_name, last_name | organization_name, tax_id, ...}`).
    pub provider: Provider,
    /// Date the service started.
    pub service_date: Date,
    /// Date the service ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_end_date: Option<Date>,
    /// The subscriber, when the patient is not the subscriber.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<Member>,
    /// Payer claim control number, to narrow the search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_id: Option<String>,
    /// Appends this result to that claims activity's `result_history`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims_activity_id: Option<String>,
    /// Total claim charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_charge_amount: Option<Amount>,
    /// Payer (`{organization_name, id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<ClaimPayer>,
    /// Receiver (`{first_name, middle_name, last_name, id, organization_name}`), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver: Option<Value>,
    /// Prescription number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pharmacy_prescription_number: Option<String>,
    /// Process asynchronously.
    #[serde(rename = "async", default, skip_serializing_if = "Option::is_none")]
    pub async_: Option<bool>,
    /// HTTPS URL the platform POSTs the activity to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Free-form data stored on the activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_data: Option<Value>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimStatusRequest {
    show: [
        trading_partner_id,
        patient,
        provider,
        subscriber,
        claims_activity_id,
        claim_charge_amount,
        payer,
        async_
    ],
    shape: [
        service_date,
        service_end_date,
        tracking_id,
        receiver,
        application_data,
        pharmacy_prescription_number,
        callback_url,
        extra
    ],
});

impl ClaimStatusRequest {
    /// A request with its required parts.
    pub fn new(
        trading_partner_id: impl Into<String>,
        patient: Member,
        provider: Provider,
        service_date: impl Into<Date>,
    ) -> Self {
        ClaimStatusRequest {
            trading_partner_id: trading_partner_id.into(),
            patient,
            provider,
            service_date: service_date.into(),
            service_end_date: None,
            subscriber: None,
            tracking_id: None,
            claims_activity_id: None,
            claim_charge_amount: None,
            payer: None,
            receiver: None,
            pharmacy_prescription_number: None,
            async_: None,
            callback_url: None,
            application_data: None,
            extra: Extra::new(),
        }
    }

    /// Sets the payer claim control number.
    #[must_use]
    pub fn tracking_id(mut self, id: impl Into<String>) -> Self {
        self.tracking_id = Some(id.into());
        self
    }

    /// Sets the end of the service period.
    #[must_use]
    pub fn service_end_date(mut self, date: impl Into<Date>) -> Self {
        self.service_end_date = Some(date.into());
        self
    }

    /// Sets the subscriber (when the patient is not the subscriber).
    #[must_use]
    pub fn subscriber(mut self, subscriber: Member) -> Self {
        self.subscriber = Some(subscriber);
        self
    }
}

/// `POST /claims/convert` answer for a single claim: a claims request ready for
/// `POST /claims/`, the X12 with ICD-9 mapped to ICD-10, and the mappings used.
///
/// `Debug` shows no claim data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimsConvert {
    /// A claims request that can go straight to [`PokitDok::claims`](crate::PokitDok::claims).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims_request: Option<ClaimRequest>,
    /// The converted X12 837 (envelope kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted_edi: Option<String>,
    /// How each ICD-9 code was mapped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnosis_mappings: Vec<DiagnosisMapping>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimsConvert {
    show: [claims_request, diagnosis_mappings],
    shape: [converted_edi, extra],
});

/// Body of `POST /claims/drafts/` and `PUT /claims/drafts/{id}`: `{"draft": {...}}`, where the
/// draft is a claims request that need not be complete.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimDraftRequest {
    /// The (possibly incomplete) claims request.
    pub draft: Value,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimDraftRequest {
    show: [],
    shape: [draft, extra],
});

impl ClaimDraftRequest {
    /// A draft from any JSON.
    pub fn new(draft: Value) -> Self {
        ClaimDraftRequest {
            draft,
            extra: Extra::new(),
        }
    }

    /// A draft from a complete claims request.
    ///
    /// # Errors
    /// [`crate::Error::Config`] if the request cannot be serialized (it always can).
    pub fn from_claim(claim: &ClaimRequest) -> crate::Result<Self> {
        serde_json::to_value(claim)
            .map(Self::new)
            .map_err(|_| crate::Error::config("the claim cannot be serialized"))
    }
}

/// Query of `GET /payments/` (all optional).
#[derive(Clone, Default, Serialize)]
#[non_exhaustive]
pub struct PaymentsQuery {
    /// Trading partner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Payment type (currently only `claim_payment`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<String>,
    /// Check or EFT trace number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_eft_trace_number: Option<String>,
    /// Amount, e.g. `"14123.75"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// Effective date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date: Option<String>,
    /// Effective on or after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date_start: Option<String>,
    /// Effective on or before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date_end: Option<String>,
    /// Received on or after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received_date_start: Option<String>,
    /// Received on or before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received_date_end: Option<String>,
    /// How many payments to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many payments to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

redacted_debug!(PaymentsQuery {
    show: [
        trading_partner_id,
        payment_type,
        check_eft_trace_number,
        amount,
        effective_date,
        effective_date_start,
        effective_date_end,
        received_date_start,
        received_date_end,
        limit,
        offset
    ],
    shape: [],
});

impl PaymentsQuery {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only this trading partner's payments.
    #[must_use]
    pub fn trading_partner_id(mut self, id: impl Into<String>) -> Self {
        self.trading_partner_id = Some(id.into());
        self
    }

    /// Only payments with this check or EFT trace number.
    #[must_use]
    pub fn check_eft_trace_number(mut self, n: impl Into<String>) -> Self {
        self.check_eft_trace_number = Some(n.into());
        self
    }

    /// Sets `limit`.
    #[must_use]
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Sets `offset`.
    #[must_use]
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }
}

/// The `claim` object of a claims request: the claim-level data and its service lines.
///
/// `Debug` shows only counts and codes that are not patient data.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Claim {
    /// Frequency (default `original`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_frequency: Option<ClaimFrequency>,
    /// Place of service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_of_service: Option<PlaceOfService>,
    /// `assigned` (default), `lab` or `n/a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_participation: Option<String>,
    /// `y`, `n` or `n/a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_payment: Option<String>,
    /// `informed_consent` or `signed_statement`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_release: Option<String>,
    /// Provider signature on file (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_signature: Option<bool>,
    /// Patient signature on file (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_signature_on_file: Option<bool>,
    /// Total charge, string or number as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_charge_amount: Option<Amount>,
    /// Amount the patient paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_paid_amount: Option<Amount>,
    /// The service lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_lines: Vec<ServiceLine>,
    /// Claim note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<ClaimNote>,
    /// Medical record number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical_record_number: Option<String>,
    /// Onset of the current illness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onset_date: Option<Date>,
    /// Statement start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_date: Option<Date>,
    /// Statement end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_end_date: Option<Date>,
    /// Admission date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission_date: Option<Date>,
    /// Discharge date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discharge_date: Option<Date>,
    /// Accident date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accident_date: Option<Date>,
    /// `auto_accident`, `employment` or `other_accident`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_causes_code: Option<String>,
    /// Prior authorization number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_authorization_number: Option<String>,
    /// Referral number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral_number: Option<String>,
    /// Payer claim number of the claim being corrected or canceled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_number: Option<String>,
    /// Rendering provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rendering_provider: Option<Provider>,
    /// Referring provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referring_provider: Option<Provider>,
    /// Supervising provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervising_provider: Option<Provider>,
    /// Service facility (`{organization_name, npi, address}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_facility: Option<Provider>,
    /// Value codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_information: Vec<ValueInformation>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Claim {
    show: [
        claim_frequency,
        place_of_service,
        plan_participation,
        direct_payment,
        information_release,
        provider_signature,
        patient_signature_on_file,
        total_charge_amount,
        patient_paid_amount,
        service_lines,
        related_causes_code,
        prior_authorization_number,
        referral_number,
        original_reference_number,
        rendering_provider,
        referring_provider,
        supervising_provider,
        service_facility,
        value_information
    ],
    shape: [
        note,
        onset_date,
        statement_date,
        statement_end_date,
        admission_date,
        discharge_date,
        accident_date,
        medical_record_number,
        extra
    ],
});

/// One service line of a claim.
///
/// `Debug` shows the procedure code and amounts only.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceLine {
    /// CPT/HCPCS procedure code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_code: Option<String>,
    /// Procedure description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_description: Option<String>,
    /// Modifiers (`""` skips a position).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procedure_modifier_codes: Vec<String>,
    /// Charge, string or number as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_amount: Option<Amount>,
    /// Units, string or number as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_count: Option<Amount>,
    /// `units` or `days`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_type: Option<ServiceUnitType>,
    /// ICD-10 diagnosis codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnosis_codes: Vec<String>,
    /// Service date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_date: Option<Date>,
    /// Service end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_end_date: Option<Date>,
    /// Place of service of this line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_of_service: Option<PlaceOfService>,
    /// Line item control number (echoed in the 835).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_control_number: Option<String>,
    /// Line note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<ClaimNote>,
    /// Emergency indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_emergency: Option<bool>,
    /// Test results (`{reference_id, measurement, value}`), as sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub test_results: Vec<Value>,
    /// Rendering provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rendering_provider: Option<Provider>,
    /// Ordering provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordering_provider: Option<Provider>,
    /// Referring provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referring_provider: Option<Provider>,
    /// Supervising provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervising_provider: Option<Provider>,
    /// Purchased service provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchased_service_provider: Option<Provider>,
    /// Drug (`{code_type, code, unit_type, quantity, precription_number}`), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drug: Option<Value>,
    /// Prior payer's adjudication (secondary claims).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudication: Option<ServiceLineAdjudication>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ServiceLine {
    show: [
        procedure_code,
        procedure_description,
        procedure_modifier_codes,
        charge_amount,
        unit_count,
        unit_type,
        place_of_service,
        provider_control_number,
        is_emergency,
        rendering_provider,
        ordering_provider,
        referring_provider,
        supervising_provider,
        purchased_service_provider,
        adjudication
    ],
    shape: [
        diagnosis_codes,
        service_date,
        service_end_date,
        note,
        test_results,
        drug,
        extra
    ],
});

/// A claim or service-line note.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimNote {
    /// `additional_information`, `goals_rehab_discharge`, `certification_narrative`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_code: Option<String>,
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimNote {
    show: [reference_code],
    shape: [note, extra],
});

/// A value code and its value.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ValueInformation {
    /// Value type, e.g. `service_furnished_location_number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_type: Option<String>,
    /// The value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ValueInformation {
    show: [value_type],
    shape: [value, extra],
});

/// A prior payer's adjudication of a service line (`service_lines[].adjudication`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceLineAdjudication {
    /// Amount paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Procedure code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_code: Option<String>,
    /// Procedure modifiers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procedure_modifiers: Vec<String>,
    /// Paid units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Amount>,
    /// Adjustments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<ClaimAdjustment>,
    /// Date paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_paid_date: Option<Date>,
    /// Amount still owed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_owed: Option<Amount>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ServiceLineAdjudication {
    show: [
        amount,
        procedure_code,
        procedure_modifiers,
        quantity,
        adjustments,
        amount_owed
    ],
    shape: [claim_paid_date, extra],
});

/// An adjustment sent with a secondary claim (`{group, reason, amount, quantity}`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimAdjustment {
    /// Group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<AdjustmentGroup>,
    /// Reason code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Amount, string or number as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Amount>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimAdjustment {
    show: [group, reason, amount, quantity],
    shape: [extra],
});

/// A payer in a claims request or COB block (`{organization_name, id, address}`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimPayer {
    /// Payer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Payer name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimPayer {
    show: [organization_name, id, address],
    shape: [extra],
});

/// One other payer of a secondary claim (coordination of benefits).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OtherPayerClaim {
    /// The subscriber with that payer (`relationship`, `claim_filing_code` ... in its `extra`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<Member>,
    /// The payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<ClaimPayer>,
    /// Claim-level adjustments (at most 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<ClaimAdjustment>,
    /// What that payer paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_amount_paid: Option<Amount>,
    /// What is still owed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_owed: Option<Amount>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(OtherPayerClaim {
    show: [
        subscriber,
        payer,
        adjustments,
        payer_amount_paid,
        amount_owed
    ],
    shape: [extra],
});

/// The payer of a claim status answer.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimStatusPayer {
    /// Payer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimStatusPayer {
    show: [id, name],
    shape: [extra],
});

/// A submitter or provider of a claim acknowledgement or status answer.
///
/// `Debug` shows the organization, NPI and statuses; a party can be an individual, so personal
/// names, tax ids and other ids are not shown.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusParty {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Organization name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// NPI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
    /// Tax id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// Service provider number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider_number: Option<String>,
    /// Trace number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_number: Option<String>,
    /// Tracking id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_id: Option<String>,
    /// Secondary ids (`[{id_qualifier, id}]`), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_id: Option<Value>,
    /// Statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<ClaimStatusInfo>,
    /// Accepted claims, as sent (the examples send a string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_quantity: Option<Value>,
    /// Rejected claims, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected_quantity: Option<Value>,
    /// Amount in process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_in_process: Option<Money>,
    /// Amount returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_returned: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(StatusParty {
    show: [
        organization_name,
        npi,
        service_provider_number,
        trace_number,
        statuses,
        amount_in_process,
        amount_returned,
        id,
        accepted_quantity,
        rejected_quantity
    ],
    shape: [
        first_name,
        middle_name,
        last_name,
        suffix,
        tracking_id,
        secondary_id,
        tax_id,
        extra
    ],
});

/// A status information item (category, code, dates and amounts).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimStatusInfo {
    /// `accept` (acknowledgements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Category text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_category: Option<String>,
    /// Category code, e.g. `F1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_category_code: Option<String>,
    /// Status text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<String>,
    /// Raw X12 status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code_value: Option<String>,
    /// Effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_effective_date: Option<Date>,
    /// Secondary category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_status_category: Option<String>,
    /// Secondary category code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_status_category_code: Option<String>,
    /// Secondary status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_status_code: Option<String>,
    /// Tertiary category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tertiary_status_category: Option<String>,
    /// Tertiary category code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tertiary_status_category_code: Option<String>,
    /// Tertiary status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tertiary_status_code: Option<String>,
    /// Adjudication finalized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudication_finalized_date: Option<Date>,
    /// Remittance date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_date: Option<Date>,
    /// Total claim amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_claim_amount: Option<Money>,
    /// Amount paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_payment_amount: Option<Money>,
    /// Check number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_number: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimStatusInfo {
    show: [
        action,
        status_category,
        status_category_code,
        status_code,
        status_code_value,
        secondary_status_category,
        secondary_status_category_code,
        secondary_status_code,
        tertiary_status_category,
        tertiary_status_category_code,
        tertiary_status_code,
        total_claim_amount,
        claim_payment_amount,
        check_number
    ],
    shape: [
        status_effective_date,
        adjudication_finalized_date,
        remittance_date,
        extra
    ],
});

/// One claim in a claim status answer (`patient.claims[]`).
///
/// `Debug` shows only statuses and amounts.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimStatusClaim {
    /// Payer claim control number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_control_number: Option<String>,
    /// Patient control number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_control_number: Option<String>,
    /// Claim id number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_id_number: Option<String>,
    /// Tracking id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_id: Option<String>,
    /// Bill type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_type_id: Option<String>,
    /// Prescription number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pharmacy_prescription_number: Option<String>,
    /// Status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<String>,
    /// Check number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_number: Option<String>,
    /// Adjudication finalized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudication_finalized_date: Option<Date>,
    /// Applied to the deductible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_to_deductible: Option<bool>,
    /// Remittance date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_date: Option<Date>,
    /// Service start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_date: Option<Date>,
    /// Service end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_end_date: Option<Date>,
    /// Total charged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_claim_amount: Option<Money>,
    /// Amount paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_payment_amount: Option<Money>,
    /// Statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<ClaimStatusInfo>,
    /// Service lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ClaimStatusService>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimStatusClaim {
    show: [
        claim_control_number,
        claim_id_number,
        bill_type_id,
        status_code,
        check_number,
        applied_to_deductible,
        total_claim_amount,
        claim_payment_amount,
        statuses,
        services
    ],
    shape: [
        patient_control_number,
        tracking_id,
        adjudication_finalized_date,
        remittance_date,
        service_date,
        service_end_date,
        pharmacy_prescription_number,
        extra
    ],
});

/// One service line of a claim status answer.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimStatusService {
    /// CPT code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpt_code: Option<String>,
    /// Line item control number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_item_control_number: Option<String>,
    /// Prescription number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pharmacy_prescription_number: Option<String>,
    /// Service start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_date: Option<Date>,
    /// Service end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_end_date: Option<Date>,
    /// Charged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_amount: Option<Money>,
    /// Paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_amount: Option<Money>,
    /// Statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<ClaimStatusInfo>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimStatusService {
    show: [
        cpt_code,
        line_item_control_number,
        charge_amount,
        payment_amount,
        statuses
    ],
    shape: [
        service_date,
        service_end_date,
        pharmacy_prescription_number,
        extra
    ],
});

/// Claim-level status of an acknowledgement (`patient.claim_level_info`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimLevelInfo {
    /// Claim id number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_id_number: Option<String>,
    /// Tracking id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_id: Option<String>,
    /// Service start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_date: Option<Date>,
    /// Service end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_end_date: Option<Date>,
    /// Statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<ClaimStatusInfo>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimLevelInfo {
    show: [claim_id_number, statuses],
    shape: [tracking_id, service_date, service_end_date, extra],
});

/// The patient of a claim acknowledgement or status answer.
///
/// `Debug` shows no name or id.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusPatient {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Member id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Claims found (claim status).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimStatusClaim>,
    /// Claim-level status (acknowledgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_level_info: Option<ClaimLevelInfo>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(StatusPatient {
    show: [claims, claim_level_info],
    shape: [first_name, middle_name, last_name, suffix, id, extra],
});

/// The claim status (276/277) answer.
///
/// `Debug` shows no patient data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimStatus {
    /// Client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Correlation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// Trading partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<ClaimStatusPayer>,
    /// Submitter and its statuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitter: Option<StatusParty>,
    /// Providers and their statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<StatusParty>,
    /// The patient and the claims found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<StatusPatient>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimStatus {
    show: [
        client_id,
        correlation_id,
        trading_partner_id,
        payer,
        submitter,
        providers,
        patient
    ],
    shape: [extra],
});

/// The clearinghouse of a claim acknowledgement.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Clearinghouse {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Transmitter id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transmitter_id: Option<String>,
    /// Received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_received: Option<Date>,
    /// Processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_processed: Option<Date>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Clearinghouse {
    show: [transmitter_id, name],
    shape: [date_received, date_processed, extra],
});

/// The trading partner's acknowledgement (277CA) of a claim: the activity `result` that
/// completes a claims activity (decode it with `activity.result_as::<ClaimAcknowledgement>()`).
///
/// `Debug` shows no patient data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimAcknowledgement {
    /// Client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Correlation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// Trading partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Clearinghouse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clearinghouse: Option<Clearinghouse>,
    /// Submitter and its statuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitter: Option<StatusParty>,
    /// Providers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<StatusParty>,
    /// Patient with `claim_level_info`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<StatusPatient>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimAcknowledgement {
    show: [
        client_id,
        correlation_id,
        trading_partner_id,
        clearinghouse,
        submitter,
        providers,
        patient
    ],
    shape: [extra],
});

/// An adjustment in a claim payment (835 CAS).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentAdjustment {
    /// Group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<AdjustmentGroup>,
    /// Reason text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Reason code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    /// Amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// Quantity, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PaymentAdjustment {
    show: [group, reason, reason_code, amount, quantity],
    shape: [extra],
});

/// A remark code.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Remark {
    /// Code, e.g. `M86`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Remark {
    show: [code, description],
    shape: [extra],
});

/// A service line of a claim payment.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentService {
    /// Procedure code adjudicated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudicated_procedure_code: Option<String>,
    /// Its code set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudicated_procedure_code_qualifier: Option<String>,
    /// Modifiers adjudicated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjudicated_procedure_modifier_codes: Vec<String>,
    /// Procedure code submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_procedure_code: Option<String>,
    /// Charged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_amount: Option<Money>,
    /// Allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_amount: Option<Money>,
    /// Late filing reduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_filing_amount: Option<Money>,
    /// Paid to the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_payment_amount: Option<Money>,
    /// Units paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_units_paid: Option<i64>,
    /// Units submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_units_submitted: Option<i64>,
    /// Line item control number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_number: Option<String>,
    /// Location number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_number: Option<String>,
    /// Service date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_date: Option<Date>,
    /// Adjustments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<PaymentAdjustment>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<Remark>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PaymentService {
    show: [
        adjudicated_procedure_code,
        adjudicated_procedure_code_qualifier,
        adjudicated_procedure_modifier_codes,
        submitted_procedure_code,
        charge_amount,
        allowed_amount,
        late_filing_amount,
        provider_payment_amount,
        service_units_paid,
        service_units_submitted,
        control_number,
        location_number,
        adjustments,
        remarks
    ],
    shape: [service_date, extra],
});

/// One claim payment of an 835 (`claim_payments[]`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimPaymentDetail {
    /// Payer control number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_number: Option<String>,
    /// Patient control number (the PokitDok activity id for claims sent through PokitDok).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_control_number: Option<String>,
    /// Assigned number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_number: Option<i64>,
    /// Status, e.g. `processed_as_primary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Claim frequency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_frequency: Option<ClaimFrequency>,
    /// Facility type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facility_type: Option<String>,
    /// Filing indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filing_indicator: Option<String>,
    /// Paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_amount: Option<Money>,
    /// Patient responsibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_responsibility_amount: Option<Money>,
    /// Total charged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_charge_amount: Option<Money>,
    /// Claim-level adjustments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<PaymentAdjustment>,
    /// Services paid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<PaymentService>,
    /// Inpatient/outpatient adjudication, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudication: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimPaymentDetail {
    show: [
        control_number,
        assigned_number,
        status,
        claim_frequency,
        facility_type,
        filing_indicator,
        payment_amount,
        patient_responsibility_amount,
        total_charge_amount,
        adjustments,
        services
    ],
    shape: [patient_control_number, adjudication, extra],
});

/// Financial information of a payment (835 BPR/TRN).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FinancialInformation {
    /// Check or EFT trace number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_eft_trace_number: Option<String>,
    /// e.g. `credit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<String>,
    /// e.g. `remittance_information_only`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_handling: Option<String>,
    /// e.g. `automated_clearing_house`, `check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    /// Effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_date: Option<Date>,
    /// Payer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_id: Option<String>,
    /// Originating company id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originating_company_id: Option<String>,
    /// Amount paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_amount: Option<Money>,
    /// Originating bank, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originating_institution: Option<Value>,
    /// Receiving bank, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiving_institution: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(FinancialInformation {
    show: [
        check_eft_trace_number,
        transaction_type,
        transaction_handling,
        payment_method,
        payer_id,
        originating_company_id,
        payment_amount
    ],
    shape: [
        effective_date,
        originating_institution,
        receiving_institution,
        extra
    ],
});

/// A contact method.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContactMethod {
    /// `phone`, `email`, `fax`, `url`, ...
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ContactMethod {
    show: [type_],
    shape: [value, extra],
});

/// A contact of a payer or payee.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentContact {
    /// e.g. `business`, `technical`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How to reach them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact_methods: Vec<ContactMethod>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PaymentContact {
    show: [function, contact_methods],
    shape: [name, extra],
});

/// The payer or payee of a payment.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentParty {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// NPI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
    /// Tax id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Contacts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<PaymentContact>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PaymentParty {
    show: [npi, name, id, address, contacts],
    shape: [tax_id, extra],
});

/// The patient or insured of a claim payment. `Debug` shows nothing identifying.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentPerson {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Member id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Health insurance claim number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hic_number: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PaymentPerson {
    show: [],
    shape: [first_name, middle_name, last_name, id, hic_number, extra],
});

/// A claim payment (835): the activity `result` when payment data arrives (decode it with
/// `activity.result_as::<ClaimPayment>()`), and the items of `GET /payments/{id}/data`.
///
/// `Debug` shows no patient data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimPayment {
    /// The claim payments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claim_payments: Vec<ClaimPaymentDetail>,
    /// Payment information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial_information: Option<FinancialInformation>,
    /// Payee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee: Option<PaymentParty>,
    /// Payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<PaymentParty>,
    /// Patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<PaymentPerson>,
    /// Insured (when not the patient).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insured: Option<PaymentPerson>,
    /// Processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_date: Option<Date>,
    /// Received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_date: Option<Date>,
    /// Transaction type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<String>,
    /// Covered charges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_amount: Option<Money>,
    /// Discounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_amount: Option<Money>,
    /// Interest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest_amount: Option<Money>,
    /// Patient responsibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_responsibility_amount: Option<Money>,
    /// Authorization number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_number: Option<String>,
    /// Prior authorization number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_authorization_number: Option<String>,
    /// Medical record number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical_record_number: Option<String>,
    /// Transaction metadata (`transaction_created_date`), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimPayment {
    show: [
        claim_payments,
        financial_information,
        payee,
        payer,
        patient,
        insured,
        transaction_type,
        coverage_amount,
        discount_amount,
        interest_amount,
        patient_responsibility_amount,
        authorization_number,
        prior_authorization_number
    ],
    shape: [
        production_date,
        received_date,
        meta,
        medical_record_number,
        extra
    ],
});

/// A payment (ERA): an item of `GET /payments/` or the detail of `GET /payments/{id}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payment {
    /// Payment id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `claim_payment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<String>,
    /// Trading partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Effective date (list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_date: Option<Date>,
    /// Received (list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_date: Option<Timestamp>,
    /// Total (list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Money>,
    /// Activities linked to the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_activity_count: Option<i64>,
    /// Transactions in the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_count: Option<i64>,
    /// Payment information (detail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial_information: Option<FinancialInformation>,
    /// Payee (detail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee: Option<PaymentParty>,
    /// Payer (detail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<PaymentParty>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Payment {
    show: [
        payment_type,
        trading_partner_id,
        received_date,
        total,
        linked_activity_count,
        transaction_count,
        financial_information,
        payee,
        payer,
        id
    ],
    shape: [effective_date, extra],
});

/// A code: `{description, system, value}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeValue {
    /// The code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Code system, e.g. `icd9`, `icd10`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CodeValue {
    show: [system],
    shape: [value, description, extra],
});

/// One possible mapping: lists of codes to choose from.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DestinationScenario {
    /// Choice lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choice_lists: Vec<Vec<CodeValue>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DestinationScenario {
    show: [choice_lists],
    shape: [extra],
});

/// How an ICD-9 code was mapped to ICD-10.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DiagnosisMapping {
    /// The ICD-9 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_code: Option<CodeValue>,
    /// ICD-10 scenarios.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub destination_scenarios: Vec<DestinationScenario>,
    /// Approximate mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate: Option<bool>,
    /// Combination mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combination: Option<bool>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DiagnosisMapping {
    show: [source_code, destination_scenarios, approximate, combination],
    shape: [extra],
});

/// A claim draft: `{id, draft, validation_result}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimDraft {
    /// Draft id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The (possibly incomplete) claim, as stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Value>,
    /// Validation result, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_result: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClaimDraft {
    show: [id],
    shape: [draft, validation_result, extra],
});
