#!/usr/bin/env bash
# The bottleneck-vs-attention sweep of docs/seq2seq.md: examples/number-words-attention.yaml trained with each
# attention (none = the bottleneck, additive = Bahdanau, dot and general = Luong) on numbers of L-3..L digits,
# L = 4, 8, 12, 16, into runs/number-words/ATTENTION-L; then the table and the plot
# (recurrent demo seq2seq-sweep). Each run's wall-clock seconds go to runs/number-words/wall-seconds.txt.
# Three runs at a time: about 20 minutes on two shared cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=runs/number-words
mkdir -p "$out"
./recurrent --version > /dev/null            # build the jar once, before the parallel runs
run() {
  local a=$1 L=$2 s=$SECONDS
  ./recurrent train examples/number-words-attention.yaml --output "$out/$a-$L" --overwrite --progress plain \
    --set model.attention="$a" --set data.options.generator.min_digits=$((L - 3)) \
    --set data.options.generator.max_digits="$L" > "$out/$a-$L.log" 2>&1
  echo "$a $L $((SECONDS - s))" >> "$out/wall-seconds.txt"
}
(run none 16; run additive 16; run none 8; run dot 8; run general 4) &
(run general 16; run dot 16; run additive 8; run none 4; run dot 4) &
(run none 12; run additive 12; run general 12; run dot 12; run general 8; run additive 4) &
wait
./recurrent demo seq2seq-sweep --runs "$out" --plot docs/img/seq2seq-bottleneck.png
