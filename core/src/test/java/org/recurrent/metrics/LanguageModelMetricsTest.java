package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageModelMetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void fourEquallyLikelyChoicesGivePerplexityFourAndTwoBits() {
    // 5 tokens each given probability 1/4: NLL_sum = 5 ln 4 = 10 ln 2
    // CE = 10 ln 2 / 5 = 2 ln 2 = 1.386...; perplexity = e^(2 ln 2) = 4; bpc = 2 ln 2 / ln 2 = 2
    double nll = 10 * Math.log(2);
    assertEquals(2 * Math.log(2), LanguageModelMetrics.crossEntropy(nll, 5), EPS);
    assertEquals(4.0, LanguageModelMetrics.perplexity(nll, 5), EPS);
    assertEquals(2.0, LanguageModelMetrics.bitsPerCharacter(nll, 5), EPS);
    // a subword model: the same NLL over 20 characters -> 10 ln 2 / (20 ln 2) = 0.5 bits per character
    assertEquals(0.5, LanguageModelMetrics.bitsPerCharacter(nll, 20), EPS);
  }

  @Test
  void summaryHasStableKeysInOrder() {
    Map<String, Double> summary = LanguageModelMetrics.summary(10 * Math.log(2), 5);
    assertEquals(List.of("cross_entropy", "perplexity", "bits_per_character"), List.copyOf(summary.keySet()));
    assertEquals(4.0, summary.get("perplexity"), EPS);
    assertEquals(2.0, summary.get("bits_per_character"), EPS);
  }

  @Test
  void oneTokenAndACertainModelAreValid() {
    // one token given probability 1: NLL 0 -> CE 0, perplexity 1, 0 bits
    assertEquals(0.0, LanguageModelMetrics.crossEntropy(0.0, 1));
    assertEquals(1.0, LanguageModelMetrics.perplexity(0.0, 1));
    assertEquals(0.0, LanguageModelMetrics.bitsPerCharacter(0.0, 1));
    // one token given probability 1/2: NLL ln 2 -> perplexity 2, 1 bit
    assertEquals(2.0, LanguageModelMetrics.perplexity(Math.log(2), 1), EPS);
    assertEquals(1.0, LanguageModelMetrics.bitsPerCharacter(Math.log(2), 1), EPS);
  }

  @Test
  void zeroProbabilityGivesInfinitePerplexity() {
    assertEquals(Double.POSITIVE_INFINITY, LanguageModelMetrics.perplexity(Double.POSITIVE_INFINITY, 3));
  }

  @Test
  void rejectsNoTokensAndNegativeOrNaNLikelihood() {
    var tokens = assertThrows(IllegalArgumentException.class, () -> LanguageModelMetrics.perplexity(1.0, 0));
    assertEquals("perplexity: tokenCount must be >= 1, got 0", tokens.getMessage());
    var negative = assertThrows(IllegalArgumentException.class, () -> LanguageModelMetrics.crossEntropy(-1.0, 3));
    assertEquals("cross-entropy: the summed negative log-likelihood must be >= 0 nats, got -1.0",
        negative.getMessage());
    var nan = assertThrows(IllegalArgumentException.class,
        () -> LanguageModelMetrics.bitsPerCharacter(Double.NaN, 3));
    assertEquals("bits per character: the summed negative log-likelihood must be >= 0 nats, got NaN",
        nan.getMessage());
  }
}
