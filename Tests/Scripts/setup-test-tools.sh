#!/usr/bin/env bash
# Installs the Python tools some tests use (warcio, to write WARC files the
# way other crawlers do) into .venv-tests at the repository root.
#
# Idempotent and quick when already installed. Never fails the build: when
# Python, venv or the package index is missing it says so on one line and
# exits 0, and the tests that need warcio skip with a visible reason.
set -u
cd "$(dirname "$0")/../.."
venv=.venv-tests

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import warcio' 2>/dev/null; then
    echo "setup-test-tools: warcio already in $venv"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "setup-test-tools: python3 not found; tests that need warcio will be skipped"
    exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        rm -rf "$venv"
        echo "setup-test-tools: could not create $venv (python3 -m venv failed); tests that need warcio will be skipped"
        exit 0
    fi
fi
if "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --timeout 30 --retries 1 warcio >/dev/null 2>&1 \
    && "$venv/bin/python" -c 'import warcio' 2>/dev/null; then
    echo "setup-test-tools: installed warcio into $venv"
else
    echo "setup-test-tools: could not install warcio (no network?); tests that need warcio will be skipped"
fi
exit 0
