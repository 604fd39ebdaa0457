//! Models of the `transactions` API group: authorizations and referrals (service reviews),
//! benefits enrollment (834), enrollment snapshots, and X12 file uploads.

use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use crate::models::Member;
use crate::models::common::{Date, Extra, Money, Timestamp, open_enum};
use crate::models::x12::{PlaceOfService, ServiceType};
use crate::redact::redacted_debug;

// ---------------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------------

open_enum! {
    /// Why a review was decided as it was (`event.review.decision_reason`).
    pub enum DecisionReason {
        /// `additional_patient_information_required`.
        AdditionalPatientInformationRequired = "additional_patient_information_required",
        /// `patient_in_premium_payment_grace_period_second_month`.
        PatientInPremiumPaymentGracePeriodSecondMonth = "patient_in_premium_payment_grace_period_second_month",
        /// `administrative_cancellation`.
        AdministrativeCancellation = "administrative_cancellation",
        /// `patient_in_premium_payment_grace_period_third_month`.
        PatientInPremiumPaymentGracePeriodThirdMonth = "patient_in_premium_payment_grace_period_third_month",
        /// `ambulance_certification_transport_address_mismatch`.
        AmbulanceCertificationTransportAddressMismatch = "ambulance_certification_transport_address_mismatch",
        /// `patient_restricted_to_specific_provider`.
        PatientRestrictedToSpecificProvider = "patient_restricted_to_specific_provider",
        /// `authorization_restrictions`.
        AuthorizationRestrictions = "authorization_restrictions",
        /// `pre_existing_condition`.
        PreExistingCondition = "pre_existing_condition",
        /// `authorized_quantity_exceeded`.
        AuthorizedQuantityExceeded = "authorized_quantity_exceeded",
        /// `price_authorization_expired`.
        PriceAuthorizationExpired = "price_authorization_expired",
        /// `certification_not_required_service`.
        CertificationNotRequiredService = "certification_not_required_service",
        /// `price_authorization_no_longer_required`.
        PriceAuthorizationNoLongerRequired = "price_authorization_no_longer_required",
        /// `certification_responsibility_external_review_organization`.
        CertificationResponsibilityExternalReviewOrganization = "certification_responsibility_external_review_organization",
        /// `pricing`.
        Pricing = "pricing",
        /// `computed_mileage_transport_information_mismatch`.
        ComputedMileageTransportInformationMismatch = "computed_mileage_transport_information_mismatch",
        /// `primary_care_service`.
        PrimaryCareService = "primary_care_service",
        /// `contractual_geographic_restriction`.
        ContractualGeographicRestriction = "contractual_geographic_restriction",
        /// `product_delivery_pattern`.
        ProductDeliveryPattern = "product_delivery_pattern",
        /// `contractual_guidelines_not_followed`.
        ContractualGuidelinesNotFollowed = "contractual_guidelines_not_followed",
        /// `product_not_on_the_price_authorization`.
        ProductNotOnThePriceAuthorization = "product_not_on_the_price_authorization",
        /// `cosmetic`.
        Cosmetic = "cosmetic",
        /// `provider_not_primary_care_physician`.
        ProviderNotPrimaryCarePhysician = "provider_not_primary_care_physician",
        /// `disposition_pending_review`.
        DispositionPendingReview = "disposition_pending_review",
        /// `request_forwarded_to_external_review_organization`.
        RequestForwardedToExternalReviewOrganization = "request_forwarded_to_external_review_organization",
        /// `duplicate_request`.
        DuplicateRequest = "duplicate_request",
        /// `requested_information_not_received`.
        RequestedInformationNotReceived = "requested_information_not_received",
        /// `exceeds_plan_maximums`.
        ExceedsPlanMaximums = "exceeds_plan_maximums",
        /// `requires_medical_review`.
        RequiresMedicalReview = "requires_medical_review",
        /// `experimental_service`.
        ExperimentalService = "experimental_service",
        /// `requires_pcp_authorization`.
        RequiresPcpAuthorization = "requires_pcp_authorization",
        /// `inappropriate_facility_type`.
        InappropriateFacilityType = "inappropriate_facility_type",
        /// `service_authorized_for_another_provider`.
        ServiceAuthorizedForAnotherProvider = "service_authorized_for_another_provider",
        /// `level_of_care_not_appropriate`.
        LevelOfCareNotAppropriate = "level_of_care_not_appropriate",
        /// `service_inconsistent_with_diagnosis`.
        ServiceInconsistentWithDiagnosis = "service_inconsistent_with_diagnosis",
        /// `mileage_cant_be_computed_based_on_data_submitted`.
        MileageCantBeComputedBasedOnDataSubmitted = "mileage_cant_be_computed_based_on_data_submitted",
        /// `service_inconsistent_with_patient_age`.
        ServiceInconsistentWithPatientAge = "service_inconsistent_with_patient_age",
        /// `missing_provider_role`.
        MissingProviderRole = "missing_provider_role",
        /// `service_inconsistent_with_patient_gender`.
        ServiceInconsistentWithPatientGender = "service_inconsistent_with_patient_gender",
        /// `no_credit_allowed`.
        NoCreditAllowed = "no_credit_allowed",
        /// `service_inconsistent_with_provider_type`.
        ServiceInconsistentWithProviderType = "service_inconsistent_with_provider_type",
        /// `no_prior_approval`.
        NoPriorApproval = "no_prior_approval",
        /// `services_not_considered_due_to_other_errors`.
        ServicesNotConsideredDueToOtherErrors = "services_not_considered_due_to_other_errors",
        /// `non_covered_service`.
        NonCoveredService = "non_covered_service",
        /// `special_cost_incorrect`.
        SpecialCostIncorrect = "special_cost_incorrect",
        /// `not_medically_necessary`.
        NotMedicallyNecessary = "not_medically_necessary",
        /// `testing_not_included`.
        TestingNotIncluded = "testing_not_included",
        /// `notification_received`.
        NotificationReceived = "notification_received",
        /// `time_limits_not_met`.
        TimeLimitsNotMet = "time_limits_not_met",
        /// `once_in_a_lifetime_restriction_applies`.
        OnceInALifetimeRestrictionApplies = "once_in_a_lifetime_restriction_applies",
        /// `transport_request_denied`.
        TransportRequestDenied = "transport_request_denied",
        /// `out_of_network`.
        OutOfNetwork = "out_of_network",
        /// `unit_resale_higher_than_authorized`.
        UnitResaleHigherThanAuthorized = "unit_resale_higher_than_authorized",
        /// `patient_in_premium_payment_grace_period_first_month`.
        PatientInPremiumPaymentGracePeriodFirstMonth = "patient_in_premium_payment_grace_period_first_month",
    }
}

