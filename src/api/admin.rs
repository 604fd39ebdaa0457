//! See the module docs of [`crate::api`].
//!
//! App registrations and the TLS check.

use serde_json::Value;

use crate::models::Paging;
use crate::models::admin::{AppRegistration, AppRegistrationRequest};
use reqwest::Method;

use crate::{ApiResponse, Call, Page, PokitDok, Result, path_segment};

impl PokitDok {
    /// Lists the app registrations (`GET /appregistrations`, `limit`/`offset`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let page = pd.app_registrations(&Default::default()).await?;
    /// for r in &page.data {
    ///     println!("{:?} {:?} {:?}", r.uuid, r.trading_partner_id, r.transaction_set_name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub fn app_registrations(&self, paging: &Paging) -> Call<Page<AppRegistration>> {
        self.page("/appregistrations", paging)
    }

    /// One app registration (`GET /appregistrations/{uuid}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let r = pd.app_registration("2f201868-47f4-11e8-a91a-0242ac12000a").await?;
    /// println!("{:?}", r.data.npi);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty uuid, `.` or `..`; otherwise as for any request.
    pub fn app_registration(&self, uuid: &str) -> Call<ApiResponse<AppRegistration>> {
        Call::data(self.request_at(Method::GET, registration_path(uuid)))
    }

    /// Creates an app registration (`POST /appregistrations`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
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
    /// let r = pd.create_app_registration(&req).await?;
    /// println!("{:?}", r.data.uuid);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn create_app_registration(
        &self,
        req: &AppRegistrationRequest,
    ) -> Call<ApiResponse<AppRegistration>> {
        Call::data(self.post("/appregistrations").json(req))
    }

    /// Replaces an app registration (`PUT /appregistrations/{uuid}`); the C# client's
    /// `editAppRegistration`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, req: pokitdok::models::admin::AppRegistrationRequest) -> pokitdok::Result<()> {
    /// let r = pd.update_app_registration("2f201868-47f4-11e8-a91a-0242ac12000a", &req).await?;
    /// println!("{:?}", r.data.claims_roles);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty uuid, `.` or `..`; otherwise as for any request.
    #[doc(alias = "edit_app_registration")]
    pub fn update_app_registration(
        &self,
        uuid: &str,
        req: &AppRegistrationRequest,
    ) -> Call<ApiResponse<AppRegistration>> {
        Call::data(
            self.request_at(Method::PUT, registration_path(uuid))
                .json(req),
        )
    }

    /// Deletes an app registration (`DELETE /appregistrations/{uuid}`). The answer is not
    /// documented; `data` is untyped JSON (`null` for an empty 204).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// pd.delete_app_registration("2f201868-47f4-11e8-a91a-0242ac12000a").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty uuid, `.` or `..`; otherwise as for any request.
    pub fn delete_app_registration(&self, uuid: &str) -> Call<ApiResponse<Value>> {
        Call::data(self.request_at(Method::DELETE, registration_path(uuid)))
    }

    /// Restores a deleted app registration (`POST /appregistrations/{uuid}/undelete`). The
    /// answer is not documented; `data` is untyped JSON.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// pd.undelete_app_registration("2f201868-47f4-11e8-a91a-0242ac12000a").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty uuid, `.` or `..`; otherwise as for any request.
    pub fn undelete_app_registration(&self, uuid: &str) -> Call<ApiResponse<Value>> {
        let path = registration_path(uuid).map(|p| format!("{p}/undelete"));
        Call::data(self.request_at(Method::POST, path))
    }

    /// Checks the TLS connection to the platform (`GET /ssl/`). The answer is not
    /// documented; `data` is untyped JSON. Success means the connection and the token work.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let r = pd.ssl_check().await?;
    /// println!("{} {}", r.status(), r.data);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn ssl_check(&self) -> Call<ApiResponse<Value>> {
        Call::data(self.get("/ssl/"))
    }
}

fn registration_path(uuid: &str) -> Result<String> {
    Ok(format!("/appregistrations/{}", path_segment(uuid)?))
}
