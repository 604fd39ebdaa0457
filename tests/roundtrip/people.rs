use super::{fixture, roundtrip};

use pokitdok::ApiResponse;
use pokitdok::models::identity::{
    CanonicalRecord, IdentityMatchRequest, IdentityRequest, MatchConfig, MatchErrorData,
    MatchGender, MatchSubmitted, ProofAnswerRequest, ProofQuestionnaire, ProofScore, ProofStatus,
};
use pokitdok::models::scheduling::{
    Appointment, AppointmentStatus, AppointmentType, BookAppointmentRequest, SchedulePatient,
    SchedulePatientRequest, Scheduler, SlotRequest, UpdateAppointmentRequest,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes a request example into `T` and asserts that encoding it gives the same JSON.
fn request_roundtrip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let original = fixture(name);
    let typed: T = serde_path_to_error::deserialize(original.clone())
        .unwrap_or_else(|e| panic!("{name}: decode failed at {}: {}", e.path(), e.inner()));
    assert_eq!(serde_json::to_value(&typed).unwrap(), original, "{name}");
    typed
}

// ----- identity match (full envelopes) --------------------------------------------------------

#[test]
fn identity_match_canonical() {
    let r = roundtrip::<ApiResponse<CanonicalRecord>>("identity_match.canonical.response.json");
    let c = r.data;
    assert_eq!(
        c.record_id.as_deref(),
        Some("d92a6984-ee41-11e6-8973-82d1feccb5b2")
    );
    assert_eq!(c.sources, ["d8fa22d8-ee41-11e6-9b4e-02cfa09edce7"]);
    let data = c.data.unwrap();
    assert_eq!(data.birth_date.unwrap().year, Some(1988));
    assert_eq!(
        data.address.unwrap().state_or_province.as_deref(),
        Some("ND")
    );
    // The placeholder meta survives as an unknown key.
    assert_eq!(r.meta.extra["..."], "...");
}

#[test]
fn identity_match_find() {
    let r = roundtrip::<ApiResponse<CanonicalRecord>>("identity_match.find.response.json");
    assert!(!r.data.is_empty());
    assert_eq!(r.data.data.unwrap().first_name.as_deref(), Some("Siena"));
}

#[test]
fn identity_match_find_no_match() {
    let r = roundtrip::<ApiResponse<CanonicalRecord>>("identity_match.find.response.2.json");
    assert!(r.data.is_empty());
    let opt =
        roundtrip::<ApiResponse<Option<CanonicalRecord>>>("identity_match.find.response.2.json");
    assert!(opt.data.is_some_and(|c| c.is_empty()));
}

#[test]
fn identity_match_config_get() {
    let c =
        roundtrip::<ApiResponse<MatchConfig>>("identity_match.match_config.get.response.json").data;
    assert_eq!(c.object_type.as_deref(), Some("IdentityMatchConfig"));
    assert_eq!(c.algorithm_id.as_deref(), Some("test_name_and_strong_id"));
    assert_eq!(
        c.uuid.as_deref(),
        Some("2b1822c8-ef36-11e6-89b8-08002778b074")
    );
    assert_eq!(c.id.as_deref(), Some("589d21350640fd45d593ae64"));
    assert_eq!(c.deleted, Some(false));
}

#[test]
fn identity_match_config_list() {
    let list = roundtrip::<ApiResponse<Vec<MatchConfig>>>(
        "identity_match.match_config.list.response.json",
    )
    .data;
    assert_eq!(list.len(), 3);
    assert_eq!(
        list[2].input_topic.as_deref(),
        Some("test_name_and_zipcode_source_ids")
    );
}

#[test]
fn identity_match_source_canonical() {
    let list = roundtrip::<ApiResponse<Vec<CanonicalRecord>>>(
        "identity_match.source_canonical.response.json",
    )
    .data;
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].last_updated.as_ref().unwrap().as_str(),
        "2017-02-08T21:02:06Z"
    );
}

