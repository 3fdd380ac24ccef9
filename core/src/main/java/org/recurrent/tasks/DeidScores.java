package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recurrent.data.deid.BioSpans;

/**
 * Precision, recall and F1 of PHI tags, per type and micro-averaged over the types, at two levels:
 * <pre>{@code
 * span  (conlleval): a predicted span is right when a true span has the same type, start and end
 *       ({@link BioSpans}: an I- without its B- still starts a span)
 * token: each token's type (B-X and I-X are both X; O is no type): for type X, tp = [truth X and predicted X],
 *        fp = [predicted X, truth not X], fn = [truth X, predicted not X]
 * P = tp / (tp + fp), R = tp / (tp + fn), F1 = 2PR / (P + R); each 0 when its denominator is 0
 * }</pre>
 * Keys: {@code span_precision}, {@code span_recall}, {@code span_f1}, {@code token_...}, and per type
 * {@code span_f1_name}, {@code token_recall_date}, ... for every type that is true or predicted somewhere.
 */
public final class DeidScores {
  private DeidScores() {}

  /** Scores {@code predicted} against {@code truth}, one tag list per note, keys prefixed by {@code prefix}. */
  public static Map<String, Double> of(List<List<String>> truth, List<List<String>> predicted, String prefix) {
    if (truth.size() != predicted.size()) {
      throw new IllegalArgumentException(truth.size() + " true tag lists but " + predicted.size() + " predicted");
    }
    Map<String, int[]> spans = new LinkedHashMap<>(), tokens = new LinkedHashMap<>();   // type -> {tp, fp, fn}
    for (int n = 0; n < truth.size(); n++) {
      List<String> t = truth.get(n), p = predicted.get(n);
      if (t.size() != p.size()) {
        throw new IllegalArgumentException("note " + n + ": " + t.size() + " true tags but " + p.size() + " predicted");
      }
      Set<BioSpans.Span> trueSpans = new HashSet<>(BioSpans.of(t));
      List<BioSpans.Span> predictedSpans = BioSpans.of(p);
      for (BioSpans.Span s : predictedSpans) {
        int[] c = spans.computeIfAbsent(s.type(), k -> new int[3]);
        if (trueSpans.contains(s)) c[0]++;
        else c[1]++;
      }
      Set<BioSpans.Span> found = new HashSet<>(predictedSpans);
      for (BioSpans.Span s : trueSpans) if (!found.contains(s)) spans.computeIfAbsent(s.type(), k -> new int[3])[2]++;
      for (int i = 0; i < t.size(); i++) {
        String tt = BioSpans.type(t.get(i)), pt = BioSpans.type(p.get(i));
        if (tt != null && tt.equals(pt)) {
          tokens.computeIfAbsent(tt, k -> new int[3])[0]++;
          continue;
        }
        if (pt != null) tokens.computeIfAbsent(pt, k -> new int[3])[1]++;
        if (tt != null) tokens.computeIfAbsent(tt, k -> new int[3])[2]++;
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    put(out, prefix + "span", total(spans));
    put(out, prefix + "token", total(tokens));
    for (String type : sorted(spans, tokens)) {
      String suffix = "_" + type.toLowerCase(java.util.Locale.ROOT);
      put(out, prefix + "span", suffix, spans.getOrDefault(type, new int[3]));
      put(out, prefix + "token", suffix, tokens.getOrDefault(type, new int[3]));
    }
    return out;
  }

  private static List<String> sorted(Map<String, int[]> a, Map<String, int[]> b) {
    Set<String> all = new java.util.TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    return new ArrayList<>(all);
  }

  private static int[] total(Map<String, int[]> counts) {
    int[] sum = new int[3];
    for (int[] c : counts.values()) for (int k = 0; k < 3; k++) sum[k] += c[k];
    return sum;
  }

  private static void put(Map<String, Double> out, String level, int[] c) {
    put(out, level, "", c);
  }

  private static void put(Map<String, Double> out, String level, String suffix, int[] c) {
    double p = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
    double r = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
    out.put(level + "_precision" + suffix, p);
    out.put(level + "_recall" + suffix, r);
    out.put(level + "_f1" + suffix, p + r == 0 ? 0 : 2 * p * r / (p + r));
  }
}
