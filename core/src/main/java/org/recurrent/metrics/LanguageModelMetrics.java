package org.recurrent.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Language-model metrics from the negative log-likelihood summed over a text, in nats (natural log, what
 * {@code CrossEntropyLoss} with sum reduction gives), and the number of tokens it was summed over:
 *
 * <pre>{@code
 * CE         = NLL_sum / T                 mean nats per token
 * perplexity = exp(CE)
 * bpc        = NLL_sum / (C ln 2)          bits per character, C characters; = CE / ln 2 when tokens are characters
 * }</pre>
 *
 * <p>Take the sum over the whole evaluation text and divide once: averaging per-batch means weights short batches
 * too much. An infinite sum (a token given probability 0) gives infinite CE and perplexity; a negative or NaN
 * sum is rejected, since a likelihood of discrete tokens is at most 1.
 */
public final class LanguageModelMetrics {
  private static final double LN_2 = Math.log(2);

  private LanguageModelMetrics() {}

  public static double crossEntropy(double nllSumNats, long tokenCount) {
    check("cross-entropy", nllSumNats, "tokenCount", tokenCount);
    return nllSumNats / tokenCount;
  }

  public static double perplexity(double nllSumNats, long tokenCount) {
    check("perplexity", nllSumNats, "tokenCount", tokenCount);
    return Math.exp(nllSumNats / tokenCount);
  }

  /** Bits per character; for a subword model pass the character count of the text, not the token count. */
  public static double bitsPerCharacter(double nllSumNats, long characterCount) {
    check("bits per character", nllSumNats, "characterCount", characterCount);
    return nllSumNats / characterCount / LN_2;
  }

  /**
   * {@code cross_entropy, perplexity, bits_per_character}, in this order, for a character-level model (each token
   * is one character). For other tokenizations call {@link #bitsPerCharacter} with the character count.
   */
  public static Map<String, Double> summary(double nllSumNats, long tokenCount) {
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("cross_entropy", crossEntropy(nllSumNats, tokenCount));
    summary.put("perplexity", perplexity(nllSumNats, tokenCount));
    summary.put("bits_per_character", bitsPerCharacter(nllSumNats, tokenCount));
    return Collections.unmodifiableMap(summary);
  }

  private static void check(String metric, double nllSumNats, String countName, long count) {
    if (count < 1) throw new IllegalArgumentException(metric + ": " + countName + " must be >= 1, got " + count);
    if (!(nllSumNats >= 0)) {
      throw new IllegalArgumentException(metric + ": the summed negative log-likelihood must be >= 0 nats, got "
          + nllSumNats);
    }
  }
}
