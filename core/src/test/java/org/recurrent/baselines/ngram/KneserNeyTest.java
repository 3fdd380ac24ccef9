package org.recurrent.baselines.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KneserNeyTest {
  // "a b a b c" with a = 0, b = 1, c = 2 and id 3 never seen (an <unk>): every level's counts-of-counts are too
  // thin for the estimate, so each uses the fallback discounts 0.5, 1, 1.5 and the values below are worked by hand.
  private static final int[] ABABC = {0, 1, 0, 1, 2};
  private static final int A = 0, B = 1, C = 2, UNK = 3;

  @Test
  void orderOneIsTheDiscountedUnigramInterpolatedWithUniform() {
    KneserNey lm = KneserNey.fit(ABABC, 4, 2);
    // counts a 2, b 2, c 1 of N = 5; gamma = (0.5 * 1 + 1 * 2) / 5 = 0.5; P_0 = 1/4
    assertEquals((2 - 1) / 5.0 + 0.5 / 4, lm.probability(1, new int[] {B}, A), 1e-12);
    assertEquals((2 - 1) / 5.0 + 0.5 / 4, lm.probability(1, new int[0], B), 1e-12);
    assertEquals((1 - 0.5) / 5.0 + 0.5 / 4, lm.probability(1, new int[0], C), 1e-12);
    assertEquals(0.5 / 4, lm.probability(1, new int[0], UNK), 1e-12);
  }

  @Test
  void bigramValuesMatchAHandComputation() {
    KneserNey lm = KneserNey.fit(ABABC, 4, 2);
    // level 1 by continuation: a, b, c each follow 1 distinct token; gamma = 0.5 * 3 / 3 -> P_1c(a, b, c) = 7/24,
    // P_1c(unk) = 3/24. After b: ba 1, bc 1, gamma = 0.5 * 2 / 2. After a: ab 2, gamma = 1 * 1 / 2.
    assertEquals(19 / 48.0, lm.probability(2, new int[] {B}, A), 1e-12);
    assertEquals(19 / 48.0, lm.probability(2, new int[] {B}, C), 1e-12);
    assertEquals(7 / 48.0, lm.probability(2, new int[] {B}, B), 1e-12);
    assertEquals(3 / 48.0, lm.probability(2, new int[] {B}, UNK), 1e-12);
    assertEquals(31 / 48.0, lm.probability(2, new int[] {A}, B), 1e-12);
    assertEquals(7 / 48.0, lm.probability(2, new int[] {A}, A), 1e-12);
  }

  @Test
  void unseenHistoriesFallBackToTheContinuationUnigram() {
    KneserNey lm = KneserNey.fit(ABABC, 4, 3);
    // c is never followed by anything, so "c" and "c c" pass P_1c through unchanged
    assertEquals(7 / 24.0, lm.probability(2, new int[] {C}, A), 1e-12);
    assertEquals(7 / 24.0, lm.probability(3, new int[] {C, C}, A), 1e-12);
    assertEquals(3 / 24.0, lm.probability(3, new int[] {UNK, UNK}, UNK), 1e-12);
  }

  @Test
  void shortHistoryUsesTheOrderThatFits() {
    KneserNey lm = KneserNey.fit(ABABC, 4, 3);
    // one token of history for a trigram model: the bigram model (its top level counting bigrams)
    assertEquals(lm.probability(2, new int[] {B}, A), lm.probability(3, new int[] {B}, A), 1e-15);
    assertEquals(lm.probability(1, new int[0], A), lm.probability(3, new int[0], A), 1e-15);
  }

  @Test
  void distributionsSumToOneOverTheVocabularyForRandomHistories() {
    int V = 14;                                        // ids 12 and 13 never occur in training
    int[] text = markovText(20_000, 12, new Random(7));
    KneserNey lm = KneserNey.fit(text, V, 5);
    Random rng = new Random(11);
    for (int trial = 0; trial < 300; trial++) {
      int[] history = new int[rng.nextInt(6)];
      boolean fromText = rng.nextBoolean();             // seen histories and arbitrary (mostly unseen) ones
      int at = rng.nextInt(text.length - 6);
      for (int i = 0; i < history.length; i++) history[i] = fromText ? text[at + i] : rng.nextInt(V);
      for (int order = 1; order <= 5; order++) {
        double[] p = lm.distribution(order, history);
        double sum = 0;
        for (double v : p) {
          assertTrue(v > 0, "every id has a probability above zero");
          sum += v;
        }
        assertEquals(1.0, sum, 1e-9, "order " + order + " after " + java.util.Arrays.toString(history));
      }
    }
  }

  @Test
  void higherOrdersModelAMarkovTextBetterOnHeldOutText() {
    Random rng = new Random(3);
    int[] train = markovText(50_000, 10, rng), test = markovText(5_000, 10, rng);
    KneserNey lm = KneserNey.fit(train, 10, 4);
    double uniform = (test.length - 1) * Math.log(10);
    double one = lm.negativeLogLikelihood(1, test), three = lm.negativeLogLikelihood(3, test);
    // the text is second-order Markov: the trigram model must be far better than the unigram, which is at most uniform
    assertTrue(one < uniform, one + " vs uniform " + uniform);
    assertTrue(three < 0.8 * one, "trigram " + three + " vs unigram " + one);
  }

  @Test
  void negativeLogLikelihoodSumsEachTokenGivenItsHistory() {
    KneserNey lm = KneserNey.fit(ABABC, 4, 2);
    int[] text = {B, A, UNK, C};
    double expected = -Math.log(lm.probability(2, new int[] {B}, A)) - Math.log(lm.probability(2, new int[] {A}, UNK))
        - Math.log(lm.probability(2, new int[] {UNK}, C));
    assertEquals(expected, lm.negativeLogLikelihood(2, text), 1e-12);
  }

  @Test
  void rejectsIdsOutsideTheVocabularyAndOrdersNotFitted() {
    var e = assertThrows(IllegalArgumentException.class, () -> KneserNey.fit(new int[] {0, 5}, 4, 2));
    assertEquals("training token 1 has id 5, outside the vocabulary [0, 4)", e.getMessage());
    KneserNey lm = KneserNey.fit(ABABC, 4, 2);
    assertThrows(IllegalArgumentException.class, () -> lm.probability(2, new int[] {A}, 4));
    assertThrows(IllegalArgumentException.class, () -> lm.probability(2, new int[] {-1}, A));
    e = assertThrows(IllegalArgumentException.class, () -> lm.probability(3, new int[] {A}, A));
    assertEquals("order must be in 1..2 (the order fitted), got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KneserNey.fit(ABABC, 100_000, 4));
    assertTrue(e.getMessage().contains("use order <= 3"), e.getMessage());
  }

  /** A second-order Markov text: each token depends on the two before it through a fixed random table. */
  static int[] markovText(int n, int V, Random rng) {
    Random table = new Random(1);
    int[][] favourite = new int[V * V][2];
    for (int[] f : favourite) {
      f[0] = table.nextInt(V);
      f[1] = table.nextInt(V);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      if (i < 2 || rng.nextDouble() < 0.2) out[i] = rng.nextInt(V);
      else out[i] = favourite[out[i - 2] * V + out[i - 1]][rng.nextInt(2)];
    }
    return out;
  }

  @Test
  void countsAreTheTopOrderNgramsAndTheLastTokens() {
    NgramCounts c = KneserNey.fit(ABABC, 4, 3).counts();
    // 3-grams of "a b a b c": aba = 0*16 + 1*4 + 0 = 4, bab = 16 + 0 + 1 = 17, abc = 0 + 4 + 2 = 6
    assertArrayEquals(new long[] {4, 6, 17}, c.keys());
    assertArrayEquals(new int[] {1, 1, 1}, c.counts());
    assertArrayEquals(new int[] {B, C}, c.tail());
    assertEquals(5, c.trainingTokens());
  }

  /**
   * A model rebuilt from its counts alone gives every probability bit for bit, at every order, also for texts
   * shorter than the order (where the tail is the whole text) and with ids the text never holds.
   */
  @Test
  void aModelRebuiltFromItsCountsScoresBitForBitLikeTheFittedOne() {
    Random r = new Random(5);
    for (int length : new int[] {1, 2, 3, 4, 50, 3000}) {
      int[] text = new int[length];
      for (int i = 0; i < length; i++) text[i] = r.nextDouble() < 0.6 ? r.nextInt(3) : r.nextInt(6);   // skewed, id 6 never
      KneserNey fitted = KneserNey.fit(text, 7, 5);
      KneserNey loaded = KneserNey.fromCounts(fitted.counts());
      assertEquals(fitted.counts(), loaded.counts());
      int[] held = new int[200];
      for (int i = 0; i < held.length; i++) held[i] = r.nextInt(7);
      for (int order = 1; order <= 5; order++) {
        assertEquals(fitted.negativeLogLikelihood(order, held), loaded.negativeLogLikelihood(order, held), 0.0,
            "length " + length + ", order " + order);
        int[] history = {held[3], held[4], held[5], held[6]};
        assertArrayEquals(fitted.distribution(order, history), loaded.distribution(order, history), 0.0);
      }
    }
  }

  @Test
  void countsThatNoTextCouldHaveAreRefused() {
    // 3 tokens hold 2 bigrams; counts summing to 3 cannot come from them
    var e = assertThrows(IllegalArgumentException.class,
        () -> new NgramCounts(4, 2, 3, new int[] {1}, new long[] {1, 5}, new int[] {1, 2}));
    assertTrue(e.getMessage().contains("sum to 3, but a text of 3 tokens holds 2 2-grams"), e.getMessage());
    var unsorted = assertThrows(IllegalArgumentException.class,
        () -> new NgramCounts(4, 2, 3, new int[] {1}, new long[] {5, 1}, new int[] {1, 1}));
    assertTrue(unsorted.getMessage().contains("above the one before it"), unsorted.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new NgramCounts(4, 2, 3, new int[] {9}, new long[] {1, 5}, new int[] {1, 1}));
  }
}
