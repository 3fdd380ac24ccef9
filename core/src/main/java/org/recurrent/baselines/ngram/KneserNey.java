package org.recurrent.baselines.ngram;

import java.util.Arrays;

/**
 * An n-gram language model over token ids with interpolated modified Kneser-Ney smoothing (Chen and Goodman 1998;
 * the smoothing KenLM and SRILM's {@code -kndiscount -interpolate} use), fitted once up to {@code maxOrder} and
 * asked at any order {@code n <= maxOrder}: the lectures' "Markov" side of "RNN vs Markov".
 *
 * <p>For a history {@code h} (the previous n-1 tokens) and its shortening {@code h'} (the previous n-2):
 * <pre>{@code
 * P_n(w | h) = max(c(h w) - D(c(h w)), 0) / c(h .)  +  gamma(h) P_{n-1}(w | h')
 * gamma(h)   = (D1 N1(h .) + D2 N2(h .) + D3+ N3+(h .)) / c(h .)
 * P_0(w)     = 1 / V                                              the recursion ends in the uniform distribution
 * }</pre>
 * where {@code c(h .) = sum_w c(h w)}, {@code N_r(h .)} is the number of tokens w with {@code c(h w) = r} (r or more
 * for N3+) and the discounts D are {@link Discounts#estimate estimated} per level. The highest level counts n-grams
 * in the text; every lower level k < n counts continuations instead, {@code c(g) = N1+(. g)}, the number of
 * distinct tokens seen right before the k-gram g (why: a lower level is only consulted as the back-off of a longer
 * history, and there "Francisco" should weigh by how many contexts it follows, not by how often it occurs). A
 * history never seen ({@code c(h .) = 0}) passes the lower level's probability through unchanged. At the start of
 * a text, where fewer than n-1 tokens precede, the model of the order that fits is used (its top level counting
 * n-grams).
 *
 * <p>Unseen tokens. The vocabulary is the caller's: ids in [0, V), including ids the training text never holds
 * (a language model's {@code <unk>}, to which a text's characters outside the vocabulary are mapped, or characters
 * of the vocabulary that only other parts of the text contain). Because the recursion ends in {@code 1 / V} and
 * every gamma is positive, every id in [0, V) gets a probability above zero after every history, so a held-out
 * text never costs infinitely many bits; an id outside [0, V) is an error.
 *
 * <p>Keys. A k-gram {@code t_1 .. t_k} is packed into one {@code long}, {@code sum_j t_j V^(k-j)}, so its history
 * is {@code key / V} and its last k-1 tokens are {@code key mod V^(k-1)}; {@code V^maxOrder} must fit in 63 bits
 * ({@link #largestOrder}). Fitting costs O(N maxOrder) time for N training tokens; scoring a token O(n).
 */
public final class KneserNey {
  private final int vocabularySize;
  private final int maxOrder;
  private final long trainingTokens;
  private final long[] power;                // power[k] = V^k
  private final Level[] counted;             // counted[k]: k-grams counted in the text (the top level of order k)
  private final Level[] continued;           // continued[k]: k-grams counted by distinct left neighbours (k < maxOrder)

  private final int[] tail;                  // the last min(N, maxOrder - 1) training tokens
  private final CountTable top;              // the maxOrder-grams' counts, which with the tail give every level

  private KneserNey(int vocabularySize, int maxOrder, long trainingTokens, long[] power, Level[] counted,
                    Level[] continued, int[] tail, CountTable top) {
    this.vocabularySize = vocabularySize;
    this.maxOrder = maxOrder;
    this.trainingTokens = trainingTokens;
    this.power = power;
    this.counted = counted;
    this.continued = continued;
    this.tail = tail;
    this.top = top;
  }

