#!/usr/bin/env bash
# Packages both crates as they would be published, then builds the packaged `pokitdok`'s tests
# against the packaged `pokitdok-sandbox` (and the other way round), in a scratch workspace
# outside this repository. Proves that the published crates carry everything their tests and
# examples need (fixtures, the sandbox dev-dependency) and nothing reaches back into the repo.
#   scripts/check-packaged.sh [--run]   (--run also runs the packaged tests)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
cargo package --workspace --no-verify --exclude-lockfile --allow-dirty --quiet
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for c in pokitdok pokitdok-sandbox; do
  tar xzf "target/package/$c-$version.crate" -C "$scratch"
done
cat > "$scratch/Cargo.toml" <<TOML
[workspace]
members = ["pokitdok-$version", "pokitdok-sandbox-$version"]
resolver = "3"

[patch.crates-io]
pokitdok = { path = "pokitdok-$version" }
pokitdok-sandbox = { path = "pokitdok-sandbox-$version" }
TOML
cp Cargo.lock "$scratch/Cargo.lock"
export CARGO_TARGET_DIR="${PACKAGED_TARGET_DIR:-$root/target/packaged}"
cd "$scratch"
if [ "${1:-}" = "--run" ]; then
  cargo test --workspace --all-features
else
  cargo test --workspace --all-features --no-run
  cargo build --workspace --all-features --examples
fi
echo "packaged crates build their tests and examples"
