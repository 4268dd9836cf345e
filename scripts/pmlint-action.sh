#!/usr/bin/env bash
# The GitHub Action's run step (action.yml), kept in a script so it can be tested locally.
# Inputs come from PMLINT_* environment variables.
set -uo pipefail

format="${PMLINT_FORMAT:-github}"
fail_on="${PMLINT_FAIL_ON:-error}"
read -r -a paths <<< "${PMLINT_PATHS:-.}"

args=(check --format "$format")
if [ -n "${PMLINT_CONFIG:-}" ]; then args+=(--config "$PMLINT_CONFIG"); fi
case "$fail_on" in
  error) ;;
  warning) args+=(--max-warnings 0) ;;
  never) ;;
  *) echo "pmlint action: fail-on must be error, warning or never (got '$fail_on')" >&2; exit 2 ;;
esac

case "$format" in
  github) pmlint "${args[@]}" "${paths[@]}"; status=$? ;;
  sarif) pmlint "${args[@]}" "${paths[@]}" > "${PMLINT_SARIF_FILE:-pmlint.sarif}"; status=$? ;;
  *) echo "pmlint action: format must be github or sarif (got '$format')" >&2; exit 2 ;;
esac

# Exit 2 (bad input or config) always fails; findings fail unless fail-on is never.
if [ "$status" -eq 1 ] && [ "$fail_on" = never ]; then status=0; fi
exit "$status"
