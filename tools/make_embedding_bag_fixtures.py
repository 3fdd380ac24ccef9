#!/usr/bin/env python3
"""Writes core/src/test/resources/parity/embedding_bag.json: PyTorch reference values for Ops.embeddingBag.

Run from the repository root:  /usr/bin/python3 tools/make_embedding_bag_fixtures.py   (needs torch; tested with 1.13)

Each case holds a float32 table W (V, E), flat ids (M), bag starts `offsets` (N, include_last_offset=False), the
mode, an optional padding index and optional per-sample weights (float32), the upstream gradient `grad_output`
(N, E), and what torch.nn.functional.embedding_bag gives: `output`, `grad_weight` and `grad_per_sample_weights`.
References are computed in float64 from the float32 inputs, so they are exact up to float64 rounding and the
Java float32 results can be compared with tight tolerances; the script also checks that PyTorch's float32 path
agrees with them.

Before writing, every case is checked against an independent loop over the bags that states the semantics the
Java op implements: ids equal to padding_idx add nothing and are not counted by MEAN, an empty (or all-padding)
bag gives a zero row, per-sample weights scale rows (SUM only) and their gradient is dot(dy[bag], W[id]), zero
for padding ids. If PyTorch ever disagrees, the script fails instead of writing a fixture.

Letters: V table rows, E embedding size, M ids, N bags. Each case seeds its own generator with the CRC-32 of its
name, so adding a case never changes another.
"""
import json
import os
import zlib

import torch
import torch.nn.functional as F

V, E = 11, 5
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "src", "test", "resources", "parity",
                   "embedding_bag.json")

# Bag sizes 4, 0, 1, 5, 4: an empty bag in the middle, id 3 repeated across bags, 5 twice in one bag; with
# padding 7 the third bag holds only padding and the fourth one padding id among five.
MIDDLE = ([3, 7, 3, 10, 7, 0, 5, 5, 7, 2, 9, 3, 1, 3], [0, 4, 4, 5, 10])
# Bag sizes 0, 3, 6, 5, 0: empty first and last bags (the last offset equals M).
EDGES = ([4, 3, 3, 0, 8, 3, 10, 6, 0, 2, 2, 3, 9, 1], [0, 0, 3, 9, 14])


def f32(t):
    """Rounds to float32 and returns float64 holding exactly those values."""
    return t.float().double()


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def reference(w, ids, offsets, mode, psw, padding_idx):
    """The semantics the Java op implements, one bag at a time (float64)."""
    m, n = len(ids), len(offsets)
    ends = offsets[1:] + [m]
    y = torch.zeros(n, E, dtype=torch.float64)
    dw_rows = []  # (bag, position, coefficient) for the gradient check
    for b in range(n):
        kept = [i for i in range(offsets[b], ends[b]) if ids[i] != padding_idx]
        c = 1.0 if mode == "sum" else (1.0 / len(kept) if kept else 0.0)
        for i in kept:
            a = 1.0 if psw is None else float(psw[i])
            y[b] += c * a * w[ids[i]]
            dw_rows.append((b, i, c * a))
    return y, dw_rows


def case(name, layout, mode, padding_idx=None, per_sample_weights=False):
    ids, offsets = layout
    g = torch.Generator().manual_seed(zlib.crc32(name.encode("utf-8")))
    w = f32(torch.randn(V, E, generator=g, dtype=torch.float64)).requires_grad_(True)
    psw = f32(torch.randn(len(ids), generator=g, dtype=torch.float64)).requires_grad_(True) if per_sample_weights else None
    dy = f32(torch.randn(len(offsets), E, generator=g, dtype=torch.float64))
    ids_t, offsets_t = torch.tensor(ids), torch.tensor(offsets)

    y = F.embedding_bag(ids_t, w, offsets_t, mode=mode, per_sample_weights=psw, padding_idx=padding_idx)
    (y * dy).sum().backward()

    # PyTorch's semantics, checked independently of its implementation
    pad = -1 if padding_idx is None else padding_idx
    y_ref, rows = reference(w.detach(), ids, offsets, mode, None if psw is None else psw.detach(), pad)
    assert torch.allclose(y.detach(), y_ref, rtol=1e-12, atol=1e-12), (name, "output")
    dw_ref = torch.zeros(V, E, dtype=torch.float64)
    dpsw_ref = torch.zeros(len(ids), dtype=torch.float64)
    for b, i, coef in rows:
        dw_ref[ids[i]] += coef * dy[b]
        dpsw_ref[i] = torch.dot(dy[b], w.detach()[ids[i]])
    assert torch.allclose(w.grad, dw_ref, rtol=1e-12, atol=1e-12), (name, "grad_weight")
    if psw is not None:
        assert torch.allclose(psw.grad, dpsw_ref, rtol=1e-12, atol=1e-12), (name, "grad_per_sample_weights")

    # PyTorch's own float32 path gives the same, to float32 rounding
    y32 = F.embedding_bag(ids_t, w.detach().float(), offsets_t, mode=mode,
                          per_sample_weights=None if psw is None else psw.detach().float(), padding_idx=padding_idx)
    assert torch.allclose(y32.double(), y_ref, rtol=0, atol=1e-5), (name, "float32 output")

    return {"name": name, "mode": mode.upper(), "padding_idx": -1 if padding_idx is None else padding_idx,
            "num_embeddings": V, "embedding_dim": E, "ids": ids, "offsets": offsets,
            "weight": flat(w.detach()), "per_sample_weights": None if psw is None else flat(psw.detach()),
            "grad_output": flat(dy), "output": flat(y.detach()), "output_shape": list(y.shape),
            "grad_weight": flat(w.grad), "grad_per_sample_weights": None if psw is None else flat(psw.grad)}


def main():
    torch.set_num_threads(1)
    cases = [
        case("sum", MIDDLE, "sum"),
        case("mean", MIDDLE, "mean"),
        case("sum_pad7", MIDDLE, "sum", padding_idx=7),
        case("mean_pad7", MIDDLE, "mean", padding_idx=7),
        case("sum_psw", MIDDLE, "sum", per_sample_weights=True),
        case("sum_psw_pad7", MIDDLE, "sum", padding_idx=7, per_sample_weights=True),
        case("mean_pad3_edges", EDGES, "mean", padding_idx=3),
        case("sum_psw_pad0_edges", EDGES, "sum", padding_idx=0, per_sample_weights=True),
    ]
    doc = {"generator": "tools/make_embedding_bag_fixtures.py", "torch_version": torch.__version__,
           "reference_dtype": "float64 computed from float32 inputs", "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