open_enum! {
    /// Outcome of a review (`event.review.certification_action`).
    pub enum CertificationAction {
        /// `cancelled`.
        Cancelled = "cancelled",
        /// `modified`.
        Modified = "modified",
        /// `certified_in_total`.
        CertifiedInTotal = "certified_in_total",
        /// `no_action_required`.
        NoActionRequired = "no_action_required",
        /// `certified_partial`.
        CertifiedPartial = "certified_partial",
        /// `not_certified`.
        NotCertified = "not_certified",
        /// `contact_payer`.
        ContactPayer = "contact_payer",
        /// `pended`.
        Pended = "pended",
    }
}

open_enum! {
    /// What to do after a rejection (`follow_up_action`).
    pub enum FollowUpAction {
        /// `do_not_resubmit_sent_to_third_party`.
        DoNotResubmitSentToThirdParty = "do_not_resubmit_sent_to_third_party",
        /// `do_not_resubmit_will_respond_again`.
        DoNotResubmitWillRespondAgain = "do_not_resubmit_will_respond_again",
        /// `correct_and_resubmit`.
        CorrectAndResubmit = "correct_and_resubmit",
        /// `resubmit_original`.
        ResubmitOriginal = "resubmit_original",
        /// `wait_10_days_and_resubmit`.
        Wait10DaysAndResubmit = "wait_10_days_and_resubmit",
        /// `wait_30_days_and_resubmit`.
        Wait30DaysAndResubmit = "wait_30_days_and_resubmit",
        /// `resubmission_allowed`.
        ResubmissionAllowed = "resubmission_allowed",
        /// `resubmission_not_allowed`.
        ResubmissionNotAllowed = "resubmission_not_allowed",
    }
}

open_enum! {
    /// Type of certification requested (`event.certification_type`); `initial` for a new request.
    pub enum CertificationType {
        /// `appeal_immediate`.
        AppealImmediate = "appeal_immediate",
        /// `initial`.
        Initial = "initial",
        /// `appeal_standard`.
        AppealStandard = "appeal_standard",
        /// `reconsideration`.
        Reconsideration = "reconsideration",
        /// `cancel`.
        Cancel = "cancel",
        /// `renewal`.
        Renewal = "renewal",
        /// `extension`.
        Extension = "extension",
        /// `revised`.
        Revised = "revised",
    }
}

open_enum! {
    /// Category of the event under review (`event.category`).
    pub enum ReviewCategory {
        /// `admission_review`.
        AdmissionReview = "admission_review",
        /// `individual`.
        Individual = "individual",
        /// `health_services_review`.
        HealthServicesReview = "health_services_review",
        /// `specialty_care_review`.
        SpecialtyCareReview = "specialty_care_review",
    }
}

open_enum! {
    /// Reason for a maintenance (`maintenance_reason`).
    pub enum MaintenanceReason {
        /// `Divorce`.
        Divorce = "Divorce",
        /// `Birth`.
        Birth = "Birth",
        /// `Death`.
        Death = "Death",
        /// `Retirement`.
        Retirement = "Retirement",
        /// `Adoption`.
        Adoption = "Adoption",
        /// `Strike`.
        Strike = "Strike",
        /// `Termination of Benefits`.
        TerminationOfBenefits = "Termination of Benefits",
        /// `Termination of Employment`.
        TerminationOfEmployment = "Termination of Employment",
        /// `Consolidation Omnibus Budget Reconciliation Act (COBRA)`.
        Cobra = "Consolidation Omnibus Budget Reconciliation Act (COBRA)",
        /// `Consolidation Omnibus Budget Reconciliation Act (COBRA) Premium Paid`.
        CobraPremiumPaid = "Consolidation Omnibus Budget Reconciliation Act (COBRA) Premium Paid",
        /// `Surviving Spouse`.
        SurvivingSpouse = "Surviving Spouse",
        /// `Voluntary Withdrawal`.
        VoluntaryWithdrawal = "Voluntary Withdrawal",
        /// `Primary Care Provider (PCP) Change`.
        PcpChange = "Primary Care Provider (PCP) Change",
        /// `Quit`.
        Quit = "Quit",
        /// `Fired`.
        Fired = "Fired",
        /// `Suspended`.
        Suspended = "Suspended",
        /// `Active`.
        Active = "Active",
        /// `Disability`.
        Disability = "Disability",
        /// `Plan Change`.
        PlanChange = "Plan Change",
        /// `Change in Identifying Data Elements`.
        ChangeInIdentifyingDataElements = "Change in Identifying Data Elements",
        /// `Declined Coverage`.
        DeclinedCoverage = "Declined Coverage",
        /// `Pre-Enrollment`.
        PreEnrollment = "Pre-Enrollment",
        /// `Initial Enrollment`.
        InitialEnrollment = "Initial Enrollment",
        /// `Benefit Selection`.
        BenefitSelection = "Benefit Selection",
        /// `Legal Separation`.
        LegalSeparation = "Legal Separation",
        /// `Marriage`.
        Marriage = "Marriage",
        /// `Personnel Data`.
        PersonnelData = "Personnel Data",
        /// `Leave of Absence with Benefits`.
        LeaveOfAbsenceWithBenefits = "Leave of Absence with Benefits",
        /// `Leave of Absence without Benefits`.
        LeaveOfAbsenceWithoutBenefits = "Leave of Absence without Benefits",
        /// `Lay Off with Benefits`.
        LayOffWithBenefits = "Lay Off with Benefits",
        /// `Lay Off without Benefits`.
        LayOffWithoutBenefits = "Lay Off without Benefits",
        /// `Re-enrollment`.
        ReEnrollment = "Re-enrollment",
        /// `Change of Location`.
        ChangeOfLocation = "Change of Location",
        /// `Non Payment`.
        NonPayment = "Non Payment",
        /// `Dissatisfaction with Office Staff`.
        DissatisfactionWithOfficeStaff = "Dissatisfaction with Office Staff",
        /// `Dissatisfaction with Medical Care/Services Rendered`.
        DissatisfactionWithMedicalCareServicesRendered = "Dissatisfaction with Medical Care/Services Rendered",
        /// `Inconvenient Office Location`.
        InconvenientOfficeLocation = "Inconvenient Office Location",
        /// `Dissatisfaction with Office Hours`.
        DissatisfactionWithOfficeHours = "Dissatisfaction with Office Hours",
        /// `Unable to Schedule Appointments in a Timely Manner`.
        UnableToScheduleAppointmentsInATimelyManner = "Unable to Schedule Appointments in a Timely Manner",
        /// `Dissatisfaction with Physician's Referral Policy`.
        DissatisfactionWithPhysiciansReferralPolicy = "Dissatisfaction with Physician's Referral Policy",
        /// `Less Respect and Attention Time Given than to Other Patients`.
        LessRespectAndAttentionTimeGivenThanToOtherPatients = "Less Respect and Attention Time Given than to Other Patients",
        /// `Patient Moved to a New Location`.
        PatientMovedToANewLocation = "Patient Moved to a New Location",
        /// `No Reason Given`.
        NoReasonGiven = "No Reason Given",
        /// `Appointment Times not Met in a Timely Manner`.
        AppointmentTimesNotMetInATimelyManner = "Appointment Times not Met in a Timely Manner",
        /// `Algorithm Assigned Benefit Selection`.
        AlgorithmAssignedBenefitSelection = "Algorithm Assigned Benefit Selection",
        /// `Member Benefit Selection`.
        MemberBenefitSelection = "Member Benefit Selection",
        /// `Notification Only`.
        NotificationOnly = "Notification Only",
        /// `Transfer`.
        Transfer = "Transfer",
    }
}

