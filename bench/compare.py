#!/usr/bin/env python3
"""Interleaved rounds of `recurrent bench` against its anchors; bench/compare.sh builds what it needs and calls this.

A round runs every runner once, one after the other, on the same cases: ours (`recurrent bench --json`),
PyTorch 2.7.1 through DJL (bench/anchors TorchBench), Debian's PyTorch 1.13 (bench/pytorch_bench.py) and
ONNX Runtime (bench/anchors OrtBench, inference only), each a fresh process. Rounds repeat (--rounds, at least 3)
so that a noisy neighbour lands on every side alike; each row reports the median over rounds of each runner's
per-round figure (itself the median of --iterations timed steps).

Per run it records:
  - other_cpu: the share of the machine's CPU (all cores) that *other* processes used while the runner ran:
    busy jiffies from /proc/stat minus the runner's own CPU time, over all jiffies. The runner's own time is its
    process tree's utime+stime+cutime+cstime from /proc/PID/stat, sampled every 0.2 s while it runs (also giving
    the worst 0.2 s window, other_max), and at exit the exact figure from wait4's rusage;
  - peak RSS: ru_maxrss from wait4 (the largest process of the runner's tree, e.g. the JVM under the launcher),
    beside the runner's own VmHWM in each JSON line.
A row's ratio is the faster anchor's time over ours (above 1: Recurrent is faster). peak% is against the FMA peak
measured by `recurrent bench --peak` at the start of each round (the best round counts) at the row's thread count.

Usage (normally through bench/compare.sh, which passes the runner commands):
  compare.py --runner NAME=CMD ... [--rounds 3] [--split-cases] [--out DIR] [bench options...]
"""
import argparse, json, os, shlex, statistics, subprocess, sys, time

CLK_TCK = os.sysconf("SC_CLK_TCK")
ANCHORS = ("torch-djl", "torch", "onnxruntime")
LABEL = {"recurrent": "ours", "torch-djl": "torch2.7", "torch": "torch1.13", "onnxruntime": "ort"}


