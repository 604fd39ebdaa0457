//! Models of the `pharmacy` API group (Medicare Part C/D): plans, formulary, in-network
//! pharmacies, coverage and drug cost.

use serde::{Deserialize, Serialize};
use serde_json::Number;

use crate::models::common::{Amount, Date, Extra, Money, open_enum};
use crate::models::data::{SortOrder, setters};
use crate::redact::redacted_debug;

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

/// Query of `GET /pharmacy/plans`: a trading partner and a plan number or plan name.
///
/// ```
/// use pokitdok::models::pharmacy::PharmacyPlansQuery;
/// let q = PharmacyPlansQuery::new("medicare_national").plan_number("S5820003");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PharmacyPlansQuery {
    /// Trading partner (`medicare_national`).
    pub trading_partner_id: String,
    /// Plan number: contract id and PBP number (`S5820003`). This or `plan_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Plan name. This or `plan_number`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// ZIP code where the plan is available.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
}

redacted_debug!(PharmacyPlansQuery {
    show: [trading_partner_id, plan_number, plan_name],
    shape: [zipcode],
});

impl PharmacyPlansQuery {
    /// A query for a trading partner; add a plan number or a plan name.
    pub fn new(trading_partner_id: impl Into<String>) -> Self {
        PharmacyPlansQuery {
            trading_partner_id: trading_partner_id.into(),
            ..Default::default()
        }
    }
}

setters!(PharmacyPlansQuery {
    plan_number: String,
    plan_name: String,
    zipcode: String,
});

/// A prescription drug plan (`GET /pharmacy/plans`; also in formulary entries with
/// `include_plans`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PharmacyPlan {
    /// Plan name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// Plan number (`S5820003`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Trading partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// ZIP codes where the plan is available.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zipcodes: Vec<String>,
    /// Monthly premium.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium: Option<Money>,
    /// Deductible before initial coverage begins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible: Option<Money>,
    /// Total drug cost before the coverage gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_coverage_limit: Option<Money>,
    /// Cost sharing per tier for a 30-day supply at an in-network retail pharmacy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retail: Option<RetailTiers>,
    /// Cost sharing per tier for a 90-day supply at an in-network mail-order pharmacy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<MailTiers>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PharmacyPlan {
    show: [
        plan_name,
        plan_number,
        trading_partner_id,
        zipcodes,
        premium,
        deductible,
        initial_coverage_limit,
        retail,
        mail
    ],
    shape: [extra],
});

macro_rules! tiers {
    ($(#[$meta:meta])* $name:ident, $days:literal, { $($copay:ident, $coins:ident, $tier:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            $(
                #[doc = concat!("Copay for a tier ", $tier, " drug, ", $days, "-day supply.")]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $copay: Option<Money>,
                #[doc = concat!("Coinsurance rate for a tier ", $tier, " drug, ", $days,
                                "-day supply (`\"0.33\"`).")]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $coins: Option<Amount>,
            )*
            /// Other keys, as sent.
            #[serde(flatten)]
            pub extra: Extra,
        }

        redacted_debug!($name {
            show: [$($copay, $coins),*],
            shape: [extra],
        });
    };
}

tiers!(
    /// Retail cost sharing per tier (30-day supply). Plans send only some tiers.
    RetailTiers, "30", {
        tier_one_30_day_copay, tier_one_30_day_coins, "1";
        tier_two_30_day_copay, tier_two_30_day_coins, "2";
        tier_three_30_day_copay, tier_three_30_day_coins, "3";
        tier_four_30_day_copay, tier_four_30_day_coins, "4";
        tier_five_30_day_copay, tier_five_30_day_coins, "5";
    }
);

tiers!(
    /// Mail-order cost sharing per tier (90-day supply). Plans send only some tiers.
    MailTiers, "90", {
        tier_one_90_day_copay, tier_one_90_day_coins, "1";
        tier_two_90_day_copay, tier_two_90_day_coins, "2";
        tier_three_90_day_copay, tier_three_90_day_coins, "3";
        tier_four_90_day_copay, tier_four_90_day_coins, "4";
        tier_five_90_day_copay, tier_five_90_day_coins, "5";
    }
);

