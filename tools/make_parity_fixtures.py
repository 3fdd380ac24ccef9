#!/usr/bin/env python3
"""Writes the PyTorch parity fixtures that the Java tests compare against.

Run from the repository root:  /usr/bin/python3 tools/make_parity_fixtures.py
Output: core/src/test/resources/parity/<case>.safetensors and parity/README.md (see that file for the cases).

Every case seeds torch with a hash of its own name, so adding or removing a case never changes another one,
and all arithmetic is float32 on one CPU thread, so a re-run on the same torch version gives identical bytes.
The safetensors format is written by hand (no `safetensors` package needed): an 8-byte little-endian header
length, a UTF-8 JSON header padded with spaces to a multiple of 8 bytes, then the little-endian data.

Dimension letters: T time, B batch, I input, H hidden, L layers, D directions, C classes.
"""
import json
import os
import struct
import zlib

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

T, B, I, H, C = 5, 3, 4, 6, 5
VARIABLE_LENGTHS = [5, 2, 4]  # unsorted, holds both T and lengths < T
IGNORE_INDEX = -100
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "src", "test", "resources", "parity")

# Sequence cases per mode: (num_layers, bidirectional, variable lengths, initial state given). Chosen so every
# pair of values of any two factors occurs at least once (a pairwise cover of the 3x2x2x2 grid), plus the
# richest combination (2 layers, bidirectional, variable lengths, given state).
SEQUENCE_GRID = [
    (1, False, False, False),
    (1, False, True, True),
    (1, True, False, True),
    (1, True, True, False),
    (2, False, False, False),
    (2, True, True, True),
    (3, False, False, True),
    (3, True, True, False),
]
NO_BIAS_CASE = (2, True, True, True)

MODES = {
    # mode -> (module factory taking (input_size, hidden_size, **kw), file-name prefix)
    "RNN_TANH": (lambda i, h, **kw: nn.RNN(i, h, nonlinearity="tanh", **kw), "rnn_tanh"),
    "RNN_RELU": (lambda i, h, **kw: nn.RNN(i, h, nonlinearity="relu", **kw), "rnn_relu"),
    "LSTM": (lambda i, h, **kw: nn.LSTM(i, h, **kw), "lstm"),
    "GRU": (lambda i, h, **kw: nn.GRU(i, h, **kw), "gru"),
}
CELLS = {
    "RNN_TANH_CELL": (lambda: nn.RNNCell(I, H, nonlinearity="tanh"), "rnn_tanh_cell"),
    "RNN_RELU_CELL": (lambda: nn.RNNCell(I, H, nonlinearity="relu"), "rnn_relu_cell"),
    "LSTM_CELL": (lambda: nn.LSTMCell(I, H), "lstm_cell"),
    "GRU_CELL": (lambda: nn.GRUCell(I, H), "gru_cell"),
}


def save_safetensors(path, tensors, metadata, sort_keys=False):
    """Writes `tensors` (name -> torch tensor) and `metadata` (str -> str) in the safetensors format.

    Keys keep their insertion order unless sort_keys, which mimics the reference writer (all tensors here are
    float32, and it orders equal dtypes by name)."""
    names = sorted(tensors) if sort_keys else list(tensors)
    header = {}
    if metadata is not None:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    blobs, offset = [], 0
    for name in names:
        t = tensors[name].detach().cpu().contiguous()
        if t.dtype == torch.bfloat16:  # numpy has no bfloat16: its bits are the high half of float32
            raw, dtype = t.view(torch.int16).numpy().astype("<i2").tobytes(), "BF16"
        else:
            a = t.numpy()
            dtype, le = {
                np.float32: ("F32", "<f4"), np.float64: ("F64", "<f8"), np.float16: ("F16", "<f2"),
                np.int64: ("I64", "<i8"), np.int32: ("I32", "<i4"), np.int16: ("I16", "<i2"),
                np.int8: ("I8", "i1"), np.uint8: ("U8", "u1"), np.bool_: ("BOOL", "u1"),
            }[a.dtype.type]
            raw = a.astype(le).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def seed_for(case):
    torch.manual_seed(zlib.crc32(case.encode("utf-8")))


