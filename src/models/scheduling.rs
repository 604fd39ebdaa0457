//! Models of the `scheduling` API group: scheduling systems, appointment types, open slots,
//! appointments and the patients booked into them.
//!
//! Appointments and patients hold patient data (PHI): their `Debug` output shows no names,
//! birth dates, ids, emails or phone numbers.

use serde::{Deserialize, Serialize};

use super::common::{Date, Extra, Timestamp, open_enum};
use crate::redact::redacted_debug;

open_enum! {
    /// The state of an appointment.
    pub enum AppointmentStatus {
        /// An open slot nobody has booked yet.
        Open = "open",
        /// Booked by a patient.
        Booked = "booked",
        /// The appointment took place.
        Completed = "completed",
    }
}

/// A scheduling system (`GET /schedule/schedulers/`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Scheduler {
    /// The scheduler's unique identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduler_uuid: Option<String>,
    /// Name of the scheduling system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Brief description of the scheduling system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Messaging information used by the scheduling system (SOAP envelopes, headers, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub methods_payloads: Option<serde_json::Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Scheduler {
    show: [scheduler_uuid, name, description],
    shape: [methods_payloads, extra],
});

/// An appointment type (`GET /schedule/appointmenttypes/`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AppointmentType {
    /// The appointment type's unique identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment_type_uuid: Option<String>,
    /// The scheduler this type belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduler_uuid: Option<String>,
    /// The code of the appointment procedure/category (`"OV1"`); sent as `type`. This is the
    /// value to pass as `appointment_type` when opening slots or searching appointments.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub appointment_type: Option<String>,
    /// Brief description (`"Office Visit"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Category identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<serde_json::Value>,
    /// Duration in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    /// The platform application the type belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(AppointmentType {
    show: [
        appointment_type_uuid,
        scheduler_uuid,
        appointment_type,
        duration,
        owner_id,
        description,
        category_id
    ],
    shape: [extra],
});

/// A patient in the scheduling API: the `patient` of an appointment (where the platform sends
/// its id as `_uuid`), the `patient` of a booking request (`uuid`), and the answer of
/// `POST /schedule/patient/` (`uuid`).
///
/// `Debug` shows no name, birth date, id, email or phone number (PHI).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SchedulePatient {
    /// The patient's PokitDok id, as sent in requests and by `POST /schedule/patient/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// The patient's PokitDok id, as appointments carry it (`_uuid`).
    #[serde(rename = "_uuid", default, skip_serializing_if = "Option::is_none")]
    pub record_uuid: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Member id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(SchedulePatient {
    show: [],
    shape: [
        email,
        phone,
        birth_date,
        first_name,
        last_name,
        member_id,
        uuid,
        record_uuid,
        extra
    ],
});

impl SchedulePatient {
    /// A patient for a booking: PokitDok patient id, name and birth date.
    pub fn new(
        uuid: impl Into<String>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        birth_date: impl Into<Date>,
    ) -> Self {
        SchedulePatient {
            uuid: Some(uuid.into()),
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            birth_date: Some(birth_date.into()),
            ..SchedulePatient::default()
        }
    }

    /// Sets the email address.
    #[must_use]
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Sets the phone number.
    #[must_use]
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    /// The patient's id, whichever key (`uuid` or `_uuid`) carried it.
    pub fn id(&self) -> Option<&str> {
        self.uuid.as_deref().or(self.record_uuid.as_deref())
    }
}

