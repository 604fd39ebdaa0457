#!/usr/bin/env bash
# Drives the sandbox with the official Python client (pokitdok==2.8.1), as a compatibility check.
# Not part of CI: it needs PyPI. Exits non-zero when any call fails.
#
#   scripts/python-client-check.sh            # port 5002
#   PORT=5010 scripts/python-client-check.sh
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${PORT:-5002}"
CLIENT_ID="${CLIENT_ID:-python-check-id}"
CLIENT_SECRET="${CLIENT_SECRET:-python-check-secret}"
VENV="${VENV:-${TMPDIR:-/tmp}/pokitdok-python-check-venv}"
LOG="$(mktemp)"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "pokitdok==2.8.1"

cargo build --quiet -p pokitdok-sandbox
cargo run --quiet -p pokitdok-sandbox -- \
    --port "$PORT" --client-id "$CLIENT_ID" --client-secret "$CLIENT_SECRET" \
    --scopes user_schedule --activity-step 0.2 >"$LOG" 2>&1 &
SANDBOX_PID=$!
cleanup() {
    kill -INT "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
    rm -f "$LOG"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
    if grep -q "listening on" "$LOG" 2>/dev/null; then break; fi
    if ! kill -0 "$SANDBOX_PID" 2>/dev/null; then cat "$LOG"; exit 1; fi
    sleep 0.1
done
grep -q "listening on" "$LOG" || { echo "sandbox did not start"; cat "$LOG"; exit 1; }

# requests-oauthlib refuses http:// unless told otherwise (the sandbox is loopback-only).
export OAUTHLIB_INSECURE_TRANSPORT=1
export BASE="http://127.0.0.1:$PORT" CLIENT_ID CLIENT_SECRET
CLAIM_FILE="$(pwd)/sandbox/fixtures/claims_convert.request.x12"
export CLAIM_FILE

"$VENV/bin/python" - <<'PY'
import os, sys, time, warnings
import pokitdok

warnings.simplefilter("ignore", DeprecationWarning)
base, cid, secret = os.environ["BASE"], os.environ["CLIENT_ID"], os.environ["CLIENT_SECRET"]
failures = []

def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + (": " + str(detail) if detail else ""))
    if not cond:
        failures.append(name)

pd = pokitdok.api.connect(cid, secret, base=base)
check("token", bool(pd.token.get("access_token")), "expires_in=%s" % pd.token.get("expires_in"))

# A fresh application has history: list activities, get and cancel the first one.
lst = pd.activities()
first = (lst.get("data") or [{}])[0]
check("fresh application lists activities", lst["meta"].get("result_count") == 5
      and first.get("state", {}).get("name") == "scheduled", lst["meta"].get("result_count"))
a = pd.activities(first.get("id"))
check("activities(first id)", a["data"]["id"] == first.get("id"))
r = pd.put("/activities/%s" % first.get("id"), data={"transition": "cancel"})
check("cancel the first activity", pd.status_code == 200
      and r["data"]["state"]["name"] == "canceled", pd.status_code)
batch = [x for x in lst["data"] if x["name"] == "batch file"][0]
children = pd.activities(parent_id=batch["id"])
check("batch sub-activities", len(children["data"]) == 2, len(children["data"]))

member = {"birth_date": "1970-01-25", "first_name": "Jane", "last_name": "Doe", "id": "W000000000"}
provider = {"first_name": "JEROME", "last_name": "AYA-AY", "npi": "1467560003"}
r = pd.eligibility({"member": member, "provider": provider, "trading_partner_id": "MOCKPAYER",
                    "service_types": ["emergency_services"]})
d = r.get("data", {})
check("eligibility", d.get("subscriber", {}).get("id") == "W000000000"
      and d.get("service_types") == ["emergency_services"],
      "activity %s, active=%s" % (r["meta"].get("activity_id"), d.get("coverage", {}).get("active")))

r = pd.eligibility({"member": member, "provider": provider, "trading_partner_id": "NOPE"})
check("eligibility unknown trading partner -> 422", pd.status_code == 422
      and "trading_partner_id" in r["data"]["errors"]["validation"], pd.status_code)

