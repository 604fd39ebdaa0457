//! Scheduling: schedulers, appointment types, patients, slots and appointments.

use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::data;
use crate::http::Ctx;
use crate::state::MAX_ITEMS;
use crate::util::{self, s};

fn list(name: &str) -> Vec<Value> {
    data::fixture(name).as_array().cloned().unwrap_or_default()
}

/// `GET /schedule/schedulers/` and `/{uuid}` (a one-element list, as documented).
pub(crate) fn schedulers(ctx: &Ctx, id: Option<&str>) -> Response {
    let all = list("scheduling.schedulers.list.response.json");
    match id {
        None => ctx.page(all),
        Some(id) => match all.into_iter().find(|x| s(x, "scheduler_uuid") == Some(id)) {
            Some(x) => ctx.ok(json!([x])),
            None => ctx.not_found(),
        },
    }
}

/// `GET /schedule/appointmenttypes/`.
pub(crate) fn appointment_types(ctx: &Ctx) -> Response {
    ctx.page(list("scheduling.appointmenttypes.list.response.json"))
}

/// `GET /schedule/appointmenttypes/{uuid}`: a one-element list, like schedulers. (Its
/// documented example is a single object, but the official clients' suites, written against
/// the live platform, expect a list.)
pub(crate) fn appointment_type(ctx: &Ctx, id: &str) -> Response {
    match list("scheduling.appointmenttypes.list.response.json")
        .into_iter()
        .find(|x| s(x, "appointment_type_uuid") == Some(id))
    {
        Some(x) => ctx.ok(json!([x])),
        None => ctx.not_found(),
    }
}

/// `POST /schedule/patient/`: registers an identity (created with `POST /identity/`) as a
/// scheduling patient.
pub(crate) fn patient(ctx: &Ctx) -> Response {
    let body = match ctx.body_with(&["pd_patient_uuid", "pd_provider_uuid", "location"]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let uuid = s(&body, "pd_patient_uuid").unwrap_or_default();
    let identity = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.identities
                .iter()
                .find(|i| i.uuid == uuid)
                .and_then(|i| i.versions.last().map(|v| v.2.clone()))
        })
        .flatten();
    let Some(identity) = identity else {
        return ctx.invalid(&[(
            "pd_patient_uuid",
            "No identity has this uuid; create it with POST /identity/ first.".to_owned(),
        )]);
    };
    let mut p = util::pick(
        &identity,
        &[
            "email",
            "phone",
            "birth_date",
            "first_name",
            "last_name",
            "member_id",
        ],
    );
    p["uuid"] = json!(uuid);
    ctx.ok(p)
}

/// `POST /schedule/slots/`: an open appointment slot.
pub(crate) fn create_slot(ctx: &Ctx) -> Response {
    let body = match ctx.body_with(&[
        "pd_provider_uuid",
        "location",
        "appointment_type",
        "start_date",
        "end_date",
    ]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (start, end) = (
        s(&body, "start_date").unwrap_or_default(),
        s(&body, "end_date").unwrap_or_default(),
    );
    if end <= start {
        return ctx.invalid(&[("end_date", "end_date must be after start_date.".to_owned())]);
    }
    let scheduler = list("scheduling.schedulers.list.response.json")
        .first()
        .and_then(|x| s(x, "scheduler_uuid").map(str::to_owned))
        .unwrap_or_default();
    let slot = json!({
        "pd_appointment_uuid": util::new_uuid(),
        "provider_scheduler_uuid": scheduler,
        "appointment_id": util::random_token(10).to_uppercase(),
        "appointment_type": body["appointment_type"],
        "start_date": start,
        "end_date": end,
        "status": "open",
        "pd_provider_uuid": body["pd_provider_uuid"],
        "location": body["location"],
    });
    let size = util::json_size(&slot);
    tri!(ctx.store(|c| {
        c.admit("slots", c.appointments.len(), MAX_ITEMS, size)?;
        c.appointments.push(slot.clone());
        Ok(())
    }));
    ctx.ok(slot)
}

enum Found<T> {
    Missing,
    Refused(String),
    Done(T),
}

fn with_appointment(
    ctx: &Ctx,
    id: &str,
    f: impl FnOnce(&mut Vec<Value>, usize) -> Found<Value>,
) -> Response {
    let outcome = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            match c
                .appointments
                .iter()
                .position(|a| s(a, "pd_appointment_uuid") == Some(id))
            {
                Some(i) => f(&mut c.appointments, i),
                None => Found::Missing,
            }
        })
        .unwrap_or(Found::Missing);
    match outcome {
        Found::Missing => ctx.not_found(),
        Found::Refused(why) => ctx.invalid(&[("status", why)]),
        Found::Done(v) => ctx.ok(v),
    }
}