  /**
   * Fits the counts of orders 1 to {@code maxOrder} on {@code ids} (one text, in order).
   *
   * @param vocabularySize V: every id is in [0, V)
   * @throws IllegalArgumentException if the text is empty, an id is outside [0, V), maxOrder is below 1, or
   *                                  V^maxOrder does not fit in 63 bits
   */
  public static KneserNey fit(int[] ids, int vocabularySize, int maxOrder) {
    if (vocabularySize < 1) throw new IllegalArgumentException("vocabulary size must be >= 1, got " + vocabularySize);
    if (maxOrder < 1) throw new IllegalArgumentException("Kneser-Ney order must be >= 1, got " + maxOrder);
    if (maxOrder > largestOrder(vocabularySize)) {
      throw new IllegalArgumentException("Kneser-Ney order " + maxOrder + " over a vocabulary of " + vocabularySize
          + " tokens needs n-gram keys wider than 64 bits; use order <= " + largestOrder(vocabularySize));
    }
    if (ids.length == 0) throw new IllegalArgumentException("Kneser-Ney needs a training text of at least one token");
    for (int i = 0; i < ids.length; i++) checkId(ids[i], vocabularySize, "training token " + i);
    CountTable[] raw = new CountTable[maxOrder + 1];
    for (int k = 1; k <= maxOrder; k++) {
      raw[k] = new CountTable();
      for (int i = 0; i + k <= ids.length; i++) raw[k].add(pack(ids, i, k, vocabularySize), 1);
    }
    int[] tail = Arrays.copyOfRange(ids, ids.length - Math.min(ids.length, maxOrder - 1), ids.length);
    return of(vocabularySize, maxOrder, ids.length, raw, tail);
  }

  /**
   * The model {@link #counts} were taken from, rebuilt from them alone: the same counts at every level, so it
   * scores every text exactly as the fitted model did (see {@link NgramCounts} for why the top level and the tail
   * determine the rest).
   */
  public static KneserNey fromCounts(NgramCounts c) {
    int V = c.vocabularySize(), n = c.maxOrder();
    CountTable[] raw = new CountTable[n + 1];
    raw[n] = new CountTable();
    long[] keys = c.keys();
    int[] counts = c.counts();
    for (int i = 0; i < keys.length; i++) raw[n].add(keys[i], counts[i]);
    int[] tail = c.tail();
    for (int k = n - 1; k >= 1; k--) {
      CountTable prefixes = new CountTable();                                // c_k(g) = sum_w c_{k+1}(g w) ...
      raw[k + 1].forEach((key, count) -> prefixes.add(key / V, count));
      if (c.trainingTokens() >= k) prefixes.add(pack(tail, tail.length - k, k, V), 1);   // ... + the last k-gram
      raw[k] = prefixes;
    }
    return of(V, n, c.trainingTokens(), raw, tail);
  }

  /** What this model needs to score, to save it without its training text. */
  public NgramCounts counts() {
    long[] keys = new long[top.size()];
    int[] i = {0};
    top.forEach((key, count) -> keys[i[0]++] = key);
    Arrays.sort(keys);
    int[] counts = new int[keys.length];
    for (int j = 0; j < keys.length; j++) counts[j] = top.get(keys[j]);
    return new NgramCounts(vocabularySize, maxOrder, trainingTokens, tail, keys, counts);
  }

  /** The levels from raw counts {@code raw[k]} of the k-grams, k = 1..maxOrder. */
  private static KneserNey of(int vocabularySize, int maxOrder, long trainingTokens, CountTable[] raw, int[] tail) {
    long[] power = new long[maxOrder + 1];
    power[0] = 1;
    for (int k = 1; k <= maxOrder; k++) power[k] = power[k - 1] * vocabularySize;
    Level[] counted = new Level[maxOrder + 1];
    Level[] continued = new Level[maxOrder];
    for (int k = 1; k <= maxOrder; k++) counted[k] = new Level(raw[k], vocabularySize);
    for (int k = 1; k < maxOrder; k++) {
      CountTable left = new CountTable();                                     // N1+(. g) for every k-gram g
      long suffix = power[k];
      raw[k + 1].forEach((key, count) -> left.add(key % suffix, 1));
      continued[k] = new Level(left, vocabularySize);
    }
    return new KneserNey(vocabularySize, maxOrder, trainingTokens, power, counted, continued, tail, raw[maxOrder]);
  }