// ---------------------------------------------------------------------------------------------
// Formulary, drug cost
// ---------------------------------------------------------------------------------------------

/// Query of `GET /pharmacy/formulary`: a trading partner, a plan (number or name) and a drug
/// (`drug`, `drug_class`, `ndc` or `rxcui`).
///
/// ```
/// use pokitdok::models::pharmacy::PharmacyFormularyQuery;
/// let q = PharmacyFormularyQuery::new("medicare_national")
///     .plan_number("S5820003")
///     .drug("simvastatin")
///     .include_plans(true);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PharmacyFormularyQuery {
    /// Trading partner (`medicare_national`).
    pub trading_partner_id: String,
    /// Plan number. This or `plan_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Plan name. This or `plan_number`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// Drug name, optionally with strength and form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drug: Option<String>,
    /// Drug class (exact match).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drug_class: Option<String>,
    /// 11-digit National Drug Code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ndc: Option<String>,
    /// RxNorm concept id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rxcui: Option<String>,
    /// Add the plan's details to each entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_plans: Option<bool>,
}

redacted_debug!(PharmacyFormularyQuery {
    show: [
        trading_partner_id,
        plan_number,
        plan_name,
        drug,
        drug_class,
        ndc,
        rxcui,
        include_plans
    ],
    shape: [],
});

impl PharmacyFormularyQuery {
    /// A query for a trading partner; add a plan and a drug.
    pub fn new(trading_partner_id: impl Into<String>) -> Self {
        PharmacyFormularyQuery {
            trading_partner_id: trading_partner_id.into(),
            ..Default::default()
        }
    }
}

setters!(PharmacyFormularyQuery {
    plan_number: String,
    plan_name: String,
    drug: String,
    drug_class: String,
    ndc: String,
    rxcui: String,
} exact {
    include_plans: bool,
});

/// A drug on a plan's formulary.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FormularyDrug {
    /// Full drug name (name, strength, form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drug: Option<String>,
    /// Drug classes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drug_class: Vec<String>,
    /// Formulary tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<i64>,
    /// Name of the tier (`preferred generic`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_name: Option<String>,
    /// Needs a prior authorization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_auth: Option<bool>,
    /// Needs step therapy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_therapy: Option<bool>,
    /// Has a quantity limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_limit: Option<bool>,
    /// Quantity limit amount (unit depends on the drug).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_amount: Option<String>,
    /// Quantity limit days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_days: Option<i64>,
    /// Estimated costs for a 30-day retail supply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retail: Option<RetailCost>,
    /// Estimated costs for a 90-day mail-order supply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<MailCost>,
    /// The plan (with `include_plans=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PharmacyPlan>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(FormularyDrug {
    show: [
        drug,
        drug_class,
        tier,
        tier_name,
        prior_auth,
        step_therapy,
        quantity_limit,
        limit_amount,
        limit_days,
        retail,
        mail,
        plan
    ],
    shape: [extra],
});

/// Costs of a 30-day supply at an in-network retail pharmacy.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RetailCost {
    /// Out-of-pocket cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oop_30_day: Option<Money>,
    /// Total cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cost_30_day: Option<Money>,
    /// Amount the insurance pays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ins_pay_30_day: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(RetailCost {
    show: [oop_30_day, total_cost_30_day, ins_pay_30_day],
    shape: [extra],
});

/// Costs of a 90-day supply at an in-network mail-order pharmacy.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MailCost {
    /// Out-of-pocket cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oop_90_day: Option<Money>,
    /// Total cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cost_90_day: Option<Money>,
    /// Amount the insurance pays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ins_pay_90_day: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(MailCost {
    show: [oop_90_day, total_cost_90_day, ins_pay_90_day],
    shape: [extra],
});

