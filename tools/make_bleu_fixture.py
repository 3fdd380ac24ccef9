#!/usr/bin/env python3
"""Writes core/src/test/resources/metrics/bleu_sacrebleu.json: corpus BLEU of fixed examples by sacrebleu, the
reference implementation the Java org.recurrent.metrics.Bleu is checked against.

Run from the repository root:  python3 tools/make_bleu_fixture.py   (needs sacrebleu; written with 2.6.0)

The sentences are already tokenised (tokens separated by single spaces) and scored with tokenize="none",
smooth_method="none", force=True, one reference per candidate: so the only thing compared is the BLEU formula
(clipped n-gram precisions up to 4, brevity penalty, geometric mean), not a tokeniser.
"""
import json
import os

import sacrebleu

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "src", "test", "resources", "metrics",
                   "bleu_sacrebleu.json")

CORPORA = {
    # a short candidate (brevity penalty < 1), a repeated word (clipping), an exact match
    "mixed": (["the cat sat on the mat", "a a a a b", "one two three four five six", "2 0 2 4 - 0 1 - 1 7"],
              ["the cat sat on the red mat", "a b a c", "one two three four five six", "2 0 2 4 - 0 1 - 0 7"]),
    # candidates longer than references (no brevity penalty)
    "long": (["it is a guide to action which ensures that the military always obeys the commands of the party",
              "4 0 7 0 2 1 1"],
             ["it is a guide to action that ensures that the military will forever heed party commands",
              "4 0 7 0 2 1"]),
    # no matching 4-gram anywhere: BLEU 0 without smoothing
    "no4gram": (["a b c d", "x y"], ["a b d c", "x y z"]),
}


def main():
    cases = []
    for name, (cand, ref) in CORPORA.items():
        b = sacrebleu.corpus_bleu(cand, [ref], tokenize="none", smooth_method="none", force=True)
        cases.append({"name": name, "candidates": cand, "references": ref, "bleu": b.score,
                      "precisions": [p / 100 for p in b.precisions], "bp": b.bp, "sys_len": b.sys_len,
                      "ref_len": b.ref_len})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"sacrebleu_version": sacrebleu.__version__, "generator": "tools/make_bleu_fixture.py",
                   "cases": cases}, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
