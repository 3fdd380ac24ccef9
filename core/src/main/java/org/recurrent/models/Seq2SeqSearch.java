package org.recurrent.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.recurrent.data.text.ParallelText;
import org.recurrent.nn.Attention;
import org.recurrent.tensor.Tensor;

/**
 * The decoding strategies of {@link Seq2SeqModel} ({@link Decoding}), run without gradients over the model's
 * own {@link Seq2SeqModel#step}: greedy and sampling for a whole batch at once, beam search one source at a time
 * with its hypotheses as the batch rows. Log-probabilities are the model's, {@code log softmax(z_t)} in double.
 */
final class Seq2SeqSearch {
  private Seq2SeqSearch() {}

  /** Argmax at every step; a sequence stops at its end token, all stop after {@code maxLength} steps. */
  static List<SequenceDecoder.Decoded> greedy(Seq2SeqModel m, Seq2SeqModel.Encoded enc, int[] lengths, int maxLength) {
    return stepwise(m, enc, lengths, maxLength, (logits, b) -> argmax(logits, b));
  }

  /** softmax(z / temperature) over the top-k logits, drawn from one generator seeded by the options. */
  static List<SequenceDecoder.Decoded> sample(Seq2SeqModel m, Seq2SeqModel.Encoded enc, int[] lengths,
                                              Decoding.Sample how) {
    Random rng = new Random(how.seed());
    return stepwise(m, enc, lengths, how.maxLength(), (logits, b) -> {
      int K = logits.size(1);
      float[] z = logits.data();
      Integer[] order = new Integer[K];
      for (int k = 0; k < K; k++) order[k] = k;
      Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -z[b * K + k]).thenComparingInt(k -> k));
      int keep = how.topK() == 0 ? K : Math.min(how.topK(), K);
      double max = z[b * K + order[0]], total = 0;
      double[] p = new double[keep];
      for (int i = 0; i < keep; i++) total += p[i] = Math.exp((z[b * K + order[i]] - max) / how.temperature());
      double u = rng.nextDouble() * total;
      for (int i = 0; i < keep; i++) {
        u -= p[i];
        if (u < 0) return order[i];
      }
      return order[keep - 1];
    });
  }

  private interface Chooser {
    int choose(Tensor logits, int row);
  }

  private static List<SequenceDecoder.Decoded> stepwise(Seq2SeqModel m, Seq2SeqModel.Encoded enc, int[] lengths,
                                                        int maxLength, Chooser chooser) {
    int B = lengths.length;
    int[] prev = new int[B];
    Arrays.fill(prev, ParallelText.BOS_ID);
    List<List<Integer>> tokens = new ArrayList<>();
    List<List<float[]>> attention = new ArrayList<>();
    for (int b = 0; b < B; b++) {
      tokens.add(new ArrayList<>());
      attention.add(new ArrayList<>());
    }
    double[] logp = new double[B];
    boolean[] ended = new boolean[B];
    Seq2SeqModel.State s = enc.initial();
    int open = B;
    for (int t = 0; t < maxLength && open > 0; t++) {
      Seq2SeqModel.Step step = m.step(prev, s, enc.memory());
      for (int b = 0; b < B; b++) {
        if (ended[b]) continue;
        int k = chooser.choose(step.logits(), b);
        logp[b] += logSoftmax(step.logits(), b)[k];
        attention.get(b).add(weights(step.weights(), b, lengths[b]));
        prev[b] = k;
        if (k == m.endId()) {
          ended[b] = true;
          open--;
        } else {
          tokens.get(b).add(k);
        }
      }
      s = step.state();
    }
    List<SequenceDecoder.Decoded> out = new ArrayList<>(B);
    for (int b = 0; b < B; b++) {
      out.add(new SequenceDecoder.Decoded(tokens.get(b).stream().mapToInt(Integer::intValue).toArray(), ended[b],
          attention.get(b).toArray(new float[0][]), logp[b]));
    }
    return out;
  }

  /** A partial output: its tokens (no end token), log p, and the attention rows of its steps. */
  private record Hypothesis(int[] tokens, double logp, List<float[]> attention) {
    Hypothesis extend(int k, double lp, float[] weights, boolean end) {
      int[] t = end ? tokens : Arrays.copyOf(tokens, tokens.length + 1);
      if (!end) t[tokens.length] = k;
      List<float[]> a = new ArrayList<>(attention);
      a.add(weights);
      return new Hypothesis(t, logp + lp, a);
    }
  }

  /**
   * Beam search over one source (its encoding a batch of one row, {@link #row}). Each step scores every
   * continuation of every live hypothesis, keeps the {@code width} best by log p (ties: the earlier hypothesis,
   * then the lower id); those ending in the end token (or reaching the maximum length) are finished. Stops when
   * {@code width} are finished; the answer is the finished one of highest {@code log p / lp(n)}.
   */
  static SequenceDecoder.Decoded beam(Seq2SeqModel m, Seq2SeqModel.Encoded one, int length, Decoding.Beam how) {
    int W = how.width();
    List<Hypothesis> live = List.of(new Hypothesis(new int[0], 0, List.of()));
    Seq2SeqModel.State state = one.initial();
    int[] prev = {ParallelText.BOS_ID};
    List<Hypothesis> finished = new ArrayList<>();
    List<Boolean> finishedEnded = new ArrayList<>();
    for (int t = 0; t < how.maxLength() && !live.isEmpty() && finished.size() < W; t++) {
      int n = live.size();
      Seq2SeqModel.Step step = m.step(prev, state, repeat(one.memory(), n));
      int K = step.logits().size(1);
      double[][] lp = new double[n][];
      for (int i = 0; i < n; i++) lp[i] = logSoftmax(step.logits(), i);
      int total = n * K;
      Integer[] order = new Integer[total];
      for (int j = 0; j < total; j++) order[j] = j;
      final List<Hypothesis> current = live;
      Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -(current.get(j / K).logp() + lp[j / K][j % K]))
          .thenComparingInt(j -> j));
      List<Hypothesis> next = new ArrayList<>();
      List<Integer> rows = new ArrayList<>();
      List<Integer> ids = new ArrayList<>();
      for (int r = 0; r < Math.min(W, total); r++) {
        int i = order[r] / K, k = order[r] % K;
        boolean end = k == m.endId();
        Hypothesis h = live.get(i).extend(k, lp[i][k], weights(step.weights(), i, length), end);
        if (end || t == how.maxLength() - 1) {
          finished.add(h);
          finishedEnded.add(end);
        } else {
          next.add(h);
          rows.add(i);
          ids.add(k);
        }
      }
      live = next;
      if (!next.isEmpty()) {
        state = gather(step.state(), rows.stream().mapToInt(Integer::intValue).toArray());
        prev = ids.stream().mapToInt(Integer::intValue).toArray();
      }
    }
    if (finished.isEmpty()) {                                                 // cannot happen: the last step finishes all
      throw new IllegalStateException("beam search finished no hypothesis");
    }
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < finished.size(); i++) {
      Hypothesis h = finished.get(i);
      int steps = h.attention().size();
      double score = h.logp() / Math.pow((5.0 + steps) / 6.0, how.lengthPenalty());
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    Hypothesis h = finished.get(best);
    return new SequenceDecoder.Decoded(h.tokens(), finishedEnded.get(best), h.attention().toArray(new float[0][]),
        h.logp());
  }

  /** Source b of a batch's encoding, as a batch of one trimmed to its own {@code length} steps. */
  static Seq2SeqModel.Encoded row(Seq2SeqModel.Encoded all, int b, int length) {
    Attention.Memory m = all.memory();
    Attention.Memory one = m == null ? null
        : new Attention.Memory(steps(m.values(), b, length), steps(m.keys(), b, length), null);
    return new Seq2SeqModel.Encoded(one, gather(all.initial(), new int[] {b}));
  }

  /** (B, Ts, F) to (1, length, F): row b's first steps. */
  private static Tensor steps(Tensor x, int b, int length) {
    int Ts = x.size(1), F = x.size(2);
    return Tensor.of(Arrays.copyOfRange(x.data(), b * Ts * F, (b * Ts + length) * F), 1, length, F);
  }

  /** A memory of one row repeated n times. */
  private static Attention.Memory repeat(Attention.Memory m, int n) {
    if (m == null || n == 1) return m;
    int[] rows = new int[n];
    return new Attention.Memory(rows(m.values(), rows), rows(m.keys(), rows), null);
  }

  private static Seq2SeqModel.State gather(Seq2SeqModel.State s, int[] idx) {
    Tensor[] h = new Tensor[s.h().length], c = s.c() == null ? null : new Tensor[s.c().length];
    for (int l = 0; l < h.length; l++) {
      h[l] = rows(s.h()[l], idx);
      if (c != null) c[l] = rows(s.c()[l], idx);
    }
    return new Seq2SeqModel.State(h, c, s.feed() == null ? null : rows(s.feed(), idx));
  }

  /** Rows idx of x (N, ...), a copy (no gradient: decoding only). */
  private static Tensor rows(Tensor x, int[] idx) {
    int[] shape = x.shape().clone();
    int stride = x.numel() / shape[0];
    shape[0] = idx.length;
    float[] out = new float[idx.length * stride];
    for (int r = 0; r < idx.length; r++) System.arraycopy(x.data(), idx[r] * stride, out, r * stride, stride);
    return Tensor.of(out, shape);
  }

  /** Row b's weights over its first {@code length} source steps; empty without attention. */
  private static float[] weights(Tensor w, int b, int length) {
    if (w == null) return new float[0];
    int Tk = w.size(1);
    return Arrays.copyOfRange(w.data(), b * Tk, b * Tk + length);
  }

  private static int argmax(Tensor logits, int b) {
    int K = logits.size(1);
    float[] z = logits.data();
    int best = 0;
    for (int k = 1; k < K; k++) if (z[b * K + k] > z[b * K + best]) best = k;
    return best;
  }

  private static double[] logSoftmax(Tensor logits, int b) {
    int K = logits.size(1);
    float[] z = logits.data();
    double max = Double.NEGATIVE_INFINITY, sum = 0;
    for (int k = 0; k < K; k++) max = Math.max(max, z[b * K + k]);
    for (int k = 0; k < K; k++) sum += Math.exp(z[b * K + k] - max);
    double log = Math.log(sum);
    double[] out = new double[K];
    for (int k = 0; k < K; k++) out[k] = z[b * K + k] - max - log;
    return out;
  }
}
