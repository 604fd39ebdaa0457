//! Places for provider searches: the centre of each 3-digit ZIP area, distances, points
//! inside a radius.
//!
//! `fixtures/zip3_areas.tsv` has one row per 3-digit ZIP prefix: the mean latitude and
//! longitude of its ZIP codes, its state and most common city. It is derived by
//! `scripts/derive-zip3-areas.py` from the `zipcodes` PyPI package (MIT), whose coordinates
//! come from GeoNames (CC BY 4.0) and whose ZIP codes from the USPS. A 5-digit ZIP code is
//! placed at the centre of its 3-digit area: close enough for a sandbox.

use std::sync::OnceLock;

const TABLE: &str = include_str!("../fixtures/zip3_areas.tsv");

/// Mean radius of the Earth, in miles.
const EARTH_MILES: f64 = 3958.8;

/// One 3-digit ZIP area.
#[derive(Debug)]
pub(crate) struct Area {
    pub(crate) zip3: &'static str,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) state: &'static str,
    pub(crate) city: &'static str,
}

/// Every area, sorted by prefix.
pub(crate) fn areas() -> &'static [Area] {
    static AREAS: OnceLock<Vec<Area>> = OnceLock::new();
    AREAS.get_or_init(|| {
        TABLE
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut f = line.split('\t');
                let zip3 = f.next()?;
                let lat = f.next()?.parse().ok()?;
                let lon = f.next()?.parse().ok()?;
                Some(Area {
                    zip3,
                    lat,
                    lon,
                    state: f.next()?,
                    city: f.next()?,
                })
            })
            .collect()
    })
}

/// The area of a ZIP code (by its first three digits), if it is a known one.
pub(crate) fn area_of(zip: &str) -> Option<&'static Area> {
    let zip3 = crate::util::zip3(zip)?;
    let all = areas();
    all.binary_search_by(|a| a.zip3.cmp(zip3.as_str()))
        .ok()
        .map(|i| &all[i])
}

/// The area whose centre is nearest to a point.
pub(crate) fn nearest(lat: f64, lon: f64) -> &'static Area {
    let all = areas();
    let mut best = &all[0];
    let mut best_d = f64::INFINITY;
    for a in all {
        let d = miles((lat, lon), (a.lat, a.lon));
        if d < best_d {
            best = a;
            best_d = d;
        }
    }
    best
}

/// Great-circle distance between two `(lat, lon)` points, in miles (haversine).
pub(crate) fn miles(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let dla = la2 - la1;
    let dlo = (b.1 - a.1).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * EARTH_MILES * h.sqrt().min(1.0).asin()
}

/// The point `distance` miles from `from` in the direction `bearing` (radians from north).
pub(crate) fn destination(from: (f64, f64), bearing: f64, distance: f64) -> (f64, f64) {
    let d = distance / EARTH_MILES;
    let (la1, lo1) = (from.0.to_radians(), from.1.to_radians());
    let la2 = (la1.sin() * d.cos() + la1.cos() * d.sin() * bearing.cos())
        .clamp(-1.0, 1.0)
        .asin();
    let lo2 = lo1 + (bearing.sin() * d.sin() * la1.cos()).atan2(d.cos() - la1.sin() * la2.sin());
    let lon = (lo2.to_degrees() + 540.0).rem_euclid(360.0) - 180.0;
    (la2.to_degrees(), lon)
}

/// Largest search radius honoured, in miles (larger ones are clamped).
pub(crate) const MAX_RADIUS: f64 = 3000.0;

/// A radius as the official clients send it (`10mi`, `10 mi`, `10`, `2.5miles`, `16km`), in
/// miles; `None` when it is not one.
pub(crate) fn parse_radius(raw: &str) -> Option<f64> {
    let t = raw.trim().to_ascii_lowercase();
    let (number, factor) = if let Some(n) = t.strip_suffix("km") {
        (n, 0.621_371)
    } else if let Some(n) = t
        .strip_suffix("miles")
        .or_else(|| t.strip_suffix("mile"))
        .or_else(|| t.strip_suffix("mi"))
    {
        (n, 1.0)
    } else {
        (t.as_str(), 1.0)
    };
    let value: f64 = number.trim().parse().ok()?;
    (value.is_finite() && value >= 0.0).then(|| (value * factor).min(MAX_RADIUS))
}

/// `lat_lon` as documented (`"37.563546, -122.325181"`).
pub(crate) fn parse_lat_lon(raw: &str) -> Option<(f64, f64)> {
    let (lat, lon) = raw.split_once(',')?;
    let (lat, lon): (f64, f64) = (lat.trim().parse().ok()?, lon.trim().parse().ok()?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_covers_the_country() {
        let all = areas();
        assert!(all.len() > 900, "{}", all.len());
        assert!(all.windows(2).all(|w| w[0].zip3 < w[1].zip3));
        let spartanburg = area_of("29307").expect("293");
        assert_eq!((spartanburg.state, spartanburg.city), ("SC", "Spartanburg"));
        assert_eq!(area_of("94401").map(|a| a.state), Some("CA"));
        assert!(area_of("00000").is_none());
        assert!(area_of("abc").is_none());
        assert_eq!(nearest(spartanburg.lat, spartanburg.lon).zip3, "293");
    }

    #[test]
    fn distances_and_destinations_agree() {
        // Spartanburg to Charleston, SC: about 180 miles.
        let d = miles((34.9496, -81.9320), (32.7765, -79.9311));
        assert!((170.0..195.0).contains(&d), "{d}");
        let from = (34.8, -81.9);
        for (bearing, dist) in [(0.0, 10.0), (1.0, 250.0), (3.0, 0.5), (5.5, 2999.0)] {
            let to = destination(from, bearing, dist);
            assert!((miles(from, to) - dist).abs() < 0.01, "{bearing} {dist}");
        }
        // Across the antimeridian the longitude stays in range.
        let (_, lon) = destination((52.0, 179.9), std::f64::consts::FRAC_PI_2, 100.0);
        assert!((-180.0..=180.0).contains(&lon), "{lon}");
    }

    #[test]
    fn radii_and_points_parse() {
        assert_eq!(parse_radius("10mi"), Some(10.0));
        assert_eq!(parse_radius(" 25 MI "), Some(25.0));
        assert_eq!(parse_radius("5"), Some(5.0));
        assert_eq!(parse_radius("2.5miles"), Some(2.5));
        assert!(parse_radius("16km").is_some_and(|m| (m - 9.94).abs() < 0.01));
        assert_eq!(parse_radius("1e9mi"), Some(MAX_RADIUS));
        for bad in ["", "mi", "-1mi", "NaN", "inf", "ten miles"] {
            assert_eq!(parse_radius(bad), None, "{bad}");
        }
        assert_eq!(
            parse_lat_lon("37.563546, -122.325181"),
            Some((37.563546, -122.325181))
        );
        assert_eq!(parse_lat_lon("91, 0"), None);
        assert_eq!(parse_lat_lon("37.5"), None);
    }
}
