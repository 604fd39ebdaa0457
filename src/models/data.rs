//! Models of the `data` API group: cash and insurance prices, medical procedure codes (MPC),
//! ICD-9 to ICD-10 conversion, insurance plans, providers, trading partners and payers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use crate::models::common::{Amount, Extra, Money, Timestamp, open_enum};
use crate::redact::redacted_debug;

// ---------------------------------------------------------------------------------------------
// Prices
// ---------------------------------------------------------------------------------------------

/// Query of `GET /prices/cash` and `GET /prices/insurance`: a CPT code and a ZIP code (only the
/// first three digits, the "geozip", matter).
///
/// ```
/// let q = pokitdok::models::data::PriceQuery::new("99385", "29412");
/// assert_eq!(q.cpt_code, "99385");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PriceQuery {
    /// CPT code of the procedure.
    pub cpt_code: String,
    /// ZIP code of the area.
    pub zip_code: String,
}

redacted_debug!(PriceQuery {
    show: [cpt_code],
    shape: [zip_code],
});

impl PriceQuery {
    /// A query for one CPT code in one ZIP code area.
    pub fn new(cpt_code: impl Into<String>, zip_code: impl Into<String>) -> Self {
        PriceQuery {
            cpt_code: cpt_code.into(),
            zip_code: zip_code.into(),
        }
    }
}

/// One consumer-friendly procedure of `GET /prices/cash` with its cash price statistics.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CashPrice {
    /// CPT code of the procedure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpt_code: Option<String>,
    /// URN of the procedure (`urn:pokitdok:procedure:annual_physical_exam`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pokitdok_procedure_urn: Option<String>,
    /// Description of the procedure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_description: Option<String>,
    /// Three-character ZIP code area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_zip_area: Option<String>,
    /// Average cash price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_price: Option<Amount>,
    /// Highest price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_price: Option<Amount>,
    /// Lowest price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_price: Option<Amount>,
    /// Median price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_price: Option<Amount>,
    /// Standard deviation of the prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_deviation: Option<Amount>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CashPrice {
    show: [
        cpt_code,
        pokitdok_procedure_urn,
        procedure_description,
        geo_zip_area,
        average_price,
        high_price,
        low_price,
        median_price,
        standard_deviation
    ],
    shape: [extra],
});

/// `GET /prices/insurance`: price statistics per payer and payment type for a CPT code.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InsurancePrices {
    /// CPT code of the procedure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpt_code: Option<String>,
    /// Three-character ZIP code area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_zip_area: Option<String>,
    /// One entry per payer type and payment type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amounts: Vec<InsurancePriceAmounts>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(InsurancePrices {
    show: [cpt_code, geo_zip_area, amounts],
    shape: [extra],
});

open_enum! {
    /// Payer type of an insurance price.
    pub enum PayerType {
        /// Commercial insurance.
        Insurance = "insurance",
        /// Medicare.
        Medicare = "medicare",
    }
}

open_enum! {
    /// What an insurance price measures.
    pub enum PaymentType {
        /// The amount considered payment in full.
        Allowed = "allowed",
        /// The amount the provider billed.
        Submitted = "submitted",
        /// The amount reimbursed to the provider.
        Paid = "paid",
        /// Medicare amount with geographic differences removed.
        Standardized = "standardized",
    }
}

/// Price statistics for one payer type and payment type.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InsurancePriceAmounts {
    /// `insurance` or `medicare`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_type: Option<PayerType>,
    /// `allowed`, `submitted`, `paid` or `standardized`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    /// Weighted average price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_price: Option<Amount>,
    /// Highest price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_price: Option<Amount>,
    /// Lowest price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_price: Option<Amount>,
    /// Median price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_price: Option<Amount>,
    /// Standard deviation of the prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_deviation: Option<Amount>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(InsurancePriceAmounts {
    show: [
        payer_type,
        payment_type,
        average_price,
        high_price,
        low_price,
        median_price,
        standard_deviation
    ],
    shape: [extra],
});

// ---------------------------------------------------------------------------------------------
// Medical procedure codes, ICD convert
// ---------------------------------------------------------------------------------------------

