//! Models of the `eligibility` API group (`POST /eligibility/`, an X12 270/271 exchange). The
//! service types, raw X12 wrappers and X12 error shapes shared by the X12-backed APIs live in
//! [`x12`](crate::models::x12) and are re-exported here.

use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use crate::models::common::{Address, Date, Extra, Member, Money, Provider, open_enum};
use crate::redact::redacted_debug;

pub use crate::models::x12::{
    ElementError, FullX12Json, ParsingError, SegmentError, ServiceType, X12ErrorData,
    X12ErrorResponse, X12Errors, X12Json, X12Segment,
};

open_enum! {
    /// Who a benefit applies to (`coverage_level`, `coverage.level`).
    pub enum CoverageLevel {
        /// `children_only`.
        ChildrenOnly = "children_only",
        /// `dependents_only`.
        DependentsOnly = "dependents_only",
        /// `employee_and_children`.
        EmployeeAndChildren = "employee_and_children",
        /// `employee_only`.
        EmployeeOnly = "employee_only",
        /// `employee_and_spouse`.
        EmployeeAndSpouse = "employee_and_spouse",
        /// `family`.
        Family = "family",
        /// `individual`.
        Individual = "individual",
        /// `spouse_and_children`.
        SpouseAndChildren = "spouse_and_children",
        /// `spouse_only`.
        SpouseOnly = "spouse_only",
    }
}

open_enum! {
    /// Whether a benefit applies in or out of network (`in_plan_network`).
    pub enum InPlanNetwork {
        /// `yes`.
        Yes = "yes",
        /// `no`.
        No = "no",
        /// `not_applicable`.
        NotApplicable = "not_applicable",
    }
}

open_enum! {
    /// Whether authorization or certification is required (`authorization_required`).
    pub enum AuthorizationRequired {
        /// `yes`.
        Yes = "yes",
        /// `no`.
        No = "no",
        /// `unknown`.
        Undetermined = "unknown",
    }
}

open_enum! {
    /// A time period qualifier (`time_period`, `time_period_qualifier`), e.g.
    /// `calendar_year` or `remaining`.
    pub enum TimePeriod {
        /// `24_hours`.
        N24Hours = "24_hours",
        /// `admission`.
        Admission = "admission",
        /// `calendar_year`.
        CalendarYear = "calendar_year",
        /// `contract`.
        Contract = "contract",
        /// `day`.
        Day = "day",
        /// `episode`.
        Episode = "episode",
        /// `exceed`.
        Exceed = "exceed",
        /// `hour`.
        Hour = "hour",
        /// `lifetime`.
        Lifetime = "lifetime",
        /// `lifetime_remaining`.
        LifetimeRemaining = "lifetime_remaining",
        /// `month`.
        Month = "month",
        /// `not_exceeded`.
        NotExceeded = "not_exceeded",
        /// `outlier`.
        Outlier = "outlier",
        /// `remaining`.
        Remaining = "remaining",
        /// `service_year`.
        ServiceYear = "service_year",
        /// `visit`.
        Visit = "visit",
        /// `week`.
        Week = "week",
        /// `year_to_date`.
        YearToDate = "year_to_date",
        /// `years`.
        Years = "years",
    }
}

open_enum! {
    /// The kind of a quantity (`quantity_qualifier`).
    pub enum QuantityQualifier {
        /// `minimum`.
        Minimum = "minimum",
        /// `quantity_used`.
        QuantityUsed = "quantity_used",
        /// `covered_actual`.
        CoveredActual = "covered_actual",
        /// `covered_estimated`.
        CoveredEstimated = "covered_estimated",
        /// `coinsurance_days`.
        CoinsuranceDays = "coinsurance_days",
        /// `deductible_blood_units`.
        DeductibleBloodUnits = "deductible_blood_units",
        /// `days`.
        Days = "days",
        /// `hours`.
        Hours = "hours",
        /// `life_time_reserve_actual`.
        LifeTimeReserveActual = "life_time_reserve_actual",
        /// `life_time_reserve_estimated`.
        LifeTimeReserveEstimated = "life_time_reserve_estimated",
        /// `maximum`.
        Maximum = "maximum",
        /// `month`.
        Month = "month",
        /// `services_or_procedures`.
        ServicesOrProcedures = "services_or_procedures",
        /// `quantity_approved`.
        QuantityApproved = "quantity_approved",
        /// `age_high_value`.
        AgeHighValue = "age_high_value",
        /// `age_low_value`.
        AgeLowValue = "age_low_value",
        /// `visits`.
        Visits = "visits",
        /// `years`.
        Years = "years",
    }
}