/// Query of `GET /pharmacy/drug/cost`: a trading partner, a plan number and a drug (`drug` or
/// `ndc`).
///
/// ```
/// use pokitdok::models::pharmacy::PharmacyDrugCostQuery;
/// let q = PharmacyDrugCostQuery::new("medicare_national", "S5820003").drug("simvastatin");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PharmacyDrugCostQuery {
    /// Trading partner (`medicare_national`).
    pub trading_partner_id: String,
    /// The member's plan number.
    pub plan_number: String,
    /// Drug name, optionally with strength and form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drug: Option<String>,
    /// 11-digit National Drug Code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ndc: Option<String>,
}

redacted_debug!(PharmacyDrugCostQuery {
    show: [trading_partner_id, plan_number, drug, ndc],
    shape: [],
});

impl PharmacyDrugCostQuery {
    /// A query for a plan; add a drug name or NDC.
    pub fn new(trading_partner_id: impl Into<String>, plan_number: impl Into<String>) -> Self {
        PharmacyDrugCostQuery {
            trading_partner_id: trading_partner_id.into(),
            plan_number: plan_number.into(),
            ..Default::default()
        }
    }
}

setters!(PharmacyDrugCostQuery {
    drug: String,
    ndc: String,
});

/// The cost of a drug under a plan (`GET /pharmacy/drug/cost`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DrugCost {
    /// Full drug name (what the examples send).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drug: Option<String>,
    /// Full drug name (what the field table documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_name: Option<String>,
    /// Whether the plan covers the drug (when not, only total costs are sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_covered: Option<bool>,
    /// Costs of a 30-day retail supply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retail: Option<RetailCost>,
    /// Costs of a 90-day mail-order supply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<MailCost>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DrugCost {
    show: [drug, label_name, is_covered, retail, mail],
    shape: [extra],
});

// ---------------------------------------------------------------------------------------------
// Network
// ---------------------------------------------------------------------------------------------

/// Query of `GET /pharmacy/network/`.
///
/// ```
/// use pokitdok::models::pharmacy::PharmacyNetworkQuery;
/// let q = PharmacyNetworkQuery::new("medicare_national")
///     .plan_number("S5820003")
///     .zipcode("07030")
///     .radius("1mi");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PharmacyNetworkQuery {
    /// Trading partner (`medicare_national`).
    pub trading_partner_id: String,
    /// The member's plan number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// ZIP code to search around.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    /// Search radius (`1mi`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius: Option<String>,
    /// Pharmacy name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pharmacy_name: Option<String>,
    /// State code (`NJ`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `distance` (default; needs a place) or `rank`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortOrder>,
    /// Return retail pharmacies (platform default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retail: Option<bool>,
    /// Return mail-order pharmacies (platform default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mail: Option<bool>,
    /// How many pharmacies to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many pharmacies to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

redacted_debug!(PharmacyNetworkQuery {
    show: [
        trading_partner_id,
        plan_number,
        radius,
        pharmacy_name,
        state,
        sort,
        retail,
        mail,
        limit,
        offset
    ],
    shape: [zipcode],
});

impl PharmacyNetworkQuery {
    /// A search within a trading partner's network.
    pub fn new(trading_partner_id: impl Into<String>) -> Self {
        PharmacyNetworkQuery {
            trading_partner_id: trading_partner_id.into(),
            ..Default::default()
        }
    }
}

setters!(PharmacyNetworkQuery {
    plan_number: String,
    zipcode: String,
    radius: String,
    pharmacy_name: String,
    state: String,
    sort: SortOrder,
} exact {
    retail: bool,
    mail: bool,
    limit: u32,
    offset: u32,
});

/// Query of `GET /pharmacy/network/{npi}`.
///
/// ```
/// use pokitdok::models::pharmacy::PharmacyNetworkNpiQuery;
/// let q = PharmacyNetworkNpiQuery::new("medicare_national").plan_number("S5820003");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PharmacyNetworkNpiQuery {
    /// Trading partner (`medicare_national`).
    pub trading_partner_id: String,
    /// The member's plan number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
}

