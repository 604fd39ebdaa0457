//! See the module docs of [`crate::api`].
//!
//! Out-of-pocket insurance: loaded prices and estimates.

use serde_json::Value;

use crate::models::Paging;
use crate::models::oop::{OopEstimate, OopEstimateRequest, OopLoadPrice, OopLoadPriceRequest};
use reqwest::Method;

use crate::{ApiResponse, Call, Page, PokitDok, Result, path_segment};

impl PokitDok {
    /// Loads a price for a CPT bundle, or, when the request has no `price`, returns the price
    /// currently loaded (`POST /oop/insurance-load-price`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::{Money, oop::OopLoadPriceRequest};
    /// let req = OopLoadPriceRequest::new("MOCKPAYER", ["99385"]).price(Money::usd("750"));
    /// let loaded = pd.load_oop_price(&req).await?;
    /// println!("uuid {:?}", loaded.data.uuid);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]); a lookup with no loaded price is an error.
    #[doc(alias = "oop_insurance_prices")]
    pub fn load_oop_price(&self, req: &OopLoadPriceRequest) -> Call<ApiResponse<OopLoadPrice>> {
        Call::data(self.post("/oop/insurance-load-price").json(req))
    }

    /// Lists the prices this application loaded (`GET /oop/insurance-load-price`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let prices = pd.oop_prices(&Default::default()).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    #[doc(alias = "oop_insurance_load_prices")]
    pub fn oop_prices(&self, paging: &Paging) -> Call<Page<OopLoadPrice>> {
        self.page("/oop/insurance-load-price", paging)
    }

    /// One loaded price (`GET /oop/insurance-load-price/{price_uuid}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let price = pd.oop_price("c1d1c0c4-1111-4e44-8a4f-4f7e1e6b5a01").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty id, `.` or `..`; otherwise as for any request.
    #[doc(alias = "oop_insurance_price")]
    pub fn oop_price(&self, price_uuid: &str) -> Call<ApiResponse<OopLoadPrice>> {
        Call::data(self.request_at(Method::GET, price_path(price_uuid)))
    }

    /// Removes a loaded price (`DELETE /oop/insurance-load-price/{price_uuid}`). An empty
    /// answer (204) is a success with `data` = `null`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let r = pd.delete_oop_price("c1d1c0c4-1111-4e44-8a4f-4f7e1e6b5a01").await?;
    /// println!("{}", r.status());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty id, `.` or `..`; otherwise as for any request.
    #[doc(alias = "oop_insurance_delete_price")]
    pub fn delete_oop_price(&self, price_uuid: &str) -> Call<ApiResponse<Value>> {
        Call::data(self.request_at(Method::DELETE, price_path(price_uuid)))
    }

    /// Estimates the out-of-pocket cost of a CPT bundle, with an eligibility check
    /// (`POST /oop/insurance-estimate`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::oop::OopEstimateRequest;
    /// let req = OopEstimateRequest::new("MOCKPAYER", ["99385"]).zip_code("29412");
    /// let estimate = pd.oop_estimate(&req).await?;
    /// if let Some(c) = &estimate.data.calculation {
    ///     println!("estimate {:?}", c.estimate);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    #[doc(alias = "oop_insurance_estimate")]
    pub fn oop_estimate(&self, req: &OopEstimateRequest) -> Call<ApiResponse<OopEstimate>> {
        Call::data(self.post("/oop/insurance-estimate").json(req))
    }
}

fn price_path(price_uuid: &str) -> Result<String> {
    Ok(format!(
        "/oop/insurance-load-price/{}",
        path_segment(price_uuid)?
    ))
}
