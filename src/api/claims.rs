//! Claims (`/claims/`), claim status, claims convert, claim drafts and validation, and
//! payments (`/payments/`). See the module docs of [`crate::api`].

use serde_json::Value;

use crate::models::activities::Activity;
use crate::models::claims::{
    ClaimDraft, ClaimDraftRequest, ClaimPayment, ClaimRequest, ClaimStatus, ClaimStatusRequest,
    ClaimsConvert, Payment, PaymentsQuery,
};
use crate::models::{Paging, X12File};
use crate::{Answer, ApiResponse, Call, Page, PokitDok, Result, path_segment};
use reqwest::Method;

use super::refuse_async;

impl PokitDok {
    /// Submits a professional claim (`POST /claims/`, an X12 837P). The answer is the claims
    /// [`Activity`] (state `scheduled`); the acknowledgement and later the 835 payment arrive as
    /// its `result` — poll [`PokitDok::activity`] or receive them at `callback_url`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, claim: pokitdok::models::claims::ClaimRequest) -> pokitdok::Result<()> {
    /// let activity = pd.claims(&claim).await?.data;
    /// println!("claim activity {:?} is {:?}", activity.id, activity.state_name());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request; [`crate::Error::Validation`] when the platform refuses the claim.
    pub fn claims(&self, req: &ClaimRequest) -> Call<ApiResponse<Activity>> {
        Call::data(self.post("/claims/").json(req))
    }