#[test]
fn identity_match_submit() {
    let r = roundtrip::<ApiResponse<MatchSubmitted>>("identity_match.submit.response.json");
    assert_eq!(
        r.data.source_id.as_deref(),
        Some("908908ce-ef69-11e6-8304-92b49a60ff89")
    );
}

#[test]
fn identity_match_submit_validation_error() {
    let r = roundtrip::<ApiResponse<MatchErrorData>>("identity_match.submit.response.2.json");
    let validation = r.data.errors.unwrap().validation.unwrap();
    assert_eq!(validation["birth_date"]["month"], "Missing field.");
}

// ----- identity proof -------------------------------------------------------------------------

#[test]
fn identity_proof_generate_valid() {
    let q = roundtrip::<ProofQuestionnaire>("identity_proof.generate.response.json");
    assert_eq!((q.is_valid, q.is_verifiable), (Some(true), Some(false)));
    assert!(q.question.is_none());
}

#[test]
fn identity_proof_generate_invalid() {
    let q = roundtrip::<ProofQuestionnaire>("identity_proof.generate.response.2.json");
    assert_eq!((q.is_valid, q.is_verifiable), (Some(false), Some(false)));
}

#[test]
fn identity_proof_generate_verifiable() {
    let q = roundtrip::<ProofQuestionnaire>("identity_proof.generate.response.3.json");
    assert_eq!(q.is_verifiable, Some(true));
    let question = q.question.unwrap();
    assert_eq!(question.id, Some(1.into()));
    assert_eq!(question.answers.len(), 5);
    assert_eq!(
        question.answers[4].answer.as_deref(),
        Some("None Of The Above")
    );
    assert_eq!(question.answers[4].id, Some(5.into()));
}

#[test]
fn identity_proof_score_failure() {
    let s = roundtrip::<ProofScore>("identity_proof.score.response.json");
    assert_eq!(s.status, Some(ProofStatus::Failure));
    assert_eq!(
        s.next_attempt.unwrap().naive().unwrap().to_string(),
        "2016-10-14 21:06:43.292695"
    );
    assert_eq!(s.customer_notified, Some(false));
}

#[test]
fn identity_proof_score_success() {
    let s = roundtrip::<ProofScore>("identity_proof.score.response.2.json");
    assert_eq!(s.status, Some(ProofStatus::Success));
}

#[test]
fn identity_proof_score_pending() {
    let s = roundtrip::<ProofScore>("identity_proof.score.response.3.json");
    assert_eq!(s.status, Some(ProofStatus::Pending));
    assert_eq!(s.question.unwrap().id, Some(2.into()));
}

// ----- scheduling -----------------------------------------------------------------------------

#[test]
fn scheduling_appointments_book() {
    let a = roundtrip::<Appointment>("scheduling.appointments.book.response.json");
    assert_eq!(a.status, Some(AppointmentStatus::Booked));
    let p = a.patient.unwrap();
    assert_eq!(
        p.record_uuid.as_deref(),
        Some("500ef469-2767-4901-b705-425e9b6f7f83")
    );
    assert_eq!(p.id(), p.record_uuid.as_deref());
    assert_eq!(p.birth_date.unwrap().as_str(), "1970-01-25");
}

#[test]
fn scheduling_appointments_get() {
    let list = roundtrip::<Vec<Appointment>>("scheduling.appointments.get.response.json");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id(), Some("ef987691-0a19-447f-814d-f8f3abbf4859"));
    assert!(list[0].pd_appointment_uuid.is_none());
}

#[test]
fn scheduling_appointments_list() {
    let list = roundtrip::<Vec<Appointment>>("scheduling.appointments.list.response.json");
    assert_eq!(
        list[0].pd_appointment_uuid.as_deref(),
        Some("ef987691-0a19-447f-814d-f8f3abbf4859")
    );
    assert_eq!(list[0].appointment_type.as_deref(), Some("OV1"));
}

#[test]
fn scheduling_appointments_update() {
    let a = roundtrip::<Appointment>("scheduling.appointments.update.response.json");
    assert_eq!(a.status, Some(AppointmentStatus::Open));
    assert_eq!(
        a.description.as_deref(),
        Some("Welcome to M0d3rN Healthcare")
    );
    assert!(a.patient.is_none());
}