redacted_debug!(PharmacyNetworkNpiQuery {
    show: [trading_partner_id, plan_number],
    shape: [],
});

impl PharmacyNetworkNpiQuery {
    /// A lookup within a trading partner's network.
    pub fn new(trading_partner_id: impl Into<String>) -> Self {
        PharmacyNetworkNpiQuery {
            trading_partner_id: trading_partner_id.into(),
            plan_number: None,
        }
    }
}

setters!(PharmacyNetworkNpiQuery {
    plan_number: String,
});

/// A pharmacy and whether it is in a plan's network.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Pharmacy {
    /// Pharmacy name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pharmacy_name: Option<String>,
    /// NPI of the pharmacy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
    /// Whether it is in the plan's network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_network: Option<bool>,
    /// Address (the examples send `location`; the field table says `locations`, which is kept
    /// in `extra` if sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<PharmacyLocation>,
    /// Is a mail-order pharmacy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<bool>,
    /// Is a retail pharmacy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retail: Option<bool>,
    /// Plan (what the examples send).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// Plan (what the field table documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Pharmacy {
    show: [
        pharmacy_name,
        npi,
        in_network,
        location,
        mail,
        retail,
        plan_id,
        plan_number
    ],
    shape: [extra],
});

/// The address of a pharmacy.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PharmacyLocation {
    /// Street lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address_lines: Vec<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ZIP code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// GeoJSON position: `[longitude, latitude]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub geo_location: Vec<Number>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PharmacyLocation {
    show: [state, country, geo_location],
    shape: [address_lines, city, zipcode, phone, extra],
});

// ---------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------

open_enum! {
    /// Gender of a pharmacy coverage member.
    pub enum PharmacyGender {
        /// `Female`.
        Female = "Female",
        /// `Male`.
        Male = "Male",
        /// `Unknown`: not known.
        NotKnown = "Unknown",
    }
}

open_enum! {
    /// Where a pharmacy coverage member lives (the platform's default is `Home`).
    pub enum Residence {
        /// Home.
        Home = "Home",
        /// Residential substance abuse treatment facility.
        ResidentialSubstanceAbuseTreatmentFacility = "Residential Substance Abuse Treatment Facility",
        /// Hospice.
        Hospice = "Hospice",
        /// Psychiatric residential treatment facility.
        PsychiatricResidentialTreatmentFacility = "Psychiatric Residential Treatment Facility",
        /// Comprehensive inpatient rehabilitation facility.
        ComprehensiveInpatientRehabilitationFacility = "Comprehensive Inpatient Rehabilitation Facility",
        /// Homeless shelter.
        HomelessShelter = "Homeless Shelter",
        /// Correctional institution.
        CorrectionalInstitution = "Correctional Institution",
        /// Skilled nursing facility.
        SkilledNursingFacility = "Skilled Nursing Facility",
        /// Nursing facility.
        NursingFacility = "Nursing Facility",
        /// Assisted living facility.
        AssistedLivingFacility = "Assisted Living Facility",
        /// Custodial care facility.
        CustodialCareFacility = "Custodial Care Facility",
        /// Group home.
        GroupHome = "Group Home",
        /// Inpatient psychiatric facility.
        InpatientPsychiatricFacility = "Inpatient Psychiatric Facility",
        /// Psychiatric facility.
        PsychiatricFacility = "Psychiatric Facility",
        /// Intermediate care facility for the mentally retarded (the platform's wording).
        IntermediateCareFacility = "Intermediate Care Facility/Mentally Retarded",
    }
}

open_enum! {
    /// Relationship of the patient to the cardholder (the platform's default is `Cardholder`).
    pub enum PatientRelationship {
        /// Not specified.
        NotSpecified = "Not Specified",
        /// The cardholder.
        Cardholder = "Cardholder",
        /// Spouse.
        Spouse = "Spouse",
        /// Child.
        Child = "Child",
        /// Other.
        Other = "Other",
        /// Student.
        Student = "Student",
        /// Disabled dependent.
        DisabledDependent = "Disabled Dependent",
        /// Adult dependent.
        AdultDependent = "Adult Dependent",
        /// Significant other.
        SignificantOther = "Significant Other",
    }
}

