#!/usr/bin/env python3
"""Writes core/src/test/resources/parity/losses.json: PyTorch reference values for org.recurrent.loss.

Run from the repository root:  /usr/bin/python3 tools/make_loss_fixtures.py   (needs torch; tested with 1.13)

Each case holds float32 inputs (drawn from a seeded generator), the options, and the expected loss and gradients.
References are computed in float64 from those float32 values, so they are exact up to float64 rounding and the
Java float32 results can be compared with tight tolerances. Cases without a mask use PyTorch's own reduction.
Masks are a Recurrent extension: there the reference is PyTorch's reduction='none' output reduced as
sum(m * l) / sum(m) (times the target's class weight for cross-entropy), and for 0/1 masks the script checks
that this equals PyTorch's own result with the masked rows set to ignore_index.
"""
import json
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "src", "test", "resources", "parity",
                   "losses.json")


def f32(t):
    """Rounds to float32 and returns float64 holding exactly those values."""
    return t.float().double()


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def reduce_masked(l, m, denominator_weights, reduction):
    if reduction == "none":
        return l * m
    s = (l * m).sum()
    if reduction == "sum":
        return s
    return s / (m * denominator_weights).sum()


def grad_output_for(out, g):
    if out.dim() == 0:
        return torch.ones((), dtype=torch.float64)
    return f32(torch.randn(out.shape, generator=g, dtype=torch.float64))


def finish(case, x, out, grad_out, target=None):
    (out * grad_out).sum().backward()
    case["grad_output"] = flat(grad_out)
    case["loss"] = flat(out.detach())
    case["loss_shape"] = list(out.shape)
    case["grad_input"] = flat(x.grad)
    if target is not None and target.requires_grad:
        case["grad_target"] = flat(target.grad)
    return case


def cross_entropy_case(name, seed, n, c, reduction="mean", weight=False, ignore=(), ignore_index=-100,
                       mask=None, smoothing=0.0, scale=2.0):
    g = torch.Generator().manual_seed(seed)
    x = f32(torch.randn(n, c, generator=g, dtype=torch.float64) * scale).requires_grad_(True)
    y = torch.randint(0, c, (n,), generator=g)
    for i in ignore:
        y[i] = ignore_index
    w = f32(torch.rand(c, generator=g, dtype=torch.float64) * 1.8 + 0.2) if weight else None
    kw = dict(weight=w, ignore_index=ignore_index, label_smoothing=smoothing)
    if mask is None:
        out = F.cross_entropy(x, y, reduction=reduction, **kw)
    else:
        m = f32(torch.tensor(mask, dtype=torch.float64))
        kept = (y != ignore_index).double()
        wy = (w if w is not None else torch.ones(c, dtype=torch.float64))[y.clamp(min=0)] * kept
        out = reduce_masked(F.cross_entropy(x, y, reduction="none", **kw), m, wy, reduction)
        if all(v in (0.0, 1.0) for v in mask):
            y_ignored = torch.where(m == 0, torch.full_like(y, ignore_index), y)
            torch_out = F.cross_entropy(x, y_ignored, reduction=reduction, **kw)
            assert torch.allclose(out, torch_out, rtol=1e-12, atol=1e-12), (name, out, torch_out)
    case = {"name": name, "loss_fn": "cross_entropy", "reduction": reduction, "input_shape": [n, c],
            "input": flat(x.detach()), "target": y.tolist(), "mask": mask,
            "options": {"weight": flat(w) if w is not None else None, "ignore_index": ignore_index,
                        "label_smoothing": smoothing}}
    return finish(case, x, out, grad_output_for(out, g))


def elementwise_case(name, seed, loss_fn, shape, reduction="mean", mask=None, target_grad=False, pos_weight=False,
                     delta=1.0, scale=1.5):
    g = torch.Generator().manual_seed(seed)
    x = f32(torch.randn(shape, generator=g, dtype=torch.float64) * scale).requires_grad_(True)
    if loss_fn == "bce_with_logits":
        y = f32(torch.rand(shape, generator=g, dtype=torch.float64))
        if not target_grad:
            y = (y > 0.5).double()
    else:
        y = f32(torch.randn(shape, generator=g, dtype=torch.float64))
    y.requires_grad_(target_grad)
    options = {}
    if loss_fn == "bce_with_logits":
        pw = f32(torch.rand(shape[-1], generator=g, dtype=torch.float64) * 3 + 0.1) if pos_weight else None
        options["pos_weight"] = flat(pw) if pw is not None else None
        fn = lambda r: F.binary_cross_entropy_with_logits(x, y, pos_weight=pw, reduction=r)
    elif loss_fn == "mse":
        fn = lambda r: F.mse_loss(x, y, reduction=r)
    elif loss_fn == "l1":
        fn = lambda r: F.l1_loss(x, y, reduction=r)
    else:
        options["delta"] = delta
        fn = lambda r: F.huber_loss(x, y, reduction=r, delta=delta)
    if mask is None:
        out = fn(reduction)
    else:
        m = f32(torch.tensor(mask, dtype=torch.float64))
        if m.numel() != x.numel():
            m = m.reshape([shape[0]] + [1] * (len(shape) - 1)).expand(shape)
        m = m.reshape(shape)
        out = reduce_masked(fn("none"), m, torch.ones_like(m), reduction)
    case = {"name": name, "loss_fn": loss_fn, "reduction": reduction, "input_shape": list(shape),
            "input": flat(x.detach()), "target": flat(y.detach()), "target_requires_grad": target_grad,
            "mask": mask, "options": options}
    return finish(case, x, out, grad_output_for(out, g), y)


