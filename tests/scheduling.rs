//! Scheduling: every operation against a mock platform, checking what went over the wire.

mod common;

use common::{envelope, fixture};
use pokitdok::Error;
use pokitdok::models::scheduling::{
    AppointmentStatus, AppointmentsQuery, BookAppointmentRequest, SchedulePatient,
    SchedulePatientRequest, SlotRequest, UpdateAppointmentRequest,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

fn bearer() -> String {
    format!("Bearer {}", common::ACCESS_TOKEN)
}

fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(envelope(data))
}

/// Requests that reached the API (not the token endpoint).
async fn api_requests(server: &wiremock::MockServer) -> Vec<wiremock::Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/"))
        .collect()
}

#[tokio::test]
async fn lists_schedulers() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/schedule/schedulers/"))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(fixture("scheduling.schedulers.list.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let page = pd.schedulers().await.unwrap();
    let names: Vec<_> = page.data.iter().filter_map(|s| s.name.as_deref()).collect();
    assert_eq!(names, ["PokitDok", "Greenway", "Athena"]);
    assert_eq!(
        page.data[1].scheduler_uuid.as_deref(),
        Some("d8f38f08-8530-11e4-9a71-0800272e8da1")
    );
    assert_eq!(
        page.meta.activity_id.as_deref(),
        Some("5745e9920640fd7aa95935f5")
    );
    let reqs = api_requests(&server).await;
    assert_eq!(reqs[0].url.query(), None);
}

#[tokio::test]
async fn gets_one_scheduler_as_list_or_object() {
    let (server, pd) = common::platform().await;
    let uuid = "967d207f-b024-41cc-8cac-89575a1f6fef";
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/schedule/schedulers/{uuid}")))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(fixture("scheduling.schedulers.get.response.json")))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.scheduler(uuid).await.unwrap();
    assert_eq!(r.data.len(), 1);
    assert_eq!(r.data[0].name.as_deref(), Some("PokitDok"));
    assert_eq!(r.data[0].scheduler_uuid.as_deref(), Some(uuid));

    // The same endpoint answering with a bare object.
    let object = fixture("scheduling.schedulers.get.response.json")[0].clone();
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/schedule/schedulers/{uuid}")))
        .respond_with(ok(object))
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.scheduler(uuid).await.unwrap();
    assert_eq!(r.data.len(), 1);
    assert_eq!(
        r.data[0].description.as_deref(),
        Some("The PokitDok scheduling system")
    );
}

#[tokio::test]
async fn lists_and_gets_appointment_types() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/schedule/appointmenttypes/"))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(fixture(
            "scheduling.appointmenttypes.list.response.json",
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(
            "/api/v4/schedule/appointmenttypes/ef987693-0a19-447f-814d-f8f3abbf4860",
        ))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(fixture("scheduling.appointmenttypes.get.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let page = pd.appointment_types().await.unwrap();
    assert_eq!(page.data.len(), 2);
    assert_eq!(page.data[0].appointment_type.as_deref(), Some("OV1"));
    assert_eq!(page.data[1].duration, Some(15));

    let t = pd
        .appointment_type("ef987693-0a19-447f-814d-f8f3abbf4860")
        .await
        .unwrap()
        .data;
    assert_eq!(t.description.as_deref(), Some("Office Visit"));
    assert_eq!(t.duration, Some(35));
}

#[tokio::test]
async fn gets_one_appointment_type_as_list_or_object() {
    let (server, pd) = common::platform().await;
    let uuid = "ef987693-0a19-447f-814d-f8f3abbf4860";
    let object = fixture("scheduling.appointmenttypes.get.response.json");
    // The live platform (and the sandbox): a one-element list.
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/schedule/appointmenttypes/{uuid}")))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(json!([object.clone()])))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    let t = pd.appointment_type(uuid).await.unwrap().data;
    assert_eq!(t.appointment_type_uuid.as_deref(), Some(uuid));
    assert_eq!(t.appointment_type.as_deref(), Some("OV1"));
    assert_eq!(t.duration, Some(35));

    // An empty list and a longer one are not one appointment type.
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/schedule/appointmenttypes/{uuid}")))
        .respond_with(ok(json!([])))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    match pd.appointment_type(uuid).await {
        Err(Error::Decode { status, path, .. }) => {
            assert_eq!(status.as_u16(), 200);
            assert!(path.starts_with("data"), "{path}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/schedule/appointmenttypes/{uuid}")))
        .respond_with(ok(json!([object.clone(), object.clone()])))
        .expect(1)
        .mount(&server)
        .await;
    assert!(matches!(
        pd.appointment_type(uuid).await,
        Err(Error::Decode { .. })
    ));
    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 3);
    assert!(reqs.iter().all(|r| r.method.as_str() == "GET"
        && r.url.path() == format!("/api/v4/schedule/appointmenttypes/{uuid}")));
}