/// Query of `GET /mpc/` (all optional).
///
/// ```
/// let q = pokitdok::models::data::MpcQuery { name: Some("office".into()), ..Default::default() };
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub struct MpcQuery {
    /// Consumer-friendly name to search for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Partial or full clinical description to search for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many codes to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many codes to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

redacted_debug!(MpcQuery {
    show: [limit, offset, name, description],
    shape: [],
});

/// A medical procedure code (`GET /mpc/`, `GET /mpc/{code}`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProcedureCode {
    /// The procedure code (`99213`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Consumer-friendly name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Clinical description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProcedureCode {
    show: [code, name, description],
    shape: [extra],
});

/// `GET /icd/convert/{code}`: how an ICD-9 code maps to ICD-10.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IcdConversion {
    /// The ICD-9 code that was converted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_code: Option<IcdCode>,
    /// Whether the mapping is an approximation rather than direct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate: Option<bool>,
    /// Whether several ICD-9 values were combined into fewer ICD-10 values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combination: Option<bool>,
    /// The ICD-10 mapping scenarios that apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub destination_scenarios: Vec<IcdScenario>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(IcdConversion {
    show: [source_code, approximate, combination, destination_scenarios],
    shape: [extra],
});

/// One diagnosis code of a code system.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IcdCode {
    /// Description of the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Code system: `icd9` or `icd10`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The code, without dot (`25012`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(IcdCode {
    show: [system, description, value],
    shape: [extra],
});

/// One ICD-10 mapping scenario: pick one code from each choice list.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IcdScenario {
    /// The choice lists of the scenario.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choice_lists: Vec<Vec<IcdCode>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(IcdScenario {
    show: [choice_lists],
    shape: [extra],
});

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

open_enum! {
    /// Metal level of a marketplace plan.
    pub enum MetallicLevel {
        /// Bronze.
        Bronze = "bronze",
        /// Silver.
        Silver = "silver",
        /// Gold.
        Gold = "gold",
        /// Platinum.
        Platinum = "platinum",
        /// Catastrophic.
        Catastrophic = "catastrophic",
    }
}

/// Query of `GET /plans/` (all optional).
///
/// ```
/// use pokitdok::models::data::{MetallicLevel, PlansQuery};
/// let q = PlansQuery { state: Some("SC".into()), plan_type: Some("PPO".into()),
///                      metallic_level: Some(MetallicLevel::Gold), ..Default::default() };
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlansQuery {
    /// Trading partner id of the payer offering the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Issuer (trading partner) full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_name: Option<String>,
    /// County where the plan is available.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// State where the plan is available (`TX`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Plan id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// Plan type (`EPO`, `PPO`, `HMO`, `POS`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_type: Option<String>,
    /// Plan name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// Metal level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metallic_level: Option<MetallicLevel>,
    /// How many plans to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many plans to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

redacted_debug!(PlansQuery {
    show: [
        trading_partner_id,
        issuer_name,
        state,
        plan_id,
        plan_type,
        plan_name,
        metallic_level,
        limit,
        offset,
        county
    ],
    shape: [],
});

/// An insurance plan (`GET /plans/`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Plan {
    /// Plan id assigned by the issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// Full plan name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// Plan type (`PPO`, `HMO`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_type: Option<String>,
    /// Metal level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metallic_level: Option<MetallicLevel>,
    /// Whether the plan is offered on a public exchange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_exchange: Option<bool>,
    /// Trading partner id of the issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// State where the plan is offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// County where the plan is offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// URL of the benefits summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefits_summary_url: Option<String>,
    /// Customer service phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_service_phone: Option<String>,
    /// Deductibles for individual and family coverage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible: Option<CoverageAmounts>,
    /// Out-of-pocket maximums for individual and family coverage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_out_of_pocket: Option<CoverageAmounts>,
    /// Monthly premiums.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub premiums: Vec<Premium>,
    /// Emergency room cost sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency_room: Option<CostSharing>,
    /// Generic drugs cost sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generic_drugs: Option<CostSharing>,
    /// Inpatient facility cost sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inpatient_facility: Option<CostSharing>,
    /// Inpatient physician cost sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inpatient_physician: Option<CostSharing>,
    /// Non-preferred brand drugs cost sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_preferred_brand_drugs: Option<CostSharing>,
    /// Preferred brand drugs cost sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_brand_drugs: Option<CostSharing>,
    /// Primary care physician cost sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_care_physician: Option<CostSharing>,
    /// Specialist cost sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specialist: Option<CostSharing>,
    /// Specialty drugs cost sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specialty_drugs: Option<CostSharing>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Plan {
    show: [
        plan_id,
        plan_name,
        plan_type,
        metallic_level,
        public_exchange,
        trading_partner_id,
        state,
        benefits_summary_url,
        customer_service_phone,
        deductible,
        max_out_of_pocket,
        premiums,
        emergency_room,
        generic_drugs,
        inpatient_facility,
        inpatient_physician,
        non_preferred_brand_drugs,
        preferred_brand_drugs,
        primary_care_physician,
        specialist,
        specialty_drugs,
        county
    ],
    shape: [extra],
});

