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
      Path model = Path.of(cases.modelDir(), c.cell() + "_I" + c.I() + "_H" + c.H() + ".onnx");
      if (!Files.exists(model)) throw new IllegalArgumentException("no model " + model + " (run bench/export_onnx.py)");
      double ms;
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setIntraOpNumThreads(threads);
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

  /** x ~ U(-1, 1), (T, B, I), in a direct buffer so the tensor is not copied per run. */
  private static FloatBuffer input(BenchCases.Case c) {
    int n = c.T() * c.B() * c.I();
    FloatBuffer b = java.nio.ByteBuffer.allocateDirect(4 * n).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    Random rng = new Random(1);
    for (int k = 0; k < n; k++) b.put(rng.nextFloat() * 2 - 1);
    return b.rewind();
  }
}