open_enum! {
    /// Type of maintenance (`maintenance_type`).
    pub enum MaintenanceType {
        /// `Change`.
        Change = "Change",
        /// `Delete`.
        Delete = "Delete",
        /// `Addition`.
        Addition = "Addition",
        /// `Cancellation or Termination`.
        CancellationOrTermination = "Cancellation or Termination",
        /// `Reinstatement`.
        Reinstatement = "Reinstatement",
        /// `Correction`.
        Correction = "Correction",
        /// `Audit or Compare`.
        AuditOrCompare = "Audit or Compare",
        /// `Employee Information Not Applicable`.
        EmployeeInformationNotApplicable = "Employee Information Not Applicable",
    }
}

open_enum! {
    /// Coverage level of a benefit (`coverage_level`).
    pub enum CoverageLevel {
        /// `Children Only`.
        ChildrenOnly = "Children Only",
        /// `Dependents Only`.
        DependentsOnly = "Dependents Only",
        /// `Employee and One Dependent`.
        EmployeeAndOneDependent = "Employee and One Dependent",
        /// `Employee and Two Dependents`.
        EmployeeAndTwoDependents = "Employee and Two Dependents",
        /// `Employee and Three Dependents`.
        EmployeeAndThreeDependents = "Employee and Three Dependents",
        /// `Employee and One or More Dependents`.
        EmployeeAndOneOrMoreDependents = "Employee and One or More Dependents",
        /// `Employee and Two or More Dependents`.
        EmployeeAndTwoOrMoreDependents = "Employee and Two or More Dependents",
        /// `Employee and Three or More Dependents`.
        EmployeeAndThreeOrMoreDependents = "Employee and Three or More Dependents",
        /// `Employee and Four or More Dependents`.
        EmployeeAndFourOrMoreDependents = "Employee and Four or More Dependents",
        /// `Employee and Five or More Dependents`.
        EmployeeAndFiveOrMoreDependents = "Employee and Five or More Dependents",
        /// `Employee and Children`.
        EmployeeAndChildren = "Employee and Children",
        /// `Employee Only`.
        EmployeeOnly = "Employee Only",
        /// `Employee and Spouse`.
        EmployeeAndSpouse = "Employee and Spouse",
        /// `Family`.
        Family = "Family",
        /// `Individual`.
        Individual = "Individual",
        /// `Spouse and Children`.
        SpouseAndChildren = "Spouse and Children",
        /// `Spouse Only`.
        SpouseOnly = "Spouse Only",
        /// `Two Party`.
        TwoParty = "Two Party",
    }
}

open_enum! {
    /// Benefit type (`benefit_type`, the 834 insurance line codes).
    pub enum InsuranceLine {
        /// `Preventative Care/Wellness`.
        PreventativeCareWellness = "Preventative Care/Wellness",
        /// `24 Hour Care`.
        TwentyFourHourCare = "24 Hour Care",
        /// `Medicare Risk`.
        MedicareRisk = "Medicare Risk",
        /// `Mental Health`.
        MentalHealth = "Mental Health",
        /// `Dental Capitation`.
        DentalCapitation = "Dental Capitation",
        /// `Dental`.
        Dental = "Dental",
        /// `Exclusive Provider Organization`.
        ExclusiveProviderOrganization = "Exclusive Provider Organization",
        /// `Facility`.
        Facility = "Facility",
        /// `Hearing`.
        Hearing = "Hearing",
        /// `Health`.
        Health = "Health",
        /// `Health Maintenance Organization`.
        HealthMaintenanceOrganization = "Health Maintenance Organization",
        /// `Long-Term Care`.
        LongTermCare = "Long-Term Care",
        /// `Long-Term Disability`.
        LongTermDisability = "Long-Term Disability",
        /// `Major Medical`.
        MajorMedical = "Major Medical",
        /// `Mail Order Drug`.
        MailOrderDrug = "Mail Order Drug",
        /// `Prescription Drug`.
        PrescriptionDrug = "Prescription Drug",
        /// `Point of Service`.
        PointOfService = "Point of Service",
        /// `Preferred Provider Organization`.
        PreferredProviderOrganization = "Preferred Provider Organization",
        /// `Practitioners`.
        Practitioners = "Practitioners",
        /// `Short-Term Disability`.
        ShortTermDisability = "Short-Term Disability",
        /// `Utilization Review`.
        UtilizationReview = "Utilization Review",
        /// `Vision`.
        Vision = "Vision",
    }
}

