package org.recurrent.bench.anchors;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * ONNX Runtime inference on the cases of {@code recurrent bench}: the JSON lines of {@code bench/pytorch_bench.py}
 * with {@code "impl": "onnxruntime"}. Training cases are skipped (ONNX Runtime here is inference only).
 *
 * <p>The models are {@code torch.nn.LSTM/GRU/RNN(I, H)} exported by {@code bench/export_onnx.py} to
 * {@code --models DIR} as {@code <cell>_I<I>_H<H>.onnx}, input {@code x} of shape (T, B, I) with T and B dynamic;
 * the exporter writes ONNX's own LSTM/GRU/RNN operators, which ONNX Runtime runs with its fused CPU kernels.
 * The session uses all graph optimisations; {@code --threads N} sets its intra-op threads (default: all cores).
 *
 * <p>Streaming ({@code --mode stream}) uses the one-step models {@code <cell>_I<I>_H<H>_step.onnx}: inputs
 * {@code x} (1, B, I) and the state {@code h0} (and {@code c0} for LSTM), (1, B, H); outputs {@code y}, {@code h}
 * (and {@code c}). Each of the T steps is one {@code session.run} fed the state tensors the previous run returned
 * (no copy out of ONNX Runtime); a step's result is closed once the next step has consumed its state.
 */
public final class OrtBench {
  private OrtBench() {}

  public static void main(String[] args) {
    BenchCases.main("onnxruntime", args, OrtBench::run);
  }

  static void run(BenchCases cases) throws OrtException {
    if (cases.modelDir() == null) throw new IllegalArgumentException("--models DIR is required (bench/export_onnx.py)");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    String version = env.getVersion();
    int threads = cases.threads() != null ? cases.threads() : Runtime.getRuntime().availableProcessors();
    System.err.println("onnxruntime: " + version + ", " + threads + " intra-op threads");
    boolean skipped = false;
    for (BenchCases.Case c : cases.cases()) {
      if (c.train()) {
        skipped = true;
        continue;
      }
      Path model = Path.of(cases.modelDir(), c.cell() + "_I" + c.I() + "_H" + c.H() + (c.stream() ? "_step" : "")
          + ".onnx");
      if (!Files.exists(model)) throw new IllegalArgumentException("no model " + model + " (run bench/export_onnx.py)");
      double ms;
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setIntraOpNumThreads(threads);
        if (c.stream()) {
          try (OrtSession session = env.createSession(model.toString(), options)) {
            ms = timeStream(env, session, cases, c);
          }
          System.out.println(BenchCases.jsonLine("onnxruntime", version, c, threads, ms));
          System.out.flush();
          continue;
        }
        try (OrtSession session = env.createSession(model.toString(), options);
             OnnxTensor x = OnnxTensor.createTensor(env, input(c), new long[] {c.T(), c.B(), c.I()})) {
          Map<String, OnnxTensor> feed = Map.of("x", x);
          ms = cases.medianMs(() -> {
            try (OrtSession.Result out = session.run(feed)) {
              if (out.size() == 0) throw new IllegalStateException("no output");
            } catch (OrtException e) {
              throw new IllegalStateException(e);
            }
          });
        }
      }
      System.out.println(BenchCases.jsonLine("onnxruntime", version, c, threads, ms));
      System.out.flush();
    }
    if (skipped) System.err.println("onnxruntime: training cases skipped (inference only)");
  }

  /** Median ms per sequence of T one-step runs, each fed the state the run before returned. */
  private static double timeStream(OrtEnvironment env, OrtSession session, BenchCases cases, BenchCases.Case c)
      throws OrtException {
    boolean lstm = c.cell().equals("lstm");
    FloatBuffer all = input(c);                                          // (T, B, I): step t is the t-th slice
    int stepSize = c.B() * c.I();
    OnnxTensor[] xs = new OnnxTensor[c.T()];
    long[] stepShape = {1, c.B(), c.I()}, stateShape = {1, c.B(), c.H()};
    FloatBuffer zeros = FloatBuffer.allocate(c.B() * c.H());
    try (OnnxTensor h0 = OnnxTensor.createTensor(env, zeros, stateShape);
         OnnxTensor c0 = OnnxTensor.createTensor(env, zeros.rewind(), stateShape)) {
      for (int t = 0; t < c.T(); t++) {
        xs[t] = OnnxTensor.createTensor(env, all.slice(t * stepSize, stepSize), stepShape);
      }
      try {
        return cases.medianMs(() -> {
          OrtSession.Result previous = null;
          try {
            OnnxTensor h = h0, cs = c0;
            for (int t = 0; t < c.T(); t++) {
              Map<String, OnnxTensor> feed = lstm ? Map.of("x", xs[t], "h0", h, "c0", cs) : Map.of("x", xs[t], "h0", h);
              OrtSession.Result out = session.run(feed);
              if (previous != null) previous.close();                    // its state has been consumed
              previous = out;
              h = (OnnxTensor) out.get("h").orElseThrow();
              if (lstm) cs = (OnnxTensor) out.get("c").orElseThrow();
            }
          } catch (OrtException e) {
            throw new IllegalStateException(e);
          } finally {
            if (previous != null) previous.close();
          }
        });
      } finally {
        for (OnnxTensor x : xs) if (x != null) x.close();
      }
    }
  }

  /** x ~ U(-1, 1), (T, B, I), in a direct buffer so the tensor is not copied per run. */
  private static FloatBuffer input(BenchCases.Case c) {
    int n = c.T() * c.B() * c.I();
    FloatBuffer b = java.nio.ByteBuffer.allocateDirect(4 * n).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    Random rng = new Random(1);
    for (int k = 0; k < n; k++) b.put(rng.nextFloat() * 2 - 1);
    return b.rewind();
  }
}
