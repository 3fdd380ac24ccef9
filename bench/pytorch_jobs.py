#!/usr/bin/env python3
"""The EEG and char-LM example jobs written in PyTorch, for bench/job_rss.py to set their peak RSS beside ours.

Each mirrors its example config (examples/eeg-seizure.yaml, examples/shakespeare-char.yaml) the way a PyTorch
user would write it: same data and split, same network, batch, optimizer, epochs and truncation, with the whole
data set held in memory as tensors. It is not a parity test: what is compared is the memory a process needs for
the job (and its run time), not the numbers it learns, which it prints only so that one can see it trained.

Usage: pytorch_jobs.py eeg [--data-dir ../shared/data] [--threads 2]
       pytorch_jobs.py charlm [--seconds 60] [--data-dir ../shared/data] [--threads 2]
"""
import argparse, gzip, os, time

import numpy as np
import torch
from torch import nn


def eeg(args):
    base = os.path.join(args.data_dir, "epileptic-seizure-recognition")
    with gzip.open(os.path.join(base, "epileptic_seizure_recognition.csv.gz"), "rt") as f:
        header = f.readline().strip().split(",")
        rows = [line.rstrip("\n").split(",") for line in f]
    ids = [r[0] for r in rows]
    x = np.array([[float(v) for v in r[1:-1]] for r in rows], dtype=np.float32)   # X1..X178
    y = np.array([1 if r[-1] == "1" else 0 for r in rows], dtype=np.int64)        # seizure vs the rest
    part = {}
    with open(os.path.join(base, "splits.csv")) as f:
        cols = f.readline().strip().split(",")
        i_id, i_split = cols.index("id"), cols.index("split_row")
        for line in f:
            c = line.rstrip("\n").split(",")
            part[c[i_id]] = c[i_split]
    which = np.array([part[i] for i in ids])
    train, val, test = (which == "train"), (which == "val"), (which == "test")
    mean, std = x[train].mean(), x[train].std()                # one feature per step: one mean and deviation
    x = (x - mean) / std
    xs = torch.from_numpy(x).unsqueeze(-1)                     # [N, 178, 1]
    ys = torch.from_numpy(y)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.GRU(1, 32, batch_first=True)
            self.head = nn.Linear(32, 2)

        def forward(self, v):
            out, _ = self.rnn(v)
            return self.head(out[:, -1])

    torch.manual_seed(42)
    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=0.003)
    idx = torch.from_numpy(np.flatnonzero(train))
    for epoch in range(5):
        net.train()
        perm = idx[torch.randperm(len(idx))]
        for b in range(0, len(perm), 64):
            sel = perm[b:b + 64]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(net(xs[sel]), ys[sel])
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
        net.eval()
        with torch.no_grad():
            v = torch.from_numpy(np.flatnonzero(val))
            acc = (net(xs[v]).argmax(1) == ys[v]).float().mean().item()
        print(f"epoch {epoch + 1} val_accuracy {acc:.4f}", flush=True)
    with torch.no_grad():
        t = torch.from_numpy(np.flatnonzero(test))
        print(f"test accuracy {(net(xs[t]).argmax(1) == ys[t]).float().mean().item():.4f}")


def charlm(args):
    with open(os.path.join(args.data_dir, "tinyshakespeare", "input.txt"), encoding="utf-8") as f:
        text = f.read()
    cut = round(len(text) * 0.9)                                # chronological 0.9 / 0.05 / 0.05, as the example
    train = text[:cut]
    chars = sorted(set(train))
    index = {c: i for i, c in enumerate(chars)}
    data = torch.tensor([index[c] for c in train], dtype=torch.long)
    streams, bptt = 32, 64
    per = (len(data) - 1) // streams
    inputs = data[:streams * per].view(streams, per)
    targets = data[1:streams * per + 1].view(streams, per)

    class Net(nn.Module):
        def __init__(self, v):
            super().__init__()
            self.emb = nn.Embedding(v, 32)
            self.rnn = nn.LSTM(32, 256, batch_first=True)
            self.head = nn.Linear(256, v)

        def forward(self, v, state):
            out, state = self.rnn(self.emb(v), state)
            return self.head(out), state

    torch.manual_seed(42)
    net = Net(len(chars))
    opt = torch.optim.Adam(net.parameters(), lr=0.003)
    state, start, steps, loss = None, time.monotonic(), 0, None
    for t0 in range(0, per, bptt):
        if args.seconds and time.monotonic() - start > args.seconds:
            break
        x, y = inputs[:, t0:t0 + bptt], targets[:, t0:t0 + bptt]
        opt.zero_grad()
        logits, state = net(x, state)
        loss = nn.functional.cross_entropy(logits.reshape(-1, len(chars)), y.reshape(-1))
        loss.backward()
        opt.step()
        state = tuple(s.detach() for s in state)                 # truncated BPTT: the state carries, its graph not
        steps += 1
    print(f"{steps} steps of {streams}x{bptt} characters, last loss {loss.item():.4f} nats", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("job", choices=["eeg", "charlm"])
    p.add_argument("--data-dir", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
    p.add_argument("--seconds", type=float, default=0, help="charlm: stop after this many seconds (0: one epoch)")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    {"eeg": eeg, "charlm": charlm}[args.job](args)


if __name__ == "__main__":
    main()
