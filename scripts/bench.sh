#!/usr/bin/env bash
# Whole-process figures for what a user runs, at 10, 2,000 and 10,000 reflections: the median
# wall time and peak memory of several runs. Usage: scripts/bench.sh [RUNS]   (default 7)
# Needs GNU time (/usr/bin/time; Debian: apt-get install time) and tmux for the first screen.
# WHEELBOOK_BENCH_BIN=path measures another wheelbook binary (an older build, to compare
# before and after on the same machine in the same minutes) with this one's fixtures.
# WHEELBOOK_BENCH_PAUSE=SECONDS waits that long before each run, as a person runs one command
# after another: on a virtual machine that hands memory it frees back to its host, memory first
# touched after a pause costs more than in runs back to back (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
pause=${WHEELBOOK_BENCH_PAUSE:-0}
sizes=(10 2000 10000)

if [ ! -x /usr/bin/time ] || ! command -v tmux >/dev/null; then
  echo "scripts/bench.sh needs GNU time and tmux: apt-get install time tmux" >&2
  exit 1
fi

echo "Building release..." >&2
cargo build --release --quiet --bin wheelbook --example make_workbook
bin=${WHEELBOOK_BENCH_BIN:-$PWD/target/release/wheelbook}
make_workbook=$PWD/target/release/examples/make_workbook
work=$(mktemp -d)
trap 'tmux -L wheelbook-bench kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

for n in "${sizes[@]}"; do
  "$make_workbook" --reflections "$n" --seed 1 --out "$work/generated-$n.json" 2>/dev/null
  WHEELBOOK_DATA_DIR="$work/data-$n" "$bin" import "$work/generated-$n.json" >/dev/null
  if ! WHEELBOOK_DATA_DIR="$work/data-$n" "$bin" export --since 1900-01-01 --format json >/dev/null 2>&1; then
    echo "note: the export of $n reflections is refused (likely identifiers): its checked row times the refusal" >&2
  fi
done

# pause_before_run: waits WHEELBOOK_BENCH_PAUSE seconds, if it is set.
pause_before_run() { if [ "$pause" != 0 ]; then sleep "$pause"; fi; }

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# run N ARGS...: median milliseconds and peak MB of ARGS, RUNS times.
run() {
  local n=$1; shift
  local walls=() peaks=()
  for _ in $(seq "$runs"); do
    pause_before_run
    local start=$EPOCHREALTIME
    WHEELBOOK_DATA_DIR="$work/data-$n" /usr/bin/time -f %M -o "$work/peak" "$@" >/dev/null 2>&1 || true
    local end=$EPOCHREALTIME
    walls+=("$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", (e - s) * 1000}')")
    peaks+=("$(tail -n 1 "$work/peak")")
  done
  local wall peak
  wall=$(printf '%s\n' "${walls[@]}" | median)
  peak=$(printf '%s\n' "${peaks[@]}" | median)
  awk -v w="$wall" -v p="$peak" 'BEGIN {printf "%.1f ms, %.1f MB", w, p / 1024}'
}

# too_long START SECONDS: whether more than SECONDS have passed since START ($EPOCHREALTIME).
too_long() { awk -v s="$1" -v e="$EPOCHREALTIME" -v l="$2" 'BEGIN {exit !(e - s > l)}'; }

# The pane's program for first_screen: waits for the go (so that tmux's own start-up is not
# timed), notes the time, then becomes wheelbook, which notes when its first screen is drawn.
cat > "$work/first-screen.sh" <<'SCRIPT'
#!/usr/bin/env bash
# Usage: first-screen.sh DATA_DIR BINARY WORK_DIR
read -r _ < "$3/go"
printf '%s' "$EPOCHREALTIME" > "$3/t0"
WHEELBOOK_DATA_DIR="$1" WHEELBOOK_STARTUP_REPORT="$3/report" \
  exec /usr/bin/time -f %M -o "$3/peak" "$2"
SCRIPT

# first_screen N: milliseconds from the start of the process until its first screen has been
# written to the terminal (tmux), and the process's peak memory once it has quit.
first_screen() {
  local n=$1 walls=() peaks=()
  for _ in $(seq "$runs"); do
    tmux -L wheelbook-bench kill-server 2>/dev/null || true
    rm -f "$work/peak" "$work/t0" "$work/report" "$work/go"
    mkfifo "$work/go"
    tmux -L wheelbook-bench -f /dev/null new-session -d -s b -x 120 -y 40 \
      "bash '$work/first-screen.sh' '$work/data-$n' '$bin' '$work'"
    pause_before_run
    local start=$EPOCHREALTIME
    echo go > "$work/go"
    until [ -s "$work/report" ]; do
      if ! tmux -L wheelbook-bench has-session -t b 2>/dev/null || too_long "$start" 20; then
        echo "the first screen of $bin did not appear within 20 s" >&2
        return 1
      fi
      sleep 0.005
    done
    until tmux -L wheelbook-bench capture-pane -p -t b 2>/dev/null | grep -q "wheelbook · Home"; do
      if too_long "$start" 20; then
        echo "$bin reported a first screen, but it is not Home" >&2
        return 1
      fi
    done
    local end=$EPOCHREALTIME
    tmux -L wheelbook-bench send-keys -t b q
    until [ -s "$work/peak" ]; do
      if too_long "$end" 20; then
        echo "$bin did not quit within 20 s of q" >&2
        return 1
      fi
      sleep 0.01
    done
    walls+=("$(awk -v t0="$(cat "$work/t0")" -v line="$(head -n 1 "$work/report")" 'BEGIN {
      split(line, fields, /[= ]/); printf "%.1f", (fields[2] / 1e9 - t0) * 1000 }')")
    peaks+=("$(tail -n 1 "$work/peak")")
  done
  local wall peak
  wall=$(printf '%s\n' "${walls[@]}" | median)
  peak=$(printf '%s\n' "${peaks[@]}" | median)
  awk -v w="$wall" -v p="$peak" 'BEGIN {printf "%.1f ms, %.1f MB", w, p / 1024}'
}

printf '\nMedian of %s runs%s: wall time, peak memory (%s)\n\n' "$runs" \
  "$([ "$pause" = 0 ] || echo ", each after a pause of $pause s")" "$(uname -m), $(nproc) cores"
printf '| %-40s | %-20s | %-20s | %-20s |\n' "command" "10" "2,000" "10,000"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "$(printf -- '-%.0s' {1..22})" "$(printf -- '-%.0s' {1..22})" "$(printf -- '-%.0s' {1..22})"
row() {
  local label=$1; shift
  local cells=()
  for n in "${sizes[@]}"; do cells+=("$("$@" "$n")"); done
  printf '| %-40s | %-20s | %-20s | %-20s |\n' "$label" "${cells[@]}"
}
list() { run "$1" "$bin" list; }
# As a user exports: checked whole for identifiers first, then written (the fixtures have none).
export_json() { run "$1" "$bin" export --since 1900-01-01 --format json; }
# Let out whatever it holds: checked as it is written, in one pass.
export_json_allowed() { run "$1" "$bin" export --since 1900-01-01 --format json --allow-identifiers; }
pack_check() { run "$1" "$bin" pack check; }
row "wheelbook list" list
row "wheelbook export --format json (all)" export_json
row "  the same, --allow-identifiers" export_json_allowed
row "wheelbook pack check" pack_check
row "first screen of the TUI (in tmux)" first_screen
echo
echo "The first screen is timed from the start of the process until wheelbook has written it to"
echo "the terminal (its --startup-report), so tmux's own start-up is not in it."
