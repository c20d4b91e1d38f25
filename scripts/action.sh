#!/usr/bin/env bash
# The shell steps of the scopeplan GitHub Action (action.yml), kept here so
# that a Go test (cmd/scopeplan/action_test.go) runs them.
#
#   action.sh install   build scopeplan with go install: from the action's own
#                       checkout ($GITHUB_ACTION_PATH, at the ref the workflow
#                       pinned), or module@INPUT_VERSION when a version is given
#   action.sh run       run INPUT_COMMAND (audit, lint, docs, plan) with
#                       INPUT_ARGS; write SARIF (audit, lint) and a Markdown
#                       job summary; exit with scopeplan's exit code
#
# Inputs come as environment variables: INPUT_COMMAND, INPUT_ARGS,
# INPUT_VERSION, INPUT_SARIF ("auto": scopeplan-COMMAND.sarif for audit and
# lint, none for the others; "none" or "false": none; else the path).
# SCOPEPLAN_BIN names the binary to run (default: scopeplan on PATH).
# Outputs go to $GITHUB_OUTPUT (exit-code, sarif), the summary to
# $GITHUB_STEP_SUMMARY; without them they are skipped.
set -uo pipefail

die() { echo "scopeplan action: $*" >&2; exit 2; }

output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >>"$GITHUB_OUTPUT"; fi; }

summary() { if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat >>"$GITHUB_STEP_SUMMARY"; else cat >/dev/null; fi; }

install() {
  set -e
  local version="${INPUT_VERSION:-}"
  if [ -n "$version" ]; then
    go install "github.com/scopeplan/scopeplan/cmd/scopeplan@$version"
  else
    [ -n "${GITHUB_ACTION_PATH:-}" ] || die "GITHUB_ACTION_PATH is not set (give the version input)"
    # The version stamped is the ref the workflow pinned the action to.
    (cd "$GITHUB_ACTION_PATH" && go install -trimpath -ldflags "-X main.version=${ACTION_REF:-dev}" ./cmd/scopeplan)
  fi
  local bin
  bin="$(go env GOPATH)/bin"
  if [ -n "${GITHUB_PATH:-}" ]; then echo "$bin" >>"$GITHUB_PATH"; fi
  "$bin/scopeplan" version
}

# fenced prints standard input as a fenced block, at most 200 lines.
fenced() {
  echo '```text'
  head -n 200
  echo '```'
}

run() {
  local bin="${SCOPEPLAN_BIN:-scopeplan}"
  local command="${INPUT_COMMAND:-audit}"
  local sarif="${INPUT_SARIF:-auto}"
  case "$command" in
    audit | lint) [ "$sarif" = auto ] && sarif="scopeplan-$command.sarif" ;;
    docs | plan) [ "$sarif" = auto ] && sarif="" ;;
    *) die "command must be audit, lint, docs or plan, not \"$command\"" ;;
  esac
  case "$sarif" in none | false) sarif="" ;; esac
  if [ -n "$sarif" ] && [ "$command" != audit ] && [ "$command" != lint ]; then
    die "$command writes no SARIF; leave the sarif input empty"
  fi
  # Split the args input like a shell would, quotes included, without
  # expanding anything in it.
  local -a args=()
  if [ -n "${INPUT_ARGS:-}" ]; then
    mapfile -d '' args < <(printf '%s' "$INPUT_ARGS" | xargs printf '%s\0') || die "cannot split the args input: $INPUT_ARGS"
  fi
  local tmp code=0
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  if [ -n "$sarif" ]; then
    mkdir -p "$(dirname "$sarif")"
    # Its standard error repeats in the run below.
    "$bin" "$command" "${args[@]}" --format sarif >"$sarif" 2>/dev/null || code=$?
    output sarif "$sarif"
    # No SARIF on a usage or input error: do not upload an empty file.
    if [ "$code" -ne 0 ] && ! [ -s "$sarif" ]; then rm -f "$sarif"; output sarif ""; fi
  fi
  case "$command" in
    audit)
      # The verdict as Markdown, for the log and the job summary.
      local c=0
      "$bin" audit "${args[@]}" --format markdown >"$tmp/out.md" 2>"$tmp/err" || c=$?
      [ -n "$sarif" ] || code=$c
      cat "$tmp/out.md"
      ;;
    plan)
      "$bin" plan "${args[@]}" --format markdown >"$tmp/out.md" 2>"$tmp/err" || code=$?
      cat "$tmp/out.md"
      ;;
    lint)
      local c=0
      "$bin" lint "${args[@]}" --format text >"$tmp/out.txt" 2>"$tmp/err" || c=$?
      [ -n "$sarif" ] || code=$c
      cat "$tmp/out.txt"
      { printf '## scopeplan lint\n\n%s finding(s).\n\n' "$(grep -c . "$tmp/out.txt")"; fenced <"$tmp/out.txt"; } >"$tmp/out.md"
      ;;
    docs)
      "$bin" docs "${args[@]}" >"$tmp/out.txt" 2>"$tmp/err" || code=$?
      cat "$tmp/out.txt"
      { printf '## scopeplan docs\n\n'; if [ "$code" -eq 0 ]; then echo "Documentation written."; fi; } >"$tmp/out.md"
      ;;
  esac
  cat "$tmp/err" >&2
  {
    cat "$tmp/out.md"
    if [ -s "$tmp/err" ]; then printf '\n'; fenced <"$tmp/err"; fi
    printf '\n`scopeplan %s` exited %d.\n' "$command" "$code"
  } | summary
  output exit-code "$code"
  exit "$code"
}

case "${1:-}" in
  install) install ;;
  run) run ;;
  *) die "usage: action.sh install|run" ;;
esac