claim = {
    "transaction_code": "chargeable", "trading_partner_id": "MOCKPAYER",
    "billing_provider": {"taxonomy_code": "207Q00000X", "first_name": "Elizabeth",
                         "last_name": "Blackwell", "npi": "1234567893", "tax_id": "123456789",
                         "address": {"address_lines": ["8311 WARREN H ABERNATHY HWY"],
                                     "city": "SPARTANBURG", "state": "SC", "zipcode": "29301"}},
    "subscriber": {"first_name": "Jane", "last_name": "Doe", "member_id": "W000000000",
                   "birth_date": "1970-01-25", "gender": "female"},
    "claim": {"place_of_service": "office", "total_charge_amount": 60.0,
              "service_lines": [{"procedure_code": "99213", "charge_amount": 60.0, "unit_count": 1.0,
                                 "diagnosis_codes": ["J10.1"], "service_date": "2016-01-25"}]},
}
r = pd.claims(claim)
activity_id = r.get("data", {}).get("id")
check("claims", r.get("data", {}).get("state", {}).get("name") == "scheduled", activity_id)

state = None
for _ in range(40):
    a = pd.activities(activity_id)
    state = a["data"]["state"]["name"]
    if state == "completed":
        break
    time.sleep(0.1)
check("activities(id) reaches completed", state == "completed",
      a["data"].get("result", {}).get("patient", {}).get("claim_level_info", {})
      .get("statuses", [{}])[0].get("status_category_code"))
lst = pd.activities(limit=5)
check("activities list", isinstance(lst.get("data"), list) and lst["meta"].get("result_count", 0) >= 6,
      lst["meta"].get("result_count"))

r = pd.claims_status({"patient": {"first_name": "JANE", "last_name": "DOE", "id": "W000000000",
                                  "birth_date": "1970-01-25"},
                      "provider": {"first_name": "Elizabeth", "last_name": "Blackwell",
                                   "npi": "1234567893"},
                      "service_date": "2016-01-25", "trading_partner_id": "MOCKPAYER"})
st = r["data"]["patient"]["claims"][0]["statuses"][0]
check("claims_status finds the claim", r["data"]["patient"]["claims"][0]["tracking_id"] == activity_id,
      st["status_category_code"])

r = pd.cash_prices(cpt_code="99385", zip_code="29412")
check("cash_prices", r["data"] and r["data"][0]["geo_zip_area"] == "294", len(r["data"]))
r = pd.insurance_prices(cpt_code="99203", zip_code="94401")
check("insurance_prices", r["data"]["cpt_code"] == "99203", len(r["data"]["amounts"]))
r = pd.providers(zipcode="29307", specialty="rheumatology")
check("providers search", len(r["data"]) >= 1
      and all("Rheumatology" in p["provider"]["specialty"] for p in r["data"]), len(r["data"]))
r = pd.providers(npi="1467560003")
check("providers(npi)", r["data"]["provider"]["last_name"] == "AYA-AY")
r = pd.providers(last_name="Quillfeather", zipcode="30301", radius="10mi", limit=7)
check("providers search by last name, zip and radius", len(r["data"]) == 7
      and all(p["provider"]["last_name"] == "QUILLFEATHER" for p in r["data"]),
      "%s of %s" % (len(r["data"]), r["meta"].get("result_count")))
npi = r["data"][0]["provider"]["npi"]
r = pd.providers(npi=npi)
check("providers(npi) of a search result", r["data"]["provider"]["last_name"] == "QUILLFEATHER")
r = pd.providers(npi="1987654328")
check("providers(any valid NPI)", pd.status_code == 200 and r["data"]["provider"]["npi"] == "1987654328",
      pd.status_code)
