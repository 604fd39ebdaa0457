//! The provider directory beyond the built-in providers: deterministic synthetic providers
//! for any search and any NPI with a valid check digit, the way the real directory (NPPES)
//! answered any plausible query.
//!
//! * A search is normalized (the search parameters, trimmed and lower-cased, sorted by name;
//!   `limit`, `offset` and `sort` left out), hashed, and the hash seeds one ChaCha8 generator
//!   per result: the same query gives the same providers on every call, page and run.
//! * Every synthetic provider matches the query: its last (first, middle) name is the one
//!   asked for (upper-cased, as the directory stored names), its organization name contains
//!   the one asked for, its specialty matches `specialty` (a whole known specialty is that
//!   specialty; otherwise a prefix of a known specialty or of one of its words, as the
//!   built-in directory matches it; a value no known specialty matches is used as the
//!   specialty itself), its gender and entity type are the ones asked
//!   for, and its practice location is inside `radius` of `zipcode` or `lat_lon` (within
//!   [`LOCAL_MILES`] without a radius, in the asked-for ZIP code), in `city` and `state`.
//!   Its `geo_location` is `[longitude, latitude]`, and with a location in the query the
//!   result carries `distance` (`"3.2mi"`, from the centre of the ZIP code's area, see
//!   [`crate::geo`]) and results are sorted by it (unless `sort=rank`).
//! * A query naming a whole person (first and last name, or `name` with two words or more)
//!   finds 1 to 4 providers; any other 25 to 100 (so `limit` up to 25 is always filled).
//! * Every NPI passes the NPI check: the Luhn check digit over `80840` and its first nine
//!   digits.
//! * [`Directory`] remembers the synthetic providers it has shown (at most
//!   [`REMEMBERED`]), so that `GET /providers/{npi}` (or `{uuid}`) answers the provider a
//!   search showed; any other valid NPI gets a provider derived from the NPI alone.

use std::collections::{HashMap, VecDeque};
use std::sync::OnceLock;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

use crate::geo::{self, Area};
use crate::util;

/// Spread of the practice locations of a search by ZIP code or `lat_lon` without a radius.
pub(crate) const LOCAL_MILES: f64 = 5.0;
/// Spread of the practice locations of a search by state or city only.
const REGION_MILES: f64 = 25.0;
/// Synthetic providers the directory remembers (oldest forgotten first).
pub(crate) const REMEMBERED: usize = 4096;

const SPECIALTIES: &str = include_str!("../fixtures/provider_specialties.txt");

