#!/usr/bin/env bash
# Refreshes data/upstream/, the committed copy of the documents
# `scopeplan update` downloads (a scopeplan cache directory: manifest.json,
# with the ETags that make the next run's requests conditional, and one
# file per document), and writes the catalog diff from the previous copy
# (the embedded data/docs on the first run) to the new one.
#
#   scripts/refresh-data.sh WORKDIR [UPDATE-FLAG...]
#
# UPDATE-FLAGs go to `scopeplan update` (for example --source NAME=URL).
#
# Writes WORKDIR/diff.md (`scopeplan catalog diff --format markdown`, cut to
# fit a pull request body) and WORKDIR/update.json, and prints changed=true
# or changed=false (appended to $GITHUB_OUTPUT too). Exits non-zero only when
# no document could be fetched or scopeplan failed otherwise; sources that
# failed keep their previous copy (update exits 1, reported in update.json).
# Used by .github/workflows/refresh-data.yml; needs go and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:?usage: scripts/refresh-data.sh WORKDIR [UPDATE-FLAG...]}"
shift
mkdir -p "$work"
work="$(cd "$work" && pwd)"
upstream=data/upstream

go build -o "$work/scopeplan" ./cmd/scopeplan
sp="$work/scopeplan"

# docs_of DIR OUT: the documents of a cache directory, without its manifest.
docs_of() {
  rm -rf "$2"
  mkdir -p "$2"
  find "$1" -maxdepth 1 -type f ! -name manifest.json ! -name '.*' -exec cp {} "$2"/ \;
}

old=data/docs
if [ -f "$upstream/manifest.json" ]; then
  docs_of "$upstream" "$work/old"
  old="$work/old"
fi

code=0
"$sp" update --cache-dir "$upstream" --format json "$@" >"$work/update.json" || code=$?
if [ "$code" -gt 1 ] || ! [ -f "$upstream/manifest.json" ]; then
  echo "refresh-data: scopeplan update failed (exit $code)" >&2
  exit 1
fi
if [ "$code" -eq 1 ]; then
  echo "refresh-data: some sources failed and keep their previous copy:" >&2
  jq -r '.sources[] | select(.status == "failed") | "  \(.source.name): \(.reason)"' "$work/update.json" >&2 || true
fi
docs_of "$upstream" "$work/new"

"$sp" catalog diff "$old" "$work/new" --format json >"$work/diff.json"
changed=$(jq '[.endpoints_added, .endpoints_removed, .endpoints_changed, .scopes_added, .scopes_removed] | map(length) | add > 0' "$work/diff.json")

# A pull request body holds at most 65536 characters.
"$sp" catalog diff "$old" "$work/new" --format markdown >"$work/diff-full.md"
limit=60000
if [ "$(wc -c <"$work/diff-full.md")" -gt "$limit" ]; then
  { head -c "$limit" "$work/diff-full.md" | sed '$d'
    printf '\n\n…cut to fit; run `scopeplan catalog diff` on the two document sets for the rest.\n'; } >"$work/diff.md"
else
  cp "$work/diff-full.md" "$work/diff.md"
fi

echo "changed=$changed"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "changed=$changed" >>"$GITHUB_OUTPUT"; fi