/// An appointment or an open slot: what `POST /schedule/slots/` creates and
/// `GET`/`PUT /schedule/appointments/...` return.
///
/// `Debug` shows the status, type, times and scheduler only: no ids, no patient data (PHI).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Appointment {
    /// The PokitDok unique identifier of the appointment (use it to book, update, cancel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pd_appointment_uuid: Option<String>,
    /// The appointment's id under the name `GET /schedule/appointments/{uuid}` uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_appointment_uuid: Option<String>,
    /// The provider's scheduler unique identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_scheduler_uuid: Option<String>,
    /// The appointment identifier in the scheduling system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment_id: Option<String>,
    /// The appointment type code (`"OV1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment_type: Option<String>,
    /// Start (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Timestamp>,
    /// End (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Timestamp>,
    /// `open`, `booked` or `completed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AppointmentStatus>,
    /// The patient who booked it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<SchedulePatient>,
    /// Brief description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Appointment {
    show: [
        provider_scheduler_uuid,
        appointment_type,
        start_date,
        end_date,
        status,
        patient
    ],
    shape: [
        description,
        pd_appointment_uuid,
        client_appointment_uuid,
        appointment_id,
        extra
    ],
});

impl Appointment {
    /// The appointment's PokitDok id: `pd_appointment_uuid`, or `client_appointment_uuid`
    /// when only that one was sent.
    pub fn id(&self) -> Option<&str> {
        self.pd_appointment_uuid
            .as_deref()
            .or(self.client_appointment_uuid.as_deref())
    }
}

/// An open scheduling slot: an [`Appointment`] with status `open`.
pub type Slot = Appointment;

/// Body of `POST /schedule/slots/`: opens a slot for a provider.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotRequest {
    /// The PokitDok unique identifier of the provider.
    pub pd_provider_uuid: String,
    /// Geo-location of the provider's address, `[latitude, longitude]`.
    pub location: [f64; 2],
    /// The appointment type code (see [`AppointmentType::appointment_type`]).
    pub appointment_type: String,
    /// Start (UTC, `YYYY-MM-DDThh:mm:ss.ssssss`).
    pub start_date: Timestamp,
    /// End (UTC).
    pub end_date: Timestamp,
    /// Other fields to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(SlotRequest {
    show: [
        pd_provider_uuid,
        location,
        appointment_type,
        start_date,
        end_date
    ],
    shape: [extra],
});

impl SlotRequest {
    /// A slot of `appointment_type` for a provider at `[latitude, longitude]`.
    pub fn new(
        pd_provider_uuid: impl Into<String>,
        location: [f64; 2],
        appointment_type: impl Into<String>,
        start_date: impl Into<Timestamp>,
        end_date: impl Into<Timestamp>,
    ) -> Self {
        SlotRequest {
            pd_provider_uuid: pd_provider_uuid.into(),
            location,
            appointment_type: appointment_type.into(),
            start_date: start_date.into(),
            end_date: end_date.into(),
            extra: Extra::new(),
        }
    }
}

/// Query of `GET /schedule/appointments/`.
///
/// With the `user_schedule` scope search by `patient_uuid`; with `business_schedule` by
/// `pd_provider_uuid` and `location`. `Debug` does not show the patient id.
#[derive(Clone, Default, PartialEq, Serialize)]
pub struct AppointmentsQuery {
    /// Appointment type code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointment_type: Option<String>,
    /// Start of the period (UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Timestamp>,
    /// End of the period (UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Timestamp>,
    /// The patient who booked (user scope).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patient_uuid: Option<String>,
    /// The provider with open slots (business scope).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pd_provider_uuid: Option<String>,
    /// The provider's location as `"latitude,longitude"` (business scope); see
    /// [`AppointmentsQuery::location`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// How many appointments to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

redacted_debug!(AppointmentsQuery {
    show: [
        appointment_type,
        start_date,
        end_date,
        pd_provider_uuid,
        limit,
        offset
    ],
    shape: [location, patient_uuid],
});

impl AppointmentsQuery {
    /// Appointments of a patient (user scope).
    pub fn patient(patient_uuid: impl Into<String>) -> Self {
        AppointmentsQuery {
            patient_uuid: Some(patient_uuid.into()),
            ..AppointmentsQuery::default()
        }
    }

    /// Appointments of a provider at a location (business scope).
    pub fn provider(pd_provider_uuid: impl Into<String>, location: [f64; 2]) -> Self {
        AppointmentsQuery {
            pd_provider_uuid: Some(pd_provider_uuid.into()),
            ..AppointmentsQuery::default()
        }
        .location(location)
    }

