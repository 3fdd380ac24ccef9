package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class AttentionTest {
  private static final int[] LENGTHS = {5, 3};

  private static Tensor param(long seed, int... shape) {
    return Tensor.uniform(new Random(seed), -1f, 1f, shape).requiresGrad(true);
  }

  private static List<Attention> kinds() {
    return List.of(new AdditiveAttention(6, 4, 7, new Random(1)), new DotAttention(4),
        new GeneralAttention(6, 4, new Random(2)));
  }

  @Test
  void backwardMatchesFiniteDifferencesForEveryKind() {
    for (Attention att : kinds()) {
      Tensor q = param(3, 2, att.queryWidth());
      Tensor h = param(4, 2, 5, att.valueWidth());
      Tensor mask = Attention.mask(LENGTHS, 5);
      Tensor[] inputs = java.util.stream.Stream.concat(java.util.stream.Stream.of(q, h),
          att.parameters().stream()).toArray(Tensor[]::new);
      GradCheck.create().check(att.getClass().getSimpleName(), () -> {
        Attention.Result r = att.attend(q, att.memory(h, mask));
        return new Tensor[] {r.context(), r.weights()};
      }, inputs);
    }
  }

  @Test
  void weightsSumToOneOverRealStepsAndAreZeroOnPadding() {
    for (Attention att : kinds()) {
      Attention.Result r = att.attend(param(5, 2, att.queryWidth()), att.memory(param(6, 2, 5, att.valueWidth()),
          Attention.mask(LENGTHS, 5)));
      for (int b = 0; b < 2; b++) {
        double sum = 0;
        for (int t = 0; t < 5; t++) {
          float w = r.weights().get(b, t);
          if (t >= LENGTHS[b]) assertEquals(0f, w, att + " weight on padding");
          sum += w;
        }
        assertEquals(1.0, sum, 1e-6, att.getClass().getSimpleName() + " weights of row " + b);
      }
    }
  }

  @Test
  void dotAttentionPicksTheMatchingState() {
    // a query equal to a large multiple of state 1 puts (almost) all weight there, so the context is state 1
    Tensor h = Tensor.of(new float[] {1, 0, 0, 1, -1, 0}, 1, 3, 2);
    Tensor q = Tensor.of(new float[] {0, 20}, 1, 2);
    Attention.Result r = new DotAttention(2).attend(q, new DotAttention(2).memory(h, null));
    assertEquals(1f, r.weights().get(0, 1), 1e-6f);
    assertArrayEquals(new float[] {0, 1}, r.context().data(), 1e-6f);
  }

  @Test
  void stateDictKeysNameEachProjection() {
    assertEquals(List.of("v", "query.weight", "key.weight"),                 // own parameters first, as PyTorch
        List.copyOf(new AdditiveAttention(6, 4, 7, new Random(1)).stateDict().keySet()));
    assertEquals(List.of("key.weight"), List.copyOf(new GeneralAttention(6, 4, new Random(1)).stateDict().keySet()));
    assertEquals(List.of(), List.copyOf(new DotAttention(4).stateDict().keySet()));
  }

  @Test
  void rejectsQueryOfWrongWidth() {
    Attention att = new GeneralAttention(6, 4, new Random(1));
    Attention.Memory m = att.memory(Tensor.zeros(2, 5, 4), null);
    var e = assertThrows(IllegalArgumentException.class, () -> att.attend(Tensor.zeros(2, 4), m));
    assertEquals("GeneralAttention query must be (B=2, Hq=6), got (2, 4)", e.getMessage());
  }
}
