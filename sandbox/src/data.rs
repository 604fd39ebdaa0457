//! Built-in reference data: the documented examples used as shape templates, and small
//! directories (trading partners, providers, procedure codes, plans...).

use pokitdok::models::x12::ServiceType;
use serde_json::{Value, json};

/// A documented example, parsed (`Null` for an unknown name, which a unit test rules out).
pub(crate) fn fixture(name: &str) -> Value {
    crate::fixtures::json(name).unwrap_or(Value::Null)
}

/// `data` of a fixture that shows the envelope (`{"data": ...}`), or the fixture itself.
pub(crate) fn fixture_data(name: &str) -> Value {
    let v = fixture(name);
    match v.get("data") {
        Some(d) => d.clone(),
        None => v,
    }
}

/// The raw X12 835 example of `GET /payments/{id}/data`.
pub(crate) const PAYMENT_X12: &str = include_str!("../fixtures/payments.data.response.x12");

const CASH_CPT: &str = include_str!("../fixtures/cash_cpt_codes.tsv");

/// All `(service_type, X12 code)` pairs: the client's one table, [`ServiceType::ALL`].
pub(crate) fn service_types() -> impl Iterator<Item = (&'static str, &'static str)> {
    ServiceType::ALL
        .iter()
        .filter_map(|t| Some((t.as_str(), t.x12_code()?)))
}

/// The X12 code of a service type name (`None` for a name the client does not know).
pub(crate) fn service_type_code(name: &str) -> Option<&'static str> {
    ServiceType::ALL
        .iter()
        .find(|t| t.as_str() == name)
        .and_then(ServiceType::x12_code)
}

/// The procedure name of a CPT code that Cash Prices supports.
pub(crate) fn cash_procedure(cpt: &str) -> Option<&'static str> {
    CASH_CPT
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .find(|(c, _)| *c == cpt)
        .map(|(_, name)| name)
}

/// A trading partner: id, name, supported X12 transaction sets.
pub(crate) struct Partner {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) transactions: &'static [&'static str],
}

pub(crate) static PARTNERS: &[Partner] = &[
    Partner {
        id: "MOCKPAYER",
        name: "MOCK PAYER INC",
        transactions: &["270", "276", "278", "834", "835", "837"],
    },
    Partner {
        id: "aetna",
        name: "Aetna",
        transactions: &["276", "270", "278", "837"],
    },
    Partner {
        id: "aetna_affordable_health_src",
        name: "Aetna Affordable Health Choices SM SRC",
        transactions: &["837"],
    },
    Partner {
        id: "aetna_better_health",
        name: "Aetna Better Health",
        transactions: &["276", "837", "270"],
    },
    Partner {
        id: "blue_cross_and_blue_shield_texas",
        name: "Blue Cross and Blue Shield of Texas",
        transactions: &["270", "276", "837"],
    },
    Partner {
        id: "cigna",
        name: "Cigna",
        transactions: &["270", "276", "278", "837"],
    },
    Partner {
        id: "humana",
        name: "Humana",
        transactions: &["270", "276", "837"],
    },
    Partner {
        id: "medicare_national",
        name: "Medicare National",
        transactions: &["270", "276", "837"],
    },
];

pub(crate) fn partner(id: &str) -> Option<&'static Partner> {
    PARTNERS.iter().find(|p| p.id == id)
}

/// The list form of a trading partner.
pub(crate) fn partner_summary(p: &Partner) -> Value {
    json!({
        "id": p.id,
        "name": p.name,
        "is_enabled": true,
        "enrollment_required": [],
        "supported_transactions": p.transactions,
    })
}

/// The detail form: the documented `aetna` example with this partner's id, name and
/// transactions.
pub(crate) fn partner_detail(p: &Partner) -> Value {
    let mut v = fixture("trading_partners.get.response.json");
    if let Value::Object(m) = &mut v {
        m.insert("id".into(), json!(p.id));
        m.insert("name".into(), json!(p.name));
        m.insert("supported_transactions".into(), json!(p.transactions));
        m.insert(
            "supported_search_options".into(),
            json!([
                "primary_search",
                "no_first_name_search",
                "no_birth_date_search",
                "no_name_search",
                "no_id_search"
            ]),
        );
    }
    v
}

#[allow(clippy::too_many_arguments)]
fn provider(
    npi: &str,
    uuid: &str,
    names: (&str, &str, &str),
    gender: &str,
    specialties: &[&str],
    address: &str,
    city: &str,
    state: &str,
    zipcode: &str,
    phone: &str,
) -> Value {
    let (first, last, org) = names;
    let mut p = json!({
        "uuid": uuid,
        "npi": npi,
        "entity_type": if org.is_empty() { "individual" } else { "organization" },
        "locations": [{
            "address_lines": [address], "city": city, "state": state, "zipcode": zipcode,
            "country": "US", "phone": phone, "role": ["practice"]
        }],
        "phone": phone,
        "specialty": specialties,
        "specialty_primary": &specialties[..1.min(specialties.len())],
        "specialty_secondary": specialties.get(1..).unwrap_or_default(),
        "verified": true,
    });
    if org.is_empty() {
        p["first_name"] = json!(first);
        p["last_name"] = json!(last);
        p["gender"] = json!(gender);
        p["prefix"] = json!("DR");
        p["degree"] = json!("MD");
    } else {
        p["organization_name"] = json!(org);
    }
    p
}

