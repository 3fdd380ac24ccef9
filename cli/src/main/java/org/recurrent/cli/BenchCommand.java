package org.recurrent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.nn.GRU;
import org.recurrent.nn.GRUCell;
import org.recurrent.nn.LSTM;
import org.recurrent.nn.LSTMCell;
import org.recurrent.nn.RNN;
import org.recurrent.nn.RNNCell;
import org.recurrent.nn.RecurrentConfig;
import org.recurrent.nn.RecurrentLayer;
import org.recurrent.ops.Ops;
import org.recurrent.optim.SGD;
import org.recurrent.rnn.Workspace;
import org.recurrent.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times recurrent layers: a training step (forward, backward of the mean output, SGD update) and inference
 * (forward without recording), at the shapes PyTorch is compared on; and, with {@code --mode stream}, streaming
 * inference: the T steps of a sequence fed one at a time through the cell API ({@code LSTMCell}, {@code GRUCell},
 * {@code RNNCell} {@code forwardInto}, one call per step, the state carried in two alternating buffers, no
 * gradient recorded), reported per sequence and per step ({@code us_per_step}). bench/pytorch_bench.py prints the same
 * JSON lines for torch, so both sides can be measured in one run (bench/compare.sh).
 *
 * <p>peak% is against this host's float FMA peak, measured by {@link PeakFlops} at the kernels' thread count
 * before the cases (about a second), unless {@code --peak-gflops} gives it; {@code --peak} prints that measurement
 * for 1..cores threads and stops. Each JSON line also carries {@code vm_hwm_mb}, the process's peak resident set
 * so far (VmHWM), which bench/compare.sh sets beside PyTorch's, and {@code alloc_kb_per_batch}: the bytes every
 * thread of the JVM allocated on the heap during the timed iterations ({@link HeapAllocation}), per iteration.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {
    "Time LSTM/GRU/RNN training steps and inference, and (--mode stream) step-by-step streaming inference.",
    "FLOPs count the matrix products only: forward 2*T*B*G*(I+H) per layer with G = 4H (LSTM), 3H (GRU), H (RNN);",
    "a training step counts 3x forward."})
final class BenchCommand implements Callable<Integer> {
  private static final String VERSION = Objects.requireNonNullElse(
      BenchCommand.class.getPackage().getImplementationVersion(), "dev");
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;
  @Mixin ThreadsOption threads;

  @Option(names = "--cell", split = ",", defaultValue = "lstm,gru,rnn", description = "Cells: lstm, gru, rnn.")
  List<String> cells;

  @Option(names = "--mode", split = ",", defaultValue = "train,infer", description = {
      "train, infer and/or stream (each of the T steps one cell call with the carried state, B rows; not in the",
      "default list: it is a different question, the latency of one step)."})
  List<String> modes;

  @Option(names = "--shape", split = ";", defaultValue = "64,100,128,256;32,50,64,128;1,100,128,256",
      description = "Shapes B,T,I,H separated by ';'.")
  List<String> shapes;

  @Option(names = "--iterations", defaultValue = "10", description = "Timed iterations per case (median reported).")
  int iterations;

  @Option(names = "--warmup", defaultValue = "5",
      description = "Untimed iterations first (JIT, caches); with any, they go on for at least 1 s and until no JIT "
          + "compilation has finished for 0.3 s (at most 20 s). 0: none.")
  int warmup;

  @Option(names = "--peak-gflops", paramLabel = "GFLOPS",
      description = "This host's peak for peak%% and peak_fraction (default: measured, see --peak).")
  Double peakGflops;

  @Option(names = "--peak", description = {
      "Only measure this host's float FMA peak (a short Vector-API FMA loop, one thread per core, 12 independent",
      "accumulators) and print GFLOP/s for 1..cores threads. Without it the cases' peak%% uses the same",
      "measurement at the kernels' thread count."})
  boolean peakOnly;

