package org.recurrent.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU (Papineni et al. 2002) with one reference per candidate, up to 4-grams, uniform weights, no
 * smoothing, on token ids; the numbers {@code sacrebleu.corpus_bleu(..., tokenize="none", smooth_method="none")}
 * gives on the same tokens written with spaces (checked by the tests against a fixture it wrote).
 * <pre>{@code
 * p_n  = sum over sentences of clipped n-gram matches / sum of candidate n-grams      n = 1..4
 *        (a candidate n-gram counts at most as often as it occurs in its reference)
 * BP   = 1 if c > r, else exp(1 - r / c)          c, r: total candidate and reference lengths (BP = 0 if c = 0)
 * BLEU = 100 * BP * exp(mean_n ln p_n)            0 when any p_n = 0
 * }</pre>
 */
public final class Bleu {
  public static final int MAX_ORDER = 4;

  private Bleu() {}

  /**
   * @param bleu           in [0, 100]
   * @param precisions     p_1 .. p_4 in [0, 1] (0 when there are no candidate n-grams of that order)
   * @param brevityPenalty BP
   * @param candidateLength c
   * @param referenceLength r
   */
  public record Score(double bleu, double[] precisions, double brevityPenalty, long candidateLength,
                      long referenceLength) {}

  /** Corpus BLEU of {@code candidates} against their {@code references}, pair by pair. */
  public static Score corpus(List<int[]> candidates, List<int[]> references) {
    if (candidates.size() != references.size()) {
      throw new IllegalArgumentException("BLEU needs one reference per candidate, got " + candidates.size()
          + " candidates and " + references.size() + " references");
    }
    long[] matches = new long[MAX_ORDER], totals = new long[MAX_ORDER];
    long c = 0, r = 0;
    for (int i = 0; i < candidates.size(); i++) {
      int[] cand = candidates.get(i), ref = references.get(i);
      c += cand.length;
      r += ref.length;
      for (int n = 1; n <= MAX_ORDER; n++) {
        Map<String, Integer> refCounts = ngrams(ref, n);
        for (Map.Entry<String, Integer> e : ngrams(cand, n).entrySet()) {
          matches[n - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));   // clipped
        }
        totals[n - 1] += Math.max(0, cand.length - n + 1);
      }
    }
    double[] p = new double[MAX_ORDER];
    double logSum = 0;
    boolean zero = false;
    for (int n = 0; n < MAX_ORDER; n++) {
      p[n] = totals[n] == 0 ? 0 : (double) matches[n] / totals[n];
      if (matches[n] == 0) zero = true;
      else logSum += Math.log(p[n]);
    }
    double bp = c == 0 ? 0 : c > r ? 1 : Math.exp(1 - (double) r / c);
    double bleu = zero ? 0 : 100 * bp * Math.exp(logSum / MAX_ORDER);
    return new Score(bleu, p, bp, c, r);
  }

  private static Map<String, Integer> ngrams(int[] tokens, int n) {
    Map<String, Integer> out = new HashMap<>();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i + n <= tokens.length; i++) {
      key.setLength(0);
      for (int j = i; j < i + n; j++) key.append(tokens[j]).append(',');
      out.merge(key.toString(), 1, Integer::sum);
    }
    return out;
  }
}
