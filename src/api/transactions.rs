//! See the module docs of [`crate::api`].
//!
//! Authorizations, referrals, benefits enrollment, CCD, enrollment snapshots and X12 file
//! uploads.

use serde::Serialize;
use serde_json::Value;

use crate::models::activities::Activity;
use crate::models::transactions::{
    Authorization, AuthorizationRequest, EnrollmentRecord, EnrollmentRequest, EnrollmentSnapshot,
    Referral, ReferralRequest, ServiceReviewRequest,
};
use crate::models::{Paging, X12File};
use reqwest::Method;

use crate::{ApiResponse, Call, Page, PokitDok, path_segment};

use super::refuse_async;

impl PokitDok {
    /// Submits a request for the review of health care services to get an authorization
    /// (`POST /authorizations/`, X12 278), in real time.
    ///
    /// A request that asks for asynchronous processing (`async_: Some(true)`, e.g. after
    /// `callback(..)`) is refused with [`crate::Error::Config`] before anything is sent: the
    /// platform would answer with an activity, which is what
    /// [`queue_authorizations`](Self::queue_authorizations) returns.
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
    pub fn authorizations(&self, req: &AuthorizationRequest) -> Call<ApiResponse<Authorization>> {
        let request = self.post("/authorizations/").json(req);
        Call::data(refuse_async(
            request,
            wants_async(req),
            "authorizations",
            "queue_authorizations",
        ))
    }

    /// Queues an authorization request (`POST /authorizations/` with `"async": true`): the
    /// answer is the activity that will carry the 278 response as its `result`, POSTed to the
    /// request's `callback_url` (if any). The request's `callback_url` and `application_data`
    /// are sent as they are.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, req: pokitdok::models::transactions::AuthorizationRequest) -> pokitdok::Result<()> {
    /// let activity = pd.queue_authorizations(&req).await?.data;
    /// println!("{:?}", activity.id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn queue_authorizations(&self, req: &AuthorizationRequest) -> Call<ApiResponse<Activity>> {
        Call::data(self.post("/authorizations/").json(&as_async(req)))
    }

    /// Submits a referral request for specialty care (`POST /referrals/`, X12 278), in real
    /// time. The body is the same object as for [`authorizations`](Self::authorizations), with
    /// `event.category` `specialty_care_review` and no `services`.
    ///
    /// A request that asks for asynchronous processing (`async_: Some(true)`) is refused with
    /// [`crate::Error::Config`] before anything is sent; use
    /// [`queue_referrals`](Self::queue_referrals) for the activity.
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
    pub fn referrals(&self, req: &ReferralRequest) -> Call<ApiResponse<Referral>> {
        let request = self.post("/referrals/").json(req);
        Call::data(refuse_async(
            request,
            wants_async(req),
            "referrals",
            "queue_referrals",
        ))
    }

    /// Queues a referral request (`POST /referrals/` with `"async": true`): the answer is the
    /// activity that will carry the 278 response as its `result`. The request's
    /// `callback_url` and `application_data` are sent as they are.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, req: pokitdok::models::transactions::ReferralRequest) -> pokitdok::Result<()> {
    /// let activity = pd.queue_referrals(&req).await?.data;
    /// println!("{:?}", activity.state_name());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn queue_referrals(&self, req: &ReferralRequest) -> Call<ApiResponse<Activity>> {
        Call::data(self.post("/referrals/").json(&as_async(req)))
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
    pub fn enrollment(&self, req: &EnrollmentRequest) -> Call<ApiResponse<Value>> {
        Call::data(self.post("/enrollment/").json(req))
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
    pub fn ccd<B: Serialize + ?Sized>(&self, req: &B) -> Call<ApiResponse<Value>> {
        Call::data(self.post("/ccd/").json(req))
    }

    /// Uploads a full X12 834 file as an enrollment snapshot for `trading_partner_id`
    /// (`POST /enrollment/snapshot`, multipart `file` + `trading_partner_id`). Returns the
    /// activity that processes it. The snapshot itself is read with
    /// [`enrollment_snapshot`](Self::enrollment_snapshot).
    ///
    /// The upload is never resent, except once, byte for byte, when the token is refused
    /// with a 401.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::X12File;
    ///
    /// let a = pd
    ///     .upload_enrollment_snapshot("MOCKPAYER", &X12File::from_path("members.834"))
    ///     .await?;
    /// println!("{:?} {:?}", a.data.id, a.data.state);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] when the file cannot be read; otherwise as for any request.
    #[doc(alias = "enrollment_snapshot")]
    pub fn upload_enrollment_snapshot(
        &self,
        trading_partner_id: &str,
        file: &X12File,
    ) -> Call<ApiResponse<Activity>> {
        let (file, tp) = (file.clone(), trading_partner_id.to_owned());
        Call::new(self.post("/enrollment/snapshot"), move |r| async move {
            let form = file.form(&[("trading_partner_id", &tp)]).await?;
            r.upload(form).send_as().await
        })
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
    pub fn enrollment_snapshots(&self, paging: &Paging) -> Call<Page<EnrollmentSnapshot>> {
        self.page("/enrollment/snapshot", paging)
    }

    /// One enrollment snapshot (`GET /enrollment/snapshot/{id}`). The upload is
    /// [`upload_enrollment_snapshot`](Self::upload_enrollment_snapshot).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let s = pd.enrollment_snapshot("5317f51527a27620f2ec7533").await?;
    /// println!("{:?}", s.data.snapshot_date);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty id, `.` or `..`; otherwise as for any request.
    #[doc(alias = "enrollment_snapshots")]
    #[doc(alias = "enrollment_snapshot_by_id")]
    pub fn enrollment_snapshot(&self, id: &str) -> Call<ApiResponse<EnrollmentSnapshot>> {
        Call::data(self.request_at(Method::GET, snapshot_path(id)))
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
    pub fn enrollment_snapshot_data(
        &self,
        id: &str,
        paging: &Paging,
    ) -> Call<Page<EnrollmentRecord>> {
        let path = snapshot_path(id).map(|p| format!("{p}/data"));
        self.page_at(path, paging)
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
    /// let a = pd
    ///     .upload_x12_file("MOCKPAYER", &X12File::from_path("batch.270"), None)
    ///     .await?;
    /// println!("{:?} {:?}", a.data.id, a.data.state.and_then(|s| s.name));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] when the file cannot be read; otherwise as for any request.
    #[doc(alias = "files")]
    pub fn upload_x12_file(
        &self,
        trading_partner_id: &str,
        file: &X12File,
        callback_url: Option<&str>,
    ) -> Call<ApiResponse<Activity>> {
        let file = file.clone();
        let mut fields = vec![("trading_partner_id", trading_partner_id.to_owned())];
        if let Some(url) = callback_url {
            fields.push(("callback_url", url.to_owned()));
        }
        Call::new(self.post("/files/"), move |r| async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let form = file.form(&fields).await?;
            r.upload(form).send_as().await
        })
    }
}

fn snapshot_path(id: &str) -> crate::Result<String> {
    Ok(format!("/enrollment/snapshot/{}", path_segment(id)?))
}

fn wants_async(req: &ServiceReviewRequest) -> bool {
    req.async_ == Some(true) || req.extra.get("async") == Some(&true.into())
}

/// The same request with `"async": true`.
fn as_async(req: &ServiceReviewRequest) -> ServiceReviewRequest {
    let mut req = req.clone();
    req.async_ = Some(true);
    req.extra.remove("async");
    req
}