def flag(b):
    return "true" if b else "false"


def backward_with_seeds(named_outputs, tensors):
    """Adds `<name>_seed` (standard normal, same shape) for each output and back-propagates
    L = sum_k sum(output_k * output_k_seed)."""
    loss = 0
    for name, out in named_outputs:
        s = torch.randn(out.shape)
        tensors[name + "_seed"] = s
        loss = loss + (out * s).sum()
    loss.backward()


def sequence_case(mode, num_layers, bidirectional, variable, has_h0, bias=True):
    factory, prefix = MODES[mode]
    lstm = mode == "LSTM"
    case = "%s_l%d_%s_%s_%s%s" % (prefix, num_layers, "bi" if bidirectional else "uni",
                                   "var" if variable else "full", "h0" if has_h0 else "noh0",
                                   "" if bias else "_nobias")
    seed_for(case)
    d = 2 if bidirectional else 1
    rnn = factory(I, H, num_layers=num_layers, bidirectional=bidirectional, bias=bias)
    x = torch.randn(T, B, I, requires_grad=True)  # (T, B, I)
    lengths = VARIABLE_LENGTHS if variable else [T] * B
    h0 = torch.randn(num_layers * d, B, H, requires_grad=True) if has_h0 else None  # (L*D, B, H)
    c0 = torch.randn(num_layers * d, B, H, requires_grad=True) if has_h0 and lstm else None

    state = None if not has_h0 else ((h0, c0) if lstm else h0)
    if variable:
        packed = pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
        out_packed, hn = rnn(packed, state)
        out, _ = pad_packed_sequence(out_packed, total_length=T)  # zeros at padded steps
    else:
        out, hn = rnn(x, state)
    h_n, c_n = hn if lstm else (hn, None)

    tensors = {"input": x, "lengths": torch.tensor(lengths, dtype=torch.float32)}
    if has_h0:
        tensors["h0"] = h0
        if lstm:
            tensors["c0"] = c0
    params = dict(rnn.named_parameters())
    tensors.update(params)
    outputs = [("output", out), ("h_n", h_n)] + ([("c_n", c_n)] if lstm else [])
    tensors.update(outputs)
    backward_with_seeds(outputs, tensors)
    tensors["grad.input"] = x.grad
    if has_h0:
        tensors["grad.h0"] = h0.grad
        if lstm:
            tensors["grad.c0"] = c0.grad
    for k, p in params.items():
        tensors["grad." + k] = p.grad
    meta = {"kind": "sequence", "mode": mode, "num_layers": num_layers, "bidirectional": flag(bidirectional),
            "input_size": I, "hidden_size": H, "bias": flag(bias), "has_h0": flag(has_h0),
            "torch_version": torch.__version__, "case": case}
    return case, tensors, meta


def cell_case(mode):
    factory, case = CELLS[mode]
    lstm = mode == "LSTM_CELL"
    seed_for(case)
    cell = factory()
    x = torch.randn(B, I, requires_grad=True)
    h0 = torch.randn(B, H, requires_grad=True)
    c0 = torch.randn(B, H, requires_grad=True) if lstm else None
    if lstm:
        h1, c1 = cell(x, (h0, c0))
    else:
        h1, c1 = cell(x, h0), None
    tensors = {"input": x, "h0": h0}
    if lstm:
        tensors["c0"] = c0
    params = dict(cell.named_parameters())
    tensors.update(params)
    outputs = [("h1", h1)] + ([("c1", c1)] if lstm else [])
    tensors.update(outputs)
    backward_with_seeds(outputs, tensors)
    tensors["grad.input"] = x.grad
    tensors["grad.h0"] = h0.grad
    if lstm:
        tensors["grad.c0"] = c0.grad
    for k, p in params.items():
        tensors["grad." + k] = p.grad
    meta = {"kind": "cell", "mode": mode, "input_size": I, "hidden_size": H, "bias": "true", "has_h0": "true",
            "torch_version": torch.__version__, "case": case}
    return case, tensors, meta


