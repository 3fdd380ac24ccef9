#!/usr/bin/env python3
"""10-fold cross-validation of a sentiment config on the UCI sentiment-labelled sentences, per source.

Why: each source's standard test part (docs/sentiment.md) is 100 sentences, a 95 % interval of about +-9 points,
too wide to tell the RNN from the bag-of-words regressions. Ten folds use all 1,000 sentences of a source as test
once. The folds are the data set's own split rotated: with i the 0-based line number in a source's file, fold k
tests on i % 10 == k, validates (epoch, the regressions' C) on i % 10 == (k + 1) % 10, and trains on the other 8.
Fold 9 tests on the standard split's test lines (but validates on residue 0, not 8).

Two ways to train, both scored on each source's fold-k test lines:
  pooled      one model per fold on the three sources' training lines together (2,400 sentences; data.train lists
              the three files); its test part is scored per source with `recurrent eval`, which also scores the
              regressions fitted on the same pooled training lines
  per-source  one model per fold and source on that source's 800 training lines; the run's own test metrics

Usage (from the repository root; needs nothing beyond Python 3's standard library and ./recurrent):
  python3 tools/sentiment-cv/cv.py --mode pooled --out /tmp/cv-pooled [--config FILE] [--folds 0-9] [--set K=V]...
  python3 tools/sentiment-cv/cv.py --summarise /tmp/cv-pooled [/tmp/cv-pooled-rest]   # the table again, or of
                                                                                      # folds run as two jobs

Writes OUT/fold-K/... (model directories), OUT/data/ (each source's fold-k test lines, the files `recurrent eval`
reads; made from the shared files, never copied into the repository), OUT/folds.jsonl (one line per fold and source as
it finishes) and prints the mean and standard deviation over folds for the model and both regressions.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

SOURCES = ["amazon_cells", "imdb", "yelp"]
METRICS = ["accuracy", "macro_f1"]
SYSTEMS = {"model": "", "bow_lr": "bow_logistic_regression_", "bow_bigram_lr": "bow_bigram_logistic_regression_",
           "majority": "majority_class_"}


def lines_of(path):
    # split on \n only: imdb_labelled.txt holds U+0085 inside sentences (see the data README)
    with open(path, encoding="utf-8", newline="\n") as f:
        text = f.read()
    out = text.split("\n")
    if out and out[-1] == "":
        out.pop()
    return out


def write_lines(path, lines):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")
    os.replace(tmp, path)


def scores(metrics):
    """{system: {metric: value}} from a metrics block with a 'baseline' map (train's test part, or eval's output)."""
    base = metrics.get("baseline", {})
    out = {}
    for system, prefix in SYSTEMS.items():
        src = metrics if system == "model" else base
        out[system] = {m: src.get(prefix + m) for m in METRICS}
    return out


def run(cmd, log):
    with open(log, "w") as f:
        r = subprocess.run(["nice", "-n", "19"] + cmd, stdout=subprocess.PIPE, stderr=f, text=True)
    if r.returncode != 0:
        sys.exit(f"failed (exit {r.returncode}): {' '.join(cmd)}; see {log}")
    return r.stdout


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--mode", choices=["pooled", "per-source"])
    p.add_argument("--out")
    p.add_argument("--summarise", nargs="+", metavar="OUT",
                   help="only summarise the folds.jsonl of earlier runs (several OUT folders: their folds together)")
    p.add_argument("--config", default="examples/sentiment-labelled-sentences.yaml")
    p.add_argument("--data", default="../shared/data/sentiment-labelled-sentences")
    p.add_argument("--folds", default="0-9", help="a range a-b or a comma list")
    p.add_argument("--set", action="append", default=[], help="passed to recurrent train --set")
    a = p.parse_args()
    if a.summarise:
        rows = [json.loads(line) for d in a.summarise for line in open(os.path.join(d, "folds.jsonl"))]
        summarise(rows, os.path.join(a.summarise[0], "summary.json"))
        return
    if not a.mode or not a.out:
        p.error("--mode and --out are required (or --summarise)")
    folds = (list(range(int(a.folds.split("-")[0]), int(a.folds.split("-")[1]) + 1)) if "-" in a.folds
             else [int(k) for k in a.folds.split(",")])
    out = os.path.abspath(a.out)
    data_out = os.path.join(out, "data")
    os.makedirs(data_out, exist_ok=True)
    source_lines = {}
    for s in SOURCES:
        path = os.path.join(a.data, s + "_labelled.txt")
        source_lines[s] = lines_of(path)
        if len(source_lines[s]) % 10 != 0:
            sys.exit(f"{path}: {len(source_lines[s])} lines, expected a multiple of 10 (1,000)")
    files = {s: os.path.abspath(os.path.join(a.data, s + "_labelled.txt")) for s in SOURCES}
    pooled = "[" + ", ".join(files[s] for s in SOURCES) + "]"
    results = []
    log_path = os.path.join(out, "folds.jsonl")
    for k in folds:
        split = [f"data.split.test_residues=[{k}]", f"data.split.validation_residues=[{(k + 1) % 10}]"]
        sets = [x for kv in split + a.set for x in ("--set", kv)]
        trainings = [(None, pooled)] if a.mode == "pooled" else [(s, files[s]) for s in SOURCES]
        for source, train_file in trainings:
            name = f"fold-{k}" + ("" if source is None else "-" + source)
            model = os.path.join(out, name)
            t0 = time.time()
            run(["./recurrent", "train", a.config, "-o", model, "--overwrite", "--progress", "none",
                 "--set", f"data.train={train_file}"] + sets, model + ".train.log")
            seconds = time.time() - t0
            with open(os.path.join(model, "metrics.json")) as f:
                m = json.load(f)
            if source is not None:
                rows = [(source, scores(m["test"]))]
            else:
                rows = []
                for s in SOURCES:
                    test_file = os.path.join(data_out, f"{s}.fold-{k}.txt")
                    write_lines(test_file, [l for i, l in enumerate(source_lines[s]) if i % 10 == k])
                    e = json.loads(run(["./recurrent", "eval", "-m", model, "-d", test_file, "--bootstrap", "0"],
                                       model + f".eval-{s}.log"))
                    rows.append((s, scores(e)))
            for s, sc in rows:
                row = {"fold": k, "source": s, "best_epoch": m.get("best_epoch"), "train_seconds": round(seconds, 1),
                       **{f"{sys_}_{met}": v for sys_, d in sc.items() for met, v in d.items()}}
                results.append(row)
                with open(log_path, "a") as f:
                    f.write(json.dumps(row) + "\n")
                print(json.dumps(row), file=sys.stderr, flush=True)
    summarise(results, os.path.join(out, "summary.json"))


def summarise(results, path):
    """Mean and sample standard deviation over the folds, per source and over the three, as a Markdown table."""
    summary = {}
    print(f"| source | folds | " + " | ".join(f"{sy} {me}" for sy in SYSTEMS for me in METRICS)
          + " | model - bow_lr accuracy, paired |")
    print("|---|---|" + "---|" * (len(SYSTEMS) * len(METRICS) + 1))
    for s in SOURCES + ["all three (mean)"]:
        rs = [r for r in results if r["source"] == s or s.startswith("all")]
        cells = []
        for sy in SYSTEMS:
            for me in METRICS:
                v = [r[f"{sy}_{me}"] for r in rs if r[f"{sy}_{me}"] is not None]
                mean = sum(v) / len(v)
                sd = math.sqrt(sum((x - mean) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else float("nan")
                summary.setdefault(s, {})[f"{sy}_{me}"] = {"mean": mean, "sd": sd, "n": len(v)}
                cells.append(f"{mean:.3f} ± {sd:.3f}")
        # paired by fold and source: the same test sentences, so the spread of the difference is what decides
        d = [r["model_accuracy"] - r["bow_lr_accuracy"] for r in rs]
        mean = sum(d) / len(d)
        sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (len(d) - 1)) if len(d) > 1 else float("nan")
        summary[s]["model_minus_bow_lr_accuracy"] = {"mean": mean, "sd": sd, "n": len(d),
                                                     "model_ahead": sum(x > 0 for x in d)}
        cells.append(f"{mean:+.3f} ± {sd:.3f} (ahead in {sum(x > 0 for x in d)} of {len(d)})")
        print(f"| {s} | {len({r['fold'] for r in rs})} | " + " | ".join(cells) + " |")
    with open(path, "w") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
