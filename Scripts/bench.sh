#!/usr/bin/env bash
# `make bench`: the scale scenario on loopback, Batchdeck side by side with kubectl.
# Prints every figure with the machine's core count and writes bench-results/latest.json.
# Environment: BATCHDECK (binary, default .build/release/batchdeck), BENCH_SCALES (factors of
# the default 1,000 CronJobs / 10,000 Jobs / 10,000 Pods, default "0.1 1 2"; empty: none),
# BENCH_IDLE (seconds of idle watching, default 30), BENCH_ROWS (render rows, default 10000),
# BENCH_FRAMES (frames timed, default 300), BENCH_CRON_ITERATIONS (default 200000),
# BENCH_OUT (JSON file), KUBECTL (default kubectl), BENCH_KEYS (keys timed, default 40; 0
# skips), BENCH_LOG_RATE (log lines a second, default 50000), TMUX (default tmux).
set -euo pipefail

BIN=${BATCHDECK:-.build/release/batchdeck}
SCALES=${BENCH_SCALES-"0.1 1 2"}
IDLE=${BENCH_IDLE:-30}
ROWS=${BENCH_ROWS:-10000}
FRAMES=${BENCH_FRAMES:-300}
CRON_ITERATIONS=${BENCH_CRON_ITERATIONS:-200000}
OUT=${BENCH_OUT:-bench-results/latest.json}
KUBECTL=${KUBECTL:-kubectl}
KEYS=${BENCH_KEYS:-40}
LOG_RATE=${BENCH_LOG_RATE:-50000}
TMUX_BIN=${TMUX:-tmux}
TMUX_SOCKET="batchdeck-bench-$$"
CORES=$(nproc)
WORK=$(mktemp -d)
SERVER=""
cleanup() {
  "$TMUX_BIN" -L "$TMUX_SOCKET" kill-server 2>/dev/null || true
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Seconds, user+sys CPU and peak RSS (KiB) of one command: "wall cpu rss".
timed() {
  local out=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" > "$out"
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$WORK/time"
}

start_server() {
  local factor=$1
  count() { awk -v f="$factor" -v n="$1" 'BEGIN { c = int(n * f + 0.5); print (c < 1 ? 1 : c) }'; }
  launch_server --scale --cronjobs "$(count 1000)" --jobs "$(count 10000)" \
    --pods "$(count 10000)" --namespaces 20 --churn 100
}

# Starts `sim serve` on loopback with the given arguments and waits for its kubeconfig.
launch_server() {
  rm -f "$WORK/kubeconfig"
  "$BIN" sim serve "$@" --listen 127.0.0.1:0 \
    --kubeconfig-out "$WORK/kubeconfig" --log-file "$WORK/server.log" 2> "$WORK/server.err" &
  SERVER=$!
  for _ in $(seq 1 600); do
    [ -s "$WORK/kubeconfig" ] && return 0
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench: the server did not start" >&2; exit 1
}

# Stops the server; one too busy to stop within 10 s (a debug build under the chatty log
# can fall behind its clock) is killed.
stop_server() {
  kill "$SERVER" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
}

num() { sed -n "s/.*\"$2\":\([^,}]*\).*/\1/p" <<< "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "null" }'; }

echo "machine: $CORES cores"
echo
printf '%-7s %8s  %-24s %-24s %-24s\n' scale objects "first frame s (kubectl)" \
  "CPU s (kubectl)" "peak RSS MB (kubectl)"
SCALE_JSON=""
IDLE_FIGURES=""
for factor in $SCALES; do
  start_server "$factor"
  read -r kwall kcpu krss < <(timed "$WORK/kubectl.json" \
    "$KUBECTL" --kubeconfig "$WORK/kubeconfig" get cronjobs,jobs,pods -A -o json)
  read -r bwall bcpu brss < <(timed "$WORK/first.json" \
    "$BIN" bench first-frame --kubeconfig "$WORK/kubeconfig")
  first=$(cat "$WORK/first.json")
  objects=$(( $(num "$first" cronJobs) + $(num "$first" jobs) + $(num "$first" pods) ))
  printf '%-7s %8s  %-24s %-24s %-24s\n' "${factor}x" "$objects" \
    "$bwall ($kwall) x$(ratio "$bwall" "$kwall")" "$bcpu ($kcpu) x$(ratio "$bcpu" "$kcpu")" \
    "$((brss / 1024)) ($((krss / 1024))) x$(ratio "$brss" "$krss")"
  SCALE_JSON+="${SCALE_JSON:+,}{\"factor\":$factor,\"objects\":$objects,\"batchdeck\":"
  SCALE_JSON+="{\"wallSeconds\":$bwall,\"cpuSeconds\":$bcpu,\"peakRSSKiB\":$brss,\"self\":$first},"
  SCALE_JSON+="\"kubectl\":{\"wallSeconds\":$kwall,\"cpuSeconds\":$kcpu,\"peakRSSKiB\":$krss},"
  SCALE_JSON+="\"ratios\":{\"wall\":$(ratio "$bwall" "$kwall"),\"cpu\":$(ratio "$bcpu" "$kcpu"),"
  SCALE_JSON+="\"peakRSS\":$(ratio "$brss" "$krss")}}"
  if [ "$factor" = "1" ] || [ -z "$IDLE_FIGURES" ]; then
    if [ "$IDLE" != "0" ]; then
      IDLE_FIGURES=$("$BIN" bench first-frame --kubeconfig "$WORK/kubeconfig" --idle-seconds "$IDLE")
      IDLE_SCALE=$factor
    fi
  fi
  stop_server
done
echo "(first frame: sync of every CronJob, Job and Pod plus one 200x60 frame; kubectl: get"
echo " cronjobs,jobs,pods -A -o json printed to a file; ratio = batchdeck / kubectl)"
echo
if [ -n "$IDLE_FIGURES" ]; then
  echo "idle watching the churn (100 changes/s, scale ${IDLE_SCALE}x, ${IDLE} s):" \
    "$(num "$IDLE_FIGURES" idleCPUSecondsPerMinute) CPU s/min" \
    "($(awk -v c="$(num "$IDLE_FIGURES" idleCPUSecondsPerMinute)" 'BEGIN { printf "%.2f", c / 60 * 100 }')% of one core)," \
    "$(num "$IDLE_FIGURES" idleFrames) frames"
else
  IDLE_FIGURES=null
fi
RENDER=$("$BIN" bench render --rows "$ROWS" --frames "$FRAMES")
echo "frame at 200x60, $(num "$RENDER" rows) job rows filtered to $(num "$RENDER" shownRows):" \
  "render median $(num "$RENDER" renderMedianMs) ms, p99 $(num "$RENDER" renderP99Ms) ms;" \
  "render+diff median $(num "$RENDER" frameMedianMs) ms, p99 $(num "$RENDER" frameP99Ms) ms"
LOGS=$("$BIN" bench logs)
echo "log tail at $(num "$LOGS" linesPerSecond) lines/s: tail $(num "$LOGS" tailLines) lines," \
  "$(num "$LOGS" tailBytes) bytes (cap $(num "$LOGS" tailMaxBytes)); append per 40 ms batch" \
  "median $(num "$LOGS" appendBatchMedianMs) ms, p99 $(num "$LOGS" appendBatchP99Ms) ms;" \
  "frame with tail $(num "$LOGS" frameWithTailMs) ms; key-to-frame estimate" \
  "$(num "$LOGS" keyToFrameEstimateMs) ms (in-process estimate: poll 40 ms + append + frame)"

# Keypress to frame, measured end to end: the dashboard runs in a private tmux server at
# 200x60 following a pod that logs LOG_RATE lines a second; each Tab is sent through tmux
# and timed from just before `tmux send-keys` to the flush of the frame that shows it, as the
# dashboard logs it at debug level. Includes starting the tmux client, so it errs high.
KEYS_JSON=null
if [ "$KEYS" != "0" ] && command -v "$TMUX_BIN" > /dev/null; then
  speed=10
  cat > "$WORK/chatty.yaml" <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: chatty
  namespace: default
spec:
  template:
    metadata:
      annotations:
        sim.batchdeck.dev/duration: "10h"
        sim.batchdeck.dev/log-lines-per-second: "$(awk -v r="$LOG_RATE" -v s=$speed 'BEGIN { print r / s }')"
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
YAML
  launch_server --scenario "$WORK/chatty.yaml" --speed "$speed"
  "$TMUX_BIN" -L "$TMUX_SOCKET" -f /dev/null new-session -d -x 200 -y 60 \
    "'$BIN' --kubeconfig '$WORK/kubeconfig' --log-file '$WORK/dashboard.log' --log-level debug"
  for _ in $(seq 1 300); do
    grep -q "lines/s" "$WORK/dashboard.log" 2>/dev/null \
      && ! grep "lines/s" "$WORK/dashboard.log" | tail -1 | grep -q " 0 lines/s" && break
    sleep 0.1
  done
  sleep 2
  : > "$WORK/sent"
  for key in $(seq 1 "$KEYS"); do
    echo "$key $(date +%s.%N)" >> "$WORK/sent"
    "$TMUX_BIN" -L "$TMUX_SOCKET" send-keys Tab
    sleep 0.25
  done
  sleep 1
  "$TMUX_BIN" -L "$TMUX_SOCKET" send-keys q
  sleep 0.5
  "$TMUX_BIN" -L "$TMUX_SOCKET" kill-server 2>/dev/null || true
  stop_server
  sed -n 's/.*frame for key \([0-9]*\): flushed at \([0-9.]*\) s.*/\1 \2/p' \
    "$WORK/dashboard.log" > "$WORK/flushed"
  awk 'NR == FNR { sent[$1] = $2; next } ($1 in sent) { printf "%.3f\n", ($2 - sent[$1]) * 1000 }' \
    "$WORK/sent" "$WORK/flushed" | sort -n > "$WORK/latencies"
  measured=$(wc -l < "$WORK/latencies")
  pick() { awk -v f="$1" '{ v[NR] = $1 } END { if (NR == 0) print "null"; else { i = int((NR - 1) * f + 0.5) + 1; print v[i] } }' "$WORK/latencies"; }
  key_median=$(pick 0.5)
  key_p99=$(pick 0.99)
  grep "lines/s" "$WORK/dashboard.log" | tail -n +4 | \
    sed -n 's/.*log tail \([0-9]*\) lines, \([0-9]*\) bytes, \([0-9]*\) lines\/s.*/\1 \2 \3/p' \
    > "$WORK/tails"
  tail_bytes=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$WORK/tails")
  tail_lines=$(awk 'BEGIN { m = 0 } $1 > m { m = $1 } END { print m }' "$WORK/tails")
  rate=$(awk '{ s += $3; n++ } END { if (n) printf "%d", s / n; else print 0 }' "$WORK/tails")
  echo "keypress to frame with a pod logging (asked $LOG_RATE lines/s, received $rate lines/s" \
    "on average): median $key_median ms, p99 $key_p99 ms over $measured of $KEYS keys;" \
    "log buffer $tail_lines lines, $tail_bytes bytes at most"
  KEYS_JSON="{\"keys\":$KEYS,\"measured\":$measured,\"medianMs\":$key_median,"
  KEYS_JSON+="\"p99Ms\":$key_p99,\"askedLinesPerSecond\":$LOG_RATE,"
  KEYS_JSON+="\"receivedLinesPerSecond\":$rate,\"tailLines\":$tail_lines,"
  KEYS_JSON+="\"tailBytes\":$tail_bytes}"
fi
echo
echo "cron next-fire rate (reference: Go robfig/cron on this machine kind does about"
echo "  700,000/s for */15 and 30,000/s for zoned weekday schedules):"
CRON=$("$BIN" schedule --bench --iterations "$CRON_ITERATIONS")
echo "$CRON"
CRON_JSON=$(printf '%s\n' "$CRON" | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' | paste -sd, -)

mkdir -p "$(dirname "$OUT")"
cat > "$OUT" <<JSON
{"cores":$CORES,"scales":[$SCALE_JSON],"idle":$IDLE_FIGURES,"render":$RENDER,"logs":$LOGS,"keyToFrame":$KEYS_JSON,
"cron":[$CRON_JSON]}
JSON
echo
echo "written to $OUT"