#[test]
fn scheduling_appointmenttypes_get() {
    let t = roundtrip::<AppointmentType>("scheduling.appointmenttypes.get.response.json");
    assert_eq!(t.appointment_type.as_deref(), Some("OV1"));
    assert_eq!(t.duration, Some(35));
}

#[test]
fn scheduling_appointmenttypes_list() {
    let list = roundtrip::<Vec<AppointmentType>>("scheduling.appointmenttypes.list.response.json");
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[1].description.as_deref(),
        Some("Routine Preventive Care")
    );
}

#[test]
fn scheduling_patient() {
    let p = roundtrip::<SchedulePatient>("scheduling.patient.response.json");
    assert_eq!(
        p.uuid.as_deref(),
        Some("2773f6ff-00cb-460f-823f-5ff2208511e7")
    );
    assert_eq!(p.member_id.as_deref(), Some("PD20150001"));
}

#[test]
fn scheduling_schedulers_get() {
    let list = roundtrip::<Vec<Scheduler>>("scheduling.schedulers.get.response.json");
    assert_eq!(list[0].name.as_deref(), Some("PokitDok"));
}

#[test]
fn scheduling_schedulers_list() {
    let list = roundtrip::<Vec<Scheduler>>("scheduling.schedulers.list.response.json");
    let names: Vec<_> = list.iter().filter_map(|s| s.name.as_deref()).collect();
    assert_eq!(names, ["PokitDok", "Greenway", "Athena"]);
}

#[test]
fn scheduling_slots_create() {
    let s = roundtrip::<Appointment>("scheduling.slots.create.response.json");
    assert_eq!(s.status, Some(AppointmentStatus::Open));
    assert_eq!(
        s.start_date.unwrap().naive().unwrap().to_string(),
        "2014-12-25 15:09:34.197709"
    );
}

// ----- request examples -----------------------------------------------------------------------

#[test]
fn identity_requests() {
    let c = request_roundtrip::<IdentityRequest>("identity.create.request.json");
    assert_eq!(c.identifiers.len(), 1);
    assert_eq!(
        c.identifiers[0].location.as_deref(),
        Some(&[-121.93831, 37.53901][..])
    );
    let u = request_roundtrip::<IdentityRequest>("identity.update.request.json");
    assert_eq!(u.email.as_deref(), Some("oscar.whitmire@pokitdok.com"));
}

#[test]
fn identity_match_requests() {
    for name in [
        "identity_match.submit.request.json",
        "identity_match.find.request.json",
    ] {
        let r = request_roundtrip::<IdentityMatchRequest>(name);
        assert_eq!(r.gender, Some(MatchGender::F));
        assert_eq!(r.prefix.as_deref(), Some(""));
        assert_eq!(r.birth_date.unwrap().month, Some(5));
    }
}

#[test]
fn identity_proof_score_request() {
    let r = request_roundtrip::<ProofAnswerRequest>("identity_proof.score.request.json");
    assert_eq!(
        r,
        ProofAnswerRequest::new("a9ec1381-5ad6-499b-a3a6-644ece186363", 1, 2)
    );
}

#[test]
fn scheduling_requests() {
    let b =
        request_roundtrip::<BookAppointmentRequest>("scheduling.appointments.book.request.json");
    assert_eq!(b.patient.first_name.as_deref(), Some("John"));
    let u = request_roundtrip::<UpdateAppointmentRequest>(
        "scheduling.appointments.update.request.json",
    );
    assert_eq!(
        u,
        UpdateAppointmentRequest::description("Welcome to M0d3rN Healthcare")
    );
    let p = request_roundtrip::<SchedulePatientRequest>("scheduling.patient.request.json");
    assert_eq!(p.location, [32.788110, -79.932364]);
    let s = request_roundtrip::<SlotRequest>("scheduling.slots.create.request.json");
    assert_eq!(s.appointment_type, "AT1");
}
