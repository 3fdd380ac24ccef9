#!/usr/bin/env python3
"""Writes core/src/test/resources/parity/attention.json: PyTorch reference values for the seq2seq attention
modules (org.recurrent.nn.AdditiveAttention, DotAttention, GeneralAttention).

Run from the repository root:  /usr/bin/python3 tools/make_attention_fixtures.py   (needs torch; tested with 1.13)

Each case holds a query q (B, Hq), encoder states h (B, Tk, Hk) with per-sequence source lengths, the module's
parameters under the Java state-dict keys, the upstream gradients of the context (B, Hk) and of the weights
(B, Tk), and what PyTorch computes from them: the scores e (B, Tk), the weights w (B, Tk), the context c (B, Hk)
and the gradients of L = sum(c * grad_context) + sum(w * grad_weights) with respect to q, h and every parameter.

  additive  e = v . tanh(W_q q + W_k h)      (Bahdanau 2015)
  dot       e = q . h                        (Luong 2015)
  general   e = q . (W_a h)                  (Luong 2015)
  w = softmax(e masked with -inf on padded source steps);  c = sum_t w_t h_t

Padded steps of h hold random values, not zeros, so that a leak of padding into c or into a gradient shows.
References are computed in float64 from float32 inputs. Letters: B batch, Tk source steps, Hq query width,
Hk state width, A additive width. Each case seeds its own generator with the CRC-32 of its name.
"""
import json
import os
import zlib

import torch

B, TK, A = 3, 5, 7
LENGTHS = [5, 3, 1]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "src", "test", "resources", "parity",
                   "attention.json")


def f32(t):
    return t.float().double()


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def case(name, kind, hq, hk):
    g = torch.Generator().manual_seed(zlib.crc32(name.encode("utf-8")))
    rnd = lambda *shape: f32(torch.randn(*shape, generator=g, dtype=torch.float64)).requires_grad_(True)
    q, h = rnd(B, hq), rnd(B, TK, hk)
    params = {}
    if kind == "additive":
        params = {"query.weight": rnd(A, hq), "key.weight": rnd(A, hk), "v": rnd(A)}
        e = torch.tanh((q @ params["query.weight"].T)[:, None, :] + h @ params["key.weight"].T) @ params["v"]
    elif kind == "dot":
        e = torch.einsum("bd,btd->bt", q, h)
    else:
        params = {"key.weight": rnd(hq, hk)}
        e = torch.einsum("bd,btd->bt", q, h @ params["key.weight"].T)
    mask = torch.tensor([[1.0 if t < n else 0.0 for t in range(TK)] for n in LENGTHS], dtype=torch.float64)
    e.retain_grad()
    w = torch.softmax(e.masked_fill(mask == 0, float("-inf")), dim=-1)
    c = torch.einsum("bt,btd->bd", w, h)
    dc = f32(torch.randn(B, hk, generator=g, dtype=torch.float64))
    dw = f32(torch.randn(B, TK, generator=g, dtype=torch.float64))
    ((c * dc).sum() + (w * dw).sum()).backward()

    # the semantics, checked independently of torch.softmax: padded steps weigh 0 and get no gradient
    assert torch.all(w[mask == 0] == 0), name
    assert torch.allclose(w.sum(-1), torch.ones(B, dtype=torch.float64)), name
    for b, n in enumerate(LENGTHS):
        if kind == "dot" and n < TK:
            # h's padded rows reach nothing but c through w = 0 and the score whose gradient is 0
            assert torch.all(h.grad[b, n:] == 0), name
    return {
        "name": name, "kind": kind, "batch": B, "source_steps": TK, "query_width": hq, "value_width": hk,
        "attention_width": A if kind == "additive" else 0, "lengths": LENGTHS,
        "query": flat(q), "values": flat(h), "params": {k: flat(p) for k, p in params.items()},
        "param_shapes": {k: list(p.shape) for k, p in params.items()},
        "grad_context": flat(dc), "grad_weights": flat(dw),
        "scores": flat(e.masked_fill(mask == 0, 0.0)), "weights": flat(w), "context": flat(c),
        "grad_query": flat(q.grad), "grad_values": flat(h.grad),
        "grad_params": {k: flat(p.grad) for k, p in params.items()},
    }


def main():
    cases = [case("additive_6_4", "additive", 6, 4), case("dot_6", "dot", 6, 6), case("general_5_4", "general", 5, 4)]
    doc = {"torch_version": torch.__version__, "generator": "tools/make_attention_fixtures.py",
           "note": "scores are given on real source steps only (0 elsewhere)", "cases": cases}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT, "with", len(cases), "cases")


if __name__ == "__main__":
    main()