open_enum! {
    /// Type of insurance (`insurance_type`).
    pub enum InsuranceType {
        /// `hmo`.
        Hmo = "hmo",
        /// `ppo`.
        Ppo = "ppo",
        /// `pos`.
        Pos = "pos",
        /// `cobra`.
        Cobra = "cobra",
        /// `commercial`.
        Commercial = "commercial",
        /// `medicaid`.
        Medicaid = "medicaid",
        /// `medicare_part_a`.
        MedicarePartA = "medicare_part_a",
        /// `medicare_part_b`.
        MedicarePartB = "medicare_part_b",
        /// `other`.
        Other = "other",
    }
}

open_enum! {
    /// The code set of a `procedure_id`.
    pub enum ProcedureIdQualifier {
        /// `ada_code`.
        AdaCode = "ada_code",
        /// `cpt`.
        Cpt = "cpt",
        /// `hcpcs`.
        Hcpcs = "hcpcs",
        /// `icd_9_cm`.
        Icd9Cm = "icd_9_cm",
        /// `hiec_product_service_code`.
        HiecProductServiceCode = "hiec_product_service_code",
        /// `ndc_5_4_2_format`.
        Ndc542Format = "ndc_5_4_2_format",
        /// `mutually_defined`.
        MutuallyDefined = "mutually_defined",
    }
}

open_enum! {
    /// Why a trading partner rejected a request (`reject_reason`). The common documented
    /// values plus those seen in the examples.
    pub enum RejectReason {
        /// `invalid_provider_id`.
        InvalidProviderId = "invalid_provider_id",
        /// `provider_not_on_file`.
        ProviderNotOnFile = "provider_not_on_file",
        /// `provider_ineligible_for_inquiries`.
        ProviderIneligibleForInquiries = "provider_ineligible_for_inquiries",
        /// `invalid_subscriber_id`.
        InvalidSubscriberId = "invalid_subscriber_id",
        /// `invalid_subscriber_insured_id`.
        InvalidSubscriberInsuredId = "invalid_subscriber_insured_id",
        /// `invalid_subscriber_insured_name`.
        InvalidSubscriberInsuredName = "invalid_subscriber_insured_name",
        /// `subscriber_insured_not_found`.
        SubscriberInsuredNotFound = "subscriber_insured_not_found",
        /// `patient_birth_date_mismatch`.
        PatientBirthDateMismatch = "patient_birth_date_mismatch",
        /// `unable_to_respond_now`.
        UnableToRespondNow = "unable_to_respond_now",
        /// `invalid_date_of_service`.
        InvalidDateOfService = "invalid_date_of_service",
        /// `death_precedes_date_of_service`.
        DeathPrecedesDateOfService = "death_precedes_date_of_service",
    }
}

open_enum! {
    /// What to do after a rejection (`follow_up_action`).
    pub enum FollowUpAction {
        /// `correct_and_resubmit`.
        CorrectAndResubmit = "correct_and_resubmit",
        /// `resubmit_original`.
        ResubmitOriginal = "resubmit_original",
        /// `resubmission_allowed`.
        ResubmissionAllowed = "resubmission_allowed",
        /// `resubmission_not_allowed`.
        ResubmissionNotAllowed = "resubmission_not_allowed",
        /// `do_not_resubmit_sent_to_third_party`.
        DoNotResubmitSentToThirdParty = "do_not_resubmit_sent_to_third_party",
        /// `do_not_resubmit_will_respond_again`.
        DoNotResubmitWillRespondAgain = "do_not_resubmit_will_respond_again",
        /// `wait_10_days_and_resubmit`.
        Wait10DaysAndResubmit = "wait_10_days_and_resubmit",
        /// `wait_30_days_and_resubmit`.
        Wait30DaysAndResubmit = "wait_30_days_and_resubmit",
    }
}

