#!/usr/bin/env python3
"""Where a JFR recording's CPU samples fall: top frame and the first caller that names a layer, in percent.

  RECURRENT_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/r.jfr,settings=profile" \
      ./recurrent bench --cell lstm --mode train --shape 64,100,128,256 --iterations 30 --threads 1
  tools/jfr-top.py /tmp/r.jfr [--thread main] [--context 'LstmSequence|GateGradients|GruSequence'] [--top 25]

Samples of the peak-FLOPs measurement (PeakFlops) are left out. The JDK's `jfr` tool is found beside the JDK that
bin/find-jdk picks. Line numbers inside C2-compiled loops are approximate: JFR maps a sample to the nearest debug
scope, so an inlined callee can take the samples of its caller's loop; trust the caller column more than the top
frame's line.
"""
import argparse, collections, os, re, subprocess, sys

def main():
    p = argparse.ArgumentParser()
    p.add_argument("recording")
    p.add_argument("--thread", help="only samples of threads whose name starts with this")
    p.add_argument("--context", default="LstmSequence|GruSequence|RnnSequence|GateGradients|SkipRnnSequence",
                   help="regex of the caller to report beside the top frame")
    p.add_argument("--top", type=int, default=25)
    a = p.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    jdk = subprocess.run([os.path.join(root, "bin", "find-jdk")], capture_output=True, text=True, check=True).stdout.strip()
    text = subprocess.run([os.path.join(jdk, "bin", "jfr"), "print", "--events", "jdk.ExecutionSample",
                           "--stack-depth", "16", a.recording], capture_output=True, text=True, check=True).stdout
    context = re.compile(a.context)
    counts, total = collections.Counter(), 0
    for event in text.split("jdk.ExecutionSample")[1:]:
        thread = re.search(r'sampledThread = "([^"]+)"', event)
        frames = re.findall(r"^\s+([\w.$]+)\(.*?line: (\d+)", event, re.M)
        if not frames or (a.thread and not (thread and thread.group(1).startswith(a.thread))):
            continue
        names = [f"{f.split('.')[-2]}.{f.split('.')[-1]}:{line}" for f, line in frames]
        if any("PeakFlops" in n for n in names):
            continue
        total += 1
        caller = next((n for n in names if context.search(n)), "")
        counts[(names[0].rsplit(":", 1)[0], caller)] += 1
    if total == 0:
        sys.exit("jfr-top: no execution samples" + (f" on thread {a.thread}" if a.thread else ""))
    print(f"{total} samples")
    for (top, caller), n in counts.most_common(a.top):
        print(f"{100 * n / total:5.1f}%  {top:45s} {caller}")

if __name__ == "__main__":
    main()
