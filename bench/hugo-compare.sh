#!/usr/bin/env bash
# GuideBuilder vs Hugo on the same generated corpus, clean builds (--no-cache) in alternation, output on tmpfs for
# both; then both onto the work disk (and `cp -r` of the finished tree, the floor); then, with SCALE, the same
# corpus copied (hard links) to larger sizes: peak RSS and wall time against the first size.
#   bench/hugo-compare.sh [GUIDES=10000] [RUNS=5] [SEED=42]
#   SCALE=100000,200000 bench/hugo-compare.sh 10000 3     # also one build of 10 and 20 copies of the corpus
# Prints the ratios GuideBuilder / Hugo (medians of the pairs; goal: <= 0.5 wall and CPU) and, with SCALE, peak
# RSS (goal: <= 1 GB at 100,000) and wall against the first size (goal: <= 10x at 10x the guides).
# Installs hugo from Debian when missing (needs root and apt).
set -euo pipefail
N=${1:-10000}; RUNS=${2:-5}; SEED=${3:-42}
REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${GB_BENCH_CACHE:-${TMPDIR:-/tmp}/gb-bench}
SITE="$CACHE/corpus-$N-seed$SEED-v1"
SHM=/dev/shm/gb-hugo-compare
DISK="$CACHE/disk-out"
BENCH="$REPO/bench/GuideBuilder.Bench/bin/Release/net10.0/GuideBuilder.Bench.dll"
CLI=${GB_CLI:-"$REPO/src/GuideBuilder/bin/Release/net10.0/GuideBuilder.dll"}   # GB_CLI: a snapshot of the CLI to measure

command -v hugo >/dev/null || { echo "installing hugo from Debian…" >&2; apt-get install -y hugo >/dev/null; }
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
dotnet build -c Release -nologo -v q "$REPO/bench/GuideBuilder.Bench/GuideBuilder.Bench.csproj" >/dev/null
dotnet build -c Release -nologo -v q "$REPO/src/GuideBuilder/GuideBuilder.csproj" >/dev/null
if [ ! -f "$SITE/.complete" ]; then
  rm -rf "$SITE"; dotnet "$BENCH" generate --count "$N" --seed "$SEED" --out "$SITE" >&2
  echo "$N $SEED 1" > "$SITE/.complete"
fi

