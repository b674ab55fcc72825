#!/bin/sh
# The side-by-side benchmark of Scour, SQLite FTS5 and tantivy (issue 9):
#   Benchmarks/run.sh [--sizes 10000,100000] [--debian] [--help for every option]
# Works from any folder; see Benchmarks/run.py.
set -e
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/run.py" "$@"