open_enum! {
    /// Type of a contact number (`primary_communication_type`, ...).
    pub enum CommunicationType {
        /// `Electronic Mail`.
        ElectronicMail = "Electronic Mail",
        /// `Telephone Extension`.
        TelephoneExtension = "Telephone Extension",
        /// `Facsimile`.
        Facsimile = "Facsimile",
        /// `Telephone`.
        Telephone = "Telephone",
        /// `Home Phone Number`.
        HomePhoneNumber = "Home Phone Number",
        /// `Work Phone Number`.
        WorkPhoneNumber = "Work Phone Number",
        /// `Cellular Phone`.
        CellularPhone = "Cellular Phone",
        /// `Beeper Number`.
        BeeperNumber = "Beeper Number",
        /// `Alternate Telephone`.
        AlternateTelephone = "Alternate Telephone",
    }
}

open_enum! {
    /// Benefit status of a member (`benefit_status`).
    pub enum BenefitStatus {
        /// `Active`.
        Active = "Active",
        /// `Consolidated Omnibus Budget Reconciliation Act (COBRA)`.
        Cobra = "Consolidated Omnibus Budget Reconciliation Act (COBRA)",
        /// `Surviving Insured`.
        SurvivingInsured = "Surviving Insured",
        /// `Tax Equity and Fiscal Responsibility Act (TEFRA)`.
        Tefra = "Tax Equity and Fiscal Responsibility Act (TEFRA)",
    }
}

open_enum! {
    /// Employment status of a member (`employment_status`).
    pub enum EmploymentStatus {
        /// `Active`.
        Active = "Active",
        /// `Active Military - Overseas`.
        ActiveMilitaryOverseas = "Active Military - Overseas",
        /// `Active Military - USA`.
        ActiveMilitaryUsa = "Active Military - USA",
        /// `Full-time`.
        FullTime = "Full-time",
        /// `Leave of Absence`.
        LeaveOfAbsence = "Leave of Absence",
        /// `Part-time`.
        PartTime = "Part-time",
        /// `Retired`.
        Retired = "Retired",
        /// `Terminated`.
        Terminated = "Terminated",
    }
}

open_enum! {
    /// Student status of a member (`student_status`).
    pub enum StudentStatus {
        /// `Full-time`.
        FullTime = "Full-time",
        /// `Not a Student`.
        NotAStudent = "Not a Student",
        /// `Part-time`.
        PartTime = "Part-time",
    }
}

open_enum! {
    /// Purpose of an enrollment transaction (`purpose`).
    pub enum EnrollmentPurpose {
        /// `Original`.
        Original = "Original",
        /// `Re-Submission`.
        ReSubmission = "Re-Submission",
        /// `Information Copy`.
        InformationCopy = "Information Copy",
    }
}

open_enum! {
    /// Action of an enrollment transaction (`action`).
    pub enum EnrollmentAction {
        /// `Change`.
        Change = "Change",
        /// `Verify`.
        Verify = "Verify",
        /// `Replace`.
        Replace = "Replace",
    }
}

open_enum! {
    /// Gender of an enrolled member (`gender`).
    pub enum EnrollmentGender {
        /// `Female`.
        Female = "Female",
        /// `Male`.
        Male = "Male",
        /// `Unknown`.
        NotKnown = "Unknown",
    }
}

open_enum! {
    /// How a service quantity is measured (`event.services[].measurement`).
    pub enum ServiceMeasurement {
        /// `international_unit`.
        InternationalUnit = "international_unit",
        /// `minutes`.
        Minutes = "minutes",
        /// `unit`.
        Unit = "unit",
    }
}

// ---------------------------------------------------------------------------------------------
// Authorizations and referrals (service reviews, X12 278)
// ---------------------------------------------------------------------------------------------

/// One rejection reported by the trading partner for a section of a service review
/// (`rejections[]`, `provider.rejections[]`, `event.services[].rejections[]`, ...).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rejection {
    /// Whether the request was valid (`false` for a rejection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_request: Option<bool>,
    /// The reject reason (eligibility reject-reason list), e.g. `input_errors`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The reject reason under the name used elsewhere on the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// What to do next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_action: Option<FollowUpAction>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Rejection {
    show: [valid_request, reason, reject_reason, follow_up_action],
    shape: [extra],
});

/// The patient or subscriber of a service review (the docs' "service review member object").
///
/// It differs from the shared [`Member`] (it adds `ssn`, the illness/accident dates and
/// `rejections`); `From<Member>` converts. `Debug` shows no name, birth date, id or SSN (PHI).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewMember {
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
    /// Name suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// `Male`, `Female` or `Unknown` (the platform also answers in lower case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Group number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_number: Option<String>,
    /// Social security number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssn: Option<String>,
    /// Last menstrual date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_menstrual_date: Option<Date>,
    /// Estimated birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_birth_date: Option<Date>,
    /// Date the member became ill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illness_date: Option<Date>,
    /// Date of the member's accident.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accident_date: Option<Date>,
    /// Rejections for this section (responses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ReviewMember {
    show: [gender, rejections],
    shape: [
        id,
        first_name,
        middle_name,
        last_name,
        suffix,
        birth_date,
        group_number,
        ssn,
        last_menstrual_date,
        estimated_birth_date,
        illness_date,
        accident_date,
        extra
    ],
});

impl ReviewMember {
    /// A member identified by id, name and birth date.
    pub fn new(
        id: impl Into<String>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        birth_date: impl Into<Date>,
    ) -> Self {
        ReviewMember {
            id: Some(id.into()),
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            birth_date: Some(birth_date.into()),
            ..ReviewMember::default()
        }
    }
}

impl From<Member> for ReviewMember {
    fn from(m: Member) -> Self {
        let mut extra = m.extra;
        if let Some(member_id) = m.member_id {
            extra.insert("member_id".into(), Value::String(member_id));
        }
        if let Some(address) = m.address
            && let Ok(v) = serde_json::to_value(address)
        {
            extra.insert("address".into(), v);
        }
        ReviewMember {
            id: m.id,
            first_name: m.first_name,
            middle_name: m.middle_name,
            last_name: m.last_name,
            suffix: m.suffix,
            birth_date: m.birth_date,
            gender: m.gender,
            group_number: m.group_number,
            extra,
            ..ReviewMember::default()
        }
    }
}

/// A provider in a service review (the docs' "service review provider object"): an individual
/// (first/last name) or an organization, with contact details instead of an address.
///
/// `Debug` shows the NPI and organization, not personal names, the tax id or contact details.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewProvider {
    /// National Provider Identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
    /// First name (individuals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name (individuals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Name suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Organization name (organizations; omit first/last name then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Federal tax id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// Taxonomy code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy_code: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Fax number (authorizations only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    /// E-mail (authorizations only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Website (authorizations only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Rejections for this section (responses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ReviewProvider {
    show: [npi, organization_name, taxonomy_code, url, rejections],
    shape: [
        first_name,
        middle_name,
        last_name,
        suffix,
        phone,
        fax,
        email,
        tax_id,
        extra
    ],
});

