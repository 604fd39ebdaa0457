//! Raw X12 for the sandbox: a forgiving segment splitter (separators from the ISA header), the
//! 270 -> eligibility request mapping, a plausible 271 built from an eligibility result, and
//! the "full X12 JSON" transliteration (segments with named elements).
//!
//! Nothing here panics on malformed input: missing elements read as empty strings.

use serde_json::{Map, Value, json};

use super::data;
use super::util::s;

/// The separators of an interchange.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Separators {
    pub(crate) element: char,
    pub(crate) component: char,
    pub(crate) segment: char,
}

impl Default for Separators {
    fn default() -> Self {
        Separators {
            element: '*',
            component: ':',
            segment: '~',
        }
    }
}

/// One segment: its elements, `segment[0]` being the segment id (borrowed from the text).
pub(crate) type Segment<'a> = Vec<&'a str>;

/// The element at `i` of a segment, or `""`.
pub(crate) fn el<'a>(seg: &[&'a str], i: usize) -> &'a str {
    seg.get(i).copied().unwrap_or_default()
}

/// Finds the separators from the ISA header: the element separator follows `ISA`, the
/// component separator is ISA16 and the segment terminator the character after it. Works
/// whether or not the ISA's fixed-width fields are padded; falls back to `*`, `:` and `~`.
pub(crate) fn separators(x12: &str) -> Separators {
    let text = x12.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut out = Separators::default();
    if !text.starts_with("ISA") {
        return out;
    }
    let mut chars = text.chars().skip(3);
    let Some(element) = chars.next().filter(|c| !c.is_alphanumeric() && *c != ' ') else {
        return out;
    };
    out.element = element;
    // After the separator that ends ISA15 come ISA16 (one character) and the terminator.
    let mut seen = 1; // the separator right after "ISA"
    for c in chars.by_ref() {
        if c == element {
            seen += 1;
            if seen == 16 {
                break;
            }
        }
    }
    if seen == 16 {
        if let Some(component) = chars.next() {
            out.component = component;
        }
        if let Some(segment) = chars.next().filter(|c| *c != element) {
            out.segment = segment;
        }
    }
    out
}

/// An interchange split into segments, with the separators its ISA header defines.
pub(crate) struct Interchange<'a> {
    pub(crate) sep: Separators,
    pub(crate) segments: Vec<Segment<'a>>,
}

impl<'a> Interchange<'a> {
    /// Splits `x12` into segments (elements split too), skipping blank ones; whitespace and
    /// byte-order marks around segments are dropped.
    pub(crate) fn parse(x12: &'a str) -> Self {
        let sep = separators(x12);
        let segments = x12
            .split(sep.segment)
            .map(|seg| seg.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
            .filter(|seg| !seg.is_empty())
            .map(|seg| seg.split(sep.element).collect())
            .collect();
        Interchange { sep, segments }
    }

    /// The components of a composite element (split on the component separator, and on `^`,
    /// the repetition separator of 005010), empty ones skipped.
    pub(crate) fn components(&self, element: &'a str) -> impl Iterator<Item = &'a str> + use<'a> {
        let component = self.sep.component;
        element.split([component, '^']).filter(|c| !c.is_empty())
    }

    /// The transaction set ids (`ST01`) of every transaction set, in order.
    pub(crate) fn transaction_sets(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.segments
            .iter()
            .filter(|s| el(s, 0) == "ST")
            .map(|s| el(s, 1))
    }

    /// Whether the text starts with an ISA header.
    pub(crate) fn has_isa(&self) -> bool {
        self.segments.first().is_some_and(|s| el(s, 0) == "ISA")
    }
}

/// Splits an interchange into segments (see [`Interchange::parse`]).
pub(crate) fn split(x12: &str) -> Vec<Segment<'_>> {
    Interchange::parse(x12).segments
}

/// The segments of the first transaction set (`ST` .. `SE`, both included); all the segments
/// when there is no `ST`.
pub(crate) fn first_transaction<'s, 'a>(segs: &'s [Segment<'a>]) -> &'s [Segment<'a>] {
    let Some(start) = segs.iter().position(|s| el(s, 0) == "ST") else {
        return segs;
    };
    let end = segs[start..]
        .iter()
        .position(|s| el(s, 0) == "SE")
        .map_or(segs.len(), |i| start + i + 1);
    &segs[start..end]
}

