//! The one table of the 244 service types (`open_enum!` with X12 codes, `ServiceType::ALL`)
//! is consistent: every value round-trips through its name and its X12 code, and no name or
//! code is used twice.

use std::collections::HashSet;

use pokitdok::models::x12::ServiceType;

#[test]
fn all_244_values_round_trip_through_name_and_code() {
    assert_eq!(ServiceType::ALL.len(), 244);
    let mut names = HashSet::new();
    let mut codes = HashSet::new();
    for t in ServiceType::ALL {
        assert!(!matches!(t, ServiceType::Unknown(_)), "{t:?}");
        let name = t.as_str();
        let code = t
            .x12_code()
            .unwrap_or_else(|| panic!("{name} has no X12 code"));
        // name -> enum -> name, code -> enum -> code.
        assert_eq!(&ServiceType::from(name), t);
        assert_eq!(ServiceType::from(name).as_str(), name);
        assert_eq!(ServiceType::from_x12_code(code).as_ref(), Some(t));
        assert_eq!(
            ServiceType::from_x12_code(code).and_then(|t| t.x12_code()),
            Some(code)
        );
        // The wire form is the name.
        assert_eq!(
            serde_json::to_value(t).unwrap(),
            serde_json::Value::from(name)
        );
        assert!(names.insert(name), "name {name} used twice");
        assert!(codes.insert(code), "code {code} used twice");
    }
    assert_eq!((names.len(), codes.len()), (244, 244));
}

#[test]
fn documented_codes_and_unknown_values() {
    for (name, code) in [
        ("health_benefit_plan_coverage", "30"),
        ("medical_care", "1"),
        ("dental_care", "35"),
        ("hospital", "47"),
        ("pharmacy", "88"),
        ("vision_optometry", "AL"),
        ("mental_health", "MH"),
        ("urgent_care", "UC"),
        ("serious_mental_health", "SMH"),
        ("basic_restorative_dental", "E12"),
    ] {
        assert_eq!(ServiceType::from(name).x12_code(), Some(code), "{name}");
        assert_eq!(ServiceType::from_x12_code(code).unwrap().as_str(), name);
    }
    // A value the crate does not know is kept, and has no code; an unknown code has no value.
    let unknown = ServiceType::from("teleportation");
    assert_eq!(unknown, ServiceType::Unknown("teleportation".into()));
    assert_eq!(unknown.x12_code(), None);
    assert_eq!(ServiceType::from_x12_code("ZZZ"), None);
    assert_eq!(
        ServiceType::from_x12_code("health_benefit_plan_coverage"),
        None
    );
    // The old path still works.
    let old: pokitdok::models::eligibility::ServiceType = ServiceType::HealthBenefitPlanCoverage;
    assert_eq!(old.x12_code(), Some("30"));
}

#[test]
fn enums_without_codes_still_list_their_values() {
    use pokitdok::models::eligibility::CoverageLevel;
    assert!(CoverageLevel::ALL.contains(&CoverageLevel::Family));
    assert!(
        CoverageLevel::ALL
            .iter()
            .all(|c| CoverageLevel::from(c.as_str()) == *c)
    );
    use pokitdok::models::claims::PlaceOfService;
    assert!(PlaceOfService::ALL.contains(&PlaceOfService::Office));
    assert_eq!(
        pokitdok::models::x12::PlaceOfService::from("office"),
        PlaceOfService::Office
    );
}
