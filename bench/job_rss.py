#!/usr/bin/env python3
"""Peak RSS (and wall time) of whole training jobs: the EEG and char-LM examples, ours against PyTorch's same job.

Issue 13 asks what memory a user's training job takes, not a kernel: so this runs the real commands a user types,
each a fresh process, in interleaved rounds (ours, then PyTorch, per job per round) so that a neighbour's load
lands on both alike, and reports per job and runner the median peak RSS over rounds (ru_maxrss from wait4: the
largest process of the tree, the JVM under ./recurrent, python under its launcher) and the median wall time.

  eeg     ./recurrent train examples/eeg-seizure.yaml (GRU 32, 5 epochs, batch 64)
          bench/pytorch_jobs.py eeg (the same job in PyTorch)
  charlm  ./recurrent train examples/shakespeare-char.yaml --time-budget S (LSTM 256, 32 streams, BPTT 64)
          bench/pytorch_jobs.py charlm --seconds S (the same, stopped after the same S seconds)
The char-LM job is cut at S seconds on both sides (default 60) because one epoch takes minutes; its RSS reaches
its plateau within the first batches (the text and the model are allocated before them).

PyTorch is Debian's python3-torch (1.13: what `apt-get install python3-torch` gives); its memory use on these jobs
is the interpreter, libtorch and the data, which a newer PyTorch does not shrink.

Usage: bench/job_rss.py [--rounds 2] [--jobs eeg,charlm] [--seconds 60] [--heap 1g]
       (from the repository root or anywhere; ../shared beside the checkout)
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, env):
    """(exit code, wall seconds, peak RSS MiB) of one command, its output kept in a file beside the results."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as log:
        p = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.monotonic() - start
        log.seek(0)
        tail = log.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    return os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss / 1024, tail


def commands(job, out, seconds):
    if job == "eeg":
        return {"recurrent": ["./recurrent", "train", "examples/eeg-seizure.yaml", "-o", out],
                "pytorch": ["/usr/bin/python3", "bench/pytorch_jobs.py", "eeg"]}
    return {"recurrent": ["./recurrent", "train", "examples/shakespeare-char.yaml", "-o", out,
                          "--time-budget", f"{int(seconds)}s"],
            "pytorch": ["/usr/bin/python3", "bench/pytorch_jobs.py", "charlm", "--seconds", str(seconds)]}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--jobs", default="eeg,charlm")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--heap", default=None, help="RECURRENT_HEAP for our runs (default: the launcher's 1g)")
    args = p.parse_args()
    env = dict(os.environ)
    if args.heap:
        env["RECURRENT_HEAP"] = args.heap
    subprocess.run(["./recurrent", "--version"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)                  # builds the jar now, outside the measured runs
    jobs = args.jobs.split(",")
    results = {(j, r): [] for j in jobs for r in ("recurrent", "pytorch")}
    with tempfile.TemporaryDirectory() as tmp:
        for rnd in range(args.rounds):
            for job in jobs:
                for runner, cmd in commands(job, os.path.join(tmp, f"{job}-{rnd}"), args.seconds).items():
                    code, wall, rss, tail = run(cmd, env)
                    line = {"round": rnd + 1, "job": job, "runner": runner, "exit": code, "seconds": round(wall, 1),
                            "peak_rss_mib": round(rss), "last_output": tail}
                    print(json.dumps(line), file=sys.stderr, flush=True)
                    if code != 0:
                        sys.exit(f"job_rss: {job}/{runner} failed (exit {code}): {' '.join(cmd)}\n" + "\n".join(tail))
                    results[(job, runner)].append((wall, rss))
    print(f"{'job':8} {'runner':10} {'peak RSS MiB':>13} {'wall s':>8}   (median of {args.rounds} interleaved rounds)")
    for (job, runner), v in results.items():
        print(f"{job:8} {runner:10} {statistics.median(r for _, r in v):13.0f} "
              f"{statistics.median(w for w, _ in v):8.1f}")


if __name__ == "__main__":
    main()