/// Body of `POST /pharmacy/coverage`. The prescriber and pharmacy NPIs must be registered
/// with PokitDok.
///
/// `Debug` shows no member or card data (PHI).
///
/// ```
/// use pokitdok::models::pharmacy::*;
/// let req = PharmacyCoverageRequest::new(
///     "0000000000",
///     Prescriber::new("1111111111", "Jones"),
///     CoverageMember::new("Smith", "19000101", PharmacyGender::NotKnown),
///     CoverageInsurance::new("my_bin", "my_pcn", "my_id", "my_group"),
///     vec![CoverageDrug::new("46122006965", 30)],
/// );
/// assert!(!format!("{req:?}").contains("Smith"));
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PharmacyCoverageRequest {
    /// NPI of the submitting pharmacy.
    pub pharmacy_npi: String,
    /// The prescribing physician.
    pub prescriber: Prescriber,
    /// The patient.
    pub member: CoverageMember,
    /// The member's pharmacy card.
    pub insurance: CoverageInsurance,
    /// The drugs to check.
    pub drugs: Vec<CoverageDrug>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PharmacyCoverageRequest {
    show: [pharmacy_npi, prescriber, member, insurance, drugs],
    shape: [extra],
});

impl PharmacyCoverageRequest {
    /// A request with every required part.
    pub fn new(
        pharmacy_npi: impl Into<String>,
        prescriber: Prescriber,
        member: CoverageMember,
        insurance: CoverageInsurance,
        drugs: Vec<CoverageDrug>,
    ) -> Self {
        PharmacyCoverageRequest {
            pharmacy_npi: pharmacy_npi.into(),
            prescriber,
            member,
            insurance,
            drugs,
            extra: Extra::new(),
        }
    }
}

/// The prescribing physician.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Prescriber {
    /// NPI.
    pub npi: String,
    /// Last name.
    pub last_name: String,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Prescriber {
    show: [npi],
    shape: [last_name, extra],
});

impl Prescriber {
    /// A prescriber by NPI and last name.
    pub fn new(npi: impl Into<String>, last_name: impl Into<String>) -> Self {
        Prescriber {
            npi: npi.into(),
            last_name: last_name.into(),
            extra: Extra::new(),
        }
    }
}

/// The patient of a pharmacy coverage request.
///
/// `Debug` shows only the gender and residence (PHI).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverageMember {
    /// Last name.
    pub last_name: String,
    /// Birth date, `YYYYMMDD`.
    pub date_of_birth: Date,
    /// `Female`, `Male` or `Unknown`.
    pub gender: PharmacyGender,
    /// Residence (platform default `Home`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence: Option<Residence>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CoverageMember {
    show: [gender, residence],
    shape: [last_name, date_of_birth, extra],
});

impl CoverageMember {
    /// A member by last name, birth date (`YYYYMMDD`) and gender.
    pub fn new(
        last_name: impl Into<String>,
        date_of_birth: impl Into<Date>,
        gender: PharmacyGender,
    ) -> Self {
        CoverageMember {
            last_name: last_name.into(),
            date_of_birth: date_of_birth.into(),
            gender,
            residence: None,
            extra: Extra::new(),
        }
    }

    /// Sets the residence.
    #[must_use]
    pub fn residence(mut self, residence: Residence) -> Self {
        self.residence = Some(residence);
        self
    }
}

/// The member's pharmacy card.
///
/// `Debug` shows only the relationship (the card numbers identify the member).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverageInsurance {
    /// BIN number.
    pub bin_number: String,
    /// Processor control number.
    pub pcn: String,
    /// Cardholder id.
    pub cardholder_id: String,
    /// Group id.
    pub group_id: String,
    /// Relationship of the patient to the cardholder (platform default `Cardholder`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_relationship: Option<PatientRelationship>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CoverageInsurance {
    show: [patient_relationship],
    shape: [bin_number, pcn, cardholder_id, group_id, extra],
});

