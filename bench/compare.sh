#!/usr/bin/env bash
# Interleaved rounds of `recurrent bench` against the strongest PyTorch and ONNX Runtime, on the same cases:
#   ours       ./recurrent bench --json
#   torch2.7   PyTorch 2.7.1 (official libtorch: MKL, oneDNN) through DJL   bench/anchors TorchBench
#   torch1.13  Debian's python3-torch, if installed, OPENBLAS_NUM_THREADS=1  bench/pytorch_bench.py
#   ort        ONNX Runtime 1.22.0, inference only                          bench/anchors OrtBench
# A round runs each once, in that order, each a fresh process; rounds repeat (default 3) and every figure is the
# median over rounds. Prints one row per case (each side's ms, the faster anchor over ours: above 1 means we are
# faster, our GFLOP/s and % of the measured FMA peak), then per runner its peak RSS and the share of the CPU that
# other processes used in each round. Details and every run's raw lines: bench/compare.py, and the --out folder.
#
# Usage: bench/compare.sh [--rounds N] [--runners recurrent,torch-djl,torch,onnxruntime] [--split-cases]
#                         [--out DIR] [--cell lstm,gru,rnn] [--mode train,infer] [--shape "B,T,I,H;..."]
#                         [--iterations N] [--warmup N] [--threads N]
# Everything but --runners and --out goes on to bench/compare.py, which keeps --rounds and --split-cases and hands
# the rest to every runner.
# The first run builds bench/anchors (Maven fetches DJL, libtorch and ONNX Runtime, about 250 MB, once; DJL unpacks
# libtorch to ~/.djl.ai, 430 MB) and exports the ONNX models with Debian's torch (bench/export_onnx.py); neither
# is part of ./build or CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/bin/find-jdk")
export JAVA_HOME
java="$JAVA_HOME/bin/java"
anchors="$root/bench/anchors"

runners=recurrent,torch-djl,torch,onnxruntime out="" pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runners) runners=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
[ -n "$out" ] || out=$(mktemp -d "${TMPDIR:-/tmp}/recurrent-compare.XXXXXX")
has_torch() { /usr/bin/python3 -c "import torch" >/dev/null 2>&1; }
wants() { [[ ",$runners," == *",$1,"* ]]; }

# ours: the launcher rebuilds the jar when sources changed; do it now, outside the timed rounds
"$root/recurrent" --version >/dev/null

if wants torch-djl || wants onnxruntime; then
  if [ ! -f "$anchors/target/classpath.txt" ] \
     || [ -n "$(find "$anchors/pom.xml" "$anchors/src" -newer "$anchors/target/classpath.txt" -type f -print -quit)" ]; then
    echo "compare: building bench/anchors (DJL + libtorch 2.7.1, ONNX Runtime 1.22.0)..." >&2
    mvn -B -ntp -q -f "$anchors/pom.xml" package >&2
  fi
  cp="$anchors/target/recurrent-bench-anchors-0.1.0-SNAPSHOT.jar:$(cat "$anchors/target/classpath.txt")"
fi

args=()
wants recurrent && args+=(--runner "recurrent=$root/recurrent bench --json")
wants torch-djl && args+=(--runner "torch-djl=$java --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true -cp $cp org.recurrent.bench.anchors.TorchBench")
if wants torch; then
  if has_torch; then
    if ! readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 | grep -q openblas; then
      echo "compare: warning: libblas.so.3 is not OpenBLAS, so Debian's torch 1.13 runs on the reference BLAS" \
           "(17x slower). HINT: apt-get install libopenblas0-pthread" >&2
    fi
    args+=(--runner "torch=env OPENBLAS_NUM_THREADS=1 /usr/bin/python3 $root/bench/pytorch_bench.py")
  else
    echo "compare: Debian's torch 1.13 is not installed (apt-get install python3-torch): no torch1.13 column" >&2
  fi
fi
if wants onnxruntime; then
  if has_torch; then
    /usr/bin/python3 "$root/bench/export_onnx.py" "$anchors/target/onnx" "${pass[@]}" >&2
    args+=(--runner "onnxruntime=$java --enable-native-access=ALL-UNNAMED -cp $cp org.recurrent.bench.anchors.OrtBench --models $anchors/target/onnx")
  else
    echo "compare: no torch to export the ONNX models (apt-get install python3-torch): no ort column" >&2
  fi
fi

echo "compare: every run's JSON lines, stderr and summary.json go to $out" >&2
exec /usr/bin/python3 "$root/bench/compare.py" --out "$out" \
  --peak-cmd "$root/recurrent bench --peak --json" "${args[@]}" "${pass[@]}"
