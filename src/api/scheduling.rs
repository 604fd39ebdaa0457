//! Scheduling: scheduling systems, appointment types, open slots and appointments.
//!
//! Scheduling is an integration API enabled per application. Besides the listings of
//! schedulers and appointment types, its operations need an OAuth scope on the token:
//! `user_schedule` (a patient's own appointments) or `business_schedule` (a provider's
//! slots). Ask for them with [`PokitDokBuilder::scopes`](crate::PokitDokBuilder::scopes);
//! without them the platform answers 403 and the call fails with
//! [`Error::Forbidden`](crate::Error::Forbidden), whose
//! [`body().errors()`](crate::ErrorBody::errors) holds the scope error.

use serde_json::Value;

use crate::models::common::Paging;
use crate::models::common::{One, OneOrMany};
use crate::models::scheduling::{
    Appointment, AppointmentType, AppointmentsQuery, BookAppointmentRequest, SchedulePatient,
    SchedulePatientRequest, Scheduler, Slot, SlotRequest, UpdateAppointmentRequest,
};
use reqwest::Method;

use crate::{ApiResponse, Call, Page, PokitDok, Result, path_segment};

impl PokitDok {
    /// Lists the supported scheduling systems (`GET /schedule/schedulers/`). [`Page::next_page`] and
    /// [`Page::stream`] walk any further pages.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let page = pd.schedulers().await?;
    /// for s in &page.data {
    ///     println!("{:?} {:?}", s.scheduler_uuid, s.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn schedulers(&self) -> Call<Page<Scheduler>> {
        self.page("/schedule/schedulers/", &Paging::default())
    }

    /// One scheduling system (`GET /schedule/schedulers/{uuid}`). The documented answer is a
    /// one-element list, so `data` is a list; a single object is accepted too.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let r = pd.scheduler("967d207f-b024-41cc-8cac-89575a1f6fef").await?;
    /// let name = r.data.first().and_then(|s| s.name.clone());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment
    /// (`""`, `.`, `..`); otherwise as for any request.
    #[doc(alias = "schedulers")]
    pub fn scheduler(&self, uuid: &str) -> Call<ApiResponse<Vec<Scheduler>>> {
        let path = path_segment(uuid).map(|id| format!("/schedule/schedulers/{id}"));
        Call::new(self.request_at(Method::GET, path), |r| async {
            let r = r.send_as::<OneOrMany<Scheduler>>().await?;
            Ok(r.map(|d| d.0))
        })
    }

    /// Lists appointment types (`GET /schedule/appointmenttypes/`). [`Page::next_page`] and
    /// [`Page::stream`] walk any further pages.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let page = pd.appointment_types().await?;
    /// for t in &page.data {
    ///     println!("{:?}: {:?} min", t.appointment_type, t.duration);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn appointment_types(&self) -> Call<Page<AppointmentType>> {
        self.page("/schedule/appointmenttypes/", &Paging::default())
    }

    /// One appointment type (`GET /schedule/appointmenttypes/{uuid}`). The platform answers
    /// a one-element list (its documented example shows a single object): either form
    /// decodes, and a list of any other length is an [`Error::Decode`](crate::Error::Decode).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let t = pd.appointment_type("ef987693-0a19-447f-814d-f8f3abbf4860").await?.data;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    #[doc(alias = "appointment_types")]
    pub fn appointment_type(&self, uuid: &str) -> Call<ApiResponse<AppointmentType>> {
        let path = path_segment(uuid).map(|id| format!("/schedule/appointmenttypes/{id}"));
        Call::new(self.request_at(Method::GET, path), |r| async {
            let r = r.send_as::<One<AppointmentType>>().await?;
            Ok(r.map(|d| d.0))
        })
    }

    /// Opens a scheduling slot for a provider (`POST /schedule/slots/`). Needs the
    /// `business_schedule` scope.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::scheduling::SlotRequest;
    ///
    /// let slot = pd
    ///     .create_slot(&SlotRequest::new(
    ///         "b691b7f9-bfa8-486d-a689-214ae47ea6f8",
    ///         [32.788110, -79.932364],
    ///         "AT1",
    ///         "2014-12-25T15:09:34.197709",
    ///         "2014-12-25T16:09:34.197717",
    ///     ))
    ///     .await?
    ///     .data;
    /// println!("open slot {:?}", slot.pd_appointment_uuid);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Forbidden`](crate::Error::Forbidden) without the scope; otherwise as for any
    /// request.
    #[doc(alias = "schedule_slots")]
    pub fn create_slot(&self, req: &SlotRequest) -> Call<ApiResponse<Slot>> {
        Call::data(self.post("/schedule/slots/").json(req))
    }

    /// Deletes an open slot (`DELETE /schedule/slots/{pd_appointment_uuid}`). Needs the
    /// `business_schedule` scope. An empty answer (204) is a success with `data` `null`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// pd.delete_slot("ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// [`Error::Forbidden`](crate::Error::Forbidden) without the scope; otherwise as for any
    /// request.
    pub fn delete_slot(&self, pd_appointment_uuid: &str) -> Call<ApiResponse<Value>> {
        let path = path_segment(pd_appointment_uuid).map(|id| format!("/schedule/slots/{id}"));
        Call::data(self.request_at(Method::DELETE, path))
    }

    /// Searches appointments (`GET /schedule/appointments/`). With the `user_schedule` scope
    /// search by `patient_uuid`; with `business_schedule` by `pd_provider_uuid` and `location`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::scheduling::AppointmentsQuery;
    ///
    /// let q = AppointmentsQuery::provider("b691b7f9-bfa8-486d-a689-214ae47ea6f8", [32.78811, -79.932364])
    ///     .appointment_type("OV1");
    /// let page = pd.appointments(&q).await?;
    /// for a in &page.data {
    ///     println!("{:?} {:?}", a.status, a.start_date);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Forbidden`](crate::Error::Forbidden) without a scheduling scope; otherwise as
    /// for any request.
    #[doc(alias = "get_appointments")]
    pub fn appointments(&self, query: &AppointmentsQuery) -> Call<Page<Appointment>> {
        self.page("/schedule/appointments/", query)
    }

    /// One open slot or booked appointment (`GET /schedule/appointments/{pd_appointment_uuid}`).
    /// Needs the `user_schedule` scope. The documented answer is a one-element list (with the
    /// id under `client_appointment_uuid`), so `data` is a list; a single object is accepted
    /// too.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let r = pd.appointment("ef987691-0a19-447f-814d-f8f3abbf4859").await?;
    /// if let Some(a) = r.data.first() {
    ///     println!("{:?}", a.status);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// [`Error::Forbidden`](crate::Error::Forbidden) without the scope; otherwise as for any
    /// request.
    #[doc(alias = "get_appointments")]
    pub fn appointment(&self, pd_appointment_uuid: &str) -> Call<ApiResponse<Vec<Appointment>>> {
        let path = appointment_path(pd_appointment_uuid);
        Call::new(self.request_at(Method::GET, path), |r| async {
            let r = r.send_as::<OneOrMany<Appointment>>().await?;
            Ok(r.map(|d| d.0))
        })
    }

    /// Books an open slot for a patient (`PUT /schedule/appointments/{pd_appointment_uuid}`).
    /// Needs the `user_schedule` scope.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::scheduling::{BookAppointmentRequest, SchedulePatient};
    ///
    /// let patient = SchedulePatient::new("500ef469-2767-4901-b705-425e9b6f7f83", "John", "Doe", "1970-01-25")
    ///     .email("john@hondoe.com");
    /// let booked = pd
    ///     .book_appointment(
    ///         "ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2",
    ///         &BookAppointmentRequest::new(patient).description("Checkup"),
    ///     )
    ///     .await?
    ///     .data;
    /// println!("{:?}", booked.status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// [`Error::Forbidden`](crate::Error::Forbidden) without the scope; otherwise as for any
    /// request.
    pub fn book_appointment(
        &self,
        pd_appointment_uuid: &str,
        req: &BookAppointmentRequest,
    ) -> Call<ApiResponse<Appointment>> {
        Call::data(
            self.request_at(Method::PUT, appointment_path(pd_appointment_uuid))
                .json(req),
        )
    }

    /// Changes an appointment's description or marks it completed
    /// (`PUT /schedule/appointments/{pd_appointment_uuid}`). Needs the `user_schedule` scope.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::scheduling::UpdateAppointmentRequest;
    ///
    /// pd.update_appointment(
    ///     "ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2",
    ///     &UpdateAppointmentRequest::description("Bring your insurance card"),
    /// )
    /// .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// [`Error::Forbidden`](crate::Error::Forbidden) without the scope; otherwise as for any
    /// request.
    pub fn update_appointment(
        &self,
        pd_appointment_uuid: &str,
        req: &UpdateAppointmentRequest,
    ) -> Call<ApiResponse<Appointment>> {
        Call::data(
            self.request_at(Method::PUT, appointment_path(pd_appointment_uuid))
                .json(req),
        )
    }

    /// Cancels an appointment (`DELETE /schedule/appointments/{pd_appointment_uuid}`). Needs
    /// the `user_schedule` scope. An empty answer (204) is a success with `data` `null`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// pd.cancel_appointment("ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// [`Error::Forbidden`](crate::Error::Forbidden) without the scope; otherwise as for any
    /// request.
    pub fn cancel_appointment(&self, pd_appointment_uuid: &str) -> Call<ApiResponse<Value>> {
        Call::data(self.request_at(Method::DELETE, appointment_path(pd_appointment_uuid)))
    }

    /// Registers a PokitDok user as a patient in a provider's scheduling system
    /// (`POST /schedule/patient/`). Needs the `user_schedule` scope.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::scheduling::SchedulePatientRequest;
    ///
    /// let patient = pd
    ///     .add_patient(&SchedulePatientRequest::new(
    ///         "2773f6ff-00cb-460f-823f-5ff2208511e7",
    ///         "b691b7f9-bfa8-486d-a689-214ae47ea6f8",
    ///         [32.788110, -79.932364],
    ///     ))
    ///     .await?
    ///     .data;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Forbidden`](crate::Error::Forbidden) without the scope; otherwise as for any
    /// request.
    pub fn add_patient(&self, req: &SchedulePatientRequest) -> Call<ApiResponse<SchedulePatient>> {
        Call::data(self.post("/schedule/patient/").json(req))
    }
}

fn appointment_path(pd_appointment_uuid: &str) -> Result<String> {
    Ok(format!(
        "/schedule/appointments/{}",
        path_segment(pd_appointment_uuid)?
    ))
}