const FEMALE: &[&str] = &[
    "MARY",
    "PATRICIA",
    "JENNIFER",
    "LINDA",
    "ELIZABETH",
    "BARBARA",
    "SUSAN",
    "JESSICA",
    "SARAH",
    "KAREN",
    "NANCY",
    "LISA",
    "MARGARET",
    "SANDRA",
    "ASHLEY",
    "EMILY",
    "MICHELLE",
    "AMANDA",
    "MELISSA",
    "REBECCA",
    "LAURA",
    "PRIYA",
    "MARIA",
    "ANA",
    "MEI",
    "FATIMA",
    "GRACE",
    "NGOZI",
];
const MALE: &[&str] = &[
    "JAMES",
    "ROBERT",
    "JOHN",
    "MICHAEL",
    "DAVID",
    "WILLIAM",
    "RICHARD",
    "JOSEPH",
    "THOMAS",
    "CHARLES",
    "CHRISTOPHER",
    "DANIEL",
    "MATTHEW",
    "ANTHONY",
    "MARK",
    "STEVEN",
    "PAUL",
    "ANDREW",
    "JOSHUA",
    "KEVIN",
    "BRIAN",
    "JOSE",
    "RAJ",
    "WEI",
    "AHMED",
    "SAMUEL",
    "OLUWASEUN",
    "HIROSHI",
];
const LAST: &[&str] = &[
    "SMITH",
    "JOHNSON",
    "WILLIAMS",
    "BROWN",
    "JONES",
    "GARCIA",
    "MILLER",
    "DAVIS",
    "RODRIGUEZ",
    "MARTINEZ",
    "HERNANDEZ",
    "LOPEZ",
    "GONZALEZ",
    "WILSON",
    "ANDERSON",
    "THOMAS",
    "TAYLOR",
    "MOORE",
    "JACKSON",
    "MARTIN",
    "LEE",
    "PEREZ",
    "THOMPSON",
    "WHITE",
    "HARRIS",
    "CLARK",
    "PATEL",
    "NGUYEN",
    "KIM",
    "CHEN",
    "SINGH",
    "OKAFOR",
    "COHEN",
    "MURPHY",
    "SHEN",
    "CURRAN",
    "VIJAY",
];
const STREETS: &[&str] = &[
    "MAIN ST",
    "OAK AVE",
    "PINE ST",
    "MAPLE DR",
    "CEDAR LN",
    "ELM ST",
    "WASHINGTON BLVD",
    "LAKE RD",
    "HILL ST",
    "PARK AVE",
    "CHURCH ST",
    "MEDICAL CENTER DR",
    "HOSPITAL WAY",
    "CAMINO REAL",
    "BROAD ST",
];
const ORG_SUFFIXES: &[&str] = &[
    "MEDICAL GROUP",
    "CLINIC",
    "HEALTH CENTER",
    "PHYSICIANS",
    "ASSOCIATES",
    "CARE PARTNERS",
];
const DEGREES: &[&str] = &["MD", "MD", "MD", "DO", "NP", "PA"];

/// The Luhn check digit of an NPI's first nine digits (over `80840` and them).
pub(crate) fn npi_check_digit(first_nine: &str) -> Option<u32> {
    if first_nine.len() != 9 || !first_nine.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = format!("80840{first_nine}");
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    Some((10 - sum % 10) % 10)
}

/// Whether `npi` is ten digits with a valid check digit.
pub(crate) fn valid_npi(npi: &str) -> bool {
    npi.len() == 10
        && npi.is_char_boundary(9)
        && npi_check_digit(&npi[..9]).is_some_and(|c| npi[9..].parse() == Ok(c))
}

fn make_npi(rng: &mut ChaCha8Rng, first: char) -> String {
    let mut nine = String::with_capacity(10);
    nine.push(first);
    for _ in 0..8 {
        nine.push(char::from(b'0' + rng.gen_range(0..10u8)));
    }
    let check = npi_check_digit(&nine).unwrap_or(0);
    format!("{nine}{check}")
}

/// Title case of a lower-case specialty (`"allergy & immunology"` -> `"Allergy &
/// Immunology"`), small words lower-cased inside.
fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &["and", "of", "or", "the", "in", "for", "with", "to"];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                return w.to_owned();
            }
            let mut out = String::with_capacity(w.len());
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                start = matches!(c, '-' | '/' | '(');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every specialty the directory knows: the documented values and the built-in providers'
/// specialties, in title case, without duplicates.
fn vocabulary() -> &'static [String] {
    static VOCAB: OnceLock<Vec<String>> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let mut out: Vec<String> = Vec::new();
        let builtin: Vec<String> = crate::data::providers()
            .iter()
            .flat_map(|p| {
                p["provider"]["specialty"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        for s in SPECIALTIES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(title_case)
            .chain(builtin)
        {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&s)) {
                out.push(s);
            }
        }
        out
    })
}

/// Whether a specialty matches a `specialty` query as the directory matches it: the query
/// (lower-cased) starts the specialty or one of its words.
pub(crate) fn specialty_matches(specialty: &str, query: &str) -> bool {
    let sp = specialty.to_lowercase();
    let q = query.trim().to_lowercase();
    sp.starts_with(&q) || sp.split_whitespace().any(|w| w.starts_with(&q))
}

/// A name as the directory stores it: upper case (ASCII names; others as given, so that the
/// match stays exact).
fn stored_name(s: &str) -> String {
    let t = s.trim();
    if t.is_ascii() {
        t.to_ascii_uppercase()
    } else {
        t.to_owned()
    }
}