open_enum! {
    /// Purpose of an eligibility request (`transaction_code`).
    pub enum EligibilityTransactionCode {
        /// `request`.
        Request = "request",
        /// `cancellation`.
        Cancellation = "cancellation",
    }
}

/// `POST /eligibility/` request: who (member), by whom (provider), with which trading partner,
/// and optionally for which service types or procedure.
///
/// The member fields needed depend on the trading partner's `supported_search_options`
/// (`primary_search`: first name, last name, id and birth date; `no_name_search`: id and birth
/// date; ...). `member.plan_start_date` ("eligibility as of") goes in `member.extra`.
///
/// ```
/// use pokitdok::models::{Member, Provider};
/// use pokitdok::models::eligibility::{EligibilityRequest, ServiceType};
///
/// let req = EligibilityRequest::new(
///     Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
///     Provider::person("1467560003", "JEROME", "AYA-AY"),
///     "MOCKPAYER",
/// )
/// .service_types([ServiceType::HealthBenefitPlanCoverage]);
/// let json = serde_json::to_value(&req).unwrap();
/// assert_eq!(json["service_types"][0], "health_benefit_plan_coverage");
/// ```
///
/// `Debug` shows no member data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EligibilityRequest {
    /// The member (insured) to check.
    pub member: Member,
    /// The provider asking (a valid NPI is required).
    pub provider: Provider,
    /// Trading partner id (`GET /tradingpartners/`).
    pub trading_partner_id: String,
    /// Service types to ask about (the platform defaults to `health_benefit_plan_coverage`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// CPT code to ask about (not supported by every trading partner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpt_code: Option<String>,
    /// Procedure id (with `procedure_id_qualifier`), e.g. `G0120`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id: Option<String>,
    /// Code set of `procedure_id`, e.g. `hcpcs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id_qualifier: Option<ProcedureIdQualifier>,
    /// Industry code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry_code: Option<String>,
    /// Payer (`{id, tax_id, name, phone, email, url, fax}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<EligibilityPayer>,
    /// `request` (the default) or `cancellation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_code: Option<EligibilityTransactionCode>,
    /// Process asynchronously; the result arrives at `callback_url` or on the activity.
    #[serde(rename = "async", default, skip_serializing_if = "Option::is_none")]
    pub async_: Option<bool>,
    /// HTTPS URL the platform POSTs the activity to (see [`crate::callback`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Free-form data stored on the activity and echoed in callbacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_data: Option<Value>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EligibilityRequest {
    show: [
        member,
        provider,
        trading_partner_id,
        service_types,
        cpt_code,
        procedure_id,
        procedure_id_qualifier,
        industry_code,
        payer,
        transaction_code,
        async_
    ],
    shape: [application_data, callback_url, extra],
});

impl EligibilityRequest {
    /// A request with its required parts.
    pub fn new(member: Member, provider: Provider, trading_partner_id: impl Into<String>) -> Self {
        EligibilityRequest {
            member,
            provider,
            trading_partner_id: trading_partner_id.into(),
            service_types: Vec::new(),
            cpt_code: None,
            procedure_id: None,
            procedure_id_qualifier: None,
            industry_code: None,
            payer: None,
            transaction_code: None,
            async_: None,
            callback_url: None,
            application_data: None,
            extra: Extra::new(),
        }
    }

    /// Sets the service types to ask about.
    #[must_use]
    pub fn service_types(mut self, types: impl IntoIterator<Item = ServiceType>) -> Self {
        self.service_types = types.into_iter().collect();
        self
    }

    /// Sets the CPT code to ask about.
    #[must_use]
    pub fn cpt_code(mut self, code: impl Into<String>) -> Self {
        self.cpt_code = Some(code.into());
        self
    }

    /// Sets a procedure id and its code set.
    #[must_use]
    pub fn procedure(mut self, id: impl Into<String>, qualifier: ProcedureIdQualifier) -> Self {
        self.procedure_id = Some(id.into());
        self.procedure_id_qualifier = Some(qualifier);
        self
    }

