#!/usr/bin/env bash
# Scans recorded data for secrets and real-looking credentials (RELIABILITY.md case 44):
#   scripts/scan-fixtures.sh [DIR_OR_FILE ...]
# Without arguments: sandbox/fixtures and every other data file git tracks (JSON, X12, TSV/CSV,
# YAML, HAR, text, keys...). Prints FILE:LINE and the kind of each finding, never the value
# itself (CI logs are not a place for secrets), and exits 1 when there is any; 0 when clean,
# 2 on a usage error.
#
# Flagged:
#   - a form-encoded `client_secret=` with a value, and JSON `client_secret`, `password`,
#     `api_key` values;
#   - `Bearer ` followed by a token-looking value (16+ token characters);
#   - `access_token`, `refresh_token` or `id_token` values (JSON or form) of 16+ characters;
#   - an `Authorization: Basic` credential (header or JSON form);
#   - a PEM private key;
# unless the value is an obvious placeholder (empty; `example`, `placeholder`, `dummy`, `fake`,
# `test`, `sample`, `sandbox`, `redacted`, `changeme`, `your`, `xxx`; `<...>`, `...`, `${...}`,
# `{{...}}`; one repeated character) or listed in ALLOWED below.
set -uo pipefail

# Exact values that look real but are published: each with where it comes from.
ALLOWED=(
  # The access token of the token answer in PokitDok's own API documentation (the example
  # copied verbatim into sandbox/fixtures/oauth2.token.response.json); never a live token.
  "s8KYRJGTO0rWMy0zz1CCSCwsSesDyDlbNdZoRqVR"
)

root="$(cd "$(dirname "$0")/.." && pwd)"

targets=()
if (($#)); then
  for t in "$@"; do
    if [ ! -e "$t" ]; then
      echo "scan-fixtures: no such file or directory: $t" >&2
      exit 2
    fi
    targets+=("$t")
  done
else
  cd "$root" || exit 2
  targets+=("sandbox/fixtures")
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    while IFS= read -r -d '' f; do
      case "$f" in
        sandbox/fixtures/*) ;;
        *) [ -f "$f" ] && targets+=("$f") ;;
      esac
    done < <(git ls-files -z -- '*.json' '*.x12' '*.edi' '*.837' '*.835' '*.270' '*.271' \
      '*.tsv' '*.csv' '*.har' '*.yaml' '*.yml' '*.txt' '*.env' '*.pem' '*.key' '*.ndjson')
  fi
fi

shopt -s nocasematch

is_placeholder() {
  local v="$1" allowed
  [ -z "$v" ] && return 0
  for allowed in "${ALLOWED[@]}"; do
    [ "$v" = "$allowed" ] && return 0
  done
  case "$v" in
    *example* | *placeholder* | *dummy* | *fake* | *test* | *sample* | *sandbox* | *redacted* | \
      *changeme* | *your* | *xxx* | *'<'*'>'* | *'...'* | *'${'* | *'{{'* | *'***'*) return 0 ;;
  esac
  # One character repeated (`0000000000`, `**********`).
  [ -z "${v//"${v:0:1}"/}" ] && return 0
  return 1
}

found=0

report() { # file line kind
  printf '%s:%s: %s\n' "$1" "$2" "$3"
  found=1
}

# scan KIND REGEX VALUE_REGEX: every match of REGEX (grep -E, case-insensitive); VALUE_REGEX
# (bash, case-insensitive) takes the value out of the match as its first group, checked against
# the placeholders. An empty VALUE_REGEX flags every match.
scan() {
  local kind="$1" regex="$2" value_regex="$3" file rest line match value
  while IFS= read -r -d '' file && IFS= read -r rest; do
    line="${rest%%:*}"
    match="${rest#*:}"
    if [ -n "$value_regex" ]; then
      [[ "$match" =~ $value_regex ]] || continue
      value="${BASH_REMATCH[1]}"
      is_placeholder "$value" && continue
    fi
    report "$file" "$line" "$kind"
  done < <(grep -rnoiEIZ -e "$regex" -- "${targets[@]}" 2>/dev/null)
}

tok='[A-Za-z0-9._~+/=-]'

scan "client_secret in a form or query" \
  "client_secret=[^&[:space:]\"']*" \
  "client_secret=(.*)"
scan "secret in JSON" \
  "\"(client_secret|password|api_key)\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" \
  ":[[:space:]]*\"([^\"]*)\""
scan "Bearer token" \
  "bearer[[:space:]]+${tok}{16,}" \
  "bearer[[:space:]]+(.*)"
scan "OAuth2 token in JSON" \
  "\"(access_token|refresh_token|id_token)\"[[:space:]]*:[[:space:]]*\"${tok}{16,}\"" \
  ":[[:space:]]*\"([^\"]*)\""
scan "OAuth2 token in a form or query" \
  "(access_token|refresh_token|id_token)=${tok}{16,}" \
  "=(.*)"
scan "Basic credentials" \
  "authorization[\"']?[[:space:]]*[:=][[:space:]]*[\"']?basic[[:space:]]+[A-Za-z0-9+/=]{8,}" \
  "basic[[:space:]]+(.*)"
scan "private key" \
  "-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----" \
  ""

if ((found)); then
  echo "scan-fixtures: secrets or real-looking credentials found (values not shown)" >&2
  exit 1
fi
echo "scan-fixtures: no secrets in ${#targets[@]} location(s)"