/// Amounts for individual and family coverage (plan deductible, out-of-pocket maximum).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverageAmounts {
    /// Individual coverage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub individual: Option<Amount>,
    /// Family coverage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<Amount>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CoverageAmounts {
    show: [individual, family],
    shape: [extra],
});

/// A monthly premium of a plan for a subscriber age and household.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Premium {
    /// Age of the subscriber.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Number of adults covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adults: Option<u32>,
    /// Number of children covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<u32>,
    /// Monthly cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Amount>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Premium {
    show: [age, adults, children, cost],
    shape: [extra],
});

/// A plan's cost sharing for one kind of service. The inner shape is not documented, so the
/// values are kept as JSON.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CostSharing {
    /// Standard copay and/or coinsurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<Value>,
    /// 73 percent silver plan variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_73: Option<Value>,
    /// 87 percent silver plan variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_87: Option<Value>,
    /// 94 percent silver plan variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_94: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CostSharing {
    show: [standard, percent_73, percent_87, percent_94],
    shape: [extra],
});

// ---------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------

open_enum! {
    /// Sort order of a search near a place.
    pub enum SortOrder {
        /// By distance from the place (the default; needs a place to search from).
        Distance = "distance",
        /// By rank.
        Rank = "rank",
    }
}

open_enum! {
    /// Whether a provider is a person or an organization.
    pub enum EntityType {
        /// A person.
        Individual = "individual",
        /// An organization.
        Organization = "organization",
    }
}

open_enum! {
    /// Role of a provider address.
    pub enum LocationRole {
        /// Mailing address.
        Mailing = "mailing",
        /// Practice address (also when no role is sent).
        Practice = "practice",
    }
}

/// Query of `GET /providers/` (all optional).
///
/// ```
/// use pokitdok::models::data::ProvidersQuery;
/// let q = ProvidersQuery::default().zipcode("94401").specialty("rheum").limit(5);
/// assert_eq!(q.limit, Some(5));
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProvidersQuery {
    /// Street number, name, apartment or suite.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_lines: Option<String>,
    /// City (`San Mateo`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Two-letter state code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ZIP code (`94401`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    /// Search radius around the place (`10mi`); used by the official clients.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius: Option<String>,
    /// Latitude and longitude, comma-separated (`"37.563546, -122.325181"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat_lon: Option<String>,
    /// First name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Gender.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Organization name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Fuzzy match on the full name; do not combine with the individual name fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Specialty name or prefix (`rheum`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specialty: Option<String>,
    /// NPI (used by some official clients; `GET /providers/{npi}` is the documented way).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
    /// `distance` (default) or `rank`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortOrder>,
    /// `individual`, `organization` or `individual,organization`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_types: Option<String>,
    /// How many providers to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many providers to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

redacted_debug!(ProvidersQuery {
    show: [
        state,
        radius,
        gender,
        organization_name,
        specialty,
        npi,
        sort,
        entity_types,
        limit,
        offset
    ],
    shape: [
        address_lines,
        city,
        zipcode,
        first_name,
        middle_name,
        last_name,
        name,
        lat_lon
    ],
});

macro_rules! setters {
    ($ty:ident { $($field:ident: $t:ty),* $(,)? } $(exact { $($efield:ident: $et:ty),* $(,)? })?) => {
        impl $ty {
            $(
                #[doc = concat!("Sets `", stringify!($field), "`.")]
                #[must_use]
                pub fn $field(mut self, value: impl Into<$t>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )*
            $($(
                #[doc = concat!("Sets `", stringify!($efield), "`.")]
                #[must_use]
                pub fn $efield(mut self, value: $et) -> Self {
                    self.$efield = Some(value);
                    self
                }
            )*)?
        }
    };
}
pub(crate) use setters;

setters!(ProvidersQuery {
    address_lines: String,
    city: String,
    state: String,
    zipcode: String,
    radius: String,
    lat_lon: String,
    first_name: String,
    middle_name: String,
    last_name: String,
    gender: String,
    organization_name: String,
    name: String,
    specialty: String,
    npi: String,
    sort: SortOrder,
    entity_types: String,
} exact {
    limit: u32,
    offset: u32,
});

/// One provider of `GET /providers/` or `GET /providers/{npi}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderResult {
    /// The provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<ProviderDetails>,
    /// Distance from the searched place, when sorting by distance (documented as a string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProviderResult {
    show: [provider],
    shape: [distance, extra],
});

