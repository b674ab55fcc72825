#!/usr/bin/env bash
# Installs the Python tools some tests use into .venv-tests at the
# repository root: warcio (to write WARC files the way other crawlers do)
# and the official Elasticsearch and OpenSearch clients (to drive
# `scour serve` as applications do).
#
# Idempotent and quick when already installed. Never fails the build: when
# Python, venv or the package index is missing it says so on one line and
# exits 0, and the tests that need a tool skip with a visible reason.
set -u
cd "$(dirname "$0")/../.."
venv=.venv-tests
# elasticsearch-py 9 asks servers for version 9 compatibility; 8 is what
# the Elasticsearch subset answers as.
packages=(warcio "elasticsearch>=8,<9" opensearch-py)
check='import warcio, elasticsearch, opensearchpy'

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$check" 2>/dev/null; then
    echo "setup-test-tools: warcio, elasticsearch and opensearch-py already in $venv"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "setup-test-tools: python3 not found; tests that need warcio or the search clients will be skipped"
    exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        rm -rf "$venv"
        echo "setup-test-tools: could not create $venv (python3 -m venv failed); tests that need warcio or the search clients will be skipped"
        exit 0
    fi
fi
for package in "${packages[@]}"; do
    if "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --timeout 30 --retries 1 "$package" >/dev/null 2>&1; then
        echo "setup-test-tools: installed $package into $venv"
    else
        echo "setup-test-tools: could not install $package (no network?); the tests that need it will be skipped"
    fi
done
exit 0