    /// Processes asynchronously and POSTs the activity to `callback_url` when done.
    #[must_use]
    pub fn callback(mut self, callback_url: impl Into<String>) -> Self {
        self.async_ = Some(true);
        self.callback_url = Some(callback_url.into());
        self
    }

    /// Sets `application_data`.
    #[must_use]
    pub fn application_data(mut self, data: Value) -> Self {
        self.application_data = Some(data);
        self
    }
}

/// A per-section rejection: `{valid_request: false, reject_reason, follow_up_action}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rejection {
    /// Always `false` in practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_request: Option<bool>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<RejectReason>,
    /// What to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_action: Option<FollowUpAction>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Rejection {
    show: [valid_request, reject_reason, follow_up_action],
    shape: [extra],
});

/// `{message}` item of the many `messages` lists.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Message {
    show: [],
    shape: [message, extra],
});

/// The eligibility (271) response.
///
/// Check [`Eligibility::valid_request`] first: `false` means the trading partner could not
/// answer, with [`reject_reason`](Eligibility::reject_reason) and
/// [`follow_up_action`](Eligibility::follow_up_action) (and per-section `rejections`) saying why.
///
/// `Debug` shows no subscriber or dependent data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Eligibility {
    /// Client id of the requesting application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Trading partner that answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Whether the trading partner considered the request valid and answered in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_request: Option<bool>,
    /// Why the request was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<RejectReason>,
    /// What to do after a rejection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_action: Option<FollowUpAction>,
    /// Top-level rejections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// The coverage: plan, dates and benefits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
    /// Deductible and out-of-pocket overview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// The subscriber as the trading partner knows them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<EligibilityMember>,
    /// The dependent, when the member is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependent: Option<EligibilityMember>,
    /// The provider as echoed by the trading partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<EligibilityProvider>,
    /// The payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<EligibilityPayer>,
    /// Pharmacy benefits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pharmacy: Option<PharmacyBenefits>,
    /// Related entities (documented here; the examples have them under `coverage`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefit_related_entities: Vec<BenefitRelatedEntity>,
    /// Service types answered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Eligibility {
    show: [
        client_id,
        trading_partner_id,
        valid_request,
        reject_reason,
        follow_up_action,
        rejections,
        coverage,
        summary,
        subscriber,
        dependent,
        provider,
        payer,
        pharmacy,
        benefit_related_entities,
        service_types,
        service_type_codes
    ],
    shape: [extra],
});

impl Eligibility {
    /// `true` when the trading partner answered in full and the coverage is active.
    pub fn is_active(&self) -> bool {
        self.valid_request != Some(false)
            && self.coverage.as_ref().and_then(|c| c.active) == Some(true)
    }
}

/// The subscriber or dependent block of an eligibility response.
///
/// `Debug` shows no name, id, birth date or address.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EligibilityMember {
    /// Member id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
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
    /// Birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// `female`, `male` or `unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Relationship to the subscriber.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
    /// Group number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_number: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Military service information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub military_personnel_information: Option<Value>,
    /// Rejections of this section of the request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EligibilityMember {
    show: [gender, rejections, relationship],
    shape: [
        id,
        first_name,
        middle_name,
        last_name,
        suffix,
        birth_date,
        group_number,
        address,
        military_personnel_information,
        extra
    ],
});

/// The provider block of an eligibility response.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EligibilityProvider {
    /// NPI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
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
    /// Personal identification number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
    /// Organization name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Rejections of this section of the request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EligibilityProvider {
    show: [npi, organization_name, rejections],
    shape: [first_name, middle_name, last_name, suffix, pin, extra],
});

/// A payer (request `payer`, response `payer`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EligibilityPayer {
    /// Payer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Tax id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    /// Rejections of this section of the request (responses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EligibilityPayer {
    show: [url, rejections, id, name],
    shape: [phone, email, fax, tax_id, extra],
});

