//! Eligibility (`POST /eligibility/`), in JSON and in the raw X12 forms. See the module docs of
//! [`crate::api`].

use crate::models::activities::Activity;
use crate::models::constants::EligibilityConstants;
use crate::models::eligibility::{Eligibility, EligibilityRequest, FullX12Json, X12Json};
use crate::{ApiResponse, Call, PokitDok};

use super::refuse_async;

/// `Content-Type` / `Accept` of raw X12.
pub(crate) const EDI_X12: &str = "application/edi-x12";
/// `Content-Type` / `Accept` of `{"x12": "..."}`.
pub(crate) const EDI_X12_JSON: &str = "application/vnd.pokitdok.v4+edi-x12-json";
/// `Accept` of transliterated X12 segments.
pub(crate) const FULL_X12_JSON: &str = "application/vnd.pokitdok.v4+full-x12-json";

impl PokitDok {
    /// Checks a member's eligibility and benefits in real time (`POST /eligibility/`, an X12
    /// 270/271).
    ///
    /// A request that asks for asynchronous processing (`async_: Some(true)`, e.g. after
    /// [`callback`](crate::models::eligibility::EligibilityRequest::callback)) is refused with
    /// [`crate::Error::Config`] before anything is sent: the platform would answer with an
    /// activity, which is what [`queue_eligibility`](Self::queue_eligibility) returns.
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
    pub fn eligibility(&self, req: &EligibilityRequest) -> Call<ApiResponse<Eligibility>> {
        let request = refuse_async(
            self.post("/eligibility/").json(req),
            wants_async(req),
            "eligibility",
            "queue_eligibility",
        );
        Call::data(request)
    }

    /// Queues an eligibility check (`POST /eligibility/` with `"async": true`). The answer is
    /// the activity that will carry the 271 as its `result`; the platform POSTs it to the
    /// request's `callback_url` (if any) when the trading partner responds. The request's
    /// `callback_url` and `application_data` are sent as they are.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::{Member, Provider};
    /// use pokitdok::models::eligibility::{Eligibility, EligibilityRequest};
    ///
    /// let req = EligibilityRequest::new(
    ///     Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
    ///     Provider::person("1467560003", "JEROME", "AYA-AY"),
    ///     "MOCKPAYER",
    /// )
    /// .callback("https://app.example/pokitdok/callback");
    /// let activity = pd.queue_eligibility(&req).await?.data;
    /// let id = activity.id.clone().unwrap_or_default();
    /// // ... later (or when the callback arrives):
    /// let activity = pd.activity(&id).await?.data;
    /// if activity.is_finished() {
    ///     println!("{:?}", activity.state_name());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn queue_eligibility(&self, req: &EligibilityRequest) -> Call<ApiResponse<Activity>> {
        let mut req = req.clone();
        req.async_ = Some(true);
        req.extra.remove("async");
        Call::data(self.post("/eligibility/").json(&req))
    }

    /// The platform's eligibility constants (`GET /eligibility/constants`): the service type
    /// names that [`EligibilityRequest::service_types`] takes, with their X12 codes. The
    /// platform documents this endpoint only in prose ("Service Type Codes ... can be
    /// retrieved by using GET /eligibility/constants"), so the model is lenient: anything it
    /// does not recognise is kept in `extra`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let constants = pd.eligibility_constants().await?.data;
    /// println!("{:?}", constants.service_type_code("chiropractic"));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn eligibility_constants(&self) -> Call<ApiResponse<EligibilityConstants>> {
        Call::data(self.get("/eligibility/constants"))
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
    pub fn eligibility_x12(&self, x12: &str) -> Call<String> {
        Call::text(
            self.post("/eligibility/")
                .header("accept", EDI_X12)
                .body(x12.to_owned(), EDI_X12),
        )
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
    pub fn eligibility_x12_json(&self, x12: &X12Json) -> Call<ApiResponse<X12Json>> {
        let request = self.post("/eligibility/").header("accept", EDI_X12_JSON);
        let request = match serde_json::to_vec(x12) {
            Ok(body) => request.body(body, EDI_X12_JSON),
            Err(_) => request.fail(crate::Error::config("the JSON body cannot be serialized")),
        };
        Call::data(request)
    }

    /// Checks eligibility from a JSON request and returns the 271 as transliterated X12
    /// segments (`Accept: application/vnd.pokitdok.v4+full-x12-json`). Real time only: a
    /// request asking for asynchronous processing is refused as by
    /// [`eligibility`](Self::eligibility).
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
    pub fn eligibility_full_x12_json(
        &self,
        req: &EligibilityRequest,
    ) -> Call<ApiResponse<FullX12Json>> {
        let request = self
            .post("/eligibility/")
            .header("accept", FULL_X12_JSON)
            .json(req);
        Call::data(refuse_async(
            request,
            wants_async(req),
            "eligibility_full_x12_json",
            "queue_eligibility",
        ))
    }
}

fn wants_async(req: &EligibilityRequest) -> bool {
    req.async_ == Some(true) || req.extra.get("async") == Some(&true.into())
}
