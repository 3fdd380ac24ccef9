#!/usr/bin/env bash
# Two builds of recurrent against each other, interleaved: A, B, A, B, ... for ROUNDS rounds, each a fresh JVM
# running `recurrent bench --json ARGS`; prints per case the minimum over rounds of each jar's per-round median.
# For before/after figures of a kernel change on a shared machine (a neighbour's burst hits one round, and the
# minimum keeps the round it missed). Build a jar with ./recurrent (cli/target/recurrent.jar) and copy it away.
#   bench/ab-jars.sh ROUNDS A.jar B.jar -- --shape 64,100,128,256 --iterations 7 --warmup 3
set -euo pipefail
if [ $# -lt 4 ] || [ "$4" != "--" ]; then
  echo "usage: bench/ab-jars.sh ROUNDS A.jar B.jar -- BENCH-ARGS..." >&2
  exit 2
fi
rounds=$1; a=$2; b=$3; shift 4
for jar in "$a" "$b"; do [ -f "$jar" ] || { echo "ab-jars: no such jar: $jar" >&2; exit 2; }; done
root=$(cd "$(dirname "$0")/.." && pwd)
java="$("$root/bin/find-jdk")/bin/java"
for _ in $(seq "$rounds"); do
  for jar in "$a" "$b"; do
    "$java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx1g -jar "$jar" bench --json "$@" 2>/dev/null \
      | sed "s|^|$jar |"
  done
done | python3 -c '
import collections, json, sys
best = collections.defaultdict(lambda: float("inf"))
order = []
for line in sys.stdin:
    jar, text = line.split(" ", 1)
    try:
        d = json.loads(text)
    except ValueError:
        continue
    case = "%s %s %d,%d,%d,%d t%d" % (d["cell"], d["mode"], d["B"], d["T"], d["I"], d["H"], d["threads"])
    if case not in order:
        order.append(case)
    best[(case, jar)] = min(best[(case, jar)], d["ms_per_batch"])
a, b = sys.argv[1], sys.argv[2]
print("%-32s %10s %10s %8s" % ("case", "A ms", "B ms", "A/B"))
for case in order:
    x, y = best[(case, a)], best[(case, b)]
    print("%-32s %10.2f %10.2f %8.2f" % (case, x, y, x / y))
' "$a" "$b"