#[tokio::test]
async fn opens_a_slot() {
    let (server, pd) = common::platform().await;
    let wire = fixture("scheduling.slots.create.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/schedule/slots/"))
        .and(header("authorization", bearer().as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(&wire))
        .respond_with(ok(fixture("scheduling.slots.create.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let req = SlotRequest::new(
        "b691b7f9-bfa8-486d-a689-214ae47ea6f8",
        [32.788110, -79.932364],
        "AT1",
        "2014-12-25T15:09:34.197709",
        "2014-12-25T16:09:34.197717",
    );
    // The documented example decodes to exactly this request.
    assert_eq!(serde_json::from_value::<SlotRequest>(wire).unwrap(), req);
    let slot = pd.create_slot(&req).await.unwrap().data;
    assert_eq!(slot.status, Some(AppointmentStatus::Open));
    assert_eq!(
        slot.pd_appointment_uuid.as_deref(),
        Some("ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2")
    );
    assert_eq!(slot.appointment_id.as_deref(), Some("W4MEM00001"));
}

#[tokio::test]
async fn deletes_a_slot_with_an_empty_204() {
    let (server, pd) = common::platform().await;
    Mock::given(method("DELETE"))
        .and(path(
            "/api/v4/schedule/slots/ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2",
        ))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd
        .delete_slot("ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2")
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(r.data, Value::Null);
}

#[tokio::test]
async fn searches_appointments_with_every_parameter() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/schedule/appointments/"))
        .and(header("authorization", bearer().as_str()))
        .and(query_param("appointment_type", "OV1"))
        .and(query_param("start_date", "2014-12-25T15:00:00.000000"))
        .and(query_param("end_date", "2014-12-26T15:00:00.000000"))
        .and(query_param(
            "patient_uuid",
            "8b21f7b0-8535-11e4-a6cb-0800272e8da1",
        ))
        .and(query_param(
            "pd_provider_uuid",
            "b691b7f9-bfa8-486d-a689-214ae47ea6f8",
        ))
        .and(query_param("location", "32.78811,-79.932364"))
        .and(query_param("limit", "10"))
        .and(query_param("offset", "20"))
        .respond_with(ok(fixture("scheduling.appointments.list.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let mut q = AppointmentsQuery::provider(
        "b691b7f9-bfa8-486d-a689-214ae47ea6f8",
        [32.78811, -79.932364],
    )
    .appointment_type("OV1")
    .between("2014-12-25T15:00:00.000000", "2014-12-26T15:00:00.000000");
    q.patient_uuid = Some("8b21f7b0-8535-11e4-a6cb-0800272e8da1".into());
    q.limit = Some(10);
    q.offset = Some(20);
    let page = pd.appointments(&q).await.unwrap();
    assert_eq!(page.data.len(), 1);
    let a = &page.data[0];
    assert_eq!(a.status, Some(AppointmentStatus::Booked));
    assert_eq!(a.id(), Some("ef987691-0a19-447f-814d-f8f3abbf4859"));
    assert_eq!(
        a.patient.as_ref().unwrap().id(),
        Some("8b21f7b0-8535-11e4-a6cb-0800272e8da1")
    );

    // Nothing else in the query.
    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].url.query_pairs().count(), 8);
}

#[tokio::test]
async fn gets_one_appointment() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path(
            "/api/v4/schedule/appointments/ef987691-0a19-447f-814d-f8f3abbf4859",
        ))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(fixture("scheduling.appointments.get.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd
        .appointment("ef987691-0a19-447f-814d-f8f3abbf4859")
        .await
        .unwrap();
    assert_eq!(r.data.len(), 1);
    let a = &r.data[0];
    assert_eq!(
        a.client_appointment_uuid.as_deref(),
        Some("ef987691-0a19-447f-814d-f8f3abbf4859")
    );
    assert_eq!(a.appointment_id.as_deref(), Some("UYQDUHSMIRCA"));
    assert_eq!(
        a.end_date.as_ref().unwrap().as_str(),
        "2014-12-25T16:09:34.197717"
    );
}

#[tokio::test]
async fn books_an_appointment() {
    let (server, pd) = common::platform().await;
    let wire = fixture("scheduling.appointments.book.request.json");
    Mock::given(method("PUT"))
        .and(path(
            "/api/v4/schedule/appointments/ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2",
        ))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&wire))
        .respond_with(ok(fixture("scheduling.appointments.book.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let patient = SchedulePatient::new(
        "500ef469-2767-4901-b705-425e9b6f7f83",
        "John",
        "Doe",
        "1970-01-25",
    )
    .email("john@hondoe.com")
    .phone("800-555-1212");
    let req = BookAppointmentRequest::new(patient).description("Welcome to M0d3rN Healthcare");
    assert_eq!(serde_json::to_value(&req).unwrap(), wire);
    let booked = pd
        .book_appointment("ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2", &req)
        .await
        .unwrap()
        .data;
    assert_eq!(booked.status, Some(AppointmentStatus::Booked));
    let p = booked.patient.unwrap();
    assert_eq!(p.member_id.as_deref(), Some("M000001"));
    assert_eq!(p.id(), Some("500ef469-2767-4901-b705-425e9b6f7f83"));
}

#[tokio::test]
async fn updates_description_and_marks_completed() {
    let (server, pd) = common::platform().await;
    let uuid = "ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2";
    Mock::given(method("PUT"))
        .and(path(format!("/api/v4/schedule/appointments/{uuid}")))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(fixture(
            "scheduling.appointments.update.request.json",
        )))
        .respond_with(ok(fixture("scheduling.appointments.update.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let mut completed = fixture("scheduling.appointments.book.response.json");
    completed["status"] = json!("completed");
    Mock::given(method("PUT"))
        .and(path(format!("/api/v4/schedule/appointments/{uuid}")))
        .and(body_json(json!({"mark_completed": "true"})))
        .respond_with(ok(completed))
        .expect(1)
        .mount(&server)
        .await;

    let a = pd
        .update_appointment(
            uuid,
            &UpdateAppointmentRequest::description("Welcome to M0d3rN Healthcare"),
        )
        .await
        .unwrap()
        .data;
    assert_eq!(
        a.description.as_deref(),
        Some("Welcome to M0d3rN Healthcare")
    );
    assert_eq!(a.status, Some(AppointmentStatus::Open));

    let a = pd
        .update_appointment(uuid, &UpdateAppointmentRequest::mark_completed())
        .await
        .unwrap()
        .data;
    assert_eq!(a.status, Some(AppointmentStatus::Completed));
}

#[tokio::test]
async fn cancels_an_appointment_with_an_empty_204() {
    let (server, pd) = common::platform().await;
    Mock::given(method("DELETE"))
        .and(path(
            "/api/v4/schedule/appointments/ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2",
        ))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd
        .cancel_appointment("ab21e95b-8fa6-41d4-98b9-9a1f6fcff0d2")
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(r.data.is_null());
    let reqs = api_requests(&server).await;
    assert!(reqs[0].body.is_empty());
}

#[tokio::test]
async fn registers_a_patient() {
    let (server, pd) = common::platform().await;
    let wire = fixture("scheduling.patient.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/schedule/patient/"))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&wire))
        .respond_with(ok(fixture("scheduling.patient.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let req = SchedulePatientRequest::new(
        "2773f6ff-00cb-460f-823f-5ff2208511e7",
        "b691b7f9-bfa8-486d-a689-214ae47ea6f8",
        [32.788110, -79.932364],
    );
    let p = pd.add_patient(&req).await.unwrap().data;
    assert_eq!(p.id(), Some("2773f6ff-00cb-460f-823f-5ff2208511e7"));
    assert_eq!(p.first_name.as_deref(), Some("Peg"));
    assert_eq!(p.birth_date.unwrap().as_str(), "1990-01-25");
}

#[tokio::test]
async fn missing_scope_is_forbidden_with_the_scope_error() {
    let (server, pd) = common::platform().await;
    let body = json!({
        "meta": {"activity_id": "5745e9920640fd7aa95935f5", "processing_time": 2},
        "data": {"errors": {"scope": "This endpoint requires the user_schedule scope"}}
    });
    Mock::given(method("GET"))
        .and(path("/api/v4/schedule/appointments/"))
        .and(query_param(
            "patient_uuid",
            "8b21f7b0-8535-11e4-a6cb-0800272e8da1",
        ))
        .respond_with(ResponseTemplate::new(403).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let err = pd
        .appointments(&AppointmentsQuery::patient(
            "8b21f7b0-8535-11e4-a6cb-0800272e8da1",
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    assert_eq!(err.status(), Some(pokitdok::StatusCode::FORBIDDEN));
    assert_eq!(
        err.body().unwrap().errors().unwrap()["scope"],
        "This endpoint requires the user_schedule scope"
    );
    assert_eq!(
        err.meta().unwrap().activity_id.as_deref(),
        Some("5745e9920640fd7aa95935f5")
    );
}

#[tokio::test]
async fn hostile_ids_are_encoded_or_refused() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/schedule/appointments/a%2Fb%3Fc%23d"))
        .respond_with(ok(fixture("scheduling.appointments.get.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.appointment("a/b?c#d").await.unwrap();
    assert_eq!(r.data.len(), 1);
    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].url.query(), None);

    for result in [
        pd.cancel_appointment("..").await.map(|_| ()),
        pd.delete_slot(".").await.map(|_| ()),
        pd.scheduler("").await.map(|_| ()),
        pd.appointment_type("..").await.map(|_| ()),
        pd.book_appointment(
            "..",
            &BookAppointmentRequest::new(SchedulePatient::new("u", "A", "B", "2000-01-01")),
        )
        .await
        .map(|_| ()),
        pd.update_appointment("..", &UpdateAppointmentRequest::mark_completed())
            .await
            .map(|_| ()),
    ] {
        assert!(matches!(result, Err(Error::Config { .. })), "{result:?}");
    }
    // Nothing more reached the API.
    assert_eq!(api_requests(&server).await.len(), 1);
}

#[test]
fn appointment_debug_shows_no_patient_data() {
    let a: pokitdok::models::scheduling::Appointment = serde_json::from_value(json!({
        "pd_appointment_uuid": "SENTINEL-APPT-UUID",
        "appointment_id": "SENTINEL-APPT-ID",
        "appointment_type": "OV1",
        "status": "booked",
        "patient": {"first_name": "Zebulonsentinel", "last_name": "Quagmiresentinel",
                    "_uuid": "SENTINEL-PATIENT-UUID", "birth_date": "1911-11-11",
                    "email": "sentinel@example.invalid", "phone": "555-000-9999",
                    "member_id": "SENTINEL-MEMBER"},
        "description": "Checkup"
    }))
    .unwrap();
    let out = format!("{a:?} {:?}", a.patient);
    for s in [
        "Zebulonsentinel",
        "Quagmiresentinel",
        "SENTINEL",
        "1911",
        "sentinel@example",
        "555-000-9999",
    ] {
        assert!(!out.contains(s), "{s} leaked: {out}");
    }
    assert!(out.contains("booked"), "{out}");
}
