#!/usr/bin/env python3
"""Lists a de-identification tagger's span errors (docs/deid.md).

Usage: tools/deid-errors.py NOTES.jsonl REDACTED.jsonl
  NOTES.jsonl     annotated notes (deid_notes format, with tags)
  REDACTED.jsonl  `recurrent predict -m MODEL -i NOTES.jsonl --redact -o REDACTED.jsonl`

Prints, per error kind and type, the count and the most frequent texts. Spans are read as conlleval reads BIO
tags (an I- without its B- starts a span), as BioSpans does. Standard library only.
"""
import collections
import json
import sys


def spans(tags):
    out, kind, start = [], None, 0
    for t, tag in enumerate(tags + ["O"]):
        if tag.startswith("I-") and kind == tag[2:]:
            continue
        if kind:
            out.append((kind, start, t))
        kind = None
        if tag[:2] in ("B-", "I-"):
            kind, start = tag[2:], t
    return out


def main(notes_file, redacted_file):
    notes = [json.loads(line) for line in open(notes_file, encoding="utf-8") if line.strip()]
    predicted = [json.loads(line) for line in open(redacted_file, encoding="utf-8") if line.strip()]
    if len(notes) != len(predicted):
        sys.exit(f"{notes_file} has {len(notes)} notes, {redacted_file} {len(predicted)}")
    texts = collections.defaultdict(collections.Counter)
    boundary = collections.Counter()
    for n, p in zip(notes, predicted):
        if n["id"] != p["id"]:
            sys.exit(f"note {n['id']} is answered by {p['id']}: not the same file")
        truth = set(spans(n["tags"]))
        found = {(s["type"], s["start"], s["end"]) for s in p["spans"]}
        for kind, errors in (("false", found - truth), ("missed", truth - found)):
            for s in errors:
                texts[(kind, s[0])][" ".join(n["tokens"][s[1]:s[2]]).lower()] += 1
                if kind == "false" and any(x[0] == s[0] and x[1] < s[2] and s[1] < x[2] for x in truth):
                    boundary[s[0]] += 1
    for (kind, phi), counter in sorted(texts.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(counter.values())
        extra = f", {boundary[phi]} overlapping a true {phi}" if kind == "false" else ""
        top = "; ".join(f"{t!r} x{c}" for t, c in counter.most_common(4))
        print(f"{kind} {phi}: {total}{extra}  [{top}]")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
