#!/usr/bin/env bash
# Installs the Debian packages Scour builds against and its tests use, when
# they are missing: libxml2 (HTML parsing), OpenCC (simplified/traditional
# Chinese folding), zlib (.warc.gz), wget and python3 (end-to-end tests that
# mirror a local site). Needs root (or sudo) and apt; prints what it does.
set -euo pipefail
packages=(libxml2-dev libopencc-dev opencc zlib1g-dev wget python3 python3-venv)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "installing missing packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
