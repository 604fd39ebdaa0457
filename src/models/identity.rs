//! Models of the `identity` API group: identity resources and their history, Identity Match
//! (match configurations, canonical and source records) and Identity Proof (KBA
//! questionnaires).
//!
//! Nearly everything here is patient data (PHI): the `Debug` output of these types shows no
//! names, birth dates, ids, addresses, emails, phone numbers or SSNs.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Address, Date, Extra, Timestamp, open_enum};
use crate::redact::redacted_debug;

open_enum! {
    /// Gender of an identity resource.
    pub enum Gender {
        /// Male.
        Male = "male",
        /// Female.
        Female = "female",
        /// `unknown`: the gender is not known (not to be confused with `Gender::Unknown`,
        /// which holds values this crate does not know).
        Unspecified = "unknown",
    }
}

open_enum! {
    /// Gender in an Identity Match request.
    pub enum MatchGender {
        /// Male.
        M = "M",
        /// Female.
        F = "F",
        /// Other.
        O = "O",
    }
}

open_enum! {
    /// The state of a KBA questionnaire after an answer was scored, and the verification
    /// result in proof reports.
    pub enum ProofStatus {
        /// The identity was verified.
        Success = "SUCCESS",
        /// Verification failed (see `next_attempt`).
        Failure = "FAILURE",
        /// More questions follow.
        Pending = "PENDING",
    }
}

// ---------------------------------------------------------------------------------------------
// Identity resources
// ---------------------------------------------------------------------------------------------

/// An external identifier of an identity: a system used by a provider at a location.
///
/// `Debug` does not show the identifier's value.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdentityIdentifier {
    /// GeoJSON `[longitude, latitude]` (note the order) of the location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Vec<f64>>,
    /// The provider's unique identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_uuid: Option<String>,
    /// The system's unique identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_uuid: Option<String>,
    /// The identifier value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(IdentityIdentifier {
    show: [location, provider_uuid, system_uuid],
    shape: [value, extra],
});

impl IdentityIdentifier {
    /// An identifier `value` in the system `system_uuid` of provider `provider_uuid`.
    pub fn new(
        system_uuid: impl Into<String>,
        provider_uuid: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        IdentityIdentifier {
            system_uuid: Some(system_uuid.into()),
            provider_uuid: Some(provider_uuid.into()),
            value: Some(value.into()),
            ..IdentityIdentifier::default()
        }
    }
}

