#!/usr/bin/env bash
# Start-up: the sample site (content/ of this repository) built by the installed .NET tool (native, as
# shipped), by the same tool packed ReadyToRun instead (for comparison), by `dotnet run`, and by Hugo
# rendering the same guides, in alternation, output on tmpfs.
#   bench/startup-compare.sh [RUNS=5]
# Packs and installs both tools into a temporary folder; installs hugo and time from Debian when missing.
set -euo pipefail
RUNS=${1:-5}
REPO=$(cd "$(dirname "$0")/.." && pwd)
command -v hugo >/dev/null || { echo "installing hugo from Debian…" >&2; apt-get install -y hugo >/dev/null; }
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
W=$(mktemp -d); SHM=$(mktemp -d -p /dev/shm gb-startup.XXXXXX); trap 'rm -rf "$W" "$SHM"' EXIT

for rid in "" any linux-x64; do dotnet pack "$REPO/src/GuideBuilder" -c Release ${rid:+-r $rid} -o "$W/nupkg" --nologo -v q >/dev/null; done
NUGET_PACKAGES="$W/packages" dotnet tool install --tool-path "$W/bin" --add-source "$W/nupkg" guidebuilder >/dev/null
# The tool as it was packed before it was native: ReadyToRun, framework-dependent.
mkdir -p "$W/nupkg-r2r"; cp "$W/nupkg"/guidebuilder.0.*.nupkg "$W/nupkg-r2r/"
dotnet pack "$REPO/src/GuideBuilder" -c Release -r linux-x64 -p:PublishAot=false -p:PublishReadyToRun=true -p:SelfContained=false \
  -o "$W/nupkg-r2r" --nologo -v q >/dev/null
NUGET_PACKAGES="$W/packages-r2r" dotnet tool install --tool-path "$W/bin-r2r" --add-source "$W/nupkg-r2r" guidebuilder >/dev/null
dotnet build "$REPO/src/GuideBuilder" -nologo -v q >/dev/null

# The same guides for Hugo: raw HTML allowed, a minimal layout (Hugo renders only; GuideBuilder strips and validates too).
mkdir -p "$W/hugo/layouts/_default" "$W/site"
cp -r "$REPO/content" "$W/hugo/content"; cp -r "$REPO/content" "$REPO/site.yml" "$W/site/"
printf 'baseURL = "https://bench.example.org/"\ntitle = "Sample"\ndisableKinds = ["RSS"]\n[markup.goldmark.renderer]\nunsafe = true\n' > "$W/hugo/hugo.toml"
echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>' > "$W/hugo/layouts/_default/baseof.html"
echo '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}' > "$W/hugo/layouts/_default/single.html"
echo '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}' > "$W/hugo/layouts/_default/list.html"
# Hugo stops at a shortcode it has no template for (copied posts carry ad shortcodes): one that keeps only its inner text.
mkdir -p "$W/hugo/layouts/shortcodes"
for name in $(grep -rhoE '\{\{[<%] *[A-Za-z0-9_-]+' "$W/hugo/content" | sed -E 's/^\{\{[<%] *//' | sort -u | grep -vxE 'figure|gist|highlight|instagram|param|ref|relref|tweet|vimeo|youtube'); do
  if grep -rqE "\{\{[<%] */ *$name" "$W/hugo/content"; then echo "{{ .Inner }}"; else echo ""; fi > "$W/hugo/layouts/shortcodes/$name.html"
done
mkdir -p "$W/times"

med() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
timed() { # timed LOG cmd… → appends "wall user+sys" to LOG
  local log=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$log.tmp" "$@" >/dev/null 2>"$log.err" || { echo "failed: $*" >&2; tail -5 "$log.err" >&2; }
  awk '{printf "%s %.3f\n", $1, $2+$3}' "$log.tmp" >> "$log"; rm -f "$log.tmp"
}
echo "machine: $(nproc) cores; load average now: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each after one warm-up, alternating"
for i in $(seq 0 "$RUNS"); do
  rm -rf "$SHM"/* "$W/site/.guidebuilder"
  timed "$W/times/tool.$i" "$W/bin/guidebuilder" build --config "$W/site/site.yml" --output "$SHM/tool" --quiet
  rm -rf "$SHM"/* "$W/site/.guidebuilder"
  timed "$W/times/r2r.$i" "$W/bin-r2r/guidebuilder" build --config "$W/site/site.yml" --output "$SHM/r2r" --quiet
  rm -rf "$SHM"/* "$W/site/.guidebuilder"
  timed "$W/times/run.$i" dotnet run --no-build --project "$REPO/src/GuideBuilder" -- build --config "$W/site/site.yml" --output "$SHM/run" --quiet
  rm -rf "$SHM"/*
  timed "$W/times/hugo.$i" hugo --source "$W/hugo" --destination "$SHM/hugo" --cacheDir "$SHM/hugo-cache" --quiet --noBuildLock
done
for k in tool r2r run hugo; do for i in $(seq 1 "$RUNS"); do cat "$W/times/$k.$i"; done > "$W/times/$k"; done
hw=$(cut -d' ' -f1 "$W/times/hugo" | med)
printf "%-34s %8s %8s %10s\n" "sample site (10 guides)" "wall s" "CPU s" "wall/Hugo"
for k in tool r2r run hugo; do
  w=$(cut -d' ' -f1 "$W/times/$k" | med); c=$(cut -d' ' -f2 "$W/times/$k" | med)
  name=$k; [ $k = tool ] && name="guidebuilder build (native tool)"; [ $k = r2r ] && name="guidebuilder build (ReadyToRun)"; [ $k = run ] && name="dotnet run -- build"; [ $k = hugo ] && name="hugo (render only)"
  printf "%-34s %8s %8s %9.2fx\n" "$name" "$w" "$c" "$(awk -v a="$w" -v b="$hw" 'BEGIN{print a/b}')"
done
echo "goal: the installed tool <= 2x Hugo's wall time; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