  @Option(names = "--json", description = "One JSON object per line instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (iterations < 1 || warmup < 0) throw new IllegalArgumentException("--iterations must be >= 1, --warmup >= 0");
    List<int[]> parsed = new ArrayList<>();
    for (String s : shapes) parsed.add(parseShape(s));
    for (String c : cells) cellGates(c);
    for (String m : modes) {
      if (!m.equals("train") && !m.equals("infer") && !m.equals("stream")) {
        throw new IllegalArgumentException("--mode must be train, infer or stream, got '" + m + "'");
      }
    }
    this.threads.apply();
    int threads = KernelProvider.get().threads();
    int cores = Runtime.getRuntime().availableProcessors();
    err.println("bench: kernels " + KernelProvider.get().name() + ", JDK " + Runtime.version() + ", "
        + cores + " cores");
    if (peakOnly) return printPeak(out, err, cores);
    double peak = peakGflops != null ? peakGflops : measuredPeak(err, Math.min(threads, cores));
    if (!json) {
      out.printf("%-6s %-5s %4s %4s %4s %4s %7s %10s %8s %6s %8s %9s%n",
          "cell", "mode", "B", "T", "I", "H", "threads", "ms/batch", "GFLOP/s", "peak%", "us/step", "KB/batch");
    }
    for (String cell : cells) {
      for (int[] shape : parsed) {
        for (String mode : modes) {
          startFromAnEmptyHeap();
          Timing timing = mode.equals("stream") ? timeStream(cell, shape) : time(cell, mode, shape);
          double ms = timing.ms();
          int B = shape[0], T = shape[1], I = shape[2], H = shape[3];
          double flops = 2.0 * T * B * cellGates(cell) * H * (I + H) * (mode.equals("train") ? 3 : 1);
          double gflops = flops / (ms * 1e6);
          double usPerStep = 1000 * ms / T;
          String stepField = mode.equals("stream") ? String.format(Locale.ROOT, ", \"us_per_step\": %.3f", usPerStep) : "";
          if (json) {
            out.printf(Locale.ROOT, "{\"impl\": \"recurrent\", \"version\": \"%s\", \"cell\": \"%s\", "
                    + "\"mode\": \"%s\", \"B\": %d, \"T\": %d, \"I\": %d, \"H\": %d, \"threads\": %d, "
                    + "\"ms_per_batch\": %.3f, \"gflops\": %.2f, \"peak_gflops\": %s, \"peak_fraction\": %s, "
                    + "\"vm_hwm_mb\": %.1f, \"alloc_kb_per_batch\": %s%s}%n",
                VERSION, cell, mode, B, T, I, H, threads, ms, gflops, jsonNumber("%.1f", peak),
                jsonNumber("%.4f", gflops / peak), vmHwmMb(), jsonNumber("%.1f", timing.allocKb()), stepField);
          } else {
            out.printf(Locale.ROOT, "%-6s %-5s %4d %4d %4d %4d %7d %10.2f %8.1f %5.1f%% %8s %9s%n",
                cell, mode, B, T, I, H, threads, ms, gflops, 100 * gflops / peak,
                mode.equals("stream") ? String.format(Locale.ROOT, "%.2f", usPerStep) : "-",
                Double.isFinite(timing.allocKb()) ? String.format(Locale.ROOT, "%.1f", timing.allocKb()) : "-");
          }
          out.flush();
        }
      }
    }
    return 0;
  }

  /** {@code --peak}: one line (or JSON object) per thread count. */
  private int printPeak(PrintWriter out, PrintWriter err, int cores) {
    if (!PeakFlops.available()) {
      throw new IllegalArgumentException("--peak needs the Vector API: run with --add-modules jdk.incubator.vector "
          + "(the recurrent launcher does)");
    }
    if (!json) out.printf("%7s %9s%n", "threads", "GFLOP/s");
    for (PeakFlops.Rate r : measurePeak(cores)) {
      if (json) {
        out.printf(Locale.ROOT, "{\"impl\": \"recurrent\", \"peak\": \"fma\", \"threads\": %d, \"lanes\": %d, "
            + "\"accumulators\": %d, \"gflops\": %.1f}%n", r.threads(), PeakFlops.lanes(), PeakFlops.ACCUMULATORS,
            r.gflops());
      } else {
        out.printf(Locale.ROOT, "%7d %9.1f%n", r.threads(), r.gflops());
      }
    }
    err.printf(Locale.ROOT, "bench: float FMA peak, %d lanes x %d accumulators per thread, best of 5 trials%n",
        PeakFlops.lanes(), PeakFlops.ACCUMULATORS);
    out.flush();
    return 0;
  }

