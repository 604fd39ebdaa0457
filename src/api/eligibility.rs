//! Eligibility (`POST /eligibility/`), in JSON and in the raw X12 forms. See the module docs of
//! [`crate::api`].

use crate::models::eligibility::{Eligibility, EligibilityRequest, FullX12Json, X12Json};
use crate::{ApiResponse, PokitDok, Result};

/// `Content-Type` / `Accept` of raw X12.
pub(crate) const EDI_X12: &str = "application/edi-x12";
/// `Content-Type` / `Accept` of `{"x12": "..."}`.
pub(crate) const EDI_X12_JSON: &str = "application/vnd.pokitdok.v4+edi-x12-json";
/// `Accept` of transliterated X12 segments.
pub(crate) const FULL_X12_JSON: &str = "application/vnd.pokitdok.v4+full-x12-json";

impl PokitDok {
    /// Checks a member's eligibility and benefits (`POST /eligibility/`, an X12 270/271).
    ///
    /// With `async_: Some(true)` the platform answers with an activity instead and POSTs it to
    /// `callback_url` when the trading partner responds; use the generic
    /// `pd.post("/eligibility/")` for that, or [`PokitDok::activity`] afterwards.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::{Member, Provider};
    /// use pokitdok::models::eligibility::EligibilityRequest;
    ///
    /// let req = EligibilityRequest::new(
    ///     Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
    ///     Provider::person("1467560003", "JEROME", "AYA-AY"),
    ///     "MOCKPAYER",
    /// );
    /// let e = pd.eligibility(&req).await?.data;
    /// if e.valid_request == Some(false) {
    ///     println!("rejected: {:?}, {:?}", e.reject_reason, e.follow_up_action);
    /// } else {
    ///     println!("active: {}", e.is_active());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request; a trading partner's 999 rejection is
    /// [`crate::Error::TradingPartner`] (see
    /// [`X12ErrorData::from_error`](crate::models::eligibility::X12ErrorData::from_error)).
    pub async fn eligibility(&self, req: &EligibilityRequest) -> Result<ApiResponse<Eligibility>> {
        self.post("/eligibility/").json(req).send_as().await
    }

    /// Sends a raw X12 270 and returns the raw X12 271 (`POST /eligibility/` with
    /// `Content-Type` and `Accept` `application/edi-x12`). The PokitDok trading partner id goes
    /// in NM109; only the first transaction of the interchange is processed.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let x12_270 = std::fs::read_to_string("request.270").unwrap();
    /// let x12_271 = pd.eligibility_x12(&x12_270).await?;
    /// println!("{} segments", x12_271.matches('~').count());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request; [`crate::Error::Decode`] when the answer is not UTF-8.
    pub async fn eligibility_x12(&self, x12: &str) -> Result<String> {
        self.post("/eligibility/")
            .header("accept", EDI_X12)
            .body(x12.to_owned(), EDI_X12)
            .send_text()
            .await
    }

    /// Sends a 270 wrapped as `{"x12": "..."}` and gets the 271 the same way
    /// (`application/vnd.pokitdok.v4+edi-x12-json` both ways).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::eligibility::X12Json;
    /// let r = pd.eligibility_x12_json(&X12Json::new("ISA*03*...~")).await?;
    /// println!("{:?}", r.data);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub async fn eligibility_x12_json(&self, x12: &X12Json) -> Result<ApiResponse<X12Json>> {
        let body = serde_json::to_vec(x12)
            .map_err(|_| crate::Error::config("the JSON body cannot be serialized"))?;
        self.post("/eligibility/")
            .header("accept", EDI_X12_JSON)
            .body(body, EDI_X12_JSON)
            .send_as()
            .await
    }

    /// Checks eligibility from a JSON request and returns the 271 as transliterated X12
    /// segments (`Accept: application/vnd.pokitdok.v4+full-x12-json`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, req: pokitdok::models::eligibility::EligibilityRequest) -> pokitdok::Result<()> {
    /// let r = pd.eligibility_full_x12_json(&req).await?;
    /// for s in r.data.x12_segments.iter().filter(|s| s.segment_id == "EB") {
    ///     println!("{:?}", s.element("eligibility_or_benefit_information"));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub async fn eligibility_full_x12_json(
        &self,
        req: &EligibilityRequest,
    ) -> Result<ApiResponse<FullX12Json>> {
        self.post("/eligibility/")
            .header("accept", FULL_X12_JSON)
            .json(req)
            .send_as()
            .await
    }
}