impl ReviewProvider {
    /// An individual provider.
    pub fn person(
        npi: impl Into<String>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
    ) -> Self {
        ReviewProvider {
            npi: Some(npi.into()),
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            ..ReviewProvider::default()
        }
    }

    /// An organization.
    pub fn organization(npi: impl Into<String>, name: impl Into<String>) -> Self {
        ReviewProvider {
            npi: Some(npi.into()),
            organization_name: Some(name.into()),
            ..ReviewProvider::default()
        }
    }

    /// Sets the phone number.
    #[must_use]
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }
}

/// The payer that answered a service review (responses).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewPayer {
    /// Payer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Payer name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Rejections for this section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ReviewPayer {
    show: [organization_name, rejections, id],
    shape: [extra],
});

/// The delivery pattern of the services under review (`event.delivery`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewDelivery {
    /// Quantity of services requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Number>,
    /// What the quantity counts: `visits`, `month`, `hours`, `units`, `days`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_qualifier: Option<String>,
    /// Units of services requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Value>,
    /// Sampling frequency as a modulus of the unit of measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_selection_modulus: Option<Value>,
    /// Frequency code of the services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_frequency_code: Option<String>,
    /// Time delivery pattern code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_pattern_time_code: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ReviewDelivery {
    show: [
        quantity,
        quantity_qualifier,
        delivery_frequency_code,
        delivery_pattern_time_code,
        units,
        sample_selection_modulus
    ],
    shape: [extra],
});

impl ReviewDelivery {
    /// `quantity` of `qualifier` (`"visits"`, `"days"`, ...).
    pub fn new(quantity: u64, qualifier: impl Into<String>) -> Self {
        ReviewDelivery {
            quantity: Some(quantity.into()),
            quantity_qualifier: Some(qualifier.into()),
            ..ReviewDelivery::default()
        }
    }
}

/// A diagnosis related to the event (`event.diagnoses[]`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewDiagnosis {
    /// Diagnosis code, e.g. `R10.9`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Date of the diagnosis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ReviewDiagnosis {
    show: [],
    shape: [date, code, extra],
});

impl ReviewDiagnosis {
    /// A diagnosis code with its date.
    pub fn new(code: impl Into<String>, date: impl Into<Date>) -> Self {
        ReviewDiagnosis {
            code: Some(code.into()),
            date: Some(date.into()),
            extra: Extra::new(),
        }
    }
}

/// A service linked to the event (`event.services[]`, authorizations only).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewService {
    /// CPT code of the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpt_code: Option<String>,
    /// How the quantity is measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measurement: Option<ServiceMeasurement>,
    /// Quantity requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Number>,
    /// Amount paid for the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<crate::models::Amount>,
    /// Date of the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Rejections for this service (responses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ReviewService {
    show: [cpt_code, measurement, quantity, amount, rejections],
    shape: [date, extra],
});

impl ReviewService {
    /// `quantity` of the service `cpt_code`, measured in `measurement`.
    pub fn new(
        cpt_code: impl Into<String>,
        measurement: ServiceMeasurement,
        quantity: u64,
    ) -> Self {
        ReviewService {
            cpt_code: Some(cpt_code.into()),
            measurement: Some(measurement),
            quantity: Some(quantity.into()),
            ..ReviewService::default()
        }
    }
}

/// The outcome of a review (`event.review`, responses).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Review {
    /// The outcome, e.g. `certified_in_total`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certification_action: Option<CertificationAction>,
    /// Certification (reference) number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certification_number: Option<String>,
    /// Why the event was not authorized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_reason: Option<DecisionReason>,
    /// Effective date of the authorization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_start_date: Option<Date>,
    /// End date of the authorization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_end_date: Option<Date>,
    /// Whether a second surgical opinion is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_surgical_opinion_required: Option<bool>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Review {
    show: [
        certification_action,
        certification_number,
        decision_reason,
        second_surgical_opinion_required
    ],
    shape: [event_start_date, event_end_date, extra],
});

/// The event, service or procedure under review (`event`), in requests and responses.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewEvent {
    /// Category: `health_services_review` for authorizations, `specialty_care_review` for
    /// referrals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<ReviewCategory>,
    /// Certification type; `initial` for a new request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certification_type: Option<CertificationType>,
    /// Service type from the eligibility service-type list, e.g. `diagnostic_medical` or
    /// `consultation`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub service_type: Option<ServiceType>,
    /// Place of service, e.g. `office`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_of_service: Option<PlaceOfService>,
    /// Start date (alone for a single date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
    /// End date (only together with `start_date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    /// Admission date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission_date: Option<Date>,
    /// Discharge date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discharge_date: Option<Date>,
    /// Delivery pattern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<ReviewDelivery>,
    /// Diagnoses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnoses: Vec<ReviewDiagnosis>,
    /// The provider requested for the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<ReviewProvider>,
    /// Services (authorizations only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ReviewService>,
    /// The outcome of the review (responses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Rejections for the event section (responses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ReviewEvent {
    show: [
        category,
        certification_type,
        service_type,
        place_of_service,
        delivery,
        diagnoses,
        provider,
        services,
        review,
        rejections
    ],
    shape: [start_date, end_date, admission_date, discharge_date, extra],
});

impl ReviewEvent {
    /// An event of `category` with certification type `initial` and the given service type.
    pub fn initial(category: ReviewCategory, service_type: impl Into<ServiceType>) -> Self {
        ReviewEvent {
            category: Some(category),
            certification_type: Some(CertificationType::Initial),
            service_type: Some(service_type.into()),
            ..ReviewEvent::default()
        }
    }
}