/// The `coverage` block: plan, dates, and benefit lists.
///
/// `Debug` shows the plan and benefit counts, not the member identifiers `extra` may hold.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Coverage {
    /// `true` when the member has active coverage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Coverage level of the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<CoverageLevel>,
    /// Type of insurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance_type: Option<InsuranceType>,
    /// Group number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_number: Option<String>,
    /// Group description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_description: Option<String>,
    /// Plan number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Plan (product) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_description: Option<String>,
    /// Plan coverage start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_begin_date: Option<Date>,
    /// Plan coverage end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_end_date: Option<Date>,
    /// Eligibility start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_begin_date: Option<Date>,
    /// Eligibility end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_end_date: Option<Date>,
    /// Policy effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_effective_date: Option<Date>,
    /// Policy expiration date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_expiration_date: Option<Date>,
    /// Date the request was processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_date: Option<Date>,
    /// Service types covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Coinsurance benefits (`benefit_percent`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coinsurance: Vec<Benefit>,
    /// Copay benefits (`copayment`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copay: Vec<Benefit>,
    /// Deductibles (`benefit_amount`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deductibles: Vec<Benefit>,
    /// Out-of-pocket limits (`benefit_amount`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub out_of_pocket: Vec<Benefit>,
    /// Limitations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limitations: Vec<Benefit>,
    /// Benefits not covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub non_covered: Vec<Benefit>,
    /// Service types the payer cannot process.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cannot_process: Vec<Benefit>,
    /// Contacts (payer, vendors, administrators).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<CoverageContact>,
    /// Other payers (coordination of benefits).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_payers: Vec<OtherPayer>,
    /// Related entities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefit_related_entities: Vec<BenefitRelatedEntity>,
    /// Healthcare facilities (TPA/IPA), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcare_facilities: Option<Value>,
    /// Primary care provider, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_care_provider: Option<Value>,
    /// Plan benefit description, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_benefit_description: Option<Value>,
    /// Coverage details (grace periods ...), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_details: Option<Value>,
    /// Other keys, as sent (member identifiers, disclaimers, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Coverage {
    show: [
        active,
        level,
        insurance_type,
        group_description,
        plan_number,
        plan_description,
        service_types,
        service_type_codes,
        coinsurance,
        copay,
        deductibles,
        out_of_pocket,
        limitations,
        non_covered,
        cannot_process,
        other_payers,
        benefit_related_entities,
        contacts
    ],
    shape: [
        group_number,
        plan_begin_date,
        plan_end_date,
        eligibility_begin_date,
        eligibility_end_date,
        policy_effective_date,
        policy_expiration_date,
        service_date,
        healthcare_facilities,
        primary_care_provider,
        plan_benefit_description,
        coverage_details,
        extra
    ],
});

/// One benefit entry of the coverage lists (coinsurance, copay, deductibles, out of pocket,
/// limitations, non covered, cannot process).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Benefit {
    /// Who it applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_level: Option<CoverageLevel>,
    /// In or out of network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_plan_network: Option<InPlanNetwork>,
    /// Period, e.g. `calendar_year` or `remaining`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_period: Option<TimePeriod>,
    /// Period qualifier (limitations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_period_qualifier: Option<TimePeriod>,
    /// Amount (deductibles, out of pocket, limitations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_amount: Option<Money>,
    /// Copay amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copayment: Option<Money>,
    /// Patient share (coinsurance): `0.2` is 20 %, kept exactly as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_percent: Option<Number>,
    /// Whether authorization is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_required: Option<AuthorizationRequired>,
    /// Type of insurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance_type: Option<InsuranceType>,
    /// Service types it applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Messages (`Some(vec![])` when sent as an empty list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
    /// Benefit description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Plan (product) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_description: Option<String>,
    /// Procedure id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id: Option<String>,
    /// Code set of `procedure_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id_qualifier: Option<ProcedureIdQualifier>,
    /// Eligibility date (deductibles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_date: Option<Date>,
    /// Plan begin date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_begin_date: Option<Date>,
    /// Plan end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_end_date: Option<Date>,
    /// Quantity, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Value>,
    /// What `quantity` counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_qualifier: Option<QuantityQualifier>,
    /// Service delivery information, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Benefit {
    show: [
        coverage_level,
        in_plan_network,
        time_period,
        time_period_qualifier,
        benefit_amount,
        copayment,
        benefit_percent,
        authorization_required,
        insurance_type,
        service_types,
        service_type_codes,
        plan_description,
        procedure_id,
        procedure_id_qualifier,
        quantity_qualifier,
        messages,
        quantity
    ],
    shape: [
        description,
        eligibility_date,
        plan_begin_date,
        plan_end_date,
        delivery,
        extra
    ],
});

