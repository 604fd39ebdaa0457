//! `POST /claims/convert`: an X12 837 converted to claims requests (ICD-9 codes mapped to
//! ICD-10).

use axum::response::Response;
use serde_json::{Value, json};

use super::activities::{record, snapshot};
use super::upload::read_upload;
use crate::activity::{Activity, Outcome, SYNC};
use crate::edi::{Interchange, Segment, el, x12_date};
use crate::http::Ctx;
use crate::state::{MAX_CONVERT_CLAIMS, MAX_RECORD_BYTES};
use crate::{data, util};

/// One 837 claim converted to a claims request (from the documented example's shape).
fn convert_claim(
    segs: &[Segment<'_>],
    component: char,
    tp: &str,
) -> (Value, Vec<Value>, Vec<(String, String)>) {
    let mut req = data::fixture("claims_convert.response.json")["claims_request"].clone();
    req["trading_partner_id"] = json!(tp);
    let mut lines: Vec<Value> = Vec::new();
    let mut icd9: Vec<String> = Vec::new();
    for seg in segs {
        match (el(seg, 0), el(seg, 1)) {
            ("NM1", "85") => {
                let bp = &mut req["billing_provider"];
                if el(seg, 2) == "2" {
                    bp["organization_name"] = json!(el(seg, 3));
                    if let Value::Object(m) = bp {
                        m.remove("first_name");
                        m.remove("last_name");
                    }
                } else {
                    bp["last_name"] = json!(el(seg, 3));
                    bp["first_name"] = json!(el(seg, 4));
                }
                bp["npi"] = json!(el(seg, 9));
            }
            ("NM1", "IL") => {
                let sub = &mut req["subscriber"];
                sub["last_name"] = json!(el(seg, 3));
                sub["first_name"] = json!(el(seg, 4));
                sub["member_id"] = json!(el(seg, 9));
            }
            ("DMG", "D8") => {
                let sub = &mut req["subscriber"];
                sub["birth_date"] = json!(x12_date(el(seg, 2)));
                sub["gender"] = json!(match el(seg, 3) {
                    "F" => "female",
                    "M" => "male",
                    _ => "unknown",
                });
            }
            ("CLM", _) => {
                req["claim"]["total_charge_amount"] = json!(el(seg, 2));
            }
            ("HI", _) => {
                for comp in seg.iter().skip(1) {
                    if let Some((q, code)) = comp.split_once(component)
                        && matches!(q, "BK" | "BF")
                    {
                        icd9.push(code.to_owned());
                    }
                }
            }
            ("SV1", _) => {
                let code = el(seg, 1).split(component).nth(1).unwrap_or_default();
                lines.push(json!({
                    "procedure_code": code,
                    "charge_amount": el(seg, 2),
                    "unit_type": if el(seg, 3) == "DA" { "days" } else { "units" },
                    "unit_count": el(seg, 4),
                    "diagnosis_codes": [],
                }));
            }
            ("DTP", "472") => {
                if let Some(last) = lines.last_mut() {
                    let d = el(seg, 3);
                    let (start, end) = d.split_once('-').unwrap_or((d, ""));
                    last["service_date"] = json!(x12_date(start));
                    if !end.is_empty() {
                        last["service_end_date"] = json!(x12_date(end));
                    }
                }
            }
            _ => {}
        }
    }
    let example_mappings =
        data::fixture("claims_convert.response.json")["diagnosis_mappings"].clone();
    let mut mappings = Vec::new();
    let mut replaced = Vec::new();
    let mut icd10 = Vec::new();
    for code in &icd9 {
        let known = example_mappings
            .as_array()
            .and_then(|l| {
                l.iter()
                    .find(|m| m["source_code"]["value"] == json!(code))
                    .cloned()
            })
            .or_else(|| data::icd_mapping(code));
        if let Some(m) = known {
            let first = m["destination_scenarios"][0]["choice_lists"][0][0]["value"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if !first.is_empty() {
                replaced.push((code.clone(), first.clone()));
                icd10.push(first);
            }
            mappings.push(m);
        } else {
            icd10.push(code.clone());
        }
    }
    for l in &mut lines {
        l["diagnosis_codes"] = json!(icd10);
    }
    if !lines.is_empty() {
        req["claim"]["service_lines"] = json!(lines);
    }
    (req, mappings, replaced)
}

/// `POST /claims/convert` (multipart `file`): one claim is converted in real time; several
/// give a batch activity with one completed sub-activity per claim.
pub(crate) async fn claims_convert(ctx: &Ctx) -> Response {
    let up = tri!(read_upload(ctx).await);
    let Some((_, bytes)) = up.file else {
        return ctx.missing(&["file"]);
    };
    if bytes.len() > MAX_RECORD_BYTES {
        return ctx.too_large("file", bytes.len(), MAX_RECORD_BYTES);
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let x12 = Interchange::parse(&text);
    if !x12.has_isa() || !x12.transaction_sets().any(|set| set == "837") {
        return ctx.invalid(&[("file", "The file is not an X12 837.".to_owned())]);
    }
    let component = x12.sep.component;
    let tp = up
        .fields
        .get("trading_partner_id")
        .and_then(Value::as_str)
        .unwrap_or("MOCKPAYER")
        .to_owned();
    let all = &x12.segments;
    // Split at each CLM: the segments before the first CLM are shared context.
    let clm_positions: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, s)| el(s, 0) == "CLM")
        .map(|(i, _)| i)
        .collect();
    if clm_positions.len() > MAX_CONVERT_CLAIMS {
        return ctx.invalid(&[(
            "file",
            format!("The sandbox converts at most {MAX_CONVERT_CLAIMS} claims per file."),
        )]);
    }
    let mut converted = Vec::new();
    if clm_positions.len() <= 1 {
        converted.push(convert_claim(all, component, &tp));
    } else {
        let head = &all[..clm_positions[0]];
        for (n, start) in clm_positions.iter().enumerate() {
            let end = clm_positions.get(n + 1).copied().unwrap_or(all.len());
            let mut segs: Vec<Segment<'_>> = head.to_vec();
            segs.extend(all[*start..end].iter().cloned());
            converted.push(convert_claim(&segs, component, &tp));
        }
    }
    let results: Vec<Value> = converted
        .into_iter()
        .map(|(req, mappings, replaced)| {
            let mut converted_edi = text.clone();
            for (from, to) in &replaced {
                converted_edi = converted_edi.replace(
                    &format!("BK{component}{from}"),
                    &format!("ABK{component}{to}"),
                );
            }
            json!({"claims_request": req, "converted_edi": converted_edi,
                   "diagnosis_mappings": mappings})
        })
        .collect();
    if results.len() == 1 {
        let result = results.into_iter().next().unwrap_or_default();
        record(
            ctx,
            "claims_convert",
            &tp,
            json!({"trading_partner_id": tp}),
            SYNC,
            2,
            Outcome::Ready(result.clone()),
        );
        return ctx.ok(result);
    }
    let parent_id = ctx.activity_id();
    let parent = Activity::new(
        parent_id.clone(),
        "claims_convert",
        &tp,
        json!({"trading_partner_id": tp, "claims": results.len()}),
        SYNC,
        2,
        Outcome::Ready(json!({"claims": results.len()})),
    );
    ctx.shared.with_client(&ctx.client_id, |c| {
        c.push_activity(parent);
        for r in results {
            let mut child = Activity::new(
                util::new_id(),
                "claims_convert",
                &tp,
                json!({}),
                SYNC,
                2,
                Outcome::Ready(r),
            );
            child.parent_id = Some(parent_id.clone());
            c.push_activity(child);
        }
    });
    ctx.ok(snapshot(ctx, &parent_id))
}