/// A request for the review of health care services: the body of `POST /authorizations/`
/// ([`AuthorizationRequest`]) and of `POST /referrals/` ([`ReferralRequest`]). Both APIs use
/// the same object; referrals have no `event.services`.
///
/// ```
/// use pokitdok::models::transactions::*;
///
/// let mut event = ReviewEvent::initial(ReviewCategory::HealthServicesReview, "diagnostic_medical");
/// event.place_of_service = Some("office".into());
/// event.services.push(ReviewService::new("76700", ServiceMeasurement::Unit, 1));
/// let req = AuthorizationRequest::new(
///     "MOCKPAYER",
///     event,
///     ReviewMember::new("1234567890", "JANE", "DOE", "1970-01-25"),
///     ReviewProvider::person("1467560003", "JEROME", "AYA-AY"),
/// );
/// assert_eq!(serde_json::to_value(&req).unwrap()["event"]["type"], "diagnostic_medical");
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceReviewRequest {
    /// Trading partner id, e.g. `MOCKPAYER`.
    pub trading_partner_id: String,
    /// The event under review.
    pub event: ReviewEvent,
    /// The patient (sent in the dependent loop when `subscriber` is also given).
    pub patient: ReviewMember,
    /// The subscriber, when not the patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<ReviewMember>,
    /// The requesting provider.
    pub provider: ReviewProvider,
    /// Process asynchronously (`async`).
    #[serde(rename = "async", default, skip_serializing_if = "Option::is_none")]
    pub async_: Option<bool>,
    /// HTTPS URL the platform POSTs the activity to when done (with `async`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Free-form data stored on the activity and echoed in callbacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_data: Option<Value>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ServiceReviewRequest {
    show: [
        trading_partner_id,
        event,
        patient,
        subscriber,
        provider,
        async_
    ],
    shape: [application_data, callback_url, extra],
});

impl ServiceReviewRequest {
    /// A review request with its required parts.
    pub fn new(
        trading_partner_id: impl Into<String>,
        event: ReviewEvent,
        patient: ReviewMember,
        provider: ReviewProvider,
    ) -> Self {
        ServiceReviewRequest {
            trading_partner_id: trading_partner_id.into(),
            event,
            patient,
            subscriber: None,
            provider,
            async_: None,
            callback_url: None,
            application_data: None,
            extra: Extra::new(),
        }
    }

    /// Sets the subscriber (the patient then goes in the dependent loop).
    #[must_use]
    pub fn subscriber(mut self, subscriber: ReviewMember) -> Self {
        self.subscriber = Some(subscriber);
        self
    }

    /// Asks for asynchronous processing with a callback to `url`.
    #[must_use]
    pub fn callback(mut self, url: impl Into<String>) -> Self {
        self.async_ = Some(true);
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

/// Body of `POST /authorizations/`.
pub type AuthorizationRequest = ServiceReviewRequest;
/// Body of `POST /referrals/`.
pub type ReferralRequest = ServiceReviewRequest;

/// The answer to a service review: the request object plus the payer's decision
/// (`event.review`), identifiers and rejections. See [`Authorization`] and [`Referral`].
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceReview {
    /// Client id of the requesting application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Correlation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// Id of the company the request came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originating_company_id: Option<String>,
    /// Trading partner id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// The event and its review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<ReviewEvent>,
    /// The patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<ReviewMember>,
    /// The subscriber.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<ReviewMember>,
    /// The requesting provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<ReviewProvider>,
    /// The payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<ReviewPayer>,
    /// Whether the request was valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_request: Option<bool>,
    /// The first reject reason, when rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// What to do after a rejection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_action: Option<FollowUpAction>,
    /// Top-level rejections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Whether the request was processed asynchronously.
    #[serde(rename = "async", default, skip_serializing_if = "Option::is_none")]
    pub async_: Option<bool>,
    /// Echo of the request's `application_data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_data: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ServiceReview {
    show: [
        client_id,
        correlation_id,
        originating_company_id,
        trading_partner_id,
        event,
        patient,
        subscriber,
        provider,
        payer,
        valid_request,
        reject_reason,
        follow_up_action,
        rejections,
        async_
    ],
    shape: [application_data, extra],
});

impl ServiceReview {
    /// The review outcome (`event.review.certification_action`), when present.
    pub fn certification_action(&self) -> Option<&CertificationAction> {
        self.event
            .as_ref()?
            .review
            .as_ref()?
            .certification_action
            .as_ref()
    }

    /// The certification number (`event.review.certification_number`), when present.
    pub fn certification_number(&self) -> Option<&str> {
        self.event
            .as_ref()?
            .review
            .as_ref()?
            .certification_number
            .as_deref()
    }
}

/// The answer of `POST /authorizations/`.
pub type Authorization = ServiceReview;
/// The answer of `POST /referrals/`.
pub type Referral = ServiceReview;

// ---------------------------------------------------------------------------------------------
// Benefits enrollment (834)
// ---------------------------------------------------------------------------------------------

/// A party of an enrollment transaction: payer, sponsor, broker or third-party administrator
/// (`{name, tax_id}`; brokers also `account_numbers`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentParty {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tax id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// Account numbers (brokers and TPAs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_numbers: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentParty {
    show: [name],
    shape: [account_numbers, tax_id, extra],
});

impl EnrollmentParty {
    /// A party known by its tax id.
    pub fn tax_id(tax_id: impl Into<String>) -> Self {
        EnrollmentParty {
            tax_id: Some(tax_id.into()),
            ..EnrollmentParty::default()
        }
    }

    /// A party with a name and a tax id.
    pub fn new(name: impl Into<String>, tax_id: impl Into<String>) -> Self {
        EnrollmentParty {
            name: Some(name.into()),
            tax_id: Some(tax_id.into()),
            ..EnrollmentParty::default()
        }
    }
}

/// An enrollment address: `line`/`line2` (not the `address_lines` list used elsewhere).
///
/// `Debug` shows only the state (PHI).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentAddress {
    /// First street line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// Second street line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// County.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// State code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ZIP / postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentAddress {
    show: [state, country],
    shape: [line, line2, city, county, postal_code, extra],
});

/// Contact numbers of a member (`contacts[]`).
///
/// `Debug` shows the communication types, not the numbers.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentContact {
    /// Type of the primary number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_communication_type: Option<CommunicationType>,
    /// Primary number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_communication_number: Option<String>,
    /// Type of the second number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_type2: Option<CommunicationType>,
    /// Second number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_number2: Option<String>,
    /// Type of the third number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_type3: Option<CommunicationType>,
    /// Third number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_number3: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentContact {
    show: [
        primary_communication_type,
        communication_type2,
        communication_type3
    ],
    shape: [
        primary_communication_number,
        communication_number2,
        communication_number3,
        extra
    ],
});

