#!/usr/bin/env bash
# serve's warm start: time from starting `serve` to the first HTTP 200 of a guide page, on the generated
# N-guide benchmark corpus after one `build` (output folder and build cache in place). Prints each run and
# the median; with COLD=1 also serve with the output folder removed (no warm start: the site loads first).
#   bench/serve-warm.sh [N=10000] [RUNS=3]        (PORT=5791 by default)
set -euo pipefail
N=${1:-10000}; RUNS=${2:-3}; SEED=42; PORT=${PORT:-5791}
REPO=$(cd "$(dirname "$0")/.." && pwd)
SITE="${GB_BENCH_CACHE:-/tmp/gb-bench}/serve-warm-$N-seed$SEED"
dotnet build -c Release -nologo -v q "$REPO/bench/GuideBuilder.Bench/GuideBuilder.Bench.csproj" >/dev/null
dotnet build -c Release -nologo -v q "$REPO/src/GuideBuilder/GuideBuilder.csproj" >/dev/null
BENCH=$REPO/bench/GuideBuilder.Bench/bin/Release/net10.0/GuideBuilder.Bench.dll
CLI=$REPO/src/GuideBuilder/bin/Release/net10.0/GuideBuilder.dll
[ -f "$SITE/site.yml" ] || { rm -rf "$SITE"; dotnet "$BENCH" generate --count "$N" --seed "$SEED" --out "$SITE" >&2; }
# A build records its memo only for inputs that have settled (a few seconds old).
find "$SITE" \( -path "$SITE/_site" -o -path "$SITE/.guidebuilder" \) -prune -o -type f -exec touch -d '-1 minute' {} +
# Twice: a build that had to reset the cache (a new GuideBuilder build) records no memo; the second does.
dotnet "$CLI" build --config "$SITE/site.yml" --quiet
dotnet "$CLI" build --config "$SITE/site.yml" --quiet
PAGE=$(cd "$SITE/_site" && find . -mindepth 3 -maxdepth 3 -name index.html ! -path './categories/*' ! -path './tags/*' -print -quit)
PAGE=${PAGE#./}; PAGE=${PAGE%index.html}

med() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }
first_page() { # prints ms from process start to the first 200 of $PAGE
  local log start code=000 pid
  log=$(mktemp)
  start=$(date +%s%N)
  dotnet "$CLI" serve --config "$SITE/site.yml" --port "$PORT" --no-color 2>"$log" & pid=$!
  until [ "$code" = 200 ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/$PAGE" || true)
    [ "$code" = 200 ] || sleep 0.01
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" || true
  grep -q "serving the last build" "$log" && echo "  (warm start)" >&2 || echo "  (no warm start)" >&2
  rm -f "$log"
}
echo "machine: $(nproc) cores; load average now: $(cut -d' ' -f1-3 /proc/loadavg); site: $N guides ($SITE), page /$PAGE"
: > /tmp/gb-serve-warm.times
for i in $(seq 1 "$RUNS"); do t=$(first_page); echo "run $i: first page after $t ms"; echo "$t" >> /tmp/gb-serve-warm.times; done
echo "warm start, median of $RUNS: $(med < /tmp/gb-serve-warm.times) ms"
if [ "${COLD:-0}" = 1 ]; then
  mv "$SITE/_site" "$SITE/_site.kept"
  t=$(first_page); echo "cold (no built output): first page after $t ms"
  rm -rf "$SITE/_site"; mv "$SITE/_site.kept" "$SITE/_site"
fi
