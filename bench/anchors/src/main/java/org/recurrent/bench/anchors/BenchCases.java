package org.recurrent.bench.anchors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cases of {@code recurrent bench} and {@code bench/pytorch_bench.py}, parsed from the same options
 * ({@code --cell lstm,gru,rnn --mode train,infer,stream --shape "B,T,I,H;..." --iterations N --warmup N
 * --threads N}),
 * and the JSON line each runner prints per case. Unknown options are an error (exit 2), so a typo in
 * {@code bench/compare.sh}'s pass-through options is not silently ignored by one side.
 */
record BenchCases(List<String> cells, List<String> modes, List<int[]> shapes, int iterations, int warmup,
                  Integer threads, String modelDir) {

  /** One case: a cell, a mode and a shape B,T,I,H. */
  record Case(String cell, String mode, int B, int T, int I, int H) {
    boolean train() {
      return mode.equals("train");
    }

    /** Streaming inference: the T steps fed one at a time, each step one call with the carried state. */
    boolean stream() {
      return mode.equals("stream");
    }

    /** FLOPs of the matrix products only, as {@code recurrent bench} counts them: forward 2*T*B*G*(I+H), train 3x. */
    double flops() {
      return 2.0 * T * B * gates(cell) * H * (I + H) * (train() ? 3 : 1);
    }
  }

  static int gates(String cell) {
    return switch (cell) {
      case "lstm" -> 4;
      case "gru" -> 3;
      case "rnn" -> 1;
      default -> throw new IllegalArgumentException("--cell must be lstm, gru or rnn, got '" + cell + "'");
    };
  }

  static BenchCases parse(String[] args) {
    String cell = "lstm,gru,rnn", mode = "train,infer", shape = "64,100,128,256;32,50,64,128;1,100,128,256";
    int iterations = 10, warmup = 5;
    Integer threads = null;
    String modelDir = null;
    for (int k = 0; k < args.length; k++) {
      String a = args[k];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (k + 1 < args.length ? args[++k] : null);
      if (value == null) throw new IllegalArgumentException(name + " needs a value");
      switch (name) {
        case "--cell" -> cell = value;
        case "--mode" -> mode = value;
        case "--shape" -> shape = value;
        case "--iterations" -> iterations = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--threads" -> threads = Integer.parseInt(value);
        case "--models" -> modelDir = value;
        default -> throw new IllegalArgumentException("unknown option " + name
            + " (expected --cell, --mode, --shape, --iterations, --warmup, --threads, --models)");
      }
    }
    if (iterations < 1 || warmup < 0) throw new IllegalArgumentException("--iterations must be >= 1, --warmup >= 0");
    List<String> cells = List.of(cell.split(","));
    cells.forEach(BenchCases::gates);
    List<String> modes = List.of(mode.split(","));
    for (String m : modes) {
      if (!m.equals("train") && !m.equals("infer") && !m.equals("stream")) {
        throw new IllegalArgumentException("--mode must be train, infer or stream, got '" + m + "'");
      }
    }
    List<int[]> shapes = new ArrayList<>();
    for (String s : shape.split(";")) {
      int[] v = Arrays.stream(s.trim().split(",")).mapToInt(p -> Integer.parseInt(p.trim())).toArray();
      if (v.length != 4 || Arrays.stream(v).anyMatch(d -> d < 1)) {
        throw new IllegalArgumentException("--shape wants B,T,I,H (whole numbers >= 1), got '" + s + "'");
      }
      shapes.add(v);
    }
    return new BenchCases(cells, modes, shapes, iterations, warmup, threads, modelDir);
  }

  /** Cases in the order of {@code recurrent bench}: cell, then shape, then mode. */
  List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (String c : cells) {
      for (int[] s : shapes) {
        for (String m : modes) out.add(new Case(c, m, s[0], s[1], s[2], s[3]));
      }
    }
    return out;
  }

  /** Median of {@code iterations} timed runs after {@code warmup} untimed ones, in milliseconds. */
  double medianMs(Runnable step) {
    for (int k = 0; k < warmup; k++) step.run();
    double[] ms = new double[iterations];
    for (int k = 0; k < iterations; k++) {
      long t0 = System.nanoTime();
      step.run();
      ms[k] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[iterations / 2];
  }

  /**
   * The JSON line of one case, the fields of {@code pytorch_bench.py} plus {@code version} and {@code vm_hwm_mb}
   * (this process's peak resident set so far, from /proc/self/status; -1 where that file does not exist); a
   * stream case adds {@code us_per_step}, the sequence's time over its T steps.
   */
  static String jsonLine(String impl, String version, Case c, int threads, double ms) {
    double gflops = c.flops() / (ms * 1e6);
    String step = c.stream() ? String.format(Locale.ROOT, ", \"us_per_step\": %.3f", 1000 * ms / c.T()) : "";
    return String.format(Locale.ROOT, "{\"impl\": \"%s\", \"version\": \"%s\", \"cell\": \"%s\", \"mode\": \"%s\", "
            + "\"B\": %d, \"T\": %d, \"I\": %d, \"H\": %d, \"threads\": %d, \"ms_per_batch\": %.3f, "
            + "\"gflops\": %.2f, \"vm_hwm_mb\": %.1f%s}",
        impl, version, c.cell(), c.mode(), c.B(), c.T(), c.I(), c.H(), threads, ms, gflops, vmHwmMb(), step);
  }

  /** Peak resident set size of this process in MiB (VmHWM), or -1 off Linux. */
  static double vmHwmMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return -1;
  }

  /** Runs a runner's main: usage errors exit 2 with a one-line message, other failures exit 1. */
  static void main(String tool, String[] args, Runner runner) {
    BenchCases cases;
    try {
      cases = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(tool + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      runner.run(cases);
    } catch (Exception e) {
      System.err.println(tool + ": " + e);
      if (Boolean.getBoolean("stacktrace")) e.printStackTrace();
      System.exit(1);
    }
  }

  interface Runner {
    void run(BenchCases cases) throws Exception;
  }
}
