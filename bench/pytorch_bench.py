#!/usr/bin/env python3
"""PyTorch side of `recurrent bench`: the same cases, the same JSON lines (impl "torch", with torch's version
and vm_hwm_mb, this process's peak resident set so far from /proc/self/status).

A training step is forward, mean of the output, backward, SGD step; inference is forward under no_grad. Streaming
(--mode stream) feeds the T steps one at a time through nn.LSTMCell/GRUCell/RNNCell under no_grad, each call given
the state the previous one returned; its lines add us_per_step (the sequence's time over T).
Run with OPENBLAS_NUM_THREADS=1 for PyTorch's best figure on a 2-core machine (its default threading is
several times slower there). Usage:
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/pytorch_bench.py --cell lstm --shape "64,100,128,256"
"""
import argparse, json, os, statistics, time
import torch

GATES = {"lstm": 4, "gru": 3, "rnn": 1}

def stream_case(cell, B, T, I, H):
    """One sequence of T cell calls with the carried state, from zeros (what a streaming user writes)."""
    step = {"lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell, "rnn": torch.nn.RNNCell}[cell](I, H)
    xs = [torch.rand(B, I) * 2 - 1 for _ in range(T)]
    def run():
        with torch.no_grad():
            state = None
            for x in xs:
                state = step(x, state)    # LSTMCell: (h, c); the others: h
    return run

def time_case(cell, mode, B, T, I, H, iterations, warmup):
    torch.manual_seed(1)
    if mode == "stream":
        return median_ms(stream_case(cell, B, T, I, H), iterations, warmup)
    layer = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cell](I, H)
    x = torch.rand(T, B, I) * 2 - 1
    opt = torch.optim.SGD(layer.parameters(), lr=0.01)
    def train():
        out, _ = layer(x)
        loss = out.mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    def infer():
        with torch.no_grad():
            layer(x)
    return median_ms(train if mode == "train" else infer, iterations, warmup)

def median_ms(step, iterations, warmup):
    for _ in range(warmup):
        step()
    ms = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ms)

def vm_hwm_mb():
    """Peak resident set of this process in MiB (VmHWM), or -1 where /proc/self/status does not exist."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return -1

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cell", default="lstm,gru,rnn")
    p.add_argument("--mode", default="train,infer", help="train, infer and/or stream")
    p.add_argument("--shape", default="64,100,128,256;32,50,64,128;1,100,128,256")
    p.add_argument("--iterations", type=int, default=10)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, help="torch.set_num_threads (default: torch's own)")
    p.add_argument("--peak-gflops", type=float,
                   help="host peak for peak_fraction (recurrent bench --peak measures it); without it, null")
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    threads = torch.get_num_threads()
    for cell in a.cell.split(","):
        for shape in a.shape.split(";"):
            B, T, I, H = (int(v) for v in shape.split(","))
            for mode in a.mode.split(","):
                ms = time_case(cell, mode, B, T, I, H, a.iterations, a.warmup)
                flops = 2.0 * T * B * GATES[cell] * H * (I + H) * (3 if mode == "train" else 1)
                g = flops / (ms * 1e6)
                peak_fraction = round(g / a.peak_gflops, 4) if a.peak_gflops else None
                line = {"impl": "torch", "version": torch.__version__, "cell": cell, "mode": mode,
                        "B": B, "T": T, "I": I, "H": H, "threads": threads,
                        "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
                        "ms_per_batch": round(ms, 3), "gflops": round(g, 2),
                        "peak_fraction": peak_fraction, "vm_hwm_mb": vm_hwm_mb()}
                if mode == "stream":
                    line["us_per_step"] = round(1000 * ms / T, 3)
                print(json.dumps(line), flush=True)

if __name__ == "__main__":
    main()
