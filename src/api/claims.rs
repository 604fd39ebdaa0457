//! Claims (`/claims/`), claim status, claims convert, claim drafts and validation, and
//! payments (`/payments/`). See the module docs of [`crate::api`].

use serde_json::Value;

use crate::models::activities::Activity;
use crate::models::claims::{
    ClaimDraft, ClaimDraftRequest, ClaimPayment, ClaimRequest, ClaimStatus, ClaimStatusRequest,
    ClaimsConvert, Payment, PaymentsQuery,
};
use crate::models::{Paging, X12File};
use crate::{ApiResponse, Page, PokitDok, Result, path_segment};

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
    pub async fn claims(&self, req: &ClaimRequest) -> Result<ApiResponse<Activity>> {
        self.post("/claims/").json(req).send_as().await
    }

    /// Asks a trading partner for the status of a patient's claims (`POST /claims/status`, an X12
    /// 276/277).
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
    pub async fn claims_status(
        &self,
        req: &ClaimStatusRequest,
    ) -> Result<ApiResponse<ClaimStatus>> {
        self.post("/claims/status").json(req).send_as().await
    }

    /// Converts an X12 837 file (ICD-9 codes mapped to ICD-10) into a claims request
    /// (`POST /claims/convert`, multipart part `file`, `application/EDI-X12`, with the file's own
    /// name). For a file with several claims the platform answers with a batch activity instead;
    /// use the generic `pd.post("/claims/convert")` for that case.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::X12File;
    /// let converted = pd.claims_convert(&X12File::from_path("test_claim.837")).await?.data;
    /// if let Some(req) = &converted.claims_request {
    ///     let activity = pd.claims(req).await?;
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] when the file cannot be read; otherwise as for any request.
    pub async fn claims_convert(&self, file: &X12File) -> Result<ApiResponse<ClaimsConvert>> {
        self.post("/claims/convert")
            .upload(file.form(&[]).await?)
            .send_as()
            .await
    }

    /// Validates a claims request without submitting it (`POST /claims/validate/`). The answer's
    /// shape is not documented; it is returned as JSON.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, claim: pokitdok::models::claims::ClaimRequest) -> pokitdok::Result<()> {
    /// let result = pd.claims_validate(&claim).await?.data;
    /// println!("{result}");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request; [`crate::Error::Validation`] for an invalid claim.
    pub async fn claims_validate(&self, req: &ClaimRequest) -> Result<ApiResponse<Value>> {
        self.post("/claims/validate/").json(req).send_as().await
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
    pub async fn create_claim_draft(
        &self,
        draft: &ClaimDraftRequest,
    ) -> Result<ApiResponse<ClaimDraft>> {
        self.post("/claims/drafts/").json(draft).send_as().await
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
    pub async fn claim_drafts(&self, paging: &Paging) -> Result<Page<ClaimDraft>> {
        self.page("/claims/drafts/", paging).await
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
    pub async fn claim_draft(&self, id: &str) -> Result<ApiResponse<ClaimDraft>> {
        self.get(format!("/claims/drafts/{}", path_segment(id)?))
            .send_as()
            .await
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
    pub async fn update_claim_draft(
        &self,
        id: &str,
        draft: &ClaimDraftRequest,
    ) -> Result<ApiResponse<ClaimDraft>> {
        self.put(format!("/claims/drafts/{}", path_segment(id)?))
            .json(draft)
            .send_as()
            .await
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
    pub async fn delete_claim_draft(&self, id: &str) -> Result<ApiResponse<Value>> {
        self.delete(format!("/claims/drafts/{}", path_segment(id)?))
            .send_as()
            .await
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
    pub async fn validate_claim_draft(&self, id: &str) -> Result<ApiResponse<ClaimDraft>> {
        self.get(format!("/claims/drafts/{}/validate", path_segment(id)?))
            .send_as()
            .await
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
    pub async fn payments(&self, query: &PaymentsQuery) -> Result<Page<Payment>> {
        self.page("/payments/", query).await
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
    pub async fn payment(&self, id: &str) -> Result<ApiResponse<Payment>> {
        self.get(format!("/payments/{}", path_segment(id)?))
            .send_as()
            .await
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
    pub async fn payment_data(&self, id: &str) -> Result<ApiResponse<Vec<ClaimPayment>>> {
        self.get(format!("/payments/{}/data", path_segment(id)?))
            .send_as()
            .await
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
    pub async fn payment_data_x12(&self, id: &str) -> Result<String> {
        self.get(format!("/payments/{}/data", path_segment(id)?))
            .header("accept", super::eligibility::EDI_X12)
            .send_text()
            .await
    }
}