/// A member's school (`school`). The reference names the key `name`; the examples send
/// `organization_name`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentSchool {
    /// School name (reference spelling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// School name (spelling used by the examples).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentSchool {
    show: [],
    shape: [name, organization_name, extra],
});

/// Medicare information of a member (`medicare`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentMedicare {
    /// Medicare plan, e.g. `Medicare Part A and B`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// Eligibility reason: `Age`, `Disability`, `End Stage Renal Disease (ESRD)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_reason: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentMedicare {
    show: [plan, eligibility_reason],
    shape: [extra],
});

/// A coordination-of-benefits segment of a coverage (`coordination_of_benefits[]`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoordinationOfBenefits {
    /// Payer responsibility, e.g. `Primary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_responsibility: Option<String>,
    /// Group or policy number of the additional plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_or_policy_number: Option<String>,
    /// Status, e.g. `Unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CoordinationOfBenefits {
    show: [payer_responsibility, status],
    shape: [group_or_policy_number, extra],
});

/// A provider segment of a coverage (`benefits[].providers[]`), e.g. a primary care provider.
///
/// `Debug` shows the provider numbers, not the SSN, tax id or address.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentProvider {
    /// Provider type (`type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub provider_type: Option<String>,
    /// Entity type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// Established-patient status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_status: Option<String>,
    /// Last name or organization name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_or_organization_name: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Name prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Name suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// SSN of the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssn: Option<String>,
    /// Provider service number, e.g. a PCP number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider_number: Option<String>,
    /// NPI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi_id: Option<String>,
    /// Tax id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<EnrollmentAddress>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentProvider {
    show: [
        provider_type,
        entity_type,
        patient_status,
        service_provider_number,
        npi_id
    ],
    shape: [
        first_name,
        middle_name,
        prefix,
        suffix,
        ssn,
        address,
        last_or_organization_name,
        tax_id,
        extra
    ],
});

/// A coverage (benefit) segment of a member (`benefits[]`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentBenefit {
    /// Maintenance type, e.g. `Addition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_type: Option<MaintenanceType>,
    /// Maintenance reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_reason: Option<MaintenanceReason>,
    /// Benefit type (insurance line), e.g. `Dental`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_type: Option<InsuranceLine>,
    /// Coverage level, e.g. `Family`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_level: Option<CoverageLevel>,
    /// Plan description (the examples carry the carrier's plan code, e.g. `1K4C`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the benefit is enrolled late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_enrollment: Option<bool>,
    /// Coverage begin date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin_date: Option<Date>,
    /// Coverage end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    /// Enrollment signature date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrollment_signature_date: Option<Date>,
    /// Maintenance effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_effective_date: Option<Date>,
    /// Premium paid to date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_paid_to_date: Option<Date>,
    /// Last premium paid date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_premium_paid_date: Option<Date>,
    /// Group number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_number: Option<String>,
    /// Policy number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_number: Option<String>,
    /// Contract code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_code: Option<String>,
    /// Premium amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_amount: Option<Money>,
    /// Deductible amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible_amount: Option<Money>,
    /// Copayment amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copayment_amount: Option<Money>,
    /// Coinsurance amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coinsurance_amount: Option<Money>,
    /// Coordination of benefits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coordination_of_benefits: Vec<CoordinationOfBenefits>,
    /// Providers (e.g. the primary care provider of an HMO plan).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<EnrollmentProvider>,
    /// Other keys, as sent (other amounts and numbers of the reference).
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentBenefit {
    show: [
        maintenance_type,
        maintenance_reason,
        benefit_type,
        coverage_level,
        late_enrollment,
        contract_code,
        premium_amount,
        deductible_amount,
        copayment_amount,
        coinsurance_amount,
        coordination_of_benefits,
        providers,
        description
    ],
    shape: [
        begin_date,
        end_date,
        enrollment_signature_date,
        maintenance_effective_date,
        premium_paid_to_date,
        last_premium_paid_date,
        group_number,
        policy_number,
        extra
    ],
});

impl EnrollmentBenefit {
    /// A benefit of `benefit_type` with maintenance `maintenance_type`, starting `begin_date`.
    pub fn new(
        maintenance_type: MaintenanceType,
        benefit_type: InsuranceLine,
        begin_date: impl Into<Date>,
    ) -> Self {
        EnrollmentBenefit {
            maintenance_type: Some(maintenance_type),
            benefit_type: Some(benefit_type),
            begin_date: Some(begin_date.into()),
            ..EnrollmentBenefit::default()
        }
    }
}

/// A subscriber or dependent of an enrollment (the 834 "member object").
///
/// `Debug` shows no name, SSN, id, birth date, address or contact (PHI): only statuses and
/// counts.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentMember {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Name suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Social security number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssn: Option<String>,
    /// Member id, when already enrolled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// Subscriber number (or SSN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber_number: Option<String>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<EnrollmentGender>,
    /// Birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<EnrollmentAddress>,
    /// Contact numbers. `Option` so that an explicit `[]` survives a round trip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Vec<EnrollmentContact>>,
    /// Group or policy number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_or_policy_number: Option<String>,
    /// Relationship to the policy holder. The API page lists lower-case values (`self`,
    /// `child`, `spouse`, ...) while every example sends `Self`, `Child`, `Spouse`; kept as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
    /// Maintenance type, e.g. `Addition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_type: Option<MaintenanceType>,
    /// Maintenance reason, e.g. `Initial Enrollment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_reason: Option<MaintenanceReason>,
    /// Maintenance effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_effective_date: Option<Date>,
    /// Benefit status, e.g. `Active`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_status: Option<BenefitStatus>,
    /// Employment status, e.g. `Full-time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_status: Option<EmploymentStatus>,
    /// Student status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub student_status: Option<StudentStatus>,
    /// Marital status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marital_status: Option<String>,
    /// Whether the member is handicapped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handicapped: Option<bool>,
    /// Whether the member has a substance abuse issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substance_abuse: Option<bool>,
    /// Whether the member uses tobacco.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tobacco_use: Option<bool>,
    /// Whether the member is a late enrollee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_enrollment: Option<bool>,
    /// Date benefits become eligible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_begin_date: Option<Date>,
    /// Date benefits become ineligible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_end_date: Option<Date>,
    /// Education end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education_end_date: Option<Date>,
    /// Hire date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hire_date: Option<Date>,
    /// Death date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death_date: Option<Date>,
    /// School.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<EnrollmentSchool>,
    /// Medicare information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medicare: Option<EnrollmentMedicare>,
    /// Primary communication number (API page; the reference uses `contacts`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_communication_number: Option<String>,
    /// Primary communication type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_communication_type: Option<CommunicationType>,
    /// Secondary communication number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_communication_number: Option<String>,
    /// Secondary communication type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_communication_type: Option<CommunicationType>,
    /// Wages paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wages_amount: Option<Money>,
    /// Premium amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_amount: Option<Money>,
    /// Coverages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<EnrollmentBenefit>,
    /// Other keys, as sent (the reference has 60+ fields, e.g. `reporting_categories`,
    /// `hic_number`, other amounts).
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentMember {
    show: [
        gender,
        maintenance_type,
        maintenance_reason,
        benefit_status,
        employment_status,
        student_status,
        marital_status,
        late_enrollment,
        school,
        medicare,
        primary_communication_type,
        secondary_communication_type,
        premium_amount,
        benefits,
        relationship
    ],
    shape: [
        first_name,
        middle_name,
        last_name,
        suffix,
        ssn,
        member_id,
        subscriber_number,
        birth_date,
        address,
        contacts,
        group_or_policy_number,
        maintenance_effective_date,
        eligibility_begin_date,
        eligibility_end_date,
        education_end_date,
        hire_date,
        death_date,
        primary_communication_number,
        handicapped,
        substance_abuse,
        tobacco_use,
        secondary_communication_number,
        wages_amount,
        extra
    ],
});