# Hugo: raw HTML allowed (the ad blocks stay in, Hugo does not strip), a minimal layout, same content/.
cat > "$SITE/hugo.toml" <<'TOML'
baseURL = "https://bench.example.org/"
title = "Generated Guides"
disableKinds = ["RSS"]
[markup.goldmark.renderer]
unsafe = true
TOML
mkdir -p "$SITE/layouts/_default"
cat > "$SITE/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>
HTML
cat > "$SITE/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
HTML
cat > "$SITE/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f (%.2f–%.2f)", m, a[1], a[NR]}'; }
med() { sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
timed() { # timed LOG cmd… → appends "wall user+sys peakKB" to LOG
  local log=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$log.tmp" "$@" >/dev/null 2>"$log.err" || { echo "failed: $*" >&2; tail -5 "$log.err" >&2; }
  awk '{printf "%s %.2f %s\n", $1, $2+$3, $4}' "$log.tmp" >> "$log"; rm -f "$log.tmp"
}

WORK=$(mktemp -d); trap 'rm -rf "$WORK" "$SHM"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB RAM; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hugo: $(hugo version | cut -d' ' -f1-2); corpus: $N guides, seed $SEED ($SITE); $RUNS runs each, alternating, 1 warm-up each"
mkdir -p "$SHM"
for i in $(seq 0 "$RUNS"); do
  rm -rf "$SHM/gb" "$SHM/hugo" "$SHM/hugo-cache"; sync
  timed "$WORK/gb.$i" dotnet "$CLI" build --config "$SITE/site.yml" --output "$SHM/gb" --no-cache --quiet
  rm -rf "$SHM/gb" "$SHM/hugo" "$SHM/hugo-cache"; sync
  timed "$WORK/hugo.$i" hugo --source "$SITE" --destination "$SHM/hugo" --cacheDir "$SHM/hugo-cache" --quiet --noBuildLock
done
cat "$WORK"/gb.[1-9]* > "$WORK/gb"; cat "$WORK"/hugo.[1-9]* > "$WORK/hugo"
echo
echo "output on tmpfs             wall s (min–max)       CPU s (user+sys)      peak RSS MB"
printf "GuideBuilder (strip+validate) %s   %s   %s\n" "$(cut -d' ' -f1 "$WORK/gb" | median)" "$(cut -d' ' -f2 "$WORK/gb" | median)" "$(awk '{print $3/1024}' "$WORK/gb" | median)"
printf "Hugo (render only)            %s   %s   %s\n" "$(cut -d' ' -f1 "$WORK/hugo" | median)" "$(cut -d' ' -f2 "$WORK/hugo" | median)" "$(awk '{print $3/1024}' "$WORK/hugo" | median)"
gbw=$(cut -d' ' -f1 "$WORK/gb" | med); hw=$(cut -d' ' -f1 "$WORK/hugo" | med)
gbc=$(cut -d' ' -f2 "$WORK/gb" | med); hc=$(cut -d' ' -f2 "$WORK/hugo" | med)
# the ratio of each pair (run i of both), then their median: steadier than a ratio of medians on a shared machine
pairs() { paste -d' ' "$WORK/$1" "$WORK/$2" | awk -v c="$3" '{print $c/$(c+3)}' | median; }
echo "GuideBuilder / Hugo, median of pairs (min–max): wall $(pairs gb hugo 1), CPU $(pairs gb hugo 2) (goal: ≤ 0.5 each)"

# The disk: both onto the work disk, and cp -r of the finished tree onto the same disk (the floor).
rm -rf "$SHM/gb"; dotnet "$CLI" build --config "$SITE/site.yml" --output "$SHM/gb" --no-cache --quiet
mkdir -p "$DISK"
for i in $(seq 0 "$RUNS"); do
  rm -rf "$DISK/gb" "$DISK/hugo" "$DISK/hugo-cache" "$DISK/cp"; sync
  timed "$WORK/disk.$i" dotnet "$CLI" build --config "$SITE/site.yml" --output "$DISK/gb" --no-cache --quiet
  sync
  timed "$WORK/hdisk.$i" hugo --source "$SITE" --destination "$DISK/hugo" --cacheDir "$DISK/hugo-cache" --quiet --noBuildLock
  sync
  timed "$WORK/cp.$i" cp -r "$SHM/gb" "$DISK/cp"
  sync
done
rm -rf "$DISK"
cat "$WORK"/disk.[1-9]* > "$WORK/disk"; cat "$WORK"/hdisk.[1-9]* > "$WORK/hdisk"; cat "$WORK"/cp.[1-9]* > "$WORK/cp"
echo
echo "onto the work disk          wall s (min–max)"
printf "GuideBuilder build            %s\n" "$(cut -d' ' -f1 "$WORK/disk" | median)"
printf "Hugo build                    %s\n" "$(cut -d' ' -f1 "$WORK/hdisk" | median)"
printf "cp -r of the finished tree    %s\n" "$(cut -d' ' -f1 "$WORK/cp" | median)"
echo "GuideBuilder / Hugo onto the disk, median of pairs: wall $(pairs disk hdisk 1) (goal: ≤ 0.5); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

# Scale: the corpus copied SIZE/N times (hard links, one folder a copy), one clean build each, tmpfs output.
[ -n "${SCALE:-}" ] || exit 0
echo
echo "scale (one build each)      guides    wall s   CPU s   peak RSS MB   wall / ${N}'s"
base_wall=$(cut -d' ' -f1 "$WORK/gb" | med)
for size in ${SCALE//,/ }; do
  copies=$(( size / N )); big="$CACHE/corpus-$size-copies-of-$N-seed$SEED"
  if [ ! -f "$big/.complete" ]; then
    rm -rf "$big"; mkdir -p "$big/content"; sed "s/($N)/($size)/" "$SITE/site.yml" > "$big/site.yml"
    for c in $(seq 1 "$copies"); do cp -al "$SITE/content" "$big/content/c$c"; done
    touch "$big/.complete"
  fi
  rm -rf "$SHM/gb" "$big/published.yml"
  timed "$WORK/scale.$size" dotnet "$CLI" build --config "$big/site.yml" --output "$SHM/gb" --no-cache --quiet
  read -r w c k < "$WORK/scale.$size"
  printf "%-27s %7d %9.1f %7.1f %12.0f   %.2f\n" "" "$size" "$w" "$c" "$(awk -v k="$k" 'BEGIN{print k/1024}')" "$(awk -v a="$w" -v b="$base_wall" 'BEGIN{print a/b}')"
done
echo "(goals at 10× the guides: peak RSS ≤ 1 GB (1024 MB), wall ≤ 10×); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