/// A provider's registry record (public NPI data).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderDetails {
    /// The platform's id of the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// National Provider Identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
    /// `individual` or `organization`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<EntityType>,
    /// Prefix (`DR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// First name (individuals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name (individuals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Degree (`MD`, `DO`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree: Option<String>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Organization name (organizations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Other organization name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_organization_name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Fax number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    /// Whether the record is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// Licenses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licenses: Vec<License>,
    /// Addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<ProviderLocation>,
    /// All specialties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specialty: Vec<String>,
    /// Primary specialties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specialty_primary: Vec<String>,
    /// Secondary specialties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specialty_secondary: Vec<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProviderDetails {
    show: [
        uuid,
        npi,
        entity_type,
        degree,
        gender,
        organization_name,
        other_organization_name,
        verified,
        licenses,
        locations,
        specialty,
        specialty_primary,
        specialty_secondary,
        description
    ],
    shape: [
        prefix,
        first_name,
        middle_name,
        last_name,
        suffix,
        phone,
        fax,
        extra
    ],
});

impl ProviderDetails {
    /// A display name: the organization name, or the first and last names.
    pub fn display_name(&self) -> String {
        if let Some(org) = &self.organization_name {
            return org.clone();
        }
        [&self.first_name, &self.last_name]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A license of a provider.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct License {
    /// License number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// License state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(License {
    show: [number, state],
    shape: [extra],
});

/// An address of a provider.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderLocation {
    /// Street lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address_lines: Vec<String>,
    /// Suite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suite: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ZIP code (5 to 10 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    /// County.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Fax number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    /// `mailing` and/or `practice`; none means practice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role: Vec<LocationRole>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProviderLocation {
    show: [state, country, role],
    shape: [
        address_lines,
        city,
        zipcode,
        county,
        phone,
        fax,
        suite,
        extra
    ],
});

// ---------------------------------------------------------------------------------------------
// Trading partners, payers
// ---------------------------------------------------------------------------------------------

open_enum! {
    /// A member search option a trading partner supports for eligibility requests.
    pub enum SearchOption {
        /// First name, last name, id and birth date.
        PrimarySearch = "primary_search",
        /// First name, last name, id, birth date and gender.
        PrimarySearchGender = "primary_search_gender",
        /// Last name, id and birth date.
        NoFirstNameSearch = "no_first_name_search",
        /// First name, last name and id.
        NoBirthDateSearch = "no_birth_date_search",
        /// Id and birth date.
        NoNameSearch = "no_name_search",
        /// First name, last name and birth date.
        NoIdSearch = "no_id_search",
    }
}

open_enum! {
    /// Monitoring status of a trading partner's API.
    pub enum MonitoringStatus {
        /// Operating normally.
        Available = "available",
        /// Not responding normally (downtime).
        Unavailable = "unavailable",
        /// Responding slower than usual.
        Delayed = "delayed",
        /// `unknown`: new trading partner, or the monitoring system cannot tell.
        NotKnown = "unknown",
    }
}