    /// Sets `location` from `[latitude, longitude]`, sent as `"latitude,longitude"`.
    #[must_use]
    pub fn location(mut self, location: [f64; 2]) -> Self {
        self.location = Some(format!("{},{}", location[0], location[1]));
        self
    }

    /// Only appointments of this type.
    #[must_use]
    pub fn appointment_type(mut self, appointment_type: impl Into<String>) -> Self {
        self.appointment_type = Some(appointment_type.into());
        self
    }

    /// Only appointments between these times (UTC).
    #[must_use]
    pub fn between(mut self, start: impl Into<Timestamp>, end: impl Into<Timestamp>) -> Self {
        self.start_date = Some(start.into());
        self.end_date = Some(end.into());
        self
    }
}

/// Body of `PUT /schedule/appointments/{pd_appointment_uuid}` that books an open slot for a
/// patient. `Debug` shows no patient data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct BookAppointmentRequest {
    /// The patient booking the slot.
    pub patient: SchedulePatient,
    /// Brief description of the appointment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The appointment's id (the path already carries it; documented as a body field too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pd_appointment_uuid: Option<String>,
    /// The status to set (documented body field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AppointmentStatus>,
    /// Other fields to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(BookAppointmentRequest {
    show: [patient, pd_appointment_uuid, status],
    shape: [description, extra],
});

impl BookAppointmentRequest {
    /// Books for `patient`.
    pub fn new(patient: SchedulePatient) -> Self {
        BookAppointmentRequest {
            patient,
            description: None,
            pd_appointment_uuid: None,
            status: None,
            extra: Extra::new(),
        }
    }

    /// Sets the description.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

/// Body of `PUT /schedule/appointments/{pd_appointment_uuid}` that changes an appointment's
/// description or marks a booked appointment completed.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateAppointmentRequest {
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Marks a booked appointment as completed. Documented as a string; see
    /// [`UpdateAppointmentRequest::mark_completed`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark_completed: Option<serde_json::Value>,
    /// Other fields to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(UpdateAppointmentRequest {
    show: [mark_completed],
    shape: [description, extra],
});

impl UpdateAppointmentRequest {
    /// Changes the description.
    pub fn description(description: impl Into<String>) -> Self {
        UpdateAppointmentRequest {
            description: Some(description.into()),
            ..UpdateAppointmentRequest::default()
        }
    }

    /// Marks the appointment completed: sends `"mark_completed": "true"` (the field is
    /// documented as a string). Set [`UpdateAppointmentRequest::mark_completed`] yourself to
    /// send another value.
    pub fn mark_completed() -> Self {
        UpdateAppointmentRequest {
            mark_completed: Some("true".into()),
            ..UpdateAppointmentRequest::default()
        }
    }
}

/// Body of `POST /schedule/patient/`: registers a PokitDok user as a patient in a provider's
/// scheduling system.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SchedulePatientRequest {
    /// The PokitDok unique identifier of the user.
    pub pd_patient_uuid: String,
    /// The PokitDok unique identifier of the provider.
    pub pd_provider_uuid: String,
    /// Geo-location of the provider's address, `[latitude, longitude]`.
    pub location: [f64; 2],
    /// Other fields to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(SchedulePatientRequest {
    show: [pd_provider_uuid, location],
    shape: [pd_patient_uuid, extra],
});

impl SchedulePatientRequest {
    /// Registers `pd_patient_uuid` with the provider at `[latitude, longitude]`.
    pub fn new(
        pd_patient_uuid: impl Into<String>,
        pd_provider_uuid: impl Into<String>,
        location: [f64; 2],
    ) -> Self {
        SchedulePatientRequest {
            pd_patient_uuid: pd_patient_uuid.into(),
            pd_provider_uuid: pd_provider_uuid.into(),
            location,
            extra: Extra::new(),
        }
    }
}
