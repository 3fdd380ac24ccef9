package org.recurrent.models;

import java.util.Random;

/**
 * Draws the next token from a model's logits for generation (one-to-many):
 * <pre>{@code
 * p_v = exp((z_v - max z) / temperature) / sum_{u in K} exp((z_u - max z) / temperature)   for v in K, else 0
 * K   = the k ids with the largest logits (top-k; ties to the lower id), or every id when k = 0
 * }</pre>
 * Lower temperatures are more conservative (temperature -> 0 approaches argmax), higher ones more varied; top-k
 * removes the long tail of unlikely tokens that a high temperature would otherwise sample now and then. Top-k 1 is
 * greedy decoding: the argmax, whatever the temperature and the generator. A logit of minus infinity is never drawn
 * (as long as some logit is finite).
 */
public final class Sampling {
  private Sampling() {}

  /** {@link #draw(float[], double, int, Random)} over every id (no top-k cut). */
  public static int draw(float[] logits, double temperature, Random rng) {
    return draw(logits, temperature, 0, rng);
  }

  /**
   * One id drawn from the tempered softmax of the {@code topK} largest logits (all when {@code topK} is 0). Draws one
   * number from {@code rng} per call, so equal seeds give equal sequences.
   */
  public static int draw(float[] logits, double temperature, int topK, Random rng) {
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    if (topK < 0 || topK > logits.length) {
      throw new IllegalArgumentException("top-k must be in 0.." + logits.length + " (0 = all, at most the vocabulary "
          + "of " + logits.length + " tokens), got " + topK);
    }
    boolean[] kept = kept(logits, topK);
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < logits.length; v++) if (kept[v]) max = Math.max(max, logits[v]);
    double[] p = new double[logits.length];
    double z = 0;
    for (int v = 0; v < logits.length; v++) if (kept[v]) z += p[v] = Math.exp((logits[v] - max) / temperature);
    double u = rng.nextDouble() * z;
    int last = -1;
    for (int v = 0; v < logits.length; v++) {
      if (!kept[v] || p[v] == 0) continue;                                  // p = 0: a logit of minus infinity
      last = v;
      u -= p[v];
      if (u <= 0) return v;
    }
    return last;                                                              // rounding left u just above 0
  }

  /** The id of the largest logit, the lowest id among equals. */
  public static int argmax(float[] logits) {
    int best = 0;
    for (int v = 1; v < logits.length; v++) if (logits[v] > logits[best]) best = v;
    return best;
  }

  /** Which ids are among the {@code topK} largest logits (ties to the lower id); all of them for 0. */
  private static boolean[] kept(float[] logits, int topK) {
    boolean[] kept = new boolean[logits.length];
    if (topK == 0 || topK == logits.length) {
      java.util.Arrays.fill(kept, true);
      return kept;
    }
    for (int k = 0; k < topK; k++) {                                         // k passes: topK is small in practice
      int best = -1;
      for (int v = 0; v < logits.length; v++) {
        if (!kept[v] && (best < 0 || logits[v] > logits[best])) best = v;
      }
      kept[best] = true;
    }
    return kept;
  }
}
