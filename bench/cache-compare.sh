#!/usr/bin/env bash
# The build cache on the generated corpus, against Hugo's full build of the same corpus, output on tmpfs:
#   1. a second build with nothing changed, 2. after appending a sentence to one guide, 3. after changing
#   one guide's title, 4. after adding a guide, 5. after deleting one, 6. after renaming one; and a --no-cache
#   build; each timed RUNS times (medians), Hugo's full build timed in between.
# Then: the cached build's output folder and JSON report (but elapsed_ms and changes) against a --no-cache
# build into another folder after the edits and after an add, a delete and a rename each, the cache's size
# against the content folder's, peak RSS of the no-change build.
#   bench/cache-compare.sh [GUIDES=10000] [RUNS=3] [SEED=42]   (GB_BENCH_DIR moves its folder, /dev/shm/gb-cache-compare)
# Installs hugo from Debian when missing (needs root and apt).
set -euo pipefail
N=${1:-10000}; RUNS=${2:-3}; SEED=${3:-42}
REPO=$(cd "$(dirname "$0")/.." && pwd)
ROOT=${GB_BENCH_DIR:-/dev/shm/gb-cache-compare}
SITE=$ROOT/site
OUT=$ROOT/out
CLEAN=$ROOT/clean
BENCH="$REPO/bench/GuideBuilder.Bench/bin/Release/net10.0/GuideBuilder.Bench.dll"
CLI=${GB_CLI:-"$REPO/src/GuideBuilder/bin/Release/net10.0/GuideBuilder.dll"}

command -v hugo >/dev/null || { echo "installing hugo from Debian…" >&2; apt-get install -y hugo >/dev/null; }
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
dotnet build -c Release -nologo -v q "$REPO/bench/GuideBuilder.Bench/GuideBuilder.Bench.csproj" >/dev/null
dotnet build -c Release -nologo -v q "$REPO/src/GuideBuilder/GuideBuilder.csproj" >/dev/null
rm -rf "$ROOT"; mkdir -p "$ROOT"
dotnet "$BENCH" generate --count "$N" --seed "$SEED" --out "$SITE" >&2
# This site deletes and renames guides on purpose: a deleted guide's URL is url.removed, and the guides that link to a
# renamed or deleted guide (or to an anchor on it) get link.broken and link.anchor, all errors unless the site says
# otherwise. They are lowered to warnings, so that every row below times a build that succeeds and publishes.
printf 'rules:\n  url.removed: warning\n  link.broken: warning\n  link.anchor: warning\n' >> "$SITE/site.yml"
# Inputs a few seconds old, as files are that were not just written (the build trusts time stamps only then).
find "$SITE" -type f -exec touch -d '-1 hour' {} +
printf 'baseURL = "https://bench.example.org/"\ntitle = "Generated Guides"\ndisableKinds = ["RSS"]\n[markup.goldmark.renderer]\nunsafe = true\n' > "$SITE/hugo.toml"
mkdir -p "$SITE/layouts/_default"
echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>' > "$SITE/layouts/_default/baseof.html"
echo '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}' > "$SITE/layouts/_default/single.html"
echo '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}' > "$SITE/layouts/_default/list.html"

WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
med() { sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
timed() { # timed LOG cmd… → appends "wall peakKB cpu" to LOG; a build that fails is named at the end
  local log=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$log.tmp" "$@" >/dev/null 2>"$log.err" || echo "$(basename "$log"): the build failed: $(grep -m1 -E 'error|GB[0-9]' "$log.err" || tail -1 "$log.err")" >> "$WORK/failed"
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$log.tmp" > "$log.tmp2"; mv "$log.tmp2" "$log.tmp"
  cat "$log.tmp" >> "$log"; rm -f "$log.tmp"
}
build() { dotnet "$CLI" build --config "$SITE/site.yml" --output "$OUT" --quiet "$@"; }
hugo_full() { rm -rf "$ROOT/hugo" "$ROOT/hugo-cache"; hugo --source "$SITE" --destination "$ROOT/hugo" --cacheDir "$ROOT/hugo-cache" --quiet --noBuildLock; }
same() { # same NAME: the cached output and report against a --no-cache build into another folder
  local ledger; ledger=$(mktemp); cp "$SITE/published.yml" "$ledger"
  build --format json | jq -S 'del(.summary.elapsed_ms, .summary.changes)' > "$WORK/cached.json"
  cp "$ledger" "$SITE/published.yml"; touch -d '-1 hour' "$SITE/published.yml"
  rm -rf "$CLEAN"; dotnet "$CLI" build --config "$SITE/site.yml" --output "$CLEAN" --no-cache --format json --quiet | jq -S 'del(.summary.elapsed_ms, .summary.changes)' > "$WORK/clean.json"
  if diff -rq "$OUT" "$CLEAN" >/dev/null && cmp -s "$WORK/cached.json" "$WORK/clean.json"; then echo "$1: output and report identical to --no-cache"; else echo "$1: DIFFERS from --no-cache"; fi
  build >/dev/null   # the clean build wrote the manifest of its own folder: put back the site's
}

# A guide added beside GUIDE (its relative links hold there), under another title; a guide renamed keeps its old URL as an alias.
add_guide() { cp "$GUIDE" "$1"; sed -i "0,/^title:.*/s//title: $2/" "$1"; touch -d '-1 hour' "$1"; }
rename_guide() {
  local rel=${1#"$SITE/content/"}; local to="${1%.md}-$2.md"
  mv "$1" "$to"; sed -i "0,/^title:/s||aliases:\n  - /${rel%.md}/\ntitle:|" "$to"; touch -d '-1 hour' "$to"
}
echo "machine: $(nproc) cores; load average now: $(cut -d' ' -f1-3 /proc/loadavg); corpus: $N guides, seed $SEED; $RUNS runs each"
build; build; build   # a cold build, the one that records published.yml, the one that records the result
GUIDE=$(find "$SITE/content" -name '*.md' | sort | sed -n 1p)   # sed reads it all: head would leave sort a broken pipe
for i in $(seq 1 "$RUNS"); do
  timed "$WORK/hugo" bash -c "$(declare -f hugo_full); SITE='$SITE'; ROOT='$ROOT'; hugo_full"
  timed "$WORK/nochange" dotnet "$CLI" build --config "$SITE/site.yml" --output "$OUT" --quiet
  echo "Appended sentence $i." >> "$GUIDE"; touch -d '-1 hour' "$GUIDE"
  timed "$WORK/append" dotnet "$CLI" build --config "$SITE/site.yml" --output "$OUT" --quiet
  sed -i "0,/^title:.*/s//title: Changed title $i/" "$GUIDE"; touch -d '-1 hour' "$GUIDE"
  timed "$WORK/title" dotnet "$CLI" build --config "$SITE/site.yml" --output "$OUT" --quiet
  add_guide "$(dirname "$GUIDE")/added-$i.md" "Added guide $i"
  timed "$WORK/add" dotnet "$CLI" build --config "$SITE/site.yml" --output "$OUT" --quiet
  rm "$(dirname "$GUIDE")/added-$i.md"
  timed "$WORK/delete" dotnet "$CLI" build --config "$SITE/site.yml" --output "$OUT" --quiet
  rename_guide "$(find "$SITE/content" -name '*.md' | sort | sed -n "$((i + 1))p")" "renamed-$i"
  timed "$WORK/rename" dotnet "$CLI" build --config "$SITE/site.yml" --output "$OUT" --quiet
  timed "$WORK/nocache" dotnet "$CLI" build --config "$SITE/site.yml" --output "$CLEAN" --quiet --no-cache
done
hw=$(cut -d' ' -f1 "$WORK/hugo" | med); hc=$(cut -d' ' -f3 "$WORK/hugo" | med)
echo "Hugo full build: $hw s wall, $hc s CPU (medians)"
nw=$(cut -d' ' -f1 "$WORK/nocache" | med)
echo "--no-cache build: $nw s wall (median)"
for k in nochange append title add delete rename nocache; do
  w=$(cut -d' ' -f1 "$WORK/$k" | med); m=$(cut -d' ' -f2 "$WORK/$k" | med); c=$(cut -d' ' -f3 "$WORK/$k" | med)
  echo "$k: $w s wall ($c s CPU), $(awk -v a="$w" -v b="$hw" 'BEGIN{printf "%.3f", a/b}')x Hugo wall ($(awk -v a="$c" -v b="$hc" 'BEGIN{printf "%.3f", a/b}')x CPU), $(awk -v a="$w" -v b="$nw" 'BEGIN{printf "%.3f", a/b}')x --no-cache, peak RSS $(awk -v k="$m" 'BEGIN{printf "%.0f", k/1024}') MB"
done
[ -s "$WORK/failed" ] && { echo "NOT VALID: some timed builds failed:"; sort -u "$WORK/failed"; }
# Untouched output files keep their inode and time stamp: after an edit, only the files the build reports as changed
# or added may have a new inode or mtime.
untouched() { # untouched NAME (after the edit is made)
  find "$OUT" -type f -printf '%P %i %T@\n' | sort > "$WORK/before"
  build --format json | jq -r '.summary.changes | (.changed + .added)[]' | sort > "$WORK/reported"
  find "$OUT" -type f -printf '%P %i %T@\n' | sort > "$WORK/after"
  comm -13 "$WORK/before" "$WORK/after" | cut -d' ' -f1 | sort > "$WORK/moved"
  local moved reported; moved=$(wc -l < "$WORK/moved"); reported=$(wc -l < "$WORK/reported")
  if cmp -s "$WORK/moved" "$WORK/reported"; then
    echo "$1: $moved files got a new inode or mtime, exactly those reported changed or added; the other $(( $(wc -l < "$WORK/after") - moved )) kept both"
  else
    echo "$1: UNTOUCHED FILES MOVED: $moved files with a new inode or mtime, $reported reported changed or added: $(comm -3 "$WORK/moved" "$WORK/reported" | head -5 | tr '\n' ' ')"
  fi
}
build >/dev/null
echo "Appended for the inode check." >> "$GUIDE"; touch -d '-1 hour' "$GUIDE"
untouched "after appending a sentence"
sed -i "0,/^title:.*/s//title: Changed title for the inode check/" "$GUIDE"; touch -d '-1 hour' "$GUIDE"
untouched "after changing a title"
same "after the edits"
add_guide "$(dirname "$GUIDE")/added-last.md" "Added last"
same "after adding a guide"
rm "$(dirname "$GUIDE")/added-last.md"
same "after deleting a guide"
rename_guide "$(find "$SITE/content" -name '*.md' | sort | sed -n 9p)" "moved"
same "after renaming a guide"
echo "cache $(du -sm "$SITE/.guidebuilder/build" | cut -f1) MB, content $(du -sm "$SITE/content" | cut -f1) MB"