/// `YYYYMMDD` -> `YYYY-MM-DD` (anything else unchanged).
pub(crate) fn x12_date(d: &str) -> String {
    if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
    } else {
        d.to_owned()
    }
}

/// `YYYY-MM-DD` -> `YYYYMMDD`.
fn date_x12(d: &str) -> String {
    d.chars().filter(char::is_ascii_digit).collect()
}

/// What a 270 asks, as the JSON eligibility request: `member`, `provider`,
/// `trading_partner_id` (the payer's NM109) and `service_types` (from the `EQ` codes).
pub(crate) struct Parsed270 {
    pub(crate) request: Value,
    /// The transaction set id of the first transaction (`270` expected).
    pub(crate) set: String,
    /// BHT03 and the TRN of the subscriber, echoed in the 271.
    pub(crate) reference: String,
    pub(crate) trace: Option<(String, String)>,
}

/// Reads the first transaction of a 270.
pub(crate) fn parse_270(x12: &str) -> Parsed270 {
    let interchange = Interchange::parse(x12);
    let segs = first_transaction(&interchange.segments);
    let mut member = Map::new();
    let mut provider = Map::new();
    let mut tp = String::new();
    let mut set = String::new();
    let mut reference = String::new();
    let mut trace = None;
    let mut codes: Vec<String> = Vec::new();
    let mut last_entity = String::new();
    for seg in segs {
        match el(seg, 0) {
            "ST" => set = el(seg, 1).to_owned(),
            "BHT" => reference = el(seg, 3).to_owned(),
            "NM1" => {
                last_entity = el(seg, 1).to_owned();
                match el(seg, 1) {
                    "PR" => tp = el(seg, 9).to_owned(),
                    "1P" | "FA" => {
                        if el(seg, 2) == "2" {
                            provider.insert("organization_name".into(), json!(el(seg, 3)));
                        } else {
                            provider.insert("last_name".into(), json!(el(seg, 3)));
                            if !el(seg, 4).is_empty() {
                                provider.insert("first_name".into(), json!(el(seg, 4)));
                            }
                        }
                        provider.insert("npi".into(), json!(el(seg, 9)));
                    }
                    "IL" => {
                        for (i, k) in [(3, "last_name"), (4, "first_name"), (5, "middle_name")] {
                            if !el(seg, i).is_empty() {
                                member.insert(k.into(), json!(el(seg, i)));
                            }
                        }
                        if !el(seg, 9).is_empty() {
                            member.insert("id".into(), json!(el(seg, 9)));
                        }
                    }
                    _ => {}
                }
            }
            "TRN" if last_entity == "IL" || trace.is_none() => {
                trace = Some((el(seg, 2).to_owned(), el(seg, 3).to_owned()));
            }
            "DMG" if last_entity == "IL" => {
                if !el(seg, 2).is_empty() {
                    member.insert("birth_date".into(), json!(x12_date(el(seg, 2))));
                }
                match el(seg, 3) {
                    "F" => {
                        member.insert("gender".into(), json!("female"));
                    }
                    "M" => {
                        member.insert("gender".into(), json!("male"));
                    }
                    _ => {}
                }
            }
            "EQ" => {
                for c in interchange.components(el(seg, 1)) {
                    if !codes.iter().any(|x| x == c) {
                        codes.push(c.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    let types: Vec<&str> = codes
        .iter()
        .filter_map(|c| {
            data::service_types()
                .find(|(_, code)| code == c)
                .map(|(n, _)| n)
        })
        .collect();
    let mut request = json!({
        "member": member,
        "provider": provider,
        "trading_partner_id": tp,
    });
    if !types.is_empty() {
        request["service_types"] = json!(types);
    }
    Parsed270 {
        request,
        set,
        reference,
        trace,
    }
}

fn pad(text: &str, width: usize) -> String {
    let mut t: String = text.chars().take(width).collect();
    while t.chars().count() < width {
        t.push(' ');
    }
    t
}

/// Builds an interchange around transaction set segments (without separators), with `*`,
/// `:`, `^` and `~`; numbers ST/SE/GS/GE/ISA consistently.
fn interchange(
    functional_id: &str,
    sender: &str,
    receiver: &str,
    body: Vec<Vec<String>>,
) -> String {
    let now = chrono::Utc::now();
    let control = format!("{:09}", now.timestamp_subsec_micros() % 1_000_000_000);
    let mut out = String::new();
    let mut push = |seg: Vec<String>| {
        out.push_str(&seg.join("*"));
        out.push('~');
    };
    push(
        [
            "ISA",
            "00",
            &pad("", 10),
            "00",
            &pad("", 10),
            "ZZ",
            &pad(sender, 15),
            "ZZ",
            &pad(receiver, 15),
            &now.format("%y%m%d").to_string(),
            &now.format("%H%M").to_string(),
            "^",
            "00501",
            &control,
            "0",
            "T",
            ":",
        ]
        .iter()
        .map(|x| (*x).to_owned())
        .collect(),
    );
    push(
        [
            "GS",
            functional_id,
            sender,
            receiver,
            &now.format("%Y%m%d").to_string(),
            &now.format("%H%M").to_string(),
            "1",
            "X",
            "005010X279A1",
        ]
        .iter()
        .map(|x| (*x).to_owned())
        .collect(),
    );
    let count = body.len();
    for seg in body {
        push(seg);
    }
    push(vec!["SE".into(), (count + 1).to_string(), "0001".into()]);
    push(vec!["GE".into(), "1".into(), "1".into()]);
    push(vec!["IEA".into(), "1".into(), control]);
    out
}

fn seg(parts: &[&str]) -> Vec<String> {
    // Trailing empty elements are dropped, as X12 requires.
    let mut v: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
    while v.len() > 1 && v.last().is_some_and(String::is_empty) {
        v.pop();
    }
    v
}

fn name_segment(code: &str, party: &Value, qualifier: &str, id: &str) -> Vec<String> {
    let org = s(party, "organization_name");
    let (kind, last, first) = match org {
        Some(o) => ("2", o, ""),
        None => (
            "1",
            s(party, "last_name").unwrap_or_default(),
            s(party, "first_name").unwrap_or_default(),
        ),
    };
    let middle = s(party, "middle_name").unwrap_or_default();
    seg(&[
        "NM1", code, kind, last, first, middle, "", "", qualifier, id,
    ])
}

/// A 270 for a JSON eligibility request (what the platform would send the payer).
pub(crate) fn build_270(request: &Value, partner_name: &str) -> String {
    let tp = s(request, "trading_partner_id").unwrap_or_default();
    let member = &request["member"];
    let provider = &request["provider"];
    let now = chrono::Utc::now();
    let mut body = vec![
        seg(&["ST", "270", "0001", "005010X279A1"]),
        seg(&[
            "BHT",
            "0022",
            "13",
            &super::util::new_id(),
            &now.format("%Y%m%d").to_string(),
            &now.format("%H%M").to_string(),
        ]),
        seg(&["HL", "1", "", "20", "1"]),
        seg(&["NM1", "PR", "2", partner_name, "", "", "", "", "PI", tp]),
        seg(&["HL", "2", "1", "21", "1"]),
        name_segment("1P", provider, "XX", s(provider, "npi").unwrap_or_default()),
        seg(&["HL", "3", "2", "22", "0"]),
        seg(&["TRN", "1", &super::util::new_id()[..10], "9POKITDOK"]),
        name_segment("IL", member, "MI", s(member, "id").unwrap_or_default()),
    ];
    if let Some(b) = s(member, "birth_date") {
        let g = match s(member, "gender") {
            Some("female") => "F",
            Some("male") => "M",
            _ => "",
        };
        body.push(seg(&["DMG", "D8", &date_x12(b), g]));
    }
    let codes: Vec<&str> = request["service_types"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|t| t.as_str().and_then(data::service_type_code))
                .collect()
        })
        .unwrap_or_default();
    if codes.is_empty() {
        body.push(seg(&["EQ", "30"]));
    }
    for c in codes {
        body.push(seg(&["EQ", c]));
    }
    interchange("HS", "POKITDOK", tp, body)
}

fn coverage_level(level: Option<&str>) -> &'static str {
    match level {
        Some("family") => "FAM",
        Some("employee_and_spouse") => "ESP",
        Some("employee_and_children") => "ECH",
        Some("employee_only") => "EMP",
        _ => "IND",
    }
}

fn yes_no(v: Option<&str>) -> &'static str {
    match v {
        Some("yes") => "Y",
        Some("no") => "N",
        Some("not_applicable") => "W",
        _ => "",
    }
}

fn amount(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(|m| m.get("amount"))
        .and_then(super::util::text)
        .unwrap_or_default()
}

/// A 271 for an eligibility result (the JSON the sandbox answers), echoing the subscriber
/// and the trading partner; `reference`/`trace` come from the 270 when there was one.
pub(crate) fn build_271(
    result: &Value,
    reference: &str,
    trace: Option<&(String, String)>,
) -> String {
    let tp = s(result, "trading_partner_id").unwrap_or_default();
    let payer_name = result["payer"]["name"]
        .as_str()
        .or_else(|| data::partner(tp).map(|p| p.name))
        .unwrap_or(tp);
    let subscriber = &result["subscriber"];
    let provider = &result["provider"];
    let now = chrono::Utc::now();
    let reference = if reference.is_empty() {
        super::util::new_id()
    } else {
        reference.to_owned()
    };
    let mut body = vec![
        seg(&["ST", "271", "0001", "005010X279A1"]),
        seg(&[
            "BHT",
            "0022",
            "11",
            &reference,
            &now.format("%Y%m%d").to_string(),
            &now.format("%H%M").to_string(),
        ]),
        seg(&["HL", "1", "", "20", "1"]),
        seg(&["NM1", "PR", "2", payer_name, "", "", "", "", "PI", tp]),
        seg(&["HL", "2", "1", "21", "1"]),
        name_segment("1P", provider, "XX", s(provider, "npi").unwrap_or_default()),
        seg(&["HL", "3", "2", "22", "0"]),
    ];
    if let Some((number, originator)) = trace {
        body.push(seg(&["TRN", "2", number, originator]));
    }
    body.push(name_segment(
        "IL",
        subscriber,
        "MI",
        s(subscriber, "id").unwrap_or_default(),
    ));
    if result["valid_request"] == json!(false) {
        let code = match s(result, "reject_reason") {
            Some("patient_birth_date_mismatch") => "71",
            Some("subscriber_insured_not_found") => "75",
            _ => "72",
        };
        body.push(seg(&["AAA", "N", "", code, "C"]));
    } else {
        if let Some(g) = s(&result["coverage"], "group_number") {
            body.push(seg(&[
                "REF",
                "6P",
                g,
                s(&result["coverage"], "group_description").unwrap_or_default(),
            ]));
        }
        let addr = &subscriber["address"];
        if let Some(lines) = addr["address_lines"].as_array() {
            let l: Vec<&str> = lines.iter().filter_map(Value::as_str).collect();
            if !l.is_empty() {
                let mut n3 = vec!["N3"];
                n3.extend(l.iter().take(2));
                body.push(seg(&n3));
            }
            body.push(seg(&[
                "N4",
                s(addr, "city").unwrap_or_default(),
                s(addr, "state").unwrap_or_default(),
                s(addr, "zipcode").unwrap_or_default(),
            ]));
        }
        if let Some(b) = s(subscriber, "birth_date") {
            let g = match s(subscriber, "gender") {
                Some("female") => "F",
                Some("male") => "M",
                _ => "",
            };
            body.push(seg(&["DMG", "D8", &date_x12(b), g]));
        }
    }
    let cov = &result["coverage"];
    if result["valid_request"] != json!(false) {
        let codes: Vec<&str> = cov["service_type_codes"]
            .as_array()
            .map(|l| l.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let level = coverage_level(s(cov, "level"));
        body.push(seg(&[
            "EB",
            "1",
            level,
            &codes.join("^"),
            "",
            s(cov, "plan_description")
                .or_else(|| s(cov, "group_description"))
                .unwrap_or_default(),
        ]));
        if let Some(d) = s(cov, "plan_begin_date") {
            body.push(seg(&["DTP", "346", "D8", &date_x12(d)]));
        }
        for (key, info) in [("copay", "B"), ("coinsurance", "A")] {
            for e in cov[key].as_array().into_iter().flatten() {
                let code = e["service_type_codes"]
                    .as_array()
                    .map(|l| {
                        l.iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("^")
                    })
                    .unwrap_or_default();
                let (money, percent) = if key == "copay" {
                    (amount(e, "copayment"), String::new())
                } else {
                    (
                        String::new(),
                        e.get("benefit_percent")
                            .and_then(super::util::text)
                            .unwrap_or_default(),
                    )
                };
                body.push(seg(&[
                    "EB",
                    info,
                    coverage_level(s(e, "coverage_level")),
                    &code,
                    "",
                    "",
                    "",
                    &money,
                    &percent,
                    "",
                    "",
                    yes_no(s(e, "authorization_required")),
                    yes_no(s(e, "in_plan_network")),
                ]));
                for m in e["messages"].as_array().into_iter().flatten() {
                    if let Some(text) = s(m, "message") {
                        body.push(seg(&["MSG", text]));
                    }
                }
            }
        }
        for d in cov["deductibles"].as_array().into_iter().flatten() {
            let period = match s(d, "time_period") {
                Some("remaining") => "29",
                Some("calendar_year") => "23",
                _ => "",
            };
            body.push(seg(&[
                "EB",
                "C",
                coverage_level(s(d, "coverage_level")),
                "30",
                "",
                "",
                period,
                &amount(d, "benefit_amount"),
                "",
                "",
                "",
                "",
                yes_no(s(d, "in_plan_network")),
            ]));
        }
    }
    interchange("HB", tp, "POKITDOK", body)
}

/// Element names by segment id (X12 data element names in snake case, as the platform's
/// `full-x12-json` answers use them). A repeated name gets `_2`, `_3`.
fn element_names(segment_id: &str) -> &'static [&'static str] {
    match segment_id {
        "BHT" => &[
            "hierarchical_structure_code",
            "transaction_set_purpose_code",
            "reference_identification",
            "transaction_set_creation_date",
            "transaction_set_creation_time",
            "transaction_type_code",
        ],
        "HL" => &[
            "hierarchical_id_number",
            "hierarchical_parent_id",
            "hierarchical_level_code",
            "hierarchical_child_code",
        ],
        "NM1" => &[
            "entity_identifier_code",
            "entity_type_qualifier",
            "last_or_organization_name",
            "first_name",
            "middle_name",
            "name_prefix",
            "name_suffix",
            "identification_code_qualifier",
            "primary_identifier",
        ],
        "TRN" => &[
            "trace_type_code",
            "trace_number",
            "originating_company_identifier",
            "reference_identification",
        ],
        "REF" => &[
            "reference_identification_qualifier",
            "reference_identification",
            "description",
        ],
        "N3" => &["address_information", "address_information"],
        "N4" => &["city_name", "state_or_province_code", "postal_code"],
        "DMG" => &[
            "date_time_period_format_qualifier",
            "date_time_period",
            "gender_code",
        ],
        "DTP" => &[
            "date_time_qualifier",
            "date_time_period_format_qualifier",
            "date_time_period",
        ],
        "AAA" => &[
            "yes_no_condition_or_response_code",
            "agency_qualifier_code",
            "reject_reason_code",
            "follow_up_action_code",
        ],
        "EQ" => &["service_type_code"],
        "EB" => &[
            "eligibility_or_benefit_information",
            "coverage_level_code",
            "service_type_code",
            "insurance_type_code",
            "plan_coverage_description",
            "time_period_qualifier",
            "monetary_amount",
            "percentage_as_decimal",
            "quantity_qualifier",
            "quantity",
            "yes_no_condition_or_response_code",
            "yes_no_condition_or_response_code",
        ],
        "MSG" => &["free_form_message_text"],
        _ => &[],
    }
}

/// The segments of the first transaction, without its `ST`/`SE` (like the documented
/// example), each as `{"segment_id", "data": {element name: text}}`; empty elements are left
/// out, unknown elements are named `{segment id}{position:02}` (e.g. `EB13`).
pub(crate) fn full_json(x12: &str) -> Value {
    let all = split(x12);
    let segs: Vec<Value> = first_transaction(&all)
        .iter()
        .filter(|s| !matches!(el(s, 0), "ST" | "SE"))
        .map(|seg| {
            let id = el(seg, 0);
            let names = element_names(id);
            let mut data = Map::new();
            for (i, value) in seg.iter().enumerate().skip(1) {
                if value.is_empty() {
                    continue;
                }
                let base = names
                    .get(i - 1)
                    .map_or_else(|| format!("{id}{i:02}"), |n| (*n).to_owned());
                let mut name = base.clone();
                let mut n = 2;
                while data.contains_key(&name) {
                    name = format!("{base}_{n}");
                    n += 1;
                }
                data.insert(name, json!(value));
            }
            json!({"segment_id": id, "data": data})
        })
        .collect();
    json!({ "x12_segments": segs })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQ: &str = "ISA*03*0123456789*01*1234567890*30*000000005      *30*12345          *131031*1147*^*00501*000000907*1*T*:~GS*HS*000000005*12345*20131031*1147*1*X*005010X279A1~ST*270*0001*005010X279A1~BHT*0022*13*10001234*20131031*1147~HL*1**20*1~NM1*PR*2*MOCKPAYER*****PI*MOCKPAYER~HL*2*1*21*1~NM1*1P*2*POKITDOK, INC.*****XX*1912301953~HL*3*2*22*0~TRN*1*930000000000*9800000004~NM1*IL*1*DOE*JOHN****MI*00000000001~DMG*D8*19700101~DTP*291*D8*20131031~EQ*30~SE*13*0001~GE*1*1~IEA*1*000000907~";

    #[test]
    fn separators_from_the_isa() {
        assert_eq!(separators(REQ), Separators::default());
        let odd = REQ.replace('*', "|").replace('~', "\n");
        let sep = separators(&odd);
        assert_eq!((sep.element, sep.segment), ('|', '\n'));
        assert_eq!(split(&odd).len(), split(REQ).len());
        // Unpadded ISA fields.
        let short = "ISA|00||00||ZZ|A|ZZ|B|200101|1200|^|00501|1|0|T|>!ST|270|1!SE|1|1!";
        let sep = separators(short);
        assert_eq!((sep.element, sep.component, sep.segment), ('|', '>', '!'));
        assert_eq!(el(&split(short)[1], 1), "270");
    }

    #[test]
    fn never_panics_on_garbage() {
        for text in [
            "", "ISA", "ISA*", "I", "ISA*****", "~~~", "ISAé*é", "NM1*IL", "\u{feff}",
        ] {
            let _ = split(text);
            let p = parse_270(text);
            let _ = full_json(text);
            let _ = build_271(&p.request, &p.reference, p.trace.as_ref());
        }
    }

    #[test]
    fn parses_the_documented_270() {
        let p = parse_270(REQ);
        assert_eq!(p.set, "270");
        assert_eq!(p.request["trading_partner_id"], "MOCKPAYER");
        assert_eq!(p.request["member"]["id"], "00000000001");
        assert_eq!(p.request["member"]["last_name"], "DOE");
        assert_eq!(p.request["member"]["birth_date"], "1970-01-01");
        assert_eq!(p.request["provider"]["npi"], "1912301953");
        assert_eq!(
            p.request["service_types"],
            json!(["health_benefit_plan_coverage"])
        );
        assert_eq!(p.reference, "10001234");
    }

    #[test]
    fn full_json_names_elements() {
        let v = full_json(REQ);
        let segs = v["x12_segments"].as_array().unwrap();
        assert_eq!(segs[0]["segment_id"], "BHT");
        assert_eq!(segs[0]["data"]["reference_identification"], "10001234");
        assert!(segs[1]["data"].get("hierarchical_parent_id").is_none());
        let il = segs
            .iter()
            .find(|s| s["data"]["entity_identifier_code"] == "IL");
        assert_eq!(il.unwrap()["data"]["primary_identifier"], "00000000001");
    }
}
