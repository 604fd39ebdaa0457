//! Models of the `oop` API group: loaded insurance prices and out-of-pocket estimates.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::models::common::{Amount, Extra, Member, Money, Provider};
use crate::redact::redacted_debug;

/// Body of `POST /oop/insurance-load-price`: load a price for a CPT bundle, or, without
/// `price`, retrieve the price currently loaded.
///
/// ```
/// use pokitdok::models::{Money, oop::OopLoadPriceRequest};
/// let load = OopLoadPriceRequest::new("MOCKPAYER", ["99385"]).price(Money::usd("750"));
/// let lookup = OopLoadPriceRequest::new("MOCKPAYER", ["99385"]);
/// assert!(lookup.price.is_none());
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OopLoadPriceRequest {
    /// Trading partner the price applies to.
    pub trading_partner_id: String,
    /// CPT codes billed as one bundle with a single price.
    pub cpt_bundle: Vec<String>,
    /// The price to load; omit it to retrieve the loaded price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(OopLoadPriceRequest {
    show: [trading_partner_id, cpt_bundle, price],
    shape: [extra],
});

impl OopLoadPriceRequest {
    /// A request for a trading partner and a CPT bundle (without price: a lookup).
    pub fn new(
        trading_partner_id: impl Into<String>,
        cpt_bundle: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        OopLoadPriceRequest {
            trading_partner_id: trading_partner_id.into(),
            cpt_bundle: cpt_bundle.into_iter().map(Into::into).collect(),
            price: None,
            extra: Extra::new(),
        }
    }

    /// Sets the price to load (`currency` defaults to USD on the platform when omitted).
    #[must_use]
    pub fn price(mut self, price: Money) -> Self {
        self.price = Some(price);
        self
    }
}

/// A loaded price (`/oop/insurance-load-price`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OopLoadPrice {
    /// Id of the loaded price, for `GET`/`DELETE /oop/insurance-load-price/{uuid}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// The application that loaded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Trading partner the price applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// CPT codes of the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpt_bundle: Option<Vec<String>>,
    /// The price of the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(OopLoadPrice {
    show: [uuid, client_id, trading_partner_id, cpt_bundle, price],
    shape: [extra],
});

/// Body of `POST /oop/insurance-estimate`.
///
/// `Debug` shows no member data (PHI).
///
/// ```
/// use pokitdok::models::{Member, Provider, oop::{OopEligibility, OopEstimateRequest}};
/// let req = OopEstimateRequest::new("MOCKPAYER", ["99385"])
///     .zip_code("29412")
///     .eligibility(OopEligibility::new(
///         Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
///         Provider::person("1234567893", "ELIZABETH", "BLACKWELL"),
///     ));
/// assert!(!format!("{req:?}").contains("Jane"));
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OopEstimateRequest {
    /// Trading partner of the member's coverage.
    pub trading_partner_id: String,
    /// CPT codes billed as one bundle.
    pub cpt_bundle: Vec<String>,
    /// ZIP code, to fall back on insurance prices when no price is loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Member and provider for the eligibility check; without both, generic eligibility data
    /// is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<OopEligibility>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(OopEstimateRequest {
    show: [trading_partner_id, cpt_bundle, eligibility],
    shape: [zip_code, extra],
});

impl OopEstimateRequest {
    /// A request for a trading partner and a CPT bundle.
    pub fn new(
        trading_partner_id: impl Into<String>,
        cpt_bundle: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        OopEstimateRequest {
            trading_partner_id: trading_partner_id.into(),
            cpt_bundle: cpt_bundle.into_iter().map(Into::into).collect(),
            zip_code: None,
            eligibility: None,
            extra: Extra::new(),
        }
    }

    /// Sets the fallback ZIP code.
    #[must_use]
    pub fn zip_code(mut self, zip_code: impl Into<String>) -> Self {
        self.zip_code = Some(zip_code.into());
        self
    }

    /// Sets the member and provider for the eligibility check.
    #[must_use]
    pub fn eligibility(mut self, eligibility: OopEligibility) -> Self {
        self.eligibility = Some(eligibility);
        self
    }
}

/// The `eligibility` block of an estimate request.
///
/// `Debug` shows no member data (PHI).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OopEligibility {
    /// The member (first name, last name, birth date and/or id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Member>,
    /// The provider (NPI, and a name or organization name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Provider>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(OopEligibility {
    show: [member, provider],
    shape: [extra],
});

impl OopEligibility {
    /// Member and provider.
    pub fn new(member: Member, provider: Provider) -> Self {
        OopEligibility {
            member: Some(member),
            provider: Some(provider),
            extra: Extra::new(),
        }
    }
}

/// `POST /oop/insurance-estimate`: the estimate and the eligibility response it used.
///
/// `Debug` shows the calculation only (the eligibility response holds PHI).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OopEstimate {
    /// The estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculation: Option<OopCalculation>,
    /// The full eligibility response (as returned by `POST /eligibility/`), kept as JSON;
    /// [`OopEstimate::eligibility_response`] decodes it into the typed
    /// [`Eligibility`](crate::models::eligibility::Eligibility) model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(OopEstimate {
    show: [calculation],
    shape: [eligibility, extra],
});

impl OopEstimate {
    /// The eligibility response as the typed model (`None` when absent).
    pub fn eligibility_response(
        &self,
    ) -> Option<serde_json::Result<crate::models::eligibility::Eligibility>> {
        self.eligibility_as()
    }

    /// Decodes the eligibility response into a model of your choice (`None` when absent).
    ///
    /// # Errors
    /// When it does not fit `T`.
    pub fn eligibility_as<T: DeserializeOwned>(&self) -> Option<serde_json::Result<T>> {
        self.eligibility
            .as_ref()
            .map(|v| serde_json::from_value(v.clone()))
    }
}

/// How an out-of-pocket estimate was computed. The lists run in parallel: one entry per
/// coinsurance found in the eligibility response.
///
/// Lists are `Option<Vec<_>>` so an explicit `[]` survives a round trip.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OopCalculation {
    /// Coinsurance rates used (`"0.0"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coinsurance: Option<Vec<Amount>>,
    /// Deductible from the eligibility response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible: Option<Amount>,
    /// Out-of-pocket maximum from the eligibility response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_oop: Option<Amount>,
    /// Estimates based on `price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Vec<Amount>>,
    /// Estimates based on `low_price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower_estimate: Option<Vec<Amount>>,
    /// Estimates based on `high_price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper_estimate: Option<Vec<Amount>>,
    /// Base price of the bundle (loaded price or insurance prices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// Low price of the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_price: Option<Money>,
    /// High price of the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_price: Option<Money>,
    /// Factors that influenced the estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<String>>,
    /// Service type codes of each coinsurance/estimate entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_type_codes: Option<Vec<Vec<String>>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(OopCalculation {
    show: [
        coinsurance,
        deductible,
        max_oop,
        estimate,
        lower_estimate,
        upper_estimate,
        price,
        low_price,
        high_price,
        service_type_codes,
        messages
    ],
    shape: [extra],
});