/// `DELETE /schedule/slots/{uuid}`: removes an open slot.
pub(crate) fn delete_slot(ctx: &Ctx, id: &str) -> Response {
    with_appointment(ctx, id, |list, i| {
        if s(&list[i], "status") != Some("open") {
            return Found::Refused(
                "Only open slots can be deleted; cancel the appointment first.".into(),
            );
        }
        list.remove(i);
        Found::Done(json!({"pd_appointment_uuid": id, "deleted": true}))
    })
}

/// `GET /schedule/appointments/`.
pub(crate) fn appointments(ctx: &Ctx) -> Response {
    let items: Vec<Value> = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.appointments
                .iter()
                .filter(|a| {
                    let date = s(a, "start_date").unwrap_or_default();
                    ctx.q("appointment_type")
                        .is_none_or(|t| s(a, "appointment_type") == Some(t))
                        && ctx.q("start_date").is_none_or(|d| date >= d)
                        && ctx.q("end_date").is_none_or(|d| date <= d)
                        && ctx
                            .q("patient_uuid")
                            .is_none_or(|p| s(&a["patient"], "_uuid") == Some(p))
                        && ctx
                            .q("pd_provider_uuid")
                            .is_none_or(|p| s(a, "pd_provider_uuid") == Some(p))
                        && ctx.q("status").is_none_or(|st| s(a, "status") == Some(st))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    ctx.page(items)
}

/// `GET /schedule/appointments/{uuid}` (a one-element list, as documented).
pub(crate) fn appointment(ctx: &Ctx, id: &str) -> Response {
    let found = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.appointments
                .iter()
                .find(|a| s(a, "pd_appointment_uuid") == Some(id))
                .cloned()
        })
        .flatten();
    match found {
        Some(a) => ctx.ok(json!([a])),
        None => ctx.not_found(),
    }
}

/// `PUT /schedule/appointments/{uuid}`: books (with `patient`), updates `description`, or
/// marks completed (`mark_completed`).
pub(crate) fn update_appointment(ctx: &Ctx, id: &str) -> Response {
    let body = match ctx.json_body() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if body.get("patient").is_some_and(Value::is_object) {
        let patient = &body["patient"];
        let Some(uuid) = s(patient, "uuid").or_else(|| s(patient, "_uuid")) else {
            return ctx.missing(&["patient.uuid"]);
        };
        let mut stored = Map::new();
        stored.insert("_uuid".into(), json!(uuid));
        for k in [
            "first_name",
            "last_name",
            "email",
            "phone",
            "birth_date",
            "member_id",
        ] {
            if let Some(v) = patient.get(k).filter(|v| util::present(Some(v))) {
                stored.insert(k.into(), v.clone());
            }
        }
        let description = body.get("description").cloned();
        let added = util::json_size(&Value::Object(stored.clone()))
            + description.as_ref().map_or(0, util::json_size);
        tri!(ctx.store(|c| c.fits(added, 0)));
        return with_appointment(ctx, id, move |list, i| {
            let a = &mut list[i];
            if s(a, "status") != Some("open") {
                return Found::Refused("The slot is already booked.".into());
            }
            a["status"] = json!("booked");
            a["patient"] = Value::Object(stored);
            if let Some(d) = description {
                a["description"] = d;
            }
            Found::Done(a.clone())
        });
    }
    if let Some(d) = body.get("description").filter(|d| !d.is_null()).cloned() {
        tri!(ctx.store(|c| c.fits(util::json_size(&d), 0)));
        return with_appointment(ctx, id, move |list, i| {
            list[i]["description"] = d;
            Found::Done(list[i].clone())
        });
    }
    let completed = match body.get("mark_completed") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(v)) => v.eq_ignore_ascii_case("true"),
        _ => false,
    };
    if completed {
        return with_appointment(ctx, id, |list, i| {
            if s(&list[i], "status") != Some("booked") {
                return Found::Refused("Only booked appointments can be completed.".into());
            }
            list[i]["status"] = json!("completed");
            Found::Done(list[i].clone())
        });
    }
    ctx.missing(&["patient"])
}

/// `DELETE /schedule/appointments/{uuid}`: cancels a booking; the slot is open again.
pub(crate) fn cancel_appointment(ctx: &Ctx, id: &str) -> Response {
    with_appointment(ctx, id, |list, i| {
        let a = &mut list[i];
        if s(a, "status") != Some("booked") {
            return Found::Refused("The appointment is not booked.".into());
        }
        a["status"] = json!("open");
        if let Value::Object(m) = a {
            m.remove("patient");
            m.remove("description");
        }
        Found::Done(a.clone())
    })
}