/// The built-in provider directory: `{"provider": {...}}` items (a family-medicine cluster in
/// San Mateo, 94401, lets a ZIP-code search page through several results).
pub(crate) fn providers() -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(list) = fixture("providers.list.response.json").as_array() {
        out.extend(list.iter().cloned());
    }
    out.push(fixture("providers.get.response.json"));
    let extra = [
        provider(
            "1234567893",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a01",
            ("ELIZABETH", "BLACKWELL", ""),
            "Female",
            &["Family Medicine", "Internal Medicine"],
            "8311 WARREN H ABERNATHY HWY",
            "Spartanburg",
            "SC",
            "29301",
            "8645551000",
        ),
        provider(
            "1093712345",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a02",
            ("MARIA", "GARCIA", ""),
            "Female",
            &["Rheumatology", "Internal Medicine"],
            "101 E Wood St",
            "Spartanburg",
            "SC",
            "29307",
            "8645552000",
        ),
        provider(
            "1538201234",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a03",
            ("ROBERT", "KIM", ""),
            "Male",
            &["Pediatrics"],
            "25 Calhoun St",
            "Charleston",
            "SC",
            "29412",
            "8435553000",
        ),
        provider(
            "1710987654",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a04",
            ("", "", "CHARLESTON MEDICAL GROUP"),
            "",
            &["Family Medicine", "Urgent Care"],
            "100 Calhoun St Suite 210",
            "Charleston",
            "SC",
            "29401",
            "8435554000",
        ),
        provider(
            "1326045678",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a05",
            ("ALICE", "NGUYEN", ""),
            "Female",
            &["Cardiology", "Internal Medicine"],
            "1 Baldwin Ave",
            "San Mateo",
            "CA",
            "94401",
            "6505555000",
        ),
        provider(
            "1962431234",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a06",
            ("", "", "BAY AREA IMAGING CENTER"),
            "",
            &["Radiology", "Diagnostic Radiology"],
            "200 S El Camino Real",
            "San Mateo",
            "CA",
            "94401",
            "6505556000",
        ),
        provider(
            "1487654321",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a07",
            ("SAMUEL", "OKAFOR", ""),
            "Male",
            &["Orthopaedic Surgery", "Sports Medicine"],
            "600 Congress Ave",
            "Austin",
            "TX",
            "78701",
            "5125557000",
        ),
        provider(
            "1844123459",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a08",
            ("JAMES", "WHITFIELD", ""),
            "Male",
            &["Family Medicine"],
            "1 Baldwin Ave Suite 100",
            "San Mateo",
            "CA",
            "94401",
            "6505552100",
        ),
        provider(
            "1245678903",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a09",
            ("PRIYA", "RAMAN", ""),
            "Female",
            &["Family Medicine"],
            "50 E 3rd Ave",
            "San Mateo",
            "CA",
            "94401",
            "6505552101",
        ),
        provider(
            "1654321094",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a0a",
            ("DANIEL", "ORTEGA", ""),
            "Male",
            &["Family Medicine"],
            "123 S B St",
            "San Mateo",
            "CA",
            "94401",
            "6505552102",
        ),
        provider(
            "1975318647",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a0b",
            ("GRACE", "LIU", ""),
            "Female",
            &["Family Medicine"],
            "400 S El Camino Real",
            "San Mateo",
            "CA",
            "94401",
            "6505552103",
        ),
        provider(
            "1308642978",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a0c",
            ("THOMAS", "BECKER", ""),
            "Male",
            &["Family Medicine"],
            "30 N San Mateo Dr",
            "San Mateo",
            "CA",
            "94401",
            "6505552104",
        ),
        provider(
            "1582469379",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a0d",
            ("OLIVIA", "MENSAH", ""),
            "Female",
            &["Family Medicine"],
            "222 W 39th Ave",
            "San Mateo",
            "CA",
            "94401",
            "6505552105",
        ),
        provider(
            "1428571362",
            "8d2d5a4b-6c3e-4d59-9a4f-1f0c2b7d0a0e",
            ("", "", "SAN MATEO FAMILY HEALTH CENTER"),
            "",
            &["Family Medicine", "Primary Care"],
            "100 S San Mateo Dr",
            "San Mateo",
            "CA",
            "94401",
            "6505552106",
        ),
    ];
    out.extend(extra.into_iter().map(|p| json!({ "provider": p })));
    out
}