def cpu_jiffies():
    """(busy, total) jiffies of all cores from /proc/stat's first line (guest time is inside user already)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (v + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq + steal
    return busy, busy + idle + iowait


def tree_jiffies(root):
    """utime+stime+cutime+cstime summed over `root` and its live descendants (/proc/PID/stat), or None if gone.

    cutime/cstime hold only children already waited for, which are no longer in the tree: nothing counts twice."""
    stats = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after "pid (comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based in proc(5)
        stats[int(name)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    if root not in stats:
        return None
    children = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += stats[pid][1]
        todo.extend(children.get(pid, ()))
    return total


def run_monitored(cmd, env, stdout_path, stderr_path, interval=0.2):
    """Runs cmd, returns (exit code, seconds, own CPU seconds, other_cpu share, worst-window share, peak RSS MiB)."""
    b0, t0 = cpu_jiffies()
    start = time.monotonic()
    with open(stdout_path, "w") as out, open(stderr_path, "w") as err:
        p = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    worst, last = 0.0, (b0, t0, 0)
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(interval)
        own = tree_jiffies(p.pid)
        b, t = cpu_jiffies()
        if own is not None and t > last[1]:
            worst = max(worst, ((b - last[0]) - (own - last[2])) / (t - last[1]))
            last = (b, t, own)
    p.returncode = os.waitstatus_to_exitcode(status)
    b1, t1 = cpu_jiffies()
    own_s = usage.ru_utime + usage.ru_stime
    other = max(0.0, ((b1 - b0) - own_s * CLK_TCK) / max(1, t1 - t0))
    return p.returncode, time.monotonic() - start, own_s, other, max(0.0, worst), usage.ru_maxrss / 1024


def main():
    p = argparse.ArgumentParser(description="interleaved rounds of recurrent bench and its anchors")
    p.add_argument("--runner", action="append", default=[], metavar="NAME=CMD",
                   help="a runner: its impl name and command line (shell words); bench options are appended")
    p.add_argument("--peak-cmd", help="command printing `recurrent bench --peak --json` lines")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--split-cases", action="store_true",
                   help="one process per case (per-case peak RSS; slower: a start-up per case)")
    p.add_argument("--out", required=True, help="folder for every run's JSON lines, stderr and summary.json")
    a, bench_args = p.parse_known_args()
    if a.rounds < 3:
        p.error("--rounds must be >= 3 (a median of fewer rounds does not stand against a noisy neighbour)")
    runners = []
    for spec in a.runner:
        name, cmd = spec.split("=", 1)
        runners.append((name, shlex.split(cmd)))
    os.makedirs(a.out, exist_ok=True)

    jobs = [bench_args]
    if a.split_cases:
        jobs = [case_args(bench_args, c) for c in expand_cases(bench_args)]
    env = dict(os.environ)
    rows, runs, peaks = {}, [], []        # rows[(case key)][impl] -> [ms per round]; runs: one dict per process
    for r in range(1, a.rounds + 1):
        if a.peak_cmd:
            peaks.extend(measure_peak(a.peak_cmd, a.out, r))
        for j, job in enumerate(jobs):
            for name, cmd in runners:
                stem = os.path.join(a.out, f"r{r}_{name}" + (f"_{j}" if a.split_cases else ""))
                code, secs, own, other, worst, rss = run_monitored(cmd + job, env, stem + ".jsonl", stem + ".err")
                lines = [json.loads(l) for l in open(stem + ".jsonl") if l.startswith("{")]
                runs.append({"round": r, "impl": name, "job": j, "exit": code, "seconds": round(secs, 2),
                             "cpu_seconds": round(own, 2), "other_cpu": round(other, 3),
                             "other_cpu_worst_window": round(worst, 3), "peak_rss_mb": round(rss, 1),
                             "cases": len(lines)})
                if code != 0:
                    tail = open(stem + ".err").read().strip().splitlines()[-5:]
                    print(f"compare: {name} exited {code} in round {r}:", *tail, sep="\n  ", file=sys.stderr)
                print(f"compare: round {r} {LABEL.get(name, name):9} {secs:6.1f} s, {own:6.1f} CPU s, "
                      f"others {100 * other:4.0f}% of the CPU (worst 0.2 s: {100 * worst:3.0f}%), "
                      f"peak RSS {rss:6.0f} MiB", file=sys.stderr, flush=True)
                for line in lines:
                    k = (line["cell"], line["mode"], line["B"], line["T"], line["I"], line["H"])
                    slot = rows.setdefault(k, {}).setdefault(name, {"ms": [], "threads": line["threads"],
                                                                    "version": line.get("version", ""), "rss": []})
                    slot["ms"].append(line["ms_per_batch"])
                    slot["rss"].append(line.get("vm_hwm_mb", -1))
    report(rows, runs, peaks, runners, a)


def measure_peak(cmd, out, r):
    path = os.path.join(out, f"r{r}_peak.jsonl")
    with open(path, "w") as f:
        subprocess.run(shlex.split(cmd), stdout=f, stderr=subprocess.DEVNULL, check=False)
    return [json.loads(l) for l in open(path) if l.startswith("{")]


def expand_cases(args):
    """The cases of bench options, in the order of `recurrent bench` (cell, shape, mode)."""
    o = {"--cell": "lstm,gru,rnn", "--mode": "train,infer", "--shape": "64,100,128,256;32,50,64,128;1,100,128,256"}
    for k, v in zip(args, args[1:]):
        if k in o:
            o[k] = v
    return [(c, s, m) for c in o["--cell"].split(",") for s in o["--shape"].split(";") for m in o["--mode"].split(",")]


def case_args(args, case):
    rest, skip = [], False
    for k, v in zip(args, args[1:] + [None]):
        if skip:
            skip = False
            continue
        if k in ("--cell", "--mode", "--shape"):
            skip = True
            continue
        rest.append(k)
    return rest + ["--cell", case[0], "--shape", case[1], "--mode", case[2]]


def report(rows, runs, peaks, runners, a):
    med = lambda xs: statistics.median(xs) if xs else float("nan")
    best_peak = {}
    for q in peaks:
        best_peak[q["threads"]] = max(best_peak.get(q["threads"], 0), q["gflops"])
    names = [n for n, _ in runners]
    anchors = [n for n in names if n in ANCHORS]
    head = f"{'cell':5} {'mode':5} {'B,T,I,H':>15}" + "".join(f" {LABEL.get(n, n) + ' ms':>13}" for n in names)
    head += f" {'best anchor':>11} {'anchor/ours':>11} {'ours GFLOP/s':>12} {'peak%':>6}"
    print(head)
    summary = []
    for k, per in rows.items():
        cell, mode, B, T, I, H = k
        line = f"{cell:5} {mode:5} {f'{B},{T},{I},{H}':>15}"
        ms = {n: med(per[n]["ms"]) for n in names if n in per}
        for n in names:
            line += f" {ms[n]:13.2f}" if n in ms else f" {'-':>13}"
        have = [n for n in anchors if n in ms]
        best = min(have, key=lambda n: ms[n]) if have else None
        ours = ms.get("recurrent")
        flops = 2.0 * T * B * {"lstm": 4, "gru": 3, "rnn": 1}[cell] * H * (I + H) * (3 if mode == "train" else 1)
        gflops = flops / (ours * 1e6) if ours else float("nan")
        threads = per.get("recurrent", {}).get("threads", 1)
        peak = best_peak.get(threads) or best_peak.get(max(best_peak, default=0))
        ratio = ms[best] / ours if best and ours else float("nan")
        line += f" {LABEL[best] if best else '-':>11} {ratio:11.2f} {gflops:12.1f}"
        line += f" {100 * gflops / peak:5.1f}%" if peak else f" {'-':>6}"
        print(line)
        summary.append({"cell": cell, "mode": mode, "B": B, "T": T, "I": I, "H": H, "median_ms": ms,
                        "rounds_ms": {n: per[n]["ms"] for n in per}, "threads": {n: per[n]["threads"] for n in per},
                        "versions": {n: per[n]["version"] for n in per}, "vm_hwm_mb": {n: med(per[n]["rss"]) for n in per},
                        "best_anchor": best, "anchor_over_ours": ratio, "ours_gflops": gflops,
                        "peak_gflops": peak})
    stream = [s for s in summary if s["mode"] == "stream"]
    if stream:
        # streaming rows again per step: a sequence's median time over its T steps, each step one cell call
        print()
        print(f"{'streaming':11} {'B,T,I,H':>15}" + "".join(f" {LABEL.get(n, n) + ' us/step':>17}" for n in names)
              + f" {'best anchor':>11} {'anchor/ours':>11}")
        for s in stream:
            shape = f"{s['B']},{s['T']},{s['I']},{s['H']}"
            line = f"{s['cell']:11} {shape:>15}"
            for n in names:
                ms = s["median_ms"].get(n)
                line += f" {1000 * ms / s['T']:17.2f}" if ms is not None else f" {'-':>17}"
            best = s["best_anchor"]
            line += f" {LABEL[best] if best else '-':>11} {s['anchor_over_ours']:11.2f}"
            print(line)
    print()
    print(f"{'runner':10} {'version':14} {'threads':>7} {'peak RSS MiB':>12} {'others % CPU per round':>24} "
          f"{'quietest round':>14}")
    for n in names:
        rs = [r for r in runs if r["impl"] == n]
        versions = {s["versions"][n] for s in summary if n in s["versions"]}
        threads = {s["threads"][n] for s in summary if n in s["threads"]}
        load = {q: max(x["other_cpu"] for x in rs if x["round"] == q) for q in sorted({r["round"] for r in rs})}
        quiet = min(load, key=load.get) if load else None
        print(f"{LABEL.get(n, n):10} {','.join(sorted(versions)) or '-':14} "
              f"{','.join(map(str, sorted(threads))) or '-':>7} {max((r['peak_rss_mb'] for r in rs), default=0):12.0f} "
              f"{' '.join(f'{100 * v:3.0f}' for v in load.values()):>24} "
              + (f"{quiet:>6} ({100 * load[quiet]:.0f}%)" if quiet else ""))
    print(f"each round's figures: {os.path.join(a.out, 'summary.json')} (rows[].rounds_ms); read them from rounds "
          "where others used close to 0% of the CPU")
    if best_peak:
        print("FMA peak (best of the rounds), GFLOP/s: "
              + ", ".join(f"{t} thread{'s' if t > 1 else ''} {g:.1f}" for t, g in sorted(best_peak.items())))
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump({"rows": summary, "runs": runs, "peak": best_peak}, f, indent=1)


if __name__ == "__main__":
    main()