impl EnrollmentMember {
    /// A member with a name and a relationship to the policy holder (`Self`, `Child`, ...).
    pub fn new(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        relationship: impl Into<String>,
    ) -> Self {
        EnrollmentMember {
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            relationship: Some(relationship.into()),
            ..EnrollmentMember::default()
        }
    }
}

/// Body of `POST /enrollment/`: a benefits enrollment (X12 834) as JSON.
///
/// ```
/// use pokitdok::models::transactions::*;
///
/// let mut subscriber = EnrollmentMember::new("JOHN", "DOE", "Self");
/// subscriber.maintenance_type = Some(MaintenanceType::Addition);
/// subscriber.benefits.push(EnrollmentBenefit::new(
///     MaintenanceType::Addition,
///     InsuranceLine::Dental,
///     "2015-01-25",
/// ));
/// let req = EnrollmentRequest::new(
///     "MOCKPAYER",
///     EnrollmentPurpose::Original,
///     EnrollmentAction::Change,
///     EnrollmentParty::tax_id("654456654"),
///     EnrollmentParty::tax_id("999888777"),
///     subscriber,
/// );
/// let v = serde_json::to_value(&req).unwrap();
/// assert_eq!(v["subscriber"]["benefits"][0]["benefit_type"], "Dental");
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentRequest {
    /// Trading partner id.
    pub trading_partner_id: String,
    /// Purpose, e.g. `Original`.
    pub purpose: EnrollmentPurpose,
    /// Action, e.g. `Change`.
    pub action: EnrollmentAction,
    /// The carrier.
    pub payer: EnrollmentParty,
    /// The employer / sponsor.
    pub sponsor: EnrollmentParty,
    /// The subscriber (employee).
    pub subscriber: EnrollmentMember,
    /// Dependents. `Option` so that an explicit `[]` is sent as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependents: Option<Vec<EnrollmentMember>>,
    /// Master policy number of the sponsor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master_policy_number: Option<String>,
    /// Broker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broker: Option<EnrollmentParty>,
    /// Third-party administrator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tpa: Option<EnrollmentParty>,
    /// HTTPS URL the platform POSTs the activity to when done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Free-form data stored on the activity and echoed in callbacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_data: Option<Value>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentRequest {
    show: [
        trading_partner_id,
        purpose,
        action,
        payer,
        sponsor,
        subscriber,
        dependents,
        broker,
        tpa
    ],
    shape: [master_policy_number, application_data, callback_url, extra],
});

impl EnrollmentRequest {
    /// An enrollment with its required parts.
    pub fn new(
        trading_partner_id: impl Into<String>,
        purpose: EnrollmentPurpose,
        action: EnrollmentAction,
        payer: EnrollmentParty,
        sponsor: EnrollmentParty,
        subscriber: EnrollmentMember,
    ) -> Self {
        EnrollmentRequest {
            trading_partner_id: trading_partner_id.into(),
            purpose,
            action,
            payer,
            sponsor,
            subscriber,
            dependents: None,
            master_policy_number: None,
            broker: None,
            tpa: None,
            callback_url: None,
            application_data: None,
            extra: Extra::new(),
        }
    }

    /// Adds a dependent.
    #[must_use]
    pub fn dependent(mut self, dependent: EnrollmentMember) -> Self {
        self.dependents.get_or_insert_with(Vec::new).push(dependent);
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Enrollment snapshots and file uploads
// ---------------------------------------------------------------------------------------------

/// An enrollment snapshot (`GET /enrollment/snapshot[/{id}]`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentSnapshot {
    /// Snapshot id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_id: Option<String>,
    /// When the snapshot was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_date: Option<Timestamp>,
    /// Trading partner id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentSnapshot {
    show: [snapshot_id, snapshot_date, trading_partner_id],
    shape: [extra],
});

/// One enrollment of a snapshot (`GET /enrollment/snapshot/{id}/data`): the enrollment
/// request object plus `reference_number` and `correlation_id`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentRecord {
    /// Reference number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_number: Option<String>,
    /// Correlation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// Trading partner id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<EnrollmentPurpose>,
    /// Action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<EnrollmentAction>,
    /// The carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<EnrollmentParty>,
    /// The employer / sponsor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<EnrollmentParty>,
    /// Broker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broker: Option<EnrollmentParty>,
    /// Third-party administrator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tpa: Option<EnrollmentParty>,
    /// Master policy number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master_policy_number: Option<String>,
    /// The subscriber.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<EnrollmentMember>,
    /// Dependents (`Option`: an explicit `[]` is kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependents: Option<Vec<EnrollmentMember>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentRecord {
    show: [
        reference_number,
        correlation_id,
        trading_partner_id,
        purpose,
        action,
        payer,
        sponsor,
        broker,
        tpa,
        subscriber,
        dependents
    ],
    shape: [master_policy_number, extra],
});