r = pd.trading_partners()
check("trading_partners", any(t["id"] == "MOCKPAYER" for t in r["data"]), len(r["data"]))
r = pd.trading_partners("aetna")
check("trading_partners(id)", r["data"]["id"] == "aetna")
r = pd.payers()
check("payers", len(r["data"]) >= 1)
r = pd.mpc(name="office")
check("mpc search", len(r["data"]) >= 1, len(r["data"]))
r = pd.mpc(code="99213")
check("mpc(code)", r["data"]["code"] == "99213")
r = pd.icd_convert("250.12")
check("icd_convert", r["data"]["source_code"]["value"] == "25012")
r = pd.plans(state="TX", plan_type="PPO")
check("plans", len(r["data"]) >= 1 and all(p["state"] == "TX" for p in r["data"]), len(r["data"]))
r = pd.claims_convert(os.environ["CLAIM_FILE"])
check("claims_convert", r["data"]["claims_request"]["subscriber"]["member_id"] == "W000000000")
r = pd.oop_insurance_prices({"trading_partner_id": "MOCKPAYER", "cpt_bundle": ["99385"],
                             "price": {"amount": "750"}})
price_uuid = r["data"].get("uuid")
check("oop load price", r["data"]["price"]["amount"] == "750.00", price_uuid)
r = pd.oop_insurance_estimate({"trading_partner_id": "MOCKPAYER", "cpt_bundle": ["99385"],
                               "eligibility": {"member": member, "provider": provider}})
check("oop estimate", r["data"]["calculation"]["price"]["amount"] == "750.00",
      r["data"]["calculation"]["estimate"])
r = pd.oop_insurance_delete_price(price_uuid)
check("oop delete price", pd.status_code == 200, pd.status_code)
r = pd.pharmacy_plans(trading_partner_id="medicare_national", plan_number="S5820003")
check("pharmacy_plans", r["data"][0]["plan_number"] == "S5820003")
r = pd.pharmacy_formulary(trading_partner_id="medicare_national", plan_number="S5820003",
                          drug="simvastatin")
check("pharmacy_formulary", len(r["data"]) >= 1)
r = pd.pharmacy_network(trading_partner_id="medicare_national", plan_number="S5820003",
                        zipcode="07030", radius="1mi")
check("pharmacy_network", len(r["data"]) >= 1)
r = pd.pharmacy_network(npi="1427382266", trading_partner_id="medicare_national",
                        plan_number="S5820003")
check("pharmacy_network(npi)", r["data"][0]["npi"] == "1427382266")
r = pd.create_identity({"first_name": "Oscar", "last_name": "Whitmire", "gender": "male",
                        "birth_date": "2000-05-25", "email": "oscar@example.test"})
uuid = r["data"]["uuid"]
pd.update_identity(uuid, {"email": "oscar.whitmire@example.test"})
r = pd.get_identity(uuid)
check("identity create/update/get", r["data"]["email"] == "oscar.whitmire@example.test")
r = pd.get_identity(first_name="Oscar", last_name="Whitmore")
check("identity search (fuzzy)", any(i["uuid"] == uuid for i in r["data"]), len(r["data"]))
r = pd.identity_history(uuid)
check("identity_history", len(r["data"]) == 2, r["data"])
r = pd.identity_history(uuid, 1)
check("identity_history(version)", r["data"]["email"] == "oscar@example.test")
r = pd.schedulers()
check("schedulers", len(r["data"]) >= 1)
r = pd.appointment_types()
check("appointment_types", len(r["data"]) >= 1)
type_uuid = r["data"][0]["appointment_type_uuid"]
r = pd.appointment_types(type_uuid)
check("appointment_types(uuid) is a one-element list", isinstance(r["data"], list)
      and len(r["data"]) == 1 and r["data"][0]["appointment_type_uuid"] == type_uuid)
r = pd.schedulers(pd.schedulers()["data"][0]["scheduler_uuid"])
check("schedulers(uuid) is a one-element list", isinstance(r["data"], list) and len(r["data"]) == 1)
# The application is granted user_schedule (--scopes): no scope on the token needed.
r = pd.get_appointments()
check("get_appointments with the application's scope", pd.status_code == 200, pd.status_code)
r = pd.request("/ssl/", method="get")
check("request('/ssl/')", pd.status_code == 200)

if failures:
    print("\n%d check(s) failed: %s" % (len(failures), ", ".join(failures)))
    sys.exit(1)
print("\nall Python client checks passed")
PY