def main():
    torch.set_default_dtype(torch.float64)
    cases = [
        cross_entropy_case("ce_mean", 1, 6, 5),
        cross_entropy_case("ce_sum", 2, 6, 5, reduction="sum"),
        cross_entropy_case("ce_none", 3, 6, 5, reduction="none"),
        cross_entropy_case("ce_weight_mean", 4, 7, 4, weight=True),
        cross_entropy_case("ce_ignore_mean", 5, 7, 4, ignore=(1, 4)),
        cross_entropy_case("ce_ignore_index_is_a_class", 6, 7, 4, ignore=(0, 5), ignore_index=2),
        cross_entropy_case("ce_weight_ignore_mean", 7, 8, 3, weight=True, ignore=(2, 3, 6)),
        cross_entropy_case("ce_weight_ignore_none", 8, 8, 3, reduction="none", weight=True, ignore=(2,)),
        cross_entropy_case("ce_mask_binary_mean", 9, 6, 5, mask=[1, 0, 1, 1, 0, 1]),
        cross_entropy_case("ce_mask_fractional_weight_ignore_mean", 10, 6, 5, weight=True, ignore=(3,),
                           mask=[0.5, 1, 0.25, 1, 0, 2]),
        cross_entropy_case("ce_mask_binary_sum", 11, 6, 5, reduction="sum", mask=[0, 1, 1, 0, 1, 1]),
        cross_entropy_case("ce_smoothing_mean", 12, 6, 5, smoothing=0.1),
        cross_entropy_case("ce_smoothing_weight_ignore_mean", 13, 7, 6, weight=True, ignore=(2, 5), smoothing=0.2),
        cross_entropy_case("ce_smoothing_weight_sum", 14, 5, 4, reduction="sum", weight=True, smoothing=0.3),
        cross_entropy_case("ce_smoothing_weight_none", 15, 5, 4, reduction="none", weight=True, ignore=(1,),
                           smoothing=0.15),
        cross_entropy_case("ce_smoothing_mask_mean", 16, 6, 5, smoothing=0.1, mask=[1, 1, 0, 1, 0, 1]),
        cross_entropy_case("ce_large_logits", 17, 4, 7, scale=60.0),
        cross_entropy_case("ce_single_class", 18, 3, 1),
        elementwise_case("bce_mean", 21, "bce_with_logits", (5, 4)),
        elementwise_case("bce_sum", 22, "bce_with_logits", (5, 4), reduction="sum"),
        elementwise_case("bce_none", 23, "bce_with_logits", (5, 4), reduction="none"),
        elementwise_case("bce_pos_weight_mean", 24, "bce_with_logits", (6, 3), pos_weight=True),
        elementwise_case("bce_pos_weight_soft_targets_target_grad", 25, "bce_with_logits", (6, 3), pos_weight=True,
                         target_grad=True),
        elementwise_case("bce_mask_elements_mean", 26, "bce_with_logits", (3, 4),
                         mask=[1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1]),
        elementwise_case("bce_mask_rows_pos_weight_mean", 27, "bce_with_logits", (4, 3), pos_weight=True,
                         mask=[1, 0, 0.5, 1]),
        elementwise_case("bce_large_logits", 28, "bce_with_logits", (4, 5), scale=40.0),
        elementwise_case("mse_mean", 31, "mse", (5, 3)),
        elementwise_case("mse_sum_target_grad", 32, "mse", (5, 3), reduction="sum", target_grad=True),
        elementwise_case("mse_none", 33, "mse", (2, 3, 4), reduction="none"),
        elementwise_case("mse_mask_rows_mean", 34, "mse", (4, 3), mask=[1, 1, 0, 1]),
        elementwise_case("mse_mask_elements_fractional_mean", 35, "mse", (2, 3), mask=[1, 0.5, 0, 2, 1, 0]),
        elementwise_case("l1_mean", 41, "l1", (5, 3)),
        elementwise_case("l1_sum_target_grad", 42, "l1", (5, 3), reduction="sum", target_grad=True),
        elementwise_case("l1_none_mask_rows", 43, "l1", (3, 4), reduction="none", mask=[1, 0, 1]),
        elementwise_case("huber_mean_delta1", 51, "huber", (6, 4)),
        elementwise_case("huber_mean_delta0_5", 52, "huber", (6, 4), delta=0.5),
        elementwise_case("huber_sum_delta2_target_grad", 53, "huber", (6, 4), reduction="sum", delta=2.0,
                         target_grad=True),
        elementwise_case("huber_none_delta0_7", 54, "huber", (3, 5), reduction="none", delta=0.7),
        elementwise_case("huber_mask_rows_mean", 55, "huber", (4, 3), delta=0.8, mask=[0, 1, 1, 0.5]),
    ]
    doc = {"generator": "tools/make_loss_fixtures.py", "torch_version": torch.__version__,
           "reference_dtype": "float64 computed from float32 inputs", "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