macro_rules! identity_fields {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        pub struct $name {
            /// Identity resource unique identifier.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub uuid: Option<String>,
            /// Prefix/title.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub prefix: Option<String>,
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
            /// Birth date (`YYYY-MM-DD`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub birth_date: Option<Date>,
            /// `male`, `female` or `unknown`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub gender: Option<Gender>,
            /// Email address.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email: Option<String>,
            /// Primary phone number.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub phone: Option<String>,
            /// Secondary phone number.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub secondary_phone: Option<String>,
            /// Social security number.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub ssn: Option<String>,
            /// The primary insurance member id.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub member_id: Option<String>,
            /// Address (`address_lines`, `city`, `state`, `zipcode`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub address: Option<Address>,
            /// External identifiers.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub identifiers: Vec<IdentityIdentifier>,
            $($(#[$fmeta])* $field: $ty,)*
            /// Other keys.
            #[serde(flatten)]
            pub extra: Extra,
        }

        redacted_debug!($name {
            show: [gender, address, identifiers],
            shape: [
                uuid, prefix, first_name, middle_name, last_name, suffix, birth_date, email, phone,
                secondary_phone, ssn, member_id, $($field,)* extra
            ],
        });
    };
}

identity_fields! {
    /// An identity resource (`GET /identity/{uuid}`, search results, history versions).
    ///
    /// `Debug` shows only the gender, the address's state and the identifiers' systems (PHI).
    #[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Identity {}
}

identity_fields! {
    /// Body of `POST /identity/` and `PUT /identity/{uuid}`. No field is documented as required.
    ///
    /// `Debug` shows only the gender, the address's state and the identifiers' systems (PHI).
    #[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
    pub struct IdentityRequest {}
}

impl IdentityRequest {
    /// A person by name and birth date; set the other public fields as needed.
    pub fn person(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        birth_date: impl Into<Date>,
    ) -> Self {
        IdentityRequest {
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            birth_date: Some(birth_date.into()),
            ..IdentityRequest::default()
        }
    }
}

impl From<Identity> for IdentityRequest {
    /// The fields of a fetched identity, to send back changed with `update_identity`.
    fn from(i: Identity) -> Self {
        IdentityRequest {
            uuid: i.uuid,
            prefix: i.prefix,
            first_name: i.first_name,
            middle_name: i.middle_name,
            last_name: i.last_name,
            suffix: i.suffix,
            birth_date: i.birth_date,
            gender: i.gender,
            email: i.email,
            phone: i.phone,
            secondary_phone: i.secondary_phone,
            ssn: i.ssn,
            member_id: i.member_id,
            address: i.address,
            identifiers: i.identifiers,
            extra: i.extra,
        }
    }
}

/// Query of `GET /identity` (identity search). `first_name`, `middle_name`, `last_name`,
/// `address` and `city` match fuzzily, the rest exactly; `id` (an external identifier value)
/// overrides every other parameter.
///
/// `Debug` shows only the gender, state and paging (PHI).
#[derive(Clone, Default, PartialEq, Serialize)]
pub struct IdentityQuery {
    /// First name (fuzzy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name (fuzzy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name (fuzzy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Gender.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Birth date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// Email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Member id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// Phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Secondary phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary_phone: Option<String>,
    /// Street address (fuzzy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// City (fuzzy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ZIP code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    /// Identity uuid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// External identifier value; overrides every other parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// How many identities to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

redacted_debug!(IdentityQuery {
    show: [gender, state, limit, offset],
    shape: [
        first_name,
        middle_name,
        last_name,
        prefix,
        birth_date,
        email,
        member_id,
        phone,
        secondary_phone,
        address,
        city,
        zipcode,
        id,
        uuid
    ],
});

impl IdentityQuery {
    /// A search by first and last name.
    pub fn name(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        IdentityQuery {
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            ..IdentityQuery::default()
        }
    }

    /// A search by external identifier value.
    pub fn external_id(id: impl Into<String>) -> Self {
        IdentityQuery {
            id: Some(id.into()),
            ..IdentityQuery::default()
        }
    }
}

/// One entry of an identity's change history (`GET /identity/{uuid}/history`): the docs say
/// it holds the insert date and the historical version id, but name no keys and give no
/// example, so every key is kept in `extra` as sent.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdentityHistoryEntry {
    /// The keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(IdentityHistoryEntry {
    show: [],
    shape: [extra],
});

// ---------------------------------------------------------------------------------------------
// Identity Match
// ---------------------------------------------------------------------------------------------

/// A birth date in parts (Identity Match and Identity Proof): all three or none.
///
/// `Debug` shows nothing of the date (PHI).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DateParts {
    /// Year (`1988`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// Month, 1-12.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    /// Day of the month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DateParts {
    show: [],
    shape: [year, month, day, extra],
});

impl DateParts {
    /// A date from its parts.
    pub fn new(year: u32, month: u32, day: u32) -> Self {
        DateParts {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            extra: Extra::new(),
        }
    }
}

/// A street address as Identity Match and Identity Proof send it.
///
/// `Debug` shows only the state and country.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StreetAddress {
    /// First street line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street1: Option<String>,
    /// Second street line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street2: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Two-letter state code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_or_province: Option<String>,
    /// ZIP or postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Two-letter country code (the platform defaults to `US`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(StreetAddress {
    show: [state_or_province, country_code],
    shape: [street1, street2, city, postal_code, extra],
});

