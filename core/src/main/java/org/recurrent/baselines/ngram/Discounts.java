package org.recurrent.baselines.ngram;

/**
 * The three discounts of modified Kneser-Ney smoothing at one level of the model (Chen and Goodman 1998, section
 * 4.1.6): what is taken off an n-gram seen once, twice, and three or more times, estimated from the level's
 * counts-of-counts {@code n_r} (how many n-grams have count r):
 * <pre>{@code
 * Y   = n1 / (n1 + 2 n2)
 * D1  = 1 - 2 Y n2 / n1        D2 = 2 - 3 Y n3 / n2        D3+ = 3 - 4 Y n4 / n3
 * }</pre>
 * A probability stays non-negative and the distribution sums to one only if {@code 0 < D_r <= r}; the estimate
 * leaves that range (or is undefined, some {@code n_r = 0}) on very small or unusual texts. Then the level uses
 * {@link #FALLBACK}, the constants KenLM's {@code --discount_fallback} uses for the same case.
 *
 * @param d1     subtracted from a count of 1
 * @param d2     subtracted from a count of 2
 * @param d3plus subtracted from counts of 3 or more
 */
record Discounts(double d1, double d2, double d3plus) {
  /** KenLM's fallback discounts (0.5, 1, 1.5), used when the estimate is undefined or out of range. */
  static final Discounts FALLBACK = new Discounts(0.5, 1.0, 1.5);

  Discounts {
    if (!(d1 > 0 && d1 <= 1 && d2 > 0 && d2 <= 2 && d3plus > 0 && d3plus <= 3)) {
      throw new IllegalArgumentException("Kneser-Ney discounts must satisfy 0 < D1 <= 1, 0 < D2 <= 2, 0 < D3+ <= 3, "
          + "got " + d1 + ", " + d2 + ", " + d3plus);
    }
  }

  /**
   * The modified Kneser-Ney estimate from counts-of-counts {@code n1..n4}, or {@link #FALLBACK} when it is undefined
   * or out of range.
   */
  static Discounts estimate(long n1, long n2, long n3, long n4) {
    if (n1 == 0 || n2 == 0 || n3 == 0) return FALLBACK;
    double y = n1 / (n1 + 2.0 * n2);
    double d1 = 1 - 2 * y * n2 / n1, d2 = 2 - 3 * y * n3 / n2, d3 = 3 - 4 * y * n4 / n3;
    boolean valid = d1 > 0 && d1 <= 1 && d2 > 0 && d2 <= 2 && d3 > 0 && d3 <= 3;
    return valid ? new Discounts(d1, d2, d3) : FALLBACK;
  }

  /** The discount of an n-gram with {@code count} > 0. */
  double of(int count) {
    return count == 1 ? d1 : count == 2 ? d2 : d3plus;
  }
}
