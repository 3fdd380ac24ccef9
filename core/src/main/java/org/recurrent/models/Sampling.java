package org.recurrent.models;

import java.util.Random;

/**
 * Draws the next token from a model's logits for generation (one-to-many):
 * <pre>{@code
 * p_v = exp((z_v - max z) / temperature) / sum_u exp((z_u - max z) / temperature)
 * }</pre>
 * Lower temperatures are more conservative (temperature -> 0 approaches argmax), higher ones more varied.
 */
public final class Sampling {
  private Sampling() {}

  public static int draw(float[] logits, double temperature, Random rng) {
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) max = Math.max(max, v);
    double[] p = new double[logits.length];
    double z = 0;
    for (int v = 0; v < logits.length; v++) z += p[v] = Math.exp((logits[v] - max) / temperature);
    double u = rng.nextDouble() * z;
    for (int v = 0; v < logits.length; v++) {
      u -= p[v];
      if (u <= 0) return v;
    }
    return logits.length - 1;
  }
}
