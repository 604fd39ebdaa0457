//! Activities (`/activities/`): list, get and cancel. See the module docs of [`crate::api`].

use reqwest::Method;

use crate::models::activities::{ActivitiesQuery, Activity, ActivityUpdate};
use crate::{ApiResponse, Call, Page, PokitDok, path_segment};

impl PokitDok {
    /// Lists the application's activities (`GET /activities/`), optionally only the
    /// sub-activities of a batch (`parent_id`), with `limit` / `offset`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::activities::ActivitiesQuery;
    /// let page = pd.activities(&ActivitiesQuery::new().limit(20)).await?;
    /// for a in &page.data {
    ///     println!("{:?} {:?}", a.id, a.state_name());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn activities(&self, query: &ActivitiesQuery) -> Call<Page<Activity>> {
        self.page("/activities/", query)
    }

    /// One activity (`GET /activities/{id}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let a = pd.activity("5745e9920640fd7aa95935f5").await?;
    /// println!("{:?} finished: {}", a.data.state_name(), a.data.is_finished());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; otherwise as for any request.
    #[doc(alias = "activities")]
    pub fn activity(&self, id: &str) -> Call<ApiResponse<Activity>> {
        Call::data(self.request_at(Method::GET, activity_path(id)))
    }

    /// Cancels an activity (`PUT /activities/{id}` with `{"transition": "cancel"}`). Only
    /// possible before the activity leaves `scheduled` and is transmitted; the answer is the
    /// activity, in state `canceled` when it worked.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let a = pd.cancel_activity("574749250640fd22d719e13f").await?;
    /// println!("{:?}", a.data.state_name());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; otherwise as for any request.
    pub fn cancel_activity(&self, id: &str) -> Call<ApiResponse<Activity>> {
        self.update_activity(id, &ActivityUpdate::cancel())
    }

    /// Applies a transition to an activity (`PUT /activities/{id}`). The platform documents
    /// only `cancel`; prefer [`PokitDok::cancel_activity`].
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::activities::ActivityUpdate;
    /// let a = pd.update_activity("574749250640fd22d719e13f", &ActivityUpdate::cancel()).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty, `.` or `..` id; otherwise as for any request.
    pub fn update_activity(
        &self,
        id: &str,
        update: &ActivityUpdate,
    ) -> Call<ApiResponse<Activity>> {
        Call::data(self.request_at(Method::PUT, activity_path(id)).json(update))
    }
}

fn activity_path(id: &str) -> crate::Result<String> {
    Ok(format!("/activities/{}", path_segment(id)?))
}