fn pick<'a>(rng: &mut ChaCha8Rng, list: &'a [&'a str]) -> &'a str {
    list[rng.gen_range(0..list.len())]
}

fn digits(rng: &mut ChaCha8Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

fn phone(rng: &mut ChaCha8Rng) -> String {
    format!("{}{}", rng.gen_range(201..990), digits(rng, 7))
}

/// Entity kinds a search allows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Individual,
    Organization,
}

/// A provider search, as parsed from the query.
pub(crate) struct Search {
    /// The normalized query the providers derive from.
    key: String,
    first_name: Option<String>,
    middle_name: Option<String>,
    last_name: Option<String>,
    /// `name` split in words.
    name: Vec<String>,
    organization_name: Option<String>,
    /// `Male` or `Female`; `Some(None)` for a gender the directory does not know.
    gender: Option<Option<&'static str>>,
    specialty: Option<String>,
    kinds: Vec<Kind>,
    city: Option<String>,
    state: Option<String>,
    address: Option<String>,
    zipcode: Option<String>,
    /// The centre asked for (`lat_lon`, or the ZIP code's area), when the query has one.
    pub(crate) center: Option<(f64, f64)>,
    /// The radius asked for, in miles.
    pub(crate) radius: Option<f64>,
    /// Whether the query names a place that does not exist (unknown ZIP area, a ZIP code in
    /// another state than `state`): no synthetic provider is there.
    nowhere: bool,
    pub(crate) by_rank: bool,
}

/// The search parameters a provider search derives from (the documented ones, `radius` and
/// `npi`).
const SEARCH_KEYS: &[&str] = &[
    "address_lines",
    "city",
    "entity_types",
    "first_name",
    "gender",
    "last_name",
    "lat_lon",
    "middle_name",
    "name",
    "npi",
    "organization_name",
    "radius",
    "specialty",
    "state",
    "zipcode",
];

impl Search {
    /// Parses a search from the query (`q` gives the first non-empty value of a parameter).
    /// `Err((parameter, message))` for a value that cannot be a place or a radius.
    pub(crate) fn parse<'a>(
        q: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<Search, (&'static str, String)> {
        let get = |k: &str| q(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let key = SEARCH_KEYS
            .iter()
            .filter_map(|k| get(k).map(|v| format!("{k}={}", v.to_lowercase())))
            .collect::<Vec<_>>()
            .join("&");
        let radius = match get("radius") {
            None => None,
            Some(r) => Some(
                geo::parse_radius(&r)
                    .ok_or(("radius", "Enter a radius in miles, e.g. 10mi.".to_owned()))?,
            ),
        };
        let zipcode = get("zipcode");
        if let Some(z) = &zipcode
            && util::zip3(z).is_none()
        {
            return Err(("zipcode", "Enter a valid zip code.".to_owned()));
        }
        let lat_lon = match get("lat_lon") {
            None => None,
            Some(v) => Some(geo::parse_lat_lon(&v).ok_or((
                "lat_lon",
                "Enter a latitude and a longitude, e.g. \"37.563546, -122.325181\".".to_owned(),
            ))?),
        };
        let state = get("state");
        let zip_area = zipcode.as_deref().and_then(geo::area_of);
        let mut nowhere = zipcode.is_some() && zip_area.is_none();
        if let (Some(a), Some(st)) = (zip_area, &state)
            && !a.state.eq_ignore_ascii_case(st)
        {
            nowhere = true;
        }
        let center = lat_lon.or(zip_area.map(|a| (a.lat, a.lon)));
        let gender = get("gender").map(|g| match g.to_ascii_lowercase().as_str() {
            "male" | "m" => Some("Male"),
            "female" | "f" => Some("Female"),
            _ => None,
        });
        let mut kinds = vec![Kind::Individual, Kind::Organization];
        if let Some(types) = get("entity_types") {
            kinds.retain(|k| {
                types.split(',').any(|t| {
                    let t = t.trim();
                    match k {
                        Kind::Individual => t.eq_ignore_ascii_case("individual"),
                        Kind::Organization => t.eq_ignore_ascii_case("organization"),
                    }
                })
            });
        }
        let name: Vec<String> = get("name")
            .map(|n| n.split_whitespace().map(stored_name).collect())
            .unwrap_or_default();
        let person = ["first_name", "middle_name", "last_name", "gender"]
            .iter()
            .any(|k| get(k).is_some())
            || !name.is_empty();
        if person {
            kinds.retain(|k| *k == Kind::Individual);
        }
        if get("organization_name").is_some() {
            kinds.retain(|k| *k == Kind::Organization);
        }
        Ok(Search {
            key,
            first_name: get("first_name").map(|v| stored_name(&v)),
            middle_name: get("middle_name").map(|v| stored_name(&v)),
            last_name: get("last_name").map(|v| stored_name(&v)),
            name,
            organization_name: get("organization_name").map(|v| stored_name(&v)),
            gender,
            specialty: get("specialty"),
            kinds,
            city: get("city"),
            state,
            address: get("address_lines").map(|v| stored_name(&v)),
            zipcode,
            center,
            radius,
            nowhere,
            by_rank: get("sort").is_some_and(|s| s.eq_ignore_ascii_case("rank")),
        })
    }

    /// The radius locations must be inside: the one asked for, or [`LOCAL_MILES`] around a
    /// ZIP code or `lat_lon`.
    pub(crate) fn effective_radius(&self) -> Option<f64> {
        self.radius.or_else(|| self.center.map(|_| LOCAL_MILES))
    }

    /// Whether the query names a whole person.
    fn whole_person(&self) -> bool {
        (self.first_name.is_some() && self.last_name.is_some()) || self.name.len() >= 2
    }

    /// How many synthetic providers the search finds.
    fn count(&self) -> usize {
        if self.nowhere || self.kinds.is_empty() || matches!(self.gender, Some(None)) {
            return 0;
        }
        let h = util::hash_of(&["provider count", &self.key]);
        if self.whole_person() {
            1 + (h % 4) as usize
        } else {
            25 + (h % 76) as usize
        }
    }

    /// The synthetic providers of the search (`{"provider": ...}` items, with `distance`
    /// when the query has a location), in generation order.
    pub(crate) fn providers(&self) -> Vec<Value> {
        let n = self.count();
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(n);
        let mut i: u64 = 0;
        while out.len() < n && i < 4 * n as u64 + 8 {
            let seed = util::hash_of(&["provider", &self.key, &i.to_string()]);
            i += 1;
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let p = self.generate(&mut rng);
            let npi = p["npi"].as_str().unwrap_or_default().to_owned();
            if !seen.insert(npi) {
                continue;
            }
            let mut item = json!({ "provider": p });
            if let Some(c) = self.center {
                let loc = &item["provider"]["locations"][0]["geo_location"];
                if let (Some(lon), Some(lat)) = (loc[0].as_f64(), loc[1].as_f64()) {
                    item["distance"] = json!(format!("{:.1}mi", geo::miles(c, (lat, lon))));
                }
            }
            out.push(item);
        }
        out
    }

    /// One provider of the search.
    fn generate(&self, rng: &mut ChaCha8Rng) -> Value {
        let kind = if self.kinds.len() == 1 {
            self.kinds[0]
        } else if rng.gen_bool(0.85) {
            Kind::Individual
        } else {
            Kind::Organization
        };
        // The place: a point inside the radius of the centre.
        let (center, spread, fixed_area) = match self.center {
            Some(c) => (c, self.effective_radius().unwrap_or(LOCAL_MILES), None),
            None => {
                let area = self.region(rng);
                ((area.lat, area.lon), REGION_MILES, Some(area))
            }
        };
        let distance = spread * rng.gen_range(0.0f64..1.0).sqrt() * 0.97;
        let bearing = rng.gen_range(0.0..std::f64::consts::TAU);
        let (lat, lon) = geo::destination(center, bearing, distance);
        let area = fixed_area.unwrap_or_else(|| geo::nearest(lat, lon));
        let zipcode = match (&self.zipcode, self.radius) {
            (Some(z), None) => z.chars().take(5).collect(),
            _ => format!("{}{}", area.zip3, digits(rng, 2)),
        };
        let state = self
            .state
            .as_deref()
            .map(str::to_ascii_uppercase)
            .unwrap_or_else(|| area.state.to_owned());
        let city = self.city.clone().unwrap_or_else(|| area.city.to_owned());
        let address = self
            .address
            .clone()
            .unwrap_or_else(|| format!("{} {}", rng.gen_range(1..10_000), pick(rng, STREETS)));
        let phone_number = phone(rng);
        let fax = phone(rng);
        let location = json!({
            "address_lines": [address],
            "city": city,
            "state": state,
            "zipcode": zipcode,
            "country": "US",
            "phone": phone_number,
            "fax": fax,
            "geo_location": [round6(lon), round6(lat)],
            "role": ["practice"],
        });
        let (primary, secondary) = self.specialties(rng);
        let mut specialty = vec![primary.clone()];
        specialty.extend(secondary.iter().cloned());
        let npi = make_npi(rng, if kind == Kind::Individual { '1' } else { '2' });
        let mut p = json!({
            "uuid": util::derived_uuid(&["provider uuid", &npi]),
            "npi": npi,
            "entity_type": if kind == Kind::Individual { "individual" } else { "organization" },
            "locations": [location],
            "phone": phone_number,
            "fax": fax,
            "specialty": specialty,
            "specialty_primary": [primary],
            "specialty_secondary": secondary,
            "licenses": [{"state": state, "number": digits(rng, 6)}],
            "verified": false,
        });
        match kind {
            Kind::Individual => {
                let gender = match self.gender {
                    Some(Some(g)) => g,
                    _ => {
                        if rng.gen_bool(0.5) {
                            "Female"
                        } else {
                            "Male"
                        }
                    }
                };
                let names = if gender == "Female" { FEMALE } else { MALE };
                let (first, last) = match (self.name.first(), self.name.last()) {
                    (Some(f), Some(l)) if self.name.len() >= 2 => (f.clone(), l.clone()),
                    (Some(l), _) => (
                        self.first_name
                            .clone()
                            .unwrap_or_else(|| pick(rng, names).to_owned()),
                        l.clone(),
                    ),
                    _ => (
                        self.first_name
                            .clone()
                            .unwrap_or_else(|| pick(rng, names).to_owned()),
                        self.last_name
                            .clone()
                            .unwrap_or_else(|| pick(rng, LAST).to_owned()),
                    ),
                };
                let degree = pick(rng, DEGREES);
                p["first_name"] = json!(first);
                p["last_name"] = json!(last);
                let middle = match &self.middle_name {
                    Some(m) => Some(m.clone()),
                    None if rng.gen_bool(0.6) => {
                        let list = if rng.gen_bool(0.5) { FEMALE } else { MALE };
                        Some(pick(rng, list).to_owned())
                    }
                    None => None,
                };
                if let Some(m) = middle {
                    p["middle_name"] = json!(m);
                }
                p["gender"] = json!(gender);
                p["degree"] = json!(degree);
                if matches!(degree, "MD" | "DO") {
                    p["prefix"] = json!("DR");
                }
            }
            Kind::Organization => {
                let name = match &self.organization_name {
                    Some(o) => format!("{o} {}", pick(rng, ORG_SUFFIXES)),
                    None => format!("{} {}", stored_name(area.city), pick(rng, ORG_SUFFIXES)),
                };
                p["organization_name"] = json!(name);
            }
        }
        p
    }

    /// An area of the asked-for state (or anywhere) for a search without a centre.
    fn region(&self, rng: &mut ChaCha8Rng) -> &'static Area {
        let all = geo::areas();
        let in_state: Vec<&Area> = match &self.state {
            Some(st) => all
                .iter()
                .filter(|a| a.state.eq_ignore_ascii_case(st))
                .collect(),
            None => Vec::new(),
        };
        if in_state.is_empty() {
            &all[rng.gen_range(0..all.len())]
        } else {
            in_state[rng.gen_range(0..in_state.len())]
        }
    }

    /// The primary specialty (one matching `specialty` when asked for) and maybe a
    /// secondary one.
    fn specialties(&self, rng: &mut ChaCha8Rng) -> (String, Vec<String>) {
        let vocab = vocabulary();
        let primary = match &self.specialty {
            Some(q) => {
                // A whole specialty is that specialty; a prefix any specialty it starts.
                let exact: Vec<&String> = vocab
                    .iter()
                    .filter(|s| s.to_lowercase() == q.to_lowercase())
                    .collect();
                let matching: Vec<&String> = if exact.is_empty() {
                    vocab.iter().filter(|s| specialty_matches(s, q)).collect()
                } else {
                    exact
                };
                if matching.is_empty() {
                    if q.is_ascii() {
                        title_case(&q.to_ascii_lowercase())
                    } else {
                        q.clone()
                    }
                } else {
                    matching[rng.gen_range(0..matching.len())].clone()
                }
            }
            None => vocab[rng.gen_range(0..vocab.len())].clone(),
        };
        let secondary = if rng.gen_bool(0.5) {
            let s = vocab[rng.gen_range(0..vocab.len())].clone();
            if s == primary { Vec::new() } else { vec![s] }
        } else {
            Vec::new()
        };
        (primary, secondary)
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The provider a valid NPI stands for when no search showed it: derived from the NPI alone.
pub(crate) fn for_npi(npi: &str) -> Option<Value> {
    if !valid_npi(npi) {
        return None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(util::hash_of(&["provider by npi", npi]));
    let search = Search {
        key: format!("npi={npi}"),
        first_name: None,
        middle_name: None,
        last_name: None,
        name: Vec::new(),
        organization_name: None,
        gender: None,
        specialty: None,
        kinds: if npi.starts_with('2') {
            vec![Kind::Organization]
        } else {
            vec![Kind::Individual]
        },
        city: None,
        state: None,
        address: None,
        zipcode: None,
        center: None,
        radius: None,
        nowhere: false,
        by_rank: false,
    };
    let mut p = search.generate(&mut rng);
    p["npi"] = json!(npi);
    p["uuid"] = json!(util::derived_uuid(&["provider uuid", npi]));
    Some(json!({ "provider": p }))
}

/// The synthetic providers shown so far, by NPI (bounded: the oldest are forgotten first).
#[derive(Default)]
pub(crate) struct Directory {
    by_npi: HashMap<String, Value>,
    order: VecDeque<String>,
}

impl Directory {
    /// Remembers a shown provider (`{"provider": ...}`, without `distance`).
    pub(crate) fn remember(&mut self, item: &Value) {
        let Some(npi) = item["provider"]["npi"].as_str() else {
            return;
        };
        if self.by_npi.contains_key(npi) {
            return;
        }
        while self.order.len() >= REMEMBERED {
            if let Some(old) = self.order.pop_front() {
                self.by_npi.remove(&old);
            }
        }
        self.order.push_back(npi.to_owned());
        self.by_npi
            .insert(npi.to_owned(), json!({"provider": item["provider"]}));
    }

    /// A remembered provider by NPI or uuid.
    pub(crate) fn get(&self, id: &str) -> Option<Value> {
        if let Some(p) = self.by_npi.get(id) {
            return Some(p.clone());
        }
        self.by_npi
            .values()
            .find(|p| p["provider"]["uuid"].as_str() == Some(id))
            .cloned()
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.by_npi.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(pairs: &[(&str, &str)]) -> Search {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let q = |k: &str| {
            owned
                .iter()
                .find(|(n, v)| n == k && !v.trim().is_empty())
                .map(|(_, v)| v.as_str())
        };
        match Search::parse(q) {
            Ok(s) => s,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn npi_check_digits() {
        for known in ["1467560003", "1629149364", "1234567893", "0000000006"] {
            assert!(valid_npi(known), "{known}");
        }
        for bad in [
            "1467560004",
            "0000000000",
            "123456789",
            "12345678901",
            "abcdefghij",
        ] {
            assert!(!valid_npi(bad), "{bad}");
        }
        assert!(!valid_npi("12345678€"));
    }

    #[test]
    fn a_search_derives_matching_providers_and_is_stable() {
        let s = search(&[
            ("last_name", "Okonkwo"),
            ("zipcode", "29307"),
            ("radius", "15mi"),
            ("specialty", "cardio"),
        ]);
        let a = s.providers();
        assert_eq!(a, s.providers());
        assert!((25..=100).contains(&a.len()), "{}", a.len());
        let center = s.center.expect("a centre");
        for item in &a {
            let p = &item["provider"];
            assert_eq!(p["last_name"], "OKONKWO");
            assert_eq!(p["entity_type"], "individual");
            assert!(valid_npi(p["npi"].as_str().unwrap()), "{p}");
            assert!(
                p["specialty_primary"][0]
                    .as_str()
                    .is_some_and(|sp| specialty_matches(sp, "cardio")),
                "{p}"
            );
            let g = &p["locations"][0]["geo_location"];
            let d = geo::miles(center, (g[1].as_f64().unwrap(), g[0].as_f64().unwrap()));
            assert!(d <= 15.0, "{d}");
        }
        let other = search(&[("last_name", "Okonkwo"), ("zipcode", "29308")]);
        assert_ne!(a, other.providers());
    }

    #[test]
    fn odd_queries_find_nothing_or_fall_back() {
        assert!(search(&[("zipcode", "00012")]).providers().is_empty());
        assert!(
            search(&[("zipcode", "29307"), ("state", "CA")])
                .providers()
                .is_empty()
        );
        assert!(search(&[("gender", "x")]).providers().is_empty());
        assert!(
            search(&[("last_name", "Doe"), ("organization_name", "Acme")])
                .providers()
                .is_empty()
        );
        let people = search(&[("first_name", "Ada"), ("last_name", "Lovelace")]).providers();
        assert!((1..=4).contains(&people.len()));
        let unknown = search(&[("specialty", "zzyzx")]).providers();
        assert_eq!(unknown[0]["provider"]["specialty_primary"][0], "Zzyzx");
        assert!(Search::parse(|k| (k == "radius").then_some("far")).is_err());
        assert!(Search::parse(|k| (k == "zipcode").then_some("ab123")).is_err());
    }

    #[test]
    fn npis_stand_for_stable_providers_and_are_remembered() {
        let p = for_npi("1467560003").expect("valid");
        assert_eq!(p, for_npi("1467560003").expect("valid"));
        assert_eq!(p["provider"]["npi"], "1467560003");
        assert!(for_npi("1467560004").is_none());
        let mut d = Directory::default();
        d.remember(&p);
        let uuid = p["provider"]["uuid"].as_str().unwrap().to_owned();
        assert_eq!(d.get("1467560003"), Some(p.clone()));
        assert_eq!(d.get(&uuid), Some(p));
        for item in search(&[("state", "TX")]).providers() {
            d.remember(&item);
        }
        assert!(d.len() > 1 && d.len() <= REMEMBERED);
    }

    #[test]
    fn specialties_are_title_cased() {
        assert_eq!(title_case("allergy & immunology"), "Allergy & Immunology");
        assert_eq!(
            title_case("addiction (substance use disorder)"),
            "Addiction (Substance Use Disorder)"
        );
        assert_eq!(
            title_case("women's health care, ambulatory"),
            "Women's Health Care, Ambulatory"
        );
        assert!(vocabulary().iter().any(|s| s == "Rheumatology"));
        assert!(vocabulary().len() > 650);
    }
}