/// A trading partner (payer), from `GET /tradingpartners/` or `GET /tradingpartners/{id}`;
/// the fields after `supported_transactions` are sent by the single-partner call only.
///
/// Array fields are `Option<Vec<_>>` so that an explicit `[]` and an absent key stay apart.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TradingPartner {
    /// The `trading_partner_id` to use in requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the connection is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
    /// X12 transaction sets available (`270`, `276`, `278`, `837`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_transactions: Option<Vec<String>>,
    /// No longer used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrollment_required: Option<Vec<String>>,
    /// Whether a provider must be enrolled with the partner before use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_enrollment_required: Option<bool>,
    /// Transaction sets that need an enrolled provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_enrollment_required_transaction_types: Option<Vec<String>>,
    /// Steps needed to enroll a provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_enrollment_setup: Option<EnrollmentSetup>,
    /// Steps needed to enroll a provider, per transaction set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_enrollment_setup_transaction_types: Option<EnrollmentSetupTransactionTypes>,
    /// Response time metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<TradingPartnerMetrics>,
    /// Monitoring status per API name (`claims`, `eligibility`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<BTreeMap<String, Monitoring>>,
    /// Pass-through fee per transaction set (`"270"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_through_fees: Option<BTreeMap<String, Money>>,
    /// Transaction sets that need an NPI registered in the dashboard first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restricted_transactions: Option<Vec<String>>,
    /// Member search options supported for eligibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_search_options: Option<Vec<SearchOption>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(TradingPartner {
    show: [
        is_enabled,
        supported_transactions,
        enrollment_required,
        provider_enrollment_required,
        provider_enrollment_required_transaction_types,
        provider_enrollment_setup,
        provider_enrollment_setup_transaction_types,
        metrics,
        monitoring,
        pass_through_fees,
        restricted_transactions,
        supported_search_options,
        id,
        name
    ],
    shape: [extra],
});

/// What is needed to enroll a provider with a trading partner.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentSetup {
    /// Client action is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_action_required: Option<bool>,
    /// Internal (PokitDok) action is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_action_required: Option<bool>,
    /// Internal action initiates the enrollment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_action_initiates: Option<bool>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentSetup {
    show: [
        client_action_required,
        internal_action_required,
        internal_action_initiates
    ],
    shape: [extra],
});

/// The transaction sets for which each enrollment step applies.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnrollmentSetupTransactionTypes {
    /// Transaction sets needing client action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_action_required: Option<Vec<String>>,
    /// Transaction sets needing internal action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_action_required: Option<Vec<String>>,
    /// Transaction sets where internal action initiates enrollment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_action_initiates: Option<Vec<String>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(EnrollmentSetupTransactionTypes {
    show: [
        client_action_required,
        internal_action_required,
        internal_action_initiates
    ],
    shape: [extra],
});

/// Response time metrics of a trading partner, in milliseconds.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TradingPartnerMetrics {
    /// Average real-time response time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_time_response_average: Option<Number>,
    /// Response time percentiles, keyed `"50"`, `"75"`, `"95"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_time_response_percentiles: Option<BTreeMap<String, Number>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(TradingPartnerMetrics {
    show: [real_time_response_average, real_time_response_percentiles],
    shape: [extra],
});

/// Monitoring status of one API of a trading partner.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Monitoring {
    /// Latest status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MonitoringStatus>,
    /// When the status was last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<Timestamp>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Monitoring {
    show: [status, last_updated],
    shape: [extra],
});

/// Query of the deprecated `GET /payers/`.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub struct PayersQuery {
    /// How many payers to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many payers to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

redacted_debug!(PayersQuery {
    show: [limit, offset],
    shape: [],
});

/// A payer of the deprecated `GET /payers/` (use [`TradingPartner`]).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payer {
    /// Short name or code of the payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_key: Option<String>,
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_name: Option<String>,
    /// Whether the platform supports transmissions with the payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_status: Option<bool>,
    /// X12 transaction sets supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_transactions: Option<Vec<String>>,
    /// The id to use in requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Payer {
    show: [
        payer_key,
        payer_name,
        production_status,
        supported_transactions,
        trading_partner_id
    ],
    shape: [extra],
});

setters!(MpcQuery {
    name: String,
    description: String,
} exact {
    limit: u32,
    offset: u32,
});

setters!(PlansQuery {
    trading_partner_id: String,
    issuer_name: String,
    county: String,
    state: String,
    plan_id: String,
    plan_type: String,
    plan_name: String,
    metallic_level: MetallicLevel,
} exact {
    limit: u32,
    offset: u32,
});
