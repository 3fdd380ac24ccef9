package org.recurrent.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

/**
 * The copy (memory) task (Hochreiter and Schmidhuber 1997; in the form of Arjovsky, Shah and Bengio 2016): K
 * symbols from an alphabet of A, a gap, a delimiter, and the K symbols to be reproduced, T + 2K steps in all:
 * <pre>{@code
 * step t          0 .. K-1      K .. K+T-2     K+T-1        K+T .. T+2K-1
 * input x_t       s_t           blank          delimiter    blank
 * target y_t      blank         blank          blank        s_{t-K-T}
 * }</pre>
 * with {@code s_0 .. s_{K-1} ~ U{1 .. A}} independently. Each symbol is recalled exactly T + K steps after it
 * was shown. Inputs are one-hot over A + 2 channels (the A symbols, blank, delimiter); targets are one class per
 * step over A + 1 classes: 0 = {@code blank}, c = symbol c. Read by the {@code tagging} task.
 *
 * <p>Chance: a predictor that ignores the inputs but knows the layout answers {@code blank} with certainty on the
 * first T + K steps and 1/A for each symbol on the last K, so per step over the whole sequence
 * <pre>{@code
 * cross-entropy = K ln(A) / (T + 2K),     accuracy = (T + K + K/A) / (T + 2K)
 * }</pre>
 * and on the K recall steps alone {@code ln(A)} and {@code 1/A}. The majority class ({@code blank}) scores
 * accuracy (T + K) / (T + 2K).
 *
 * @param delay    T >= 1: the blanks and the delimiter between the symbols and their recall
 * @param symbols  K >= 1, the symbols to copy (default 10)
 * @param alphabet A >= 2, the symbols to draw from (default 8)
 */
public record CopyTask(int delay, int symbols, int alphabet) implements LongMemoryTask {
  public static final String NAME = "copy";
  public static final String BLANK = "blank";

  public CopyTask {
    if (delay < 1) throw new IllegalArgumentException("copy: length (the delay T) must be >= 1, got " + delay);
    if (symbols < 1) throw new IllegalArgumentException("copy: symbols (K) must be >= 1, got " + symbols);
    if (alphabet < 2 || alphabet > 1000) {
      throw new IllegalArgumentException("copy: alphabet (A) must be in 2..1000, got " + alphabet);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int steps() {
    return delay + 2 * symbols;
  }

  @Override
  public int features() {
    return alphabet + 2;
  }

  @Override
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (int c = 1; c <= alphabet; c++) names.add("symbol_" + c);
    names.add(BLANK);
    names.add("delimiter");
    return names;
  }

  @Override
  public TargetKind targetKind() {
    return TargetKind.PER_STEP_CLASS;
  }

  /** {@code blank}, then the symbols {@code 1 .. A}. */
  @Override
  public List<String> classes() {
    List<String> names = new ArrayList<>(List.of(BLANK));
    for (int c = 1; c <= alphabet; c++) names.add(Integer.toString(c));
    return names;
  }

  @Override
  public int targetWidth() {
    return 1;
  }

  @Override
  public SequenceExample example(int index, Random rng) {
    int T = delay, K = symbols, A = alphabet, F = A + 2, steps = T + 2 * K;
    int blank = A, delimiter = A + 1;                                         // input channels
    float[] x = new float[steps * F];                                         // (T + 2K, A + 2) one-hot
    float[] y = new float[steps];                                             // class per step, 0 = blank
    for (int t = 0; t < steps; t++) {
      int channel;
      if (t < K) {
        int s = 1 + rng.nextInt(A);                                           // s_t in 1..A
        channel = s - 1;
        y[t + T + K] = s;                                                     // recalled T + K steps later
      } else {
        channel = t == K + T - 1 ? delimiter : blank;
      }
      x[t * F + channel] = 1f;
    }
    return new SequenceExample("copy-" + index, steps, F, x, y, LongMemoryTask.source(NAME, index));
  }

  @Override
  public ChanceLevel chance() {
    double n = delay + 2.0 * symbols;
    return new ChanceLevel("accuracy", (delay + symbols + symbols / (double) alphabet) / n,
        symbols * Math.log(alphabet) / n, "blank on the first T + K steps, each symbol with 1/A on the last K");
  }

  /** On the K recall steps alone: accuracy 1/A. */
  public double recallChanceAccuracy() {
    return 1.0 / alphabet;
  }

  /** On the K recall steps alone: cross-entropy ln(A) nats. */
  public double recallChanceCrossEntropy() {
    return Math.log(alphabet);
  }
}
