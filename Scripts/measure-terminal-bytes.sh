#!/usr/bin/env bash
# Measures the bytes the planner sends to the terminal when the cursor moves one
# cell, under tmux (pipe-pane -O copies everything the program writes).
#
#   Scripts/measure-terminal-bytes.sh [ROTA_BINARY] [ROTA_FILE.yaml]
#
# With a rota file, measures on that rota (the first week of its anchor week);
# without, on the built-in demo.
set -euo pipefail
rota=${1:-.build/release/rota}
file=${2:-}
work=$(mktemp -d)
trap 'tmux -L rota-bytes kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/rota.sqlite3"
if [ -n "$file" ]; then
  "$rota" init --from "$file" --db "$db" >/dev/null
  week=$(grep -m1 '^anchor_week:' "$file" | awk '{print $2}')
else
  "$rota" init --demo --db "$db" >/dev/null
  week=today
fi
tmux -L rota-bytes new-session -d -s b -x 120 -y 40 "env LANG=C.UTF-8 $rota open --db $db --week $week --refresh 0"
sleep 2
# The move's own frame is drawn at once; the detail pane catches up 150 ms after
# the cursor comes to rest, in a second frame. Each is caught in its own window.
move_total=0
settle_total=0
count=0
for key in l l l j j j h h k k; do
  tmux -L rota-bytes pipe-pane -O -t b "cat > $work/move-$count"
  sleep 0.2
  tmux -L rota-bytes send-keys -t b "$key"
  sleep 0.1
  tmux -L rota-bytes pipe-pane -t b
  tmux -L rota-bytes pipe-pane -O -t b "cat > $work/settle-$count"
  sleep 0.4
  tmux -L rota-bytes pipe-pane -t b
  sleep 0.1
  move=$(wc -c < "$work/move-$count")
  settle=$(wc -c < "$work/settle-$count")
  echo "key $key: move $move bytes, then the detail pane $settle bytes"
  move_total=$((move_total + move))
  settle_total=$((settle_total + settle))
  count=$((count + 1))
done
echo "mean over $count moves: $((move_total / count)) bytes for the move, $((settle_total / count)) for the detail pane when the cursor rests"