/// Medical procedure codes: the documented examples plus a few common ones.
pub(crate) fn procedure_codes() -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(list) = fixture("mpc.list.response.json").as_array() {
        out.extend(list.iter().cloned());
    }
    out.push(fixture("mpc.get.response.json"));
    for (code, name, description) in [
        (
            "99203",
            "New patient office or other outpatient visit, typically 30 minutes",
            "Level 3 outpatient visit for evaluation and management of a new patient",
        ),
        (
            "99385",
            "Initial comprehensive preventive medicine evaluation, age 18-39",
            "Annual physical examination of a new patient aged 18 to 39 years",
        ),
        (
            "80061",
            "Lipid panel",
            "Blood test measuring total cholesterol, HDL and triglycerides",
        ),
        (
            "93000",
            "Routine electrocardiogram (EKG)",
            "Electrocardiogram with at least 12 leads, with interpretation and report",
        ),
        (
            "71250",
            "CT scan of chest without contrast",
            "Computed tomography of the thorax without contrast material",
        ),
        (
            "76700",
            "Ultrasound of abdomen",
            "Complete ultrasound examination of the abdomen",
        ),
    ] {
        out.push(json!({"code": code, "name": name, "description": description}));
    }
    out
}

/// ICD-9 to ICD-10 mappings: the documented example plus a few more.
pub(crate) fn icd_mapping(code: &str) -> Option<Value> {
    let normalized: String = code
        .chars()
        .filter(|c| *c != '.')
        .collect::<String>()
        .to_uppercase();
    let one = |desc9: &str, code10: &str, desc10: &str| {
        json!({
            "source_code": {"description": desc9, "system": "icd9", "value": normalized},
            "approximate": false,
            "combination": false,
            "destination_scenarios": [{"choice_lists": [[
                {"description": desc10, "system": "icd10", "value": code10}
            ]]}]
        })
    };
    match normalized.as_str() {
        "25012" => Some(fixture("icd_convert.response.json")),
        "4019" => Some(one(
            "Unspecified essential hypertension",
            "I10",
            "Essential (primary) hypertension",
        )),
        "4011" => Some(one(
            "Benign essential hypertension",
            "I10",
            "Essential (primary) hypertension",
        )),
        "7242" => Some(one("Lumbago", "M545", "Low back pain")),
        "4660" => Some(one(
            "Acute bronchitis",
            "J209",
            "Acute bronchitis, unspecified",
        )),
        "4870" => Some(one(
            "Influenza with pneumonia",
            "J1100",
            "Influenza due to unidentified influenza virus with unspecified type of pneumonia",
        )),
        _ => None,
    }
}

/// Insurance plans: the documented example plus a few variants.
pub(crate) fn plans() -> Vec<Value> {
    let base = fixture("plans.response.json");
    let mut out = vec![base.clone()];
    for (plan_id, name, level, kind, state, county, tp, individual) in [
        (
            "33602TX0420002",
            "Blue Choice Silver HMO 002",
            "silver",
            "HMO",
            "TX",
            "Travis",
            "blue_cross_and_blue_shield_texas",
            4500.0,
        ),
        (
            "26065SC0010001",
            "Mock Payer Silver PPO",
            "silver",
            "PPO",
            "SC",
            "Charleston",
            "MOCKPAYER",
            3000.0,
        ),
        (
            "26065SC0010002",
            "Mock Payer Bronze EPO",
            "bronze",
            "EPO",
            "SC",
            "Spartanburg",
            "MOCKPAYER",
            6000.0,
        ),
        (
            "40513CA0380001",
            "Mock Payer Gold PPO",
            "gold",
            "PPO",
            "CA",
            "San Mateo",
            "MOCKPAYER",
            1500.0,
        ),
    ] {
        let mut p = base.clone();
        p["plan_id"] = json!(plan_id);
        p["plan_name"] = json!(name);
        p["metallic_level"] = json!(level);
        p["plan_type"] = json!(kind);
        p["state"] = json!(state);
        p["county"] = json!(county);
        p["trading_partner_id"] = json!(tp);
        p["deductible"] = json!({"individual": individual, "family": individual * 3.0});
        p["max_out_of_pocket"] =
            json!({"individual": individual * 2.0, "family": individual * 6.0});
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixture_the_sandbox_names_exists_and_parses() {
        // Every JSON file name quoted in the sources names a fixture.
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src];
        let mut named = 0;
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for (end, _) in text.match_indices(".json\"") {
                let start = text[..end].rfind('"').unwrap() + 1;
                let name = &text[start..end + 5];
                if name.len() <= 5
                    || !name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"._".contains(&b))
                {
                    continue;
                }
                named += 1;
                assert!(
                    !fixture(name).is_null(),
                    "{name} (named in {})",
                    p.display()
                );
            }
        }
        assert!(named > 20, "only {named} fixture names found");
        assert_eq!(service_types().count(), 244);
        assert_eq!(service_type_code("no_such_service_type"), None);
        assert_eq!(
            service_type_code("health_benefit_plan_coverage"),
            Some("30")
        );
        assert_eq!(cash_procedure("99385"), Some("Annual Physical Exam"));
        assert!(providers().iter().all(|p| p["provider"]["npi"].is_string()));
        assert!(icd_mapping("250.12").is_some());
    }
}