impl StreetAddress {
    /// An address from its parts.
    pub fn new(
        street1: impl Into<String>,
        city: impl Into<String>,
        state_or_province: impl Into<String>,
        postal_code: impl Into<String>,
    ) -> Self {
        StreetAddress {
            street1: Some(street1.into()),
            city: Some(city.into()),
            state_or_province: Some(state_or_province.into()),
            postal_code: Some(postal_code.into()),
            ..StreetAddress::default()
        }
    }
}

/// An identity document of Identity Match: the body of a match request
/// ([`IdentityMatchRequest`]) and the `data` of canonical and source records. No field is
/// required.
///
/// `Debug` shows only the gender and the address's state (PHI).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchIdentity {
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Surname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Legal prefix (`Dr`, `Ms`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Legal suffix (`Jr`, `III`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Social Security Number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssn: Option<String>,
    /// `M`, `F` or `O`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<MatchGender>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Primary phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// External identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Birth date in parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<DateParts>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<StreetAddress>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(MatchIdentity {
    show: [gender],
    shape: [
        first_name,
        middle_name,
        last_name,
        prefix,
        suffix,
        ssn,
        email,
        phone,
        id,
        birth_date,
        address,
        extra
    ],
});

impl MatchIdentity {
    /// A person by name; set the other public fields as needed.
    pub fn name(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        MatchIdentity {
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            ..MatchIdentity::default()
        }
    }

    /// Sets the birth date.
    #[must_use]
    pub fn birth_date(mut self, year: u32, month: u32, day: u32) -> Self {
        self.birth_date = Some(DateParts::new(year, month, day));
        self
    }
}

/// Body of the Identity Match requests (`POST /identity/match/{algorithm_id}`, `.../find`,
/// and `POST /identity/match`).
pub type IdentityMatchRequest = MatchIdentity;

/// A match configuration: a PokitDok match algorithm applied to an input topic.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchConfig {
    /// The match algorithm (unique).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm_id: Option<String>,
    /// The collection of identity documents the algorithm is applied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_topic: Option<String>,
    /// The configuration's uuid (`_uuid`).
    #[serde(rename = "_uuid", default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Storage id (`_id`).
    #[serde(rename = "_id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Object type (`_type`, `"IdentityMatchConfig"`).
    #[serde(rename = "_type", default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<String>,
    /// Creation time as sent (`"Fri Feb 10 02:11:01 2017"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insert_dt: Option<String>,
    /// Last update time as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_dt: Option<String>,
    /// Whether the configuration was deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    /// The owning account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(MatchConfig {
    show: [
        algorithm_id,
        input_topic,
        uuid,
        object_type,
        insert_dt,
        update_dt,
        deleted,
        owner_id,
        id
    ],
    shape: [extra],
});

/// Answer of `POST /identity/match/{algorithm_id}`: the id of the stored source document.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchSubmitted {
    /// The new source document's id (`_source_id`).
    #[serde(
        rename = "_source_id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_id: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(MatchSubmitted {
    show: [],
    shape: [source_id, extra],
});

/// A canonical identity: the record a match configuration resolved one or more source
/// documents to.
///
/// `Debug` shows the update time and the redacted identity only (PHI).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CanonicalRecord {
    /// The canonical id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// The source documents merged into it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Last update (`2017-02-08T21:02:06Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<Timestamp>,
    /// The canonical identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<MatchIdentity>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(CanonicalRecord {
    show: [last_updated, data],
    shape: [record_id, sources, extra],
});

impl CanonicalRecord {
    /// Whether nothing was sent (`{}`: the answer of `find` when there is no match).
    pub fn is_empty(&self) -> bool {
        self == &CanonicalRecord::default()
    }
}

/// A source document: one identity as it was submitted to a match configuration.
///
/// `Debug` shows no identity data (PHI).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchSource {
    /// The source document's id (`_source_id`).
    #[serde(
        rename = "_source_id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_id: Option<String>,
    /// The identity as submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<MatchIdentity>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(MatchSource {
    show: [data],
    shape: [source_id, extra],
});

