#!/usr/bin/env bash
# Crash harness for `scour index`: kills index updates at random moments and
# checks the index is always the one before or the one after (see
# crash-harness.py for the steps and checks).
#
#   Tests/Scripts/crash-harness.sh [--runs N] [--pages P] [--scour PATH] [--fraction F] [--seed S]
#                                  [--remembered-sources] [--workers N] [--keep]
#
# Short form (what the Swift test CrashHarnessTests runs):
#   Tests/Scripts/crash-harness.sh --runs 6 --pages 300
# Long form (before a release, or after changing the indexer):
#   Tests/Scripts/crash-harness.sh --runs 50 --pages 2000
#
# --scour defaults to .build/debug/scour (run `swift build` first). Prints
# one summary line:
#   crash-harness: runs=N killed-before-commit=A killed-after-commit=B finished-before-kill=C failures=F …
# Exit status: 0 when every check passed, 1 when one failed (the work
# folder is kept and named), 2 on a setup error.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scour="$root/.build/debug/scour"
arguments=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --scour) scour="$2"; shift 2 ;;
        --scour=*) scour="${1#--scour=}"; shift ;;
        *) arguments+=("$1"); shift ;;
    esac
done
if ! command -v python3 >/dev/null 2>&1; then
    echo "crash-harness: python3 is not on PATH" >&2
    exit 2
fi
if [[ ! -x "$scour" ]]; then
    echo "crash-harness: no scour executable at $scour (run swift build, or give --scour PATH)" >&2
    exit 2
fi
exec python3 "$here/crash-harness.py" --scour "$scour" ${arguments[@]+"${arguments[@]}"}
