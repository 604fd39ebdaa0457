//! Models of the `admin` API group: app registrations (which provider an app submits
//! eligibility, claims or claim-status transactions for, per trading partner).

use serde::{Deserialize, Serialize};

use crate::models::common::{Address, Extra, open_enum};
use crate::redact::redacted_debug;

open_enum! {
    /// The transaction an app registration is for (`transaction_set_name`).
    pub enum TransactionSetName {
        /// `eligibility`.
        Eligibility = "eligibility",
        /// `claims`.
        Claims = "claims",
        /// `claim_status`.
        ClaimStatus = "claim_status",
    }
}

/// Body of `POST /appregistrations` and `PUT /appregistrations/{uuid}`.
///
/// ```
/// use pokitdok::models::Address;
/// use pokitdok::models::admin::{AppRegistrationRequest, TransactionSetName};
///
/// let req = AppRegistrationRequest::new(
///     "MOCKPAYER",
///     TransactionSetName::Eligibility,
///     "1234567893",
///     ["123456789"],
///     ["billing"],
///     &Address::new(["123 Main ST"], "San Mateo", "CA", "94401"),
/// )
/// .person("Jane", "Doe");
/// let v = serde_json::to_value(&req).unwrap();
/// assert_eq!(v["tax_id"], serde_json::json!(["123456789"]));
/// assert_eq!(v["zipcode"], "94401");
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AppRegistrationRequest {
    /// Trading partner id.
    pub trading_partner_id: String,
    /// The transaction the registration is for.
    pub transaction_set_name: TransactionSetName,
    /// The provider's NPI.
    pub npi: String,
    /// Federal tax ids of the provider (a list).
    pub tax_id: Vec<String>,
    /// Claims roles, e.g. `billing`, `rendering`.
    pub claims_roles: Vec<String>,
    /// Street lines.
    pub address_lines: Vec<String>,
    /// City.
    pub city: String,
    /// State code.
    pub state: String,
    /// ZIP code.
    pub zipcode: String,
    /// Provider's first name (individuals; omit with `organization_name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Provider's last name (individuals; omit with `organization_name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Organization name (organizations; omit first/last name then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(AppRegistrationRequest {
    show: [
        trading_partner_id,
        transaction_set_name,
        npi,
        claims_roles,
        state,
        organization_name
    ],
    shape: [
        address_lines,
        city,
        zipcode,
        first_name,
        last_name,
        tax_id,
        extra
    ],
});

impl AppRegistrationRequest {
    /// A registration with its required fields; the address is taken from `address`
    /// (`address_lines`, `city`, `state`, `zipcode`). Name the provider with
    /// [`person`](Self::person) or [`organization`](Self::organization).
    pub fn new(
        trading_partner_id: impl Into<String>,
        transaction_set_name: TransactionSetName,
        npi: impl Into<String>,
        tax_ids: impl IntoIterator<Item = impl Into<String>>,
        claims_roles: impl IntoIterator<Item = impl Into<String>>,
        address: &Address,
    ) -> Self {
        AppRegistrationRequest {
            trading_partner_id: trading_partner_id.into(),
            transaction_set_name,
            npi: npi.into(),
            tax_id: tax_ids.into_iter().map(Into::into).collect(),
            claims_roles: claims_roles.into_iter().map(Into::into).collect(),
            address_lines: address.address_lines.clone(),
            city: address.city.clone().unwrap_or_default(),
            state: address.state.clone().unwrap_or_default(),
            zipcode: address.zipcode.clone().unwrap_or_default(),
            first_name: None,
            last_name: None,
            organization_name: None,
            extra: Extra::new(),
        }
    }

    /// An individual provider (clears `organization_name`).
    #[must_use]
    pub fn person(mut self, first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        self.first_name = Some(first_name.into());
        self.last_name = Some(last_name.into());
        self.organization_name = None;
        self
    }

    /// An organization (clears the first and last name).
    #[must_use]
    pub fn organization(mut self, name: impl Into<String>) -> Self {
        self.organization_name = Some(name.into());
        self.first_name = None;
        self.last_name = None;
        self
    }
}

/// An app registration, as the platform returns it: the request fields plus `_uuid`,
/// `app_name` and `client_id`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AppRegistration {
    /// Registration id (`_uuid`); pass it to the `app_registration` methods.
    #[serde(rename = "_uuid", default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Name of the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// Client id of the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Trading partner id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// The transaction the registration is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_name: Option<TransactionSetName>,
    /// The provider's NPI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
    /// Federal tax ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tax_id: Vec<String>,
    /// Claims roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims_roles: Vec<String>,
    /// Provider's first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Provider's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Organization name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Street lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address_lines: Vec<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ZIP code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(AppRegistration {
    show: [
        uuid,
        app_name,
        client_id,
        trading_partner_id,
        transaction_set_name,
        npi,
        claims_roles,
        organization_name,
        state
    ],
    shape: [
        first_name,
        last_name,
        address_lines,
        city,
        zipcode,
        tax_id,
        extra
    ],
});