/// The `data` of an Identity Match 422 answer: `{"errors": {"validation": {...}}}`. The
/// client reports it as [`Error::Validation`](crate::Error::Validation), with nested fields
/// flattened to `birth_date.month`; this type is for stored or forwarded bodies.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchErrorData {
    /// The errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<MatchErrors>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(MatchErrorData {
    show: [errors],
    shape: [extra],
});

/// `errors` of an Identity Match 422 answer.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchErrors {
    /// Field name -> message; the value is a string, or an object for nested fields
    /// (`{"birth_date": {"month": "Missing field."}}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Extra>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(MatchErrors {
    show: [],
    shape: [validation, extra],
});

// ---------------------------------------------------------------------------------------------
// Identity Proof (KBA)
// ---------------------------------------------------------------------------------------------

/// The Identity Proof Request: body of `POST /identity/proof/valid/` and
/// `POST /identity/proof/questions/generate/`. Send `ssn` (full or last 4) or
/// `drivers_license_number`.
///
/// `Debug` shows no identity data (PHI).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityProofRequest {
    /// Legal first name.
    pub first_name: String,
    /// Legal middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Legal surname.
    pub last_name: String,
    /// Social security number, full or last 4 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssn: Option<String>,
    /// Driver's license number (instead of `ssn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drivers_license_number: Option<String>,
    /// Birth date in parts.
    pub birth_date: DateParts,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<StreetAddress>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// IP address the person connects from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// Other fields to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(IdentityProofRequest {
    show: [],
    shape: [
        first_name,
        middle_name,
        last_name,
        ssn,
        birth_date,
        address,
        email,
        drivers_license_number,
        phone_number,
        ip_address,
        extra
    ],
});

impl IdentityProofRequest {
    /// A request for a person by legal name and birth date; add `ssn` or
    /// `drivers_license_number`.
    pub fn new(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        birth_date: DateParts,
    ) -> Self {
        IdentityProofRequest {
            first_name: first_name.into(),
            middle_name: None,
            last_name: last_name.into(),
            ssn: None,
            drivers_license_number: None,
            birth_date,
            address: None,
            phone_number: None,
            email: None,
            ip_address: None,
            extra: Extra::new(),
        }
    }

    /// Sets the SSN (full or last 4 digits).
    #[must_use]
    pub fn ssn(mut self, ssn: impl Into<String>) -> Self {
        self.ssn = Some(ssn.into());
        self
    }

    /// Sets the driver's license number.
    #[must_use]
    pub fn drivers_license_number(mut self, number: impl Into<String>) -> Self {
        self.drivers_license_number = Some(number.into());
        self
    }

    /// Sets the address.
    #[must_use]
    pub fn address(mut self, address: StreetAddress) -> Self {
        self.address = Some(address);
        self
    }
}

/// One KBA question with its answer choices.
///
/// Questions and choices are about the person (zip codes, streets, ...): `Debug` shows the id
/// and the number of choices only.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProofQuestion {
    /// Question id (pass it as `question_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    /// The question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The choices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<ProofAnswerChoice>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProofQuestion {
    show: [id, answers],
    shape: [text, extra],
});

/// An answer choice of a KBA question.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProofAnswerChoice {
    /// Choice id (pass it as `answer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    /// The choice's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProofAnswerChoice {
    show: [id],
    shape: [answer, extra],
});

/// Answer of `POST /identity/proof/valid/` and `POST /identity/proof/questions/generate/`:
/// INVALID (`is_valid: false`), VALID (valid but not verifiable), or VERIFIABLE (with the first
/// `question`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProofQuestionnaire {
    /// Whether the identity can be verified with questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_verifiable: Option<bool>,
    /// Whether a matching identity was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_valid: Option<bool>,
    /// The questionnaire's id, when sent (the documented examples show none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire_id: Option<String>,
    /// The first question (VERIFIABLE only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<ProofQuestion>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProofQuestionnaire {
    show: [is_verifiable, is_valid, questionnaire_id, question],
    shape: [extra],
});

