//! See the module docs of [`crate::api`].
//!
//! Authorizations, referrals, benefits enrollment, CCD, enrollment snapshots and X12 file
//! uploads.

use serde::Serialize;
use serde_json::Value;

use crate::models::activities::Activity;
use crate::models::transactions::{
    Authorization, AuthorizationRequest, EnrollmentRecord, EnrollmentRequest, EnrollmentSnapshot,
    Referral, ReferralRequest,
};
use crate::models::{Paging, X12File};
use crate::{ApiResponse, Page, PokitDok, Result, path_segment};

impl PokitDok {
    /// Submits a request for the review of health care services to get an authorization
    /// (`POST /authorizations/`, X12 278).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::transactions::*;
    ///
    /// let event = ReviewEvent::initial(ReviewCategory::HealthServicesReview, "diagnostic_medical");
    /// let req = AuthorizationRequest::new(
    ///     "MOCKPAYER",
    ///     event,
    ///     ReviewMember::new("1234567890", "JANE", "DOE", "1970-01-25"),
    ///     ReviewProvider::person("1467560003", "JEROME", "AYA-AY"),
    /// );
    /// let auth = pd.authorizations(&req).await?;
    /// println!("{:?} {:?}", auth.data.certification_action(), auth.data.certification_number());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub async fn authorizations(
        &self,
        req: &AuthorizationRequest,
    ) -> Result<ApiResponse<Authorization>> {
        self.post("/authorizations/").json(req).send_as().await
    }

    /// Submits a referral request for specialty care (`POST /referrals/`, X12 278). The body
    /// is the same object as for [`authorizations`](Self::authorizations), with
    /// `event.category` `specialty_care_review` and no `services`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::transactions::*;
    ///
    /// let event = ReviewEvent::initial(ReviewCategory::SpecialtyCareReview, "consultation");
    /// let req = ReferralRequest::new(
    ///     "MOCKPAYER",
    ///     event,
    ///     ReviewMember::new("1234567890", "JANE", "DOE", "1970-01-25"),
    ///     ReviewProvider::person("1619131232", "CHRISTINA", "BERTOLAMI"),
    /// );
    /// let referral = pd.referrals(&req).await?;
    /// println!("{:?}", referral.data.certification_action());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub async fn referrals(&self, req: &ReferralRequest) -> Result<ApiResponse<Referral>> {
        self.post("/referrals/").json(req).send_as().await
    }

    /// Submits a benefits enrollment (`POST /enrollment/`, X12 834 as JSON). Batch only.
    ///
    /// The platform documents no response body (it "varies greatly from carrier to carrier"),
    /// so `data` stays untyped JSON.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, req: pokitdok::models::transactions::EnrollmentRequest) -> pokitdok::Result<()> {
    /// let r = pd.enrollment(&req).await?;
    /// println!("activity {:?}", r.meta.activity_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub async fn enrollment(&self, req: &EnrollmentRequest) -> Result<ApiResponse<Value>> {
        self.post("/enrollment/").json(req).send_as().await
    }

    /// Submits a CCD (continuity of care document) request (`POST /ccd/`). The API is not in
    /// the platform docs; the official clients send any JSON body, so this takes anything
    /// serializable and returns untyped JSON.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let r = pd.ccd(&serde_json::json!({"trading_partner_id": "MOCKPAYER"})).await?;
    /// println!("{}", r.data);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub async fn ccd<B: Serialize + ?Sized>(&self, req: &B) -> Result<ApiResponse<Value>> {
        self.post("/ccd/").json(req).send_as().await
    }

    /// Uploads a full X12 834 file as an enrollment snapshot for `trading_partner_id`
    /// (`POST /enrollment/snapshot`, multipart `file` + `trading_partner_id`). Returns the
    /// activity that processes it.
    ///
    /// The name follows the Python client; the snapshot itself is read with
    /// [`enrollment_snapshot_by_id`](Self::enrollment_snapshot_by_id).
    ///
    /// The upload is never resent, except once, byte for byte, when the token is refused
    /// with a 401.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::X12File;
    ///
    /// let a = pd.enrollment_snapshot("MOCKPAYER", &X12File::from_path("members.834")).await?;
    /// println!("{:?} {:?}", a.data.id, a.data.state);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] when the file cannot be read; otherwise as for any request.
    pub async fn enrollment_snapshot(
        &self,
        trading_partner_id: &str,
        file: &X12File,
    ) -> Result<ApiResponse<Activity>> {
        let form = file
            .form(&[("trading_partner_id", trading_partner_id)])
            .await?;
        self.post("/enrollment/snapshot")
            .upload(form)
            .send_as()
            .await
    }

    /// Lists enrollment snapshots (`GET /enrollment/snapshot`, `limit`/`offset`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let page = pd.enrollment_snapshots(&Default::default()).await?;
    /// for s in &page.data {
    ///     println!("{:?} {:?}", s.snapshot_id, s.snapshot_date);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub async fn enrollment_snapshots(&self, paging: &Paging) -> Result<Page<EnrollmentSnapshot>> {
        self.page("/enrollment/snapshot", paging).await
    }

    /// One enrollment snapshot (`GET /enrollment/snapshot/{id}`).
    ///
    /// Named `_by_id` because [`enrollment_snapshot`](Self::enrollment_snapshot) is the upload
    /// (as in the Python client).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let s = pd.enrollment_snapshot_by_id("5317f51527a27620f2ec7533").await?;
    /// println!("{:?}", s.data.snapshot_date);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty id, `.` or `..`; otherwise as for any request.
    pub async fn enrollment_snapshot_by_id(
        &self,
        id: &str,
    ) -> Result<ApiResponse<EnrollmentSnapshot>> {
        self.get(format!("/enrollment/snapshot/{}", path_segment(id)?))
            .send_as()
            .await
    }

    /// The enrollments of a snapshot (`GET /enrollment/snapshot/{id}/data`,
    /// `limit`/`offset`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::Paging;
    ///
    /// let paging = Paging { limit: Some(50), offset: None };
    /// let page = pd.enrollment_snapshot_data("5317f51527a27620f2ec7533", &paging).await?;
    /// println!("{} enrollments", page.data.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty id, `.` or `..`; otherwise as for any request.
    pub async fn enrollment_snapshot_data(
        &self,
        id: &str,
        paging: &Paging,
    ) -> Result<Page<EnrollmentRecord>> {
        let path = format!("/enrollment/snapshot/{}/data", path_segment(id)?);
        self.page(&path, paging).await
    }

    /// Uploads a raw X12 file (e.g. a 270 batch) for `trading_partner_id` (`POST /files/`,
    /// multipart `file` + `trading_partner_id` [+ `callback_url`]). Returns the batch
    /// activity; its transactions become sub-activities (`GET /activities/?parent_id=`).
    ///
    /// The upload is never resent, except once, byte for byte, when the token is refused
    /// with a 401.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::X12File;
    ///
    /// let a = pd.files("MOCKPAYER", &X12File::from_path("batch.270"), None).await?;
    /// println!("{:?} {:?}", a.data.id, a.data.state.and_then(|s| s.name));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] when the file cannot be read; otherwise as for any request.
    pub async fn files(
        &self,
        trading_partner_id: &str,
        file: &X12File,
        callback_url: Option<&str>,
    ) -> Result<ApiResponse<Activity>> {
        let mut fields = vec![("trading_partner_id", trading_partner_id)];
        if let Some(url) = callback_url {
            fields.push(("callback_url", url));
        }
        let form = file.form(&fields).await?;
        self.post("/files/").upload(form).send_as().await
    }
}
