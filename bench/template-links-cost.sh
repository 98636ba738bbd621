#!/usr/bin/env bash
# What the output link check (link.template) costs in a clean build: the generated corpus built with --no-cache,
# output on tmpfs, taken in turn with the same build whose check is switched off, RUNS pairs after a warm-up.
# The switch is the environment variable GUIDEBUILDER_BENCH_NO_LINK_TEMPLATE=1, read by the render step
# (Building/RenderStep.cs) for this measurement only: that build renders and writes every page but checks none
# of the links its templates wrote. Prints the medians of CPU (user+sys) and wall, and their ratio (with / without).
#   bench/template-links-cost.sh [GUIDES=10000] [RUNS=3] [SEED=42]
set -euo pipefail
N=${1:-10000}; RUNS=${2:-3}; SEED=${3:-42}
REPO=$(cd "$(dirname "$0")/.." && pwd)
SITE=/dev/shm/gb-link-cost/site
OUT=/dev/shm/gb-link-cost/out
BENCH="$REPO/bench/GuideBuilder.Bench/bin/Release/net10.0/GuideBuilder.Bench.dll"
CLI=${GB_CLI:-"$REPO/src/GuideBuilder/bin/Release/net10.0/GuideBuilder.dll"}
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
dotnet build -c Release -nologo -v q "$REPO/bench/GuideBuilder.Bench/GuideBuilder.Bench.csproj" >/dev/null
dotnet build -c Release -nologo -v q "$REPO/src/GuideBuilder/GuideBuilder.csproj" >/dev/null
rm -rf /dev/shm/gb-link-cost; mkdir -p /dev/shm/gb-link-cost
dotnet "$BENCH" generate --count "$N" --seed "$SEED" --out "$SITE" >&2
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
med() { sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
build() { # build LOG [VAR=1] → appends "cpu wall" to LOG
  local log=$1; shift
  rm -rf "$OUT"
  env "$@" /usr/bin/time -f "%U %S %e" -o "$log.tmp" dotnet "$CLI" build --config "$SITE/site.yml" --output "$OUT" --no-cache --no-ledger --quiet >/dev/null 2>&1 || true
  awk '{printf "%.2f %.2f\n", $1 + $2, $3}' "$log.tmp" >> "$log"; rm -f "$log.tmp"
}
echo "machine: $(nproc) cores; load average now: $(cut -d' ' -f1-3 /proc/loadavg); corpus: $N guides, seed $SEED; $RUNS pairs"
build "$WORK/warm"; build "$WORK/warm" GUIDEBUILDER_BENCH_NO_LINK_TEMPLATE=1
for i in $(seq 1 "$RUNS"); do
  build "$WORK/with"
  build "$WORK/without" GUIDEBUILDER_BENCH_NO_LINK_TEMPLATE=1
done
paste -d' ' "$WORK/with" "$WORK/without" | awk '{print $1 / $3, $2 / $4}' > "$WORK/ratios"
for k in with without; do
  echo "$k the check: $(cut -d' ' -f1 "$WORK/$k" | med) s CPU, $(cut -d' ' -f2 "$WORK/$k" | med) s wall (medians)"
done
echo "ratio with/without, median of pairs: CPU $(cut -d' ' -f1 "$WORK/ratios" | med), wall $(cut -d' ' -f2 "$WORK/ratios" | med)"
