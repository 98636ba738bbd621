#!/usr/bin/env bash
# Builds sites with two GuideBuilder CLIs and compares what they publish: every output byte (diff -r),
# the ledger each writes (published.yml) and the JSON report (diagnostics). For a change that must not
# change output: run it with the CLI before the change and the CLI after.
#   bench/same-output.sh OLD_CLI NEW_CLI SITE_DIR [SITE_DIR…]
# A CLI is a GuideBuilder.dll (run with dotnet) or a native executable (the AOT-published tool).
# Each SITE_DIR holds a site.yml; it is copied (without its output and ledger), never written.
# Prints one line per site and exits 1 when any differ.
set -uo pipefail
[ $# -ge 3 ] || { sed -n 2,7p "$0"; exit 2; }
OLD=$(realpath "$1"); NEW=$2; shift 2
case $NEW in */*) NEW=$(realpath -s "$NEW") ;; esac
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cli_run() { case $1 in *.dll) dotnet "$@" ;; *) "$@" ;; esac; }
status=0
for site in "$@"; do
  name=$(basename "$site")
  for side in old new; do
    cli=$OLD; [ $side = new ] && cli=$NEW
    mkdir -p "$W/$side"
    rm -rf "$W/$side/$name"
    cp -r "$site" "$W/$side/$name"
    rm -rf "$W/$side/$name/_site" "$W/$side/$name/published.yml" "$W/$side/$name/.guidebuilder"
    (cd "$W/$side/$name" && cli_run "$cli" build --output "$W/$side/$name.out" --format json > "$W/$side/$name.report" 2>/dev/null)
    echo $? > "$W/$side/$name.rc"
    grep -v '"elapsed_ms"' "$W/$side/$name.report" | sed "s|$W/$side/||g" > "$W/$side/$name.json"
  done
  problems=()
  cmp -s "$W/old/$name.rc" "$W/new/$name.rc" || problems+=("exit code $(cat "$W/old/$name.rc") -> $(cat "$W/new/$name.rc")")
  cmp -s "$W/old/$name.json" "$W/new/$name.json" || problems+=("report differs")
  # A side that failed writes neither: both absent is the same.
  { [ ! -e "$W/old/$name/published.yml" ] && [ ! -e "$W/new/$name/published.yml" ]; } \
    || cmp -s "$W/old/$name/published.yml" "$W/new/$name/published.yml" || problems+=("published.yml differs")
  { [ ! -e "$W/old/$name.out" ] && [ ! -e "$W/new/$name.out" ]; } \
    || diff -r -q "$W/old/$name.out" "$W/new/$name.out" > "$W/$name.diff" 2>&1 || problems+=("output differs: $(wc -l < "$W/$name.diff") files, first: $(head -1 "$W/$name.diff")")
  files=$(find "$W/new/$name.out" -type f 2>/dev/null | wc -l)
  if [ ${#problems[@]} -eq 0 ]; then
    echo "same    $name: $files files, exit $(cat "$W/new/$name.rc"), report and published.yml identical"
  else
    status=1
    echo "DIFFERS $name: ${problems[*]}"
  fi
  rm -rf "$W/old/$name" "$W/new/$name" "$W/old/$name.out" "$W/new/$name.out"
done
exit $status
