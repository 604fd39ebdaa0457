"""Derives sandbox/fixtures/zip3_areas.tsv: one row per 3-digit ZIP prefix (area) with the
centre the sandbox uses for provider searches by ZIP code and radius.

    python3 -m venv /tmp/zip-venv && /tmp/zip-venv/bin/pip install zipcodes==3.0.0
    /tmp/zip-venv/bin/python scripts/derive-zip3-areas.py > sandbox/fixtures/zip3_areas.tsv

Source: the `zipcodes` PyPI package 3.0.0 (MIT), whose coordinates come from GeoNames
(CC BY 4.0, https://www.geonames.org/) and whose list of ZIP codes from the USPS. For each
prefix, over its active non-military ZIP codes (STANDARD ones when there are any):

* latitude, longitude: the mean of the ZIP codes' coordinates, 4 decimals;
* state: the most common state;
* city: the most common city of that state (alphabetically first on a tie).
"""
import collections
import sys

import zipcodes

groups = collections.defaultdict(list)
for z in zipcodes.list_all():
    if not z["active"] or z["zip_code_type"] == "MILITARY":
        continue
    groups[z["zip_code"][:3]].append(z)

out = ["zip3\tlatitude\tlongitude\tstate\tcity"]
for prefix in sorted(groups):
    zs = groups[prefix]
    std = [z for z in zs if z["zip_code_type"] == "STANDARD"] or zs
    lat = sum(float(z["lat"]) for z in std) / len(std)
    lon = sum(float(z["long"]) for z in std) / len(std)
    state = collections.Counter(z["state"] for z in std).most_common(1)[0][0]
    cities = collections.Counter(z["city"] for z in std if z["state"] == state)
    top = max(cities.values())
    city = sorted(c for c, n in cities.items() if n == top)[0]
    out.append(f"{prefix}\t{lat:.4f}\t{lon:.4f}\t{state}\t{city}")
sys.stdout.write("\n".join(out) + "\n")