impl CoverageInsurance {
    /// A card by BIN, PCN, cardholder id and group id.
    pub fn new(
        bin_number: impl Into<String>,
        pcn: impl Into<String>,
        cardholder_id: impl Into<String>,
        group_id: impl Into<String>,
    ) -> Self {
        CoverageInsurance {
            bin_number: bin_number.into(),
            pcn: pcn.into(),
            cardholder_id: cardholder_id.into(),
            group_id: group_id.into(),
            patient_relationship: None,
            extra: Extra::new(),
        }
    }

    /// Sets the patient relationship.
    #[must_use]
    pub fn patient_relationship(mut self, relationship: PatientRelationship) -> Self {
        self.patient_relationship = Some(relationship);
        self
    }
}

/// A drug to check coverage for.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverageDrug {
    /// 11-digit NDC.
    pub ndc: String,
    /// Quantity dispensed (up to three decimals), as a JSON number.
    pub quantity_dispensed: Number,
    /// Days of supply (platform default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_supply: Option<u32>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CoverageDrug {
    show: [ndc, quantity_dispensed, days_supply],
    shape: [extra],
});

impl CoverageDrug {
    /// A drug by NDC and quantity (`30`, or `Number::from_f64(2.5)` for decimals).
    pub fn new(ndc: impl Into<String>, quantity_dispensed: impl Into<Number>) -> Self {
        CoverageDrug {
            ndc: ndc.into(),
            quantity_dispensed: quantity_dispensed.into(),
            days_supply: None,
            extra: Extra::new(),
        }
    }

    /// Sets the days of supply.
    #[must_use]
    pub fn days_supply(mut self, days: u32) -> Self {
        self.days_supply = Some(days);
        self
    }
}

/// `POST /pharmacy/coverage`: coverage and cost per drug.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PharmacyCoverage {
    /// One entry per drug.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drugs: Vec<DrugCoverage>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(PharmacyCoverage {
    show: [drugs],
    shape: [extra],
});

/// Coverage of one drug.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DrugCoverage {
    /// NDC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ndc: Option<String>,
    /// Rejection reasons, when the claim was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejections: Option<Vec<String>>,
    /// Approval code and free-form messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<Vec<AdditionalInformation>>,
    /// What the member owes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_pay_amount: Option<DisplayAmount>,
    /// Copay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_of_copay: Option<DisplayAmount>,
    /// Coinsurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_of_coinsurance: Option<DisplayAmount>,
    /// Previous fills and drug utilization review texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<FillHistory>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DrugCoverage {
    show: [
        ndc,
        rejections,
        additional_information,
        patient_pay_amount,
        amount_of_copay,
        amount_of_coinsurance,
        history
    ],
    shape: [extra],
});

/// A monetary amount with a display string: `{"amount": "2.15", "currency": "USD",
/// "display": "$2.15"}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DisplayAmount {
    /// The amount, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Currency (`USD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Display string (`$2.15`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DisplayAmount {
    show: [amount, currency, display],
    shape: [extra],
});

/// Additional information on a drug coverage answer.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdditionalInformation {
    /// Approval code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Free-form message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(AdditionalInformation {
    show: [code],
    shape: [information, extra],
});

/// A previous fill of the drug (drug utilization review).
///
/// `Debug` shows no dates or texts (they describe the patient's medication history).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FillHistory {
    /// Date of the previous fill (`YYYYMMDD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_date_of_fill: Option<Date>,
    /// Quantity of the previous fill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_of_previous_fill: Option<Number>,
    /// Free text of the review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_text: Option<String>,
    /// Additional text of the review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_text: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(FillHistory {
    show: [quantity_of_previous_fill],
    shape: [previous_date_of_fill, free_text, additional_text, extra],
});