class Tagger(nn.Module):
    """A per-step classifier: an RNN over the sequence, then Linear(H, C) at every time step."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn
        self.head = nn.Linear(H, C)


def head_case(mode):
    case = mode.lower() + "_head_ce"
    seed_for(case)
    model = Tagger(nn.LSTM(I, H) if mode == "LSTM" else nn.GRU(I, H))
    x = torch.randn(T, B, I, requires_grad=True)
    targets = torch.randint(0, C, (T, B))
    for b, n in enumerate(VARIABLE_LENGTHS):
        targets[n:, b] = IGNORE_INDEX
    packed = pack_padded_sequence(x, torch.tensor(VARIABLE_LENGTHS), enforce_sorted=False)
    out, _ = pad_packed_sequence(model.rnn(packed)[0], total_length=T)  # (T, B, H)
    logits = model.head(out)  # (T, B, C)
    loss = nn.CrossEntropyLoss(ignore_index=IGNORE_INDEX, reduction="mean")(logits.reshape(T * B, C),
                                                                             targets.reshape(T * B))
    loss.backward()
    params = dict(model.named_parameters())
    tensors = {"input": x, "lengths": torch.tensor(VARIABLE_LENGTHS, dtype=torch.float32),
               "targets": targets.to(torch.float32)}
    tensors.update(params)
    tensors["logits"] = logits
    tensors["loss"] = loss
    tensors["grad.input"] = x.grad
    for k, p in params.items():
        tensors["grad." + k] = p.grad
    meta = {"kind": "head", "mode": mode, "num_layers": 1, "bidirectional": "false", "input_size": I,
            "hidden_size": H, "bias": "true", "has_h0": "false", "num_classes": C, "ignore_index": IGNORE_INDEX,
            "loss": "cross_entropy_mean", "torch_version": torch.__version__, "case": case}
    return case, tensors, meta


class Classifier(nn.Module):
    """What a user might train in PyTorch and hand to the Java library."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(8, 16, num_layers=2, bidirectional=True)
        self.fc = nn.Linear(32, 3)


def dtypes_case():
    """The same small values in every dtype the reader converts, to check each decoding against numpy's."""
    floats = torch.tensor([[-2.5, 0.0, 1.0], [0.75, 3.0, -384.0]])  # exact in F16, BF16 and F32
    ints = torch.tensor([[-128, 0, 1], [7, -3, 127]])  # fit in I8
    tensors = {"expected_float": floats, "expected_int": ints.to(torch.float32),
               "expected_bool": torch.tensor([[True, False, True], [False, False, True]]).to(torch.float32),
               "f32": floats, "f64": floats.double(), "f16": floats.half(), "bf16": floats.bfloat16(),
               "i64": ints.long(), "i32": ints.int(), "i16": ints.short(), "i8": ints.to(torch.int8),
               "u8": (ints + 128).to(torch.uint8),
               "bool": torch.tensor([[True, False, True], [False, False, True]])}
    return "dtypes", tensors, {"kind": "dtypes", "torch_version": torch.__version__, "case": "dtypes"}


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    cases = []
    for mode in MODES:
        for grid in SEQUENCE_GRID:
            cases.append(sequence_case(mode, *grid))
        cases.append(sequence_case(mode, *NO_BIAS_CASE, bias=False))
    for mode in CELLS:
        cases.append(cell_case(mode))
    for mode in ("LSTM", "GRU"):
        cases.append(head_case(mode))
    cases.append(dtypes_case())
    for case, tensors, meta in cases:
        save_safetensors(os.path.join(OUT_DIR, case + ".safetensors"), tensors, meta)

    seed_for("state_dict_lstm")
    model = Classifier()
    save_safetensors(os.path.join(OUT_DIR, "state_dict_lstm.safetensors"), model.state_dict(), {"format": "pt"},
                     sort_keys=True)
    total = sum(os.path.getsize(os.path.join(OUT_DIR, f)) for f in os.listdir(OUT_DIR))
    print("wrote %d fixtures (%d bytes) to %s" % (len(cases) + 1, total, os.path.normpath(OUT_DIR)))


if __name__ == "__main__":
    main()
