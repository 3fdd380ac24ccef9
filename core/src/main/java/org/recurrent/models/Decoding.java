package org.recurrent.models;

/**
 * How a {@link SequenceDecoder} chooses output tokens. Every strategy stops a sequence at its end token or after
 * {@code maxLength} tokens (the end token included).
 * <pre>{@code
 * Greedy   y_t = argmax_k p(k | y_<t, x)                         ties: the lowest id
 * Beam     keeps the `width` best prefixes by log p; a finished hypothesis scores log p / lp(|y|),
 *          lp(n) = ((5 + n) / 6)^alpha (Wu et al. 2016, GNMT), alpha = lengthPenalty (0: raw log p);
 *          stops when `width` hypotheses have ended; width 1 is greedy search
 * Sample   y_t ~ softmax(z_t / temperature) over the topK largest logits (topK 0: all)
 * }</pre>
 */
public sealed interface Decoding permits Decoding.Greedy, Decoding.Beam, Decoding.Sample {

  /** Longest output, the end token included. */
  int maxLength();

  record Greedy(int maxLength) implements Decoding {
    public Greedy {
      checkLength(maxLength);
    }
  }

  record Beam(int width, double lengthPenalty, int maxLength) implements Decoding {
    public Beam {
      if (width < 1) throw new IllegalArgumentException("beam width must be >= 1, got " + width);
      if (!(lengthPenalty >= 0 && lengthPenalty <= 10)) {
        throw new IllegalArgumentException("length penalty alpha must be in [0, 10], got " + lengthPenalty);
      }
      checkLength(maxLength);
    }
  }

  record Sample(double temperature, int topK, long seed, int maxLength) implements Decoding {
    public Sample {
      if (!(temperature > 0 && temperature <= 100)) {
        throw new IllegalArgumentException("temperature must be in (0, 100], got " + temperature);
      }
      if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0 (0: all tokens), got " + topK);
      checkLength(maxLength);
    }
  }

  private static void checkLength(int maxLength) {
    if (maxLength < 1 || maxLength > 100_000) {
      throw new IllegalArgumentException("maximum output length must be in 1..100000, got " + maxLength);
    }
  }
}
