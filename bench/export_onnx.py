#!/usr/bin/env python3
"""Exports torch.nn.LSTM/GRU/RNN(I, H) to ONNX for bench/anchors' OrtBench (ONNX Runtime inference).

One model per cell and (I, H) of the shapes asked for, written as DIR/<cell>_I<I>_H<H>.onnx: input "x" of shape
(T, B, I) with T and B dynamic, output "y" (T, B, H) and the final states. torch.onnx writes ONNX's own LSTM, GRU and
RNN operators (opset 14), so ONNX Runtime runs its fused recurrent kernels. With --mode containing "stream" it also
writes the one-step models DIR/<cell>_I<I>_H<H>_step.onnx for streaming: inputs "x" (1, B, I) and the initial state
"h0" (and "c0" for LSTM), each (1, B, H), B dynamic; outputs "y", "h" (and "c"), which OrtBench feeds back as the
next step's state. Weights are PyTorch's default init with
seed 1; the timing does not depend on their values. Needs only torch (Debian's python3-torch 1.13 is enough; the
onnx Python package is not used). Existing files are kept. Usage:
  /usr/bin/python3 bench/export_onnx.py DIR [--cell lstm,gru,rnn] [--mode train,infer,stream]
                                        [--shape "64,100,128,256;..."]
"""
import argparse, os, warnings
import torch

def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--cell", default="lstm,gru,rnn")
    p.add_argument("--mode", default="train,infer")
    p.add_argument("--shape", default="64,100,128,256;32,50,64,128;1,100,128,256")
    a, _ = p.parse_known_args()   # bench/compare.sh passes its own options through
    os.makedirs(a.dir, exist_ok=True)
    sizes = sorted({tuple(int(v) for v in s.split(",")[2:4]) for s in a.shape.split(";")})
    for cell in a.cell.split(","):
        for I, H in sizes:
            path = os.path.join(a.dir, f"{cell}_I{I}_H{H}.onnx")
            if os.path.exists(path):
                continue
            torch.manual_seed(1)
            layer = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cell](I, H).eval()
            x = torch.rand(5, 2, I)
            outputs = ["y", "h", "c"] if cell == "lstm" else ["y", "h"]
            axes = {"x": {0: "T", 1: "B"}, "y": {0: "T", 1: "B"}}
            axes.update({o: {1: "B"} for o in outputs[1:]})
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.onnx.export(layer, (x,), path, input_names=["x"], output_names=outputs,
                                  dynamic_axes=axes, opset_version=14)
            print(f"export_onnx: wrote {path}", flush=True)
    if "stream" in a.mode.split(","):
        for cell in a.cell.split(","):
            for I, H in sizes:
                export_step(a.dir, cell, I, H)


def export_step(folder, cell, I, H):
    """The one-step model: x (1, B, I) and the carried state in, y and the new state out (B dynamic)."""
    path = os.path.join(folder, f"{cell}_I{I}_H{H}_step.onnx")
    if os.path.exists(path):
        return
    torch.manual_seed(1)
    layer = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cell](I, H).eval()
    x, h0 = torch.rand(1, 2, I), torch.zeros(1, 2, H)
    if cell == "lstm":
        args, inputs, outputs = (x, (h0, torch.zeros(1, 2, H))), ["x", "h0", "c0"], ["y", "h", "c"]
    else:
        args, inputs, outputs = (x, h0), ["x", "h0"], ["y", "h"]
    axes = {n: {1: "B"} for n in inputs + outputs}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(layer, args, path, input_names=inputs, output_names=outputs, dynamic_axes=axes,
                          opset_version=14)
    print(f"export_onnx: wrote {path}", flush=True)

if __name__ == "__main__":
    main()