  /** The FMA peak at {@code threads} threads, measured now; NaN (peak% then reads NaN) without the Vector API. */
  private static double measuredPeak(PrintWriter err, int threads) {
    if (!PeakFlops.available()) {
      err.println("bench: peak not measured (no jdk.incubator.vector); pass --peak-gflops for peak%");
      return Double.NaN;
    }
    double peak = measurePeak(threads).get(threads - 1).gflops();
    err.printf(Locale.ROOT, "bench: measured float FMA peak %.1f GFLOP/s on %d threads (recurrent bench --peak)%n",
        peak, threads);
    return peak;
  }

  private static List<PeakFlops.Rate> measurePeak(int maxThreads) {
    try {
      return PeakFlops.measure(maxThreads);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("peak measurement interrupted", e);
    }
  }

  /** {@code x} in {@code format}, or {@code null} when it is not finite (no peak known): JSON has no NaN. */
  private static String jsonNumber(String format, double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, format, x) : "null";
  }

  /** Peak resident set of this process in MiB (VmHWM of /proc/self/status), or -1 off Linux. */
  static double vmHwmMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return -1;
  }

  private static int cellGates(String cell) {
    return switch (cell) {
      case "lstm" -> 4;
      case "gru" -> 3;
      case "rnn" -> 1;
      default -> throw new IllegalArgumentException("--cell must be lstm, gru or rnn, got '" + cell + "'");
    };
  }

  private static int[] parseShape(String s) {
    String[] parts = s.trim().split(",");
    if (parts.length != 4) throw new IllegalArgumentException("--shape wants B,T,I,H, got '" + s + "'");
    int[] v = new int[4];
    for (int k = 0; k < 4; k++) {
      try {
        v[k] = Integer.parseInt(parts[k].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--shape wants four whole numbers B,T,I,H, got '" + s + "'");
      }
      if (v[k] < 1) throw new IllegalArgumentException("--shape values must be >= 1, got '" + s + "'");
    }
    return v;
  }

  /**
   * Each case starts as it would in a process of its own: the buffer pool of the cases before is dropped and the
   * heap collected (untimed). PyTorch's runner frees a case's tensors when the case ends (reference counting
   * returns them to its allocator); here the cases' pooled buffers outlive it and, promoted, stay resident until a
   * full collection, which the serial and parallel collectors run only when the old generation fills, so the
   * 18-case process carried every earlier case's buffers (performance.md, "Memory of the benchmark process").
   */
  private static void startFromAnEmptyHeap() {
    Workspace.release();
    System.gc();
  }

  /** A case's median time and the heap it allocated per timed iteration (NaN when the JVM cannot count it). */
  record Timing(double ms, double allocKb) {}

  /** Median milliseconds per batch. */
  private Timing time(String cell, String mode, int[] shape) {
    int B = shape[0], T = shape[1], I = shape[2], H = shape[3];
    Random rng = new Random(1);
    RecurrentConfig config = RecurrentConfig.of(I, H);
    RecurrentLayer layer = switch (cell) {
      case "lstm" -> new LSTM(config, rng);
      case "gru" -> new GRU(config, rng);
      default -> new RNN(config, rng);
    };
    Tensor x = Tensor.uniform(rng, -1, 1, T, B, I);
    boolean train = mode.equals("train");
    SGD sgd = new SGD(layer.parameters(), 0.01f);
    Runnable step = train ? () -> {
      Tensor loss = Ops.mean(forward(layer, x));
      sgd.zeroGrad();
      loss.backward();
      sgd.step();
    } : () -> {
      try (var g = Autograd.noGrad()) {
        forward(layer, x);
      }
    };
    return medianMs(step);
  }

  /**
   * Median milliseconds per sequence of T steps fed one at a time: each step one {@code forwardInto} call with the
   * state of the step before, written into the other of two state buffers (so the loop allocates nothing), from
   * the zero state, under noGrad. The inputs (T tensors of (B, I)) are made before timing.
   */
  private Timing timeStream(String cell, int[] shape) {
    int B = shape[0], T = shape[1], I = shape[2], H = shape[3];
    Random rng = new Random(1);
    Runnable sequence = switch (cell) {
      case "lstm" -> {
        LSTMCell c = new LSTMCell(I, H, rng);
        Tensor[] xs = inputs(rng, T, B, I);
        LSTMCell.State[] s = {new LSTMCell.State(Tensor.zeros(B, H), Tensor.zeros(B, H)),
            new LSTMCell.State(Tensor.zeros(B, H), Tensor.zeros(B, H))};
        yield () -> {
          LSTMCell.State state = null;
          for (int t = 0; t < T; t++) state = c.forwardInto(xs[t], state, s[t % 2]);
        };
      }
      case "gru" -> {
        GRUCell c = new GRUCell(I, H, rng);
        Tensor[] xs = inputs(rng, T, B, I);
        Tensor[] s = {Tensor.zeros(B, H), Tensor.zeros(B, H)};
        yield () -> {
          Tensor h = null;
          for (int t = 0; t < T; t++) h = c.forwardInto(xs[t], h, s[t % 2]);
        };
      }
      default -> {
        RNNCell c = new RNNCell(I, H, rng);
        Tensor[] xs = inputs(rng, T, B, I);
        Tensor[] s = {Tensor.zeros(B, H), Tensor.zeros(B, H)};
        yield () -> {
          Tensor h = null;
          for (int t = 0; t < T; t++) h = c.forwardInto(xs[t], h, s[t % 2]);
        };
      }
    };
    try (var g = Autograd.noGrad()) {
      return medianMs(sequence);
    }
  }

  private static Tensor[] inputs(Random rng, int T, int B, int I) {
    Tensor[] xs = new Tensor[T];
    for (int t = 0; t < T; t++) xs[t] = Tensor.uniform(rng, -1, 1, B, I);
    return xs;
  }

  /**
   * Median milliseconds of {@code iterations} runs of {@code step} after the warm-up ({@link #warmUp}), and the
   * kilobytes all threads allocated per run while they were timed.
   */
  private Timing medianMs(Runnable step) {
    warmUp(step);
    double[] ms = new double[iterations];
    HeapAllocation allocation = HeapAllocation.start();
    for (int k = 0; k < iterations; k++) {
      long t0 = System.nanoTime();
      step.run();
      ms[k] = (System.nanoTime() - t0) / 1e6;
    }
    double kb = allocation.bytesSinceStart() / 1024.0 / iterations;
    Arrays.sort(ms);
    return new Timing(ms[iterations / 2], kb);
  }

  /**
   * At least {@code --warmup} untimed iterations, then more until the JIT has settled ({@link WarmUp}): C2 compiles
   * the kernels' loops after thousands of calls, so a small case alone in a fresh JVM (as compare.sh runs one with
   * {@code --split-cases}) timed after 3 iterations measured the interpreter (RNN inference at (32,50,64,128):
   * 63.6 ms against 1.2 ms warm).
   */
  private void warmUp(Runnable step) {
    WarmUp.ofThisJvm().run(step, warmup);
  }

  private static Tensor forward(RecurrentLayer layer, Tensor x) {
    return switch (layer) {
      case LSTM l -> l.forward(x).output();
      case GRU g -> g.forward(x).output();
      case RNN r -> r.forward(x).output();
      default -> throw new IllegalStateException("unknown layer " + layer);
    };
  }
}