/// Body of `POST /identity/proof/questions/score/`. The ids are documented as strings but the
/// example sends numbers; pass the question's and choice's `id` values as received.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct ProofAnswerRequest {
    /// The questionnaire's id.
    pub questionnaire_id: String,
    /// The question's id.
    pub question_id: Value,
    /// The chosen answer's id.
    pub answer: Value,
    /// Other fields to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProofAnswerRequest {
    show: [questionnaire_id, question_id, answer],
    shape: [extra],
});

impl ProofAnswerRequest {
    /// Answers `question_id` of `questionnaire_id` with the choice `answer`.
    pub fn new(
        questionnaire_id: impl Into<String>,
        question_id: impl Into<Value>,
        answer: impl Into<Value>,
    ) -> Self {
        ProofAnswerRequest {
            questionnaire_id: questionnaire_id.into(),
            question_id: question_id.into(),
            answer: answer.into(),
            extra: Extra::new(),
        }
    }
}

/// Answer of `POST /identity/proof/questions/score/`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProofScore {
    /// `SUCCESS`, `FAILURE` or `PENDING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ProofStatus>,
    /// The next question (`PENDING`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<ProofQuestion>,
    /// When the identity may try again (`FAILURE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt: Option<Timestamp>,
    /// Whether the person was notified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_notified: Option<bool>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProofScore {
    show: [status, question, next_attempt, customer_notified],
    shape: [extra],
});

/// Query of `GET /identity/proof/report`. Without parameters the report covers the last
/// 24 hours.
#[derive(Clone, Default, PartialEq, Serialize)]
pub struct ProofReportQuery {
    /// Start of the period (ISO 8601 date or datetime).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_dt: Option<String>,
    /// End of the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_dt: Option<String>,
    /// One questionnaire (the period is ignored).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questionnaire_id: Option<String>,
    /// The questionnaire involving this activity (the period is ignored).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_id: Option<String>,
    /// `true` for a CSV report ([`ProofReport::Csv`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csv: Option<bool>,
}

redacted_debug!(ProofReportQuery {
    show: [start_dt, end_dt, questionnaire_id, activity_id, csv],
    shape: [],
});

/// Answer of `GET /identity/proof/report`: records, or CSV text when `csv=true`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ProofReport {
    /// One record per questionnaire.
    Records(Vec<ProofReportRecord>),
    /// The CSV report (header line + one line per questionnaire).
    Csv(String),
}

redacted_debug!(enum ProofReport {
    show: [Records],
    shape: [Csv],
});

/// One questionnaire of a proof report.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProofReportRecord {
    /// When the questionnaire was generated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_dt: Option<Timestamp>,
    /// When it was completed (absent if not completed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_dt: Option<Timestamp>,
    /// The questionnaire's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire_id: Option<String>,
    /// `SUCCESS` or `FAILURE`, once completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_result: Option<ProofStatus>,
    /// The `generate` and `score` calls of the questionnaire.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ProofReportActivity>,
    /// Names (not values) of the identity fields sent to `generate`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub id_fields: Vec<String>,
    /// Whether the identity was valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_valid: Option<bool>,
    /// Whether it was verifiable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_verifiable: Option<bool>,
    /// Number of questions asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n_questions: Option<u32>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProofReportRecord {
    show: [
        start_dt,
        end_dt,
        questionnaire_id,
        verification_result,
        activities,
        id_fields,
        is_valid,
        is_verifiable,
        n_questions
    ],
    shape: [extra],
});

/// An activity of a proof report record.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProofReportActivity {
    /// The activity's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_id: Option<String>,
    /// When it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
    /// HTTP status of the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ProofReportActivity {
    show: [activity_id, timestamp, status_code],
    shape: [extra],
});
