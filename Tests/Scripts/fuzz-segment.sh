#!/usr/bin/env bash
# Fuzzes SegmentReader (open, every term's postings with positions, every
# stored document and spelling entry, IndexChecker's walk) with libFuzzer and
# AddressSanitizer, starting from real segments.
#
#   Tests/Scripts/fuzz-segment.sh            # 20000 runs
#   Tests/Scripts/fuzz-segment.sh 1000000    # or FUZZ_RUNS=1000000
#   FUZZ_SECONDS=3600 Tests/Scripts/fuzz-segment.sh   # run for an hour (runs unlimited)
#   FUZZ_JOBS=2 …                            # parallel workers (libFuzzer -jobs/-workers)
#
# Crashing inputs land in .build-fuzz/segment/artifacts/ (replay one with
# `.build-fuzz/release/scour-fuzz-segment FILE`). The target exists only when
# SCOUR_FUZZ=1 (see Package.swift) and needs a toolchain with libFuzzer
# (Swift's Linux toolchains have it; Xcode's does not).
set -eu
cd "$(dirname "$0")/../.."
runs=${1:-${FUZZ_RUNS:-20000}}
work=${FUZZ_DIR:-.build-fuzz/segment}
binary=.build-fuzz/release/scour-fuzz-segment

SCOUR_FUZZ=1 swift build -c release --scratch-path .build-fuzz --product scour-fuzz-segment \
    -Xswiftc -sanitize=fuzzer,address

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
if [ -z "$(ls -A "$work/seeds")" ]; then
    echo "fuzz-segment: making seed segments from Corpus/"
    swift build --product scour
    scour=.build/debug/scour
    # Each folder of the corpus alone (small segments mutate faster than the
    # whole corpus's) and a one-document index.
    for folder in Corpus/*/; do
        name=$(basename "$folder")
        "$scour" index "$folder" --index "$work/index-$name" >/dev/null 2>&1 || true
    done
    mkdir -p "$work/one"
    printf 'Alpha beta gamma, delta alpha.\n' > "$work/one/one.txt"
    "$scour" index "$work/one" --index "$work/index-one" >/dev/null
    for segment in "$work"/index-*/seg-*.scour; do
        cp "$segment" "$work/seeds/$(basename "$(dirname "$segment")")-$(basename "$segment")"
    done
    rm -rf "$work"/index-* "$work/one"
    ls -l "$work/seeds"
fi

options=(-runs="$runs" -timeout=20 -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/" -print_final_stats=1)
if [ -n "${FUZZ_SECONDS:-}" ]; then
    options=(-max_total_time="$FUZZ_SECONDS" -timeout=20 -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/" -print_final_stats=1)
fi
if [ -n "${FUZZ_JOBS:-}" ]; then
    options+=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
fi
exec "$binary" "${options[@]}" "$work/corpus" "$work/seeds"