    /// Asks a trading partner for the status of a patient's claims (`POST /claims/status`, an X12
    /// 276/277), in real time.
    ///
    /// A request that asks for asynchronous processing (`async_: Some(true)`, e.g. after
    /// `callback(..)`) is refused with [`crate::Error::Config`] before anything is sent: the
    /// platform would answer with an activity, which is what
    /// [`queue_claims_status`](Self::queue_claims_status) returns.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::{Member, Provider};
    /// use pokitdok::models::claims::ClaimStatusRequest;
    ///
    /// let req = ClaimStatusRequest::new(
    ///     "MOCKPAYER",
    ///     Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
    ///     Provider::person("1234567893", "Elizabeth", "Blackwell"),
    ///     "2014-01-25",
    /// );
    /// let status = pd.claims_status(&req).await?.data;
    /// for claim in status.patient.iter().flat_map(|p| &p.claims) {
    ///     println!("{:?} {:?}", claim.tracking_id, claim.statuses.first().map(|s| &s.status_category));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn claims_status(&self, req: &ClaimStatusRequest) -> Call<ApiResponse<ClaimStatus>> {
        let wants_async = req.async_ == Some(true) || req.extra.get("async") == Some(&true.into());
        let request = refuse_async(
            self.post("/claims/status").json(req),
            wants_async,
            "claims_status",
            "queue_claims_status",
        );
        Call::data(request)
    }

    /// Queues a claim status request (`POST /claims/status` with `"async": true`): the answer
    /// is the activity that will carry the 277 as its `result`, POSTed to the request's
    /// `callback_url` (if any) when the trading partner responds. The request's
    /// `callback_url` and `application_data` are sent as they are.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, req: pokitdok::models::claims::ClaimStatusRequest) -> pokitdok::Result<()> {
    /// let activity = pd.queue_claims_status(&req).await?.data;
    /// // later: pd.activity(id) until it is finished, or receive it at callback_url
    /// println!("{:?} {:?}", activity.id, activity.state_name());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn queue_claims_status(&self, req: &ClaimStatusRequest) -> Call<ApiResponse<Activity>> {
        let mut req = req.clone();
        req.async_ = Some(true);
        req.extra.remove("async");
        Call::data(self.post("/claims/status").json(&req))
    }

    /// Converts an X12 837 file (ICD-9 codes mapped to ICD-10) into a claims request
    /// (`POST /claims/convert`, multipart part `file`, `application/EDI-X12`, with the file's own
    /// name; the file is read when the call is awaited).
    ///
    /// For a file with one claim the answer is [`Answer::Ready`] with the conversion; for a
    /// file with several, the platform answers with a batch activity, [`Answer::Queued`],
    /// whose sub-activities (`pd.activities(&ActivitiesQuery::new().parent_id(id))`) each
    /// carry one conversion as their `result`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::Answer;
    /// use pokitdok::models::X12File;
    ///
    /// match pd.convert_claims(&X12File::from_path("test_claim.837")).await?.data {
    ///     Answer::Ready(converted) => {
    ///         if let Some(req) = &converted.claims_request {
    ///             let activity = pd.claims(req).await?;
    ///         }
    ///     }
    ///     Answer::Queued(batch) => println!("{:?} claims in batch {:?}", batch.units_of_work, batch.id),
    ///     _ => {}
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] when the file cannot be read; otherwise as for any request.
    #[doc(alias = "claims_convert")]
    pub fn convert_claims(&self, file: &X12File) -> Call<ApiResponse<Answer<ClaimsConvert>>> {
        let file = file.clone();
        Call::new(self.post("/claims/convert"), move |r| async move {
            let form = file.form(&[]).await?;
            r.upload(form).send_as().await
        })
    }

    /// Validates a claims request without submitting it (`POST /claims/validate/`). The answer's
    /// shape is not documented; it is returned as JSON.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, claim: pokitdok::models::claims::ClaimRequest) -> pokitdok::Result<()> {
    /// let result = pd.validate_claim(&claim).await?.data;
    /// println!("{result}");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request; [`crate::Error::Validation`] for an invalid claim.
    #[doc(alias = "claims_validate")]
    pub fn validate_claim(&self, req: &ClaimRequest) -> Call<ApiResponse<Value>> {
        Call::data(self.post("/claims/validate/").json(req))
    }

    /// Creates a claim draft (`POST /claims/drafts/`, Claims Management App users only).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::claims::ClaimDraftRequest;
    /// let draft = ClaimDraftRequest::new(serde_json::json!({"trading_partner_id": "MOCKPAYER"}));
    /// let created = pd.create_claim_draft(&draft).await?.data;
    /// println!("draft {:?}", created.id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn create_claim_draft(&self, draft: &ClaimDraftRequest) -> Call<ApiResponse<ClaimDraft>> {
        Call::data(self.post("/claims/drafts/").json(draft))
    }

    /// Lists claim drafts (`GET /claims/drafts/`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let page = pd.claim_drafts(&pokitdok::models::Paging::default()).await?;
    /// println!("{} drafts", page.data.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn claim_drafts(&self, paging: &Paging) -> Call<Page<ClaimDraft>> {
        self.page("/claims/drafts/", paging)
    }

    /// One claim draft (`GET /claims/drafts/{id}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let draft = pd.claim_draft("5930819201a3af0082bc3dfb").await?.data;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; otherwise as for any request.
    pub fn claim_draft(&self, id: &str) -> Call<ApiResponse<ClaimDraft>> {
        Call::data(self.request_at(Method::GET, draft_path(id)))
    }

    /// Replaces a claim draft (`PUT /claims/drafts/{id}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, claim: pokitdok::models::claims::ClaimRequest) -> pokitdok::Result<()> {
    /// use pokitdok::models::claims::ClaimDraftRequest;
    /// let updated = pd
    ///     .update_claim_draft("5930819201a3af0082bc3dfb", &ClaimDraftRequest::from_claim(&claim)?)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; otherwise as for any request.
    pub fn update_claim_draft(
        &self,
        id: &str,
        draft: &ClaimDraftRequest,
    ) -> Call<ApiResponse<ClaimDraft>> {
        Call::data(self.request_at(Method::PUT, draft_path(id)).json(draft))
    }

    /// Deletes a claim draft (`DELETE /claims/drafts/{id}`). An empty answer gives `data` =
    /// `Value::Null`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// pd.delete_claim_draft("5930819201a3af0082bc3dfb").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; otherwise as for any request.
    pub fn delete_claim_draft(&self, id: &str) -> Call<ApiResponse<Value>> {
        Call::data(self.request_at(Method::DELETE, draft_path(id)))
    }

    /// Validates a claim draft (`GET /claims/drafts/{id}/validate`); the answer carries the
    /// draft and its `validation_result`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let checked = pd.validate_claim_draft("5930819201a3af0082bc3dfb").await?.data;
    /// println!("{:?}", checked.validation_result);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; otherwise as for any request.
    pub fn validate_claim_draft(&self, id: &str) -> Call<ApiResponse<ClaimDraft>> {
        let path = draft_path(id).map(|p| format!("{p}/validate"));
        Call::data(self.request_at(Method::GET, path))
    }

    /// Searches payments (ERAs) (`GET /payments/`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::claims::PaymentsQuery;
    /// let page = pd.payments(&PaymentsQuery::new().trading_partner_id("MOCKPAYER")).await?;
    /// for p in &page.data {
    ///     println!("{:?} {:?}", p.id, p.total.as_ref().map(|t| t.amount.as_decimal_str()));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn payments(&self, query: &PaymentsQuery) -> Call<Page<Payment>> {
        self.page("/payments/", query)
    }

    /// One payment (`GET /payments/{id}`), e.g. an activity's
    /// [`payment_id`](crate::models::activities::Activity::payment_id).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let p = pd.payment("5930819201a3af0082bc3dfb").await?.data;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; otherwise as for any request.
    pub fn payment(&self, id: &str) -> Call<ApiResponse<Payment>> {
        Call::data(self.request_at(Method::GET, payment_path(id)))
    }

    /// The claim payments (835 objects) of a payment (`GET /payments/{id}/data`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let payments = pd.payment_data("5930819201a3af0082bc3dfb").await?.data;
    /// for p in &payments {
    ///     println!("{} claims", p.claim_payments.len());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; otherwise as for any request.
    pub fn payment_data(&self, id: &str) -> Call<ApiResponse<Vec<ClaimPayment>>> {
        let path = payment_path(id).map(|p| format!("{p}/data"));
        Call::data(self.request_at(Method::GET, path))
    }

    /// The raw X12 835 of a payment (`GET /payments/{id}/data` with
    /// `Accept: application/edi-x12`), as text.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let x12 = pd.payment_data_x12("5930819201a3af0082bc3dfb").await?;
    /// std::fs::write("payment.835", &x12).unwrap();
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; [`crate::Error::Decode`] when the
    /// answer is not UTF-8; otherwise as for any request.
    pub fn payment_data_x12(&self, id: &str) -> Call<String> {
        let path = payment_path(id).map(|p| format!("{p}/data"));
        Call::text(
            self.request_at(Method::GET, path)
                .header("accept", super::eligibility::EDI_X12),
        )
    }
}

fn draft_path(id: &str) -> Result<String> {
    Ok(format!("/claims/drafts/{}", path_segment(id)?))
}

fn payment_path(id: &str) -> Result<String> {
    Ok(format!("/payments/{}", path_segment(id)?))
}
