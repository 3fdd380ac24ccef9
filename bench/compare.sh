#!/usr/bin/env bash
# Runs `recurrent bench` and the PyTorch script on the same cases, one after the other in the same session,
# and prints a ratio table (PyTorch time / our time: above 1 means we are faster).
# Usage: bench/compare.sh [--cell lstm] [--shape "64,100,128,256"] [--iterations N] [--warmup N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
"$root/recurrent" bench --json "$@" > "$tmp/ours.jsonl"
OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/bench/pytorch_bench.py" "$@" > "$tmp/torch.jsonl"
/usr/bin/python3 - "$tmp/ours.jsonl" "$tmp/torch.jsonl" <<'PY'
import json, sys
ours = [json.loads(l) for l in open(sys.argv[1])]
torch = {(r["cell"], r["mode"], r["B"], r["T"], r["I"], r["H"]): r for r in map(json.loads, open(sys.argv[2]))}
print(f"{'cell':5} {'mode':5} {'B,T,I,H':>16} {'ours ms':>9} {'torch ms':>9} {'torch/ours':>10} {'ours GFLOP/s':>12}")
for r in ours:
    k = (r["cell"], r["mode"], r["B"], r["T"], r["I"], r["H"])
    t = torch[k]
    print(f"{r['cell']:5} {r['mode']:5} {','.join(map(str, k[2:])):>16} {r['ms_per_batch']:9.2f} "
          f"{t['ms_per_batch']:9.2f} {t['ms_per_batch'] / r['ms_per_batch']:10.2f} {r['gflops']:12.1f}")
PY
rm -rf "$tmp"