  /** The largest order whose n-gram keys fit in 63 bits for a vocabulary of {@code vocabularySize} (at least 1). */
  public static int largestOrder(int vocabularySize) {
    int order = 0;
    long p = 1;
    while (p <= Long.MAX_VALUE / Math.max(2, vocabularySize)) {
      p *= Math.max(2, vocabularySize);
      order++;
    }
    return Math.max(1, order);
  }

  public int vocabularySize() {
    return vocabularySize;
  }

  public int maxOrder() {
    return maxOrder;
  }

  /** N, the number of training tokens. */
  public long trainingTokens() {
    return trainingTokens;
  }

  /**
   * {@code P_order(w | history)}, from the last {@code order - 1} tokens of {@code history} (fewer when it is
   * shorter).
   */
  public double probability(int order, int[] history, int w) {
    return probability(order, history, 0, history.length, w);
  }

  /** The whole next-token distribution after {@code history}, V probabilities summing to one. */
  public double[] distribution(int order, int[] history) {
    double[] p = new double[vocabularySize];
    for (int w = 0; w < vocabularySize; w++) p[w] = probability(order, history, 0, history.length, w);
    return p;
  }

  /**
   * The negative log-likelihood in nats of tokens 1 .. N-1 of {@code ids}, each given the tokens before it in
   * {@code ids} (the first token only serves as history, as for a recurrent model that reads it).
   */
  public double negativeLogLikelihood(int order, int[] ids) {
    double nll = 0;
    for (int i = 1; i < ids.length; i++) nll -= Math.log(probability(order, ids, Math.max(0, i - order + 1), i, ids[i]));
    return nll;
  }

  /** {@code P_order(w | text[from, to))}, using at most the last order-1 tokens of the history. */
  double probability(int order, int[] text, int from, int to, int w) {
    if (order < 1 || order > maxOrder) {
      throw new IllegalArgumentException("order must be in 1.." + maxOrder + " (the order fitted), got " + order);
    }
    checkId(w, vocabularySize, "token");
    int top = Math.min(order, to - from + 1);                                // the longest level this history reaches
    double p = 1.0 / vocabularySize;                                        // P_0
    for (int k = 1; k <= top; k++) {
      for (int i = to - k + 1; i < to; i++) checkId(text[i], vocabularySize, "history token " + i);
      long history = pack(text, to - k + 1, k - 1, vocabularySize);
      p = (k == top ? counted[k] : continued[k]).interpolate(history, w, vocabularySize, p);
    }
    return p;
  }

  private static long pack(int[] ids, int from, int length, int V) {
    long key = 0;
    for (int j = from; j < from + length; j++) key = key * V + ids[j];
    return key;
  }

  private static void checkId(int id, int V, String what) {
    if (id < 0 || id >= V) throw new IllegalArgumentException(what + " has id " + id + ", outside the vocabulary [0, " + V + ")");
  }

  /** One level k: counts of k-grams, per history (k-1 tokens) their sum and how many are seen 1, 2, 3+ times. */
  private static final class Level {
    private final CountTable grams;
    private final CountTable total = new CountTable(), once = new CountTable(), twice = new CountTable(),
        more = new CountTable();
    private final Discounts d;

    Level(CountTable grams, int V) {
      this.grams = grams;
      long[] countOfCounts = new long[5];                                   // n_1 .. n_4
      grams.forEach((key, c) -> {
        long history = key / V;
        total.add(history, c);
        (c == 1 ? once : c == 2 ? twice : more).add(history, 1);
        if (c <= 4) countOfCounts[c]++;
      });
      d = Discounts.estimate(countOfCounts[1], countOfCounts[2], countOfCounts[3], countOfCounts[4]);
    }

    /** P_k(w | history) given P_{k-1}(w | history') = {@code lower}. */
    double interpolate(long history, int w, int V, double lower) {
      int t = total.get(history);
      if (t == 0) return lower;
      int c = grams.get(history * V + w);
      double gamma = (d.d1() * once.get(history) + d.d2() * twice.get(history) + d.d3plus() * more.get(history)) / t;
      return (c > 0 ? (c - d.of(c)) / t : 0) + gamma * lower;
    }
  }
}