/// A coverage contact.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverageContact {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Kind of entity, e.g. `payer`, `vendor`, `third_party_administrator`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Service types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CoverageContact {
    show: [
        contact_type,
        url,
        service_types,
        service_type_codes,
        messages
    ],
    shape: [name, id, phone, email, address, extra],
});

/// Another payer covering the member (coordination of benefits).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OtherPayer {
    /// Name (e.g. `MEDICARE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Payer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `primary_payer`, `secondary_payer` or `tertiary_payer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordination_of_benefits: Option<String>,
    /// Since when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordination_of_benefits_date: Option<Date>,
    /// Coverage level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_level: Option<CoverageLevel>,
    /// Plan number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Plan description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_description: Option<String>,
    /// Service types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Subscriber with that payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<EligibilityMember>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(OtherPayer {
    show: [
        coordination_of_benefits,
        coverage_level,
        plan_number,
        plan_description,
        service_types,
        service_type_codes,
        subscriber,
        name,
        id
    ],
    shape: [coordination_of_benefits_date, extra],
});

/// A benefit-related entity (PCP, facility, other organization).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BenefitRelatedEntity {
    /// Entity kind code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_identifier_code: Option<String>,
    /// `person` or `non_person`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Organization name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Code set of `id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_qualifier: Option<String>,
    /// Provider type (admitting, consulting, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_code: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Contacts, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Value>,
    /// Coverage level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_level: Option<CoverageLevel>,
    /// Service types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_amount: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(BenefitRelatedEntity {
    show: [
        entity_identifier_code,
        entity_type,
        organization_name,
        id_qualifier,
        provider_code,
        coverage_level,
        service_types,
        service_type_codes,
        benefit_amount
    ],
    shape: [
        first_name,
        middle_name,
        last_name,
        id,
        address,
        contacts,
        extra
    ],
});

/// Deductible and out-of-pocket overview.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Deductible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible: Option<SummaryLevels>,
    /// Out of pocket (stop loss).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_pocket: Option<SummaryLevels>,
    /// Other keys, as sent (`services`).
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Summary {
    show: [deductible, out_of_pocket],
    shape: [extra],
});

/// Individual and family accumulators.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SummaryLevels {
    /// Individual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub individual: Option<SummaryNetworks>,
    /// Family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<SummaryNetworks>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(SummaryLevels {
    show: [individual, family],
    shape: [extra],
});

/// Accumulators by network (the examples' `in_network` / `out_of_network` level). The docs
/// put `limit`/`applied`/`remaining` here directly; those are kept too.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SummaryNetworks {
    /// In network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_network: Option<Accumulator>,
    /// Out of network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_network: Option<Accumulator>,
    /// Limit (documented shape without the network level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Money>,
    /// Applied (documented shape without the network level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<Money>,
    /// Remaining (documented shape without the network level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(SummaryNetworks {
    show: [in_network, out_of_network, limit, applied, remaining],
    shape: [extra],
});

/// `{limit, applied, remaining}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Accumulator {
    /// The limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Money>,
    /// Applied so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<Money>,
    /// Remaining.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Accumulator {
    show: [limit, applied, remaining],
    shape: [extra],
});

/// Pharmacy benefits.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PharmacyBenefits {
    /// Whether the member has active pharmacy benefits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_eligible: Option<bool>,
    /// Pharmacy plan number (e.g. a Medicare Part D plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Benefit date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_date: Option<Date>,
    /// The pharmacy benefits manager, as sent (`{name, phone, url, coverage_description}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefits_manager: Option<Value>,
    /// Copays, as sent (`[{copayment, tier, type, notes, supply}]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copay: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PharmacyBenefits {
    show: [is_eligible, plan_number],
    shape: [benefit_date, benefits_manager, copay, extra],
});
