package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.ops.Fixtures.assertValues;
import static org.recurrent.ops.Fixtures.param;

import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class AlignmentOpsTest {

  @Test
  void additiveScoresMatchHandComputedValues() {
    // B=1, Tk=2, A=2: e_t = v . tanh(q + k_t), with q = (0.5, -1), k_0 = (0.5, 1), k_1 = (0, 0), v = (2, 3).
    Tensor q = Tensor.of(new float[] {0.5f, -1f}, 1, 2);
    Tensor k = Tensor.of(new float[] {0.5f, 1f, 0f, 0f}, 1, 2, 2);
    Tensor v = Tensor.of(new float[] {2f, 3f}, 2);
    float e0 = (float) (2 * Math.tanh(1.0) + 3 * Math.tanh(0.0));
    float e1 = (float) (2 * Math.tanh(0.5) + 3 * Math.tanh(-1.0));
    assertValues(new float[] {e0, e1}, Ops.additiveScores(q, k, v), 1e-6f);
  }

  @Test
  void dotScoresAndContextMatchHandComputedValues() {
    Tensor q = Tensor.of(new float[] {1, 2}, 1, 2);
    Tensor k = Tensor.of(new float[] {3, 4, -1, 0.5f, 0, 0}, 1, 3, 2);
    assertValues(new float[] {11, 0, 0}, Ops.dotScores(q, k), 1e-6f);
    Tensor w = Tensor.of(new float[] {0.25f, 0.75f, 0f}, 1, 3);
    assertValues(new float[] {0.75f - 0.75f, 1f + 0.375f}, Ops.attentionContext(w, k), 1e-6f);
  }

  @Test
  void additiveScoresBackwardMatchesFiniteDifferences() {
    Tensor q = param(1, 3, 7);
    Tensor k = param(2, 3, 5, 7);
    Tensor v = param(3, 7);
    GradCheck.create().check("additiveScores", () -> new Tensor[] {Ops.additiveScores(q, k, v)}, q, k, v);
  }

  @Test
  void dotScoresBackwardMatchesFiniteDifferences() {
    Tensor q = param(4, 2, 7);
    Tensor k = param(5, 2, 5, 7);
    GradCheck.create().check("dotScores", () -> new Tensor[] {Ops.dotScores(q, k)}, q, k);
  }

  @Test
  void contextBackwardMatchesFiniteDifferences() {
    Tensor w = param(6, 3, 5);
    Tensor val = param(7, 3, 5, 6);
    GradCheck.create().check("attentionContext", () -> new Tensor[] {Ops.attentionContext(w, val)}, w, val);
  }

  @Test
  void maskedAttentionChainBackwardMatchesFiniteDifferencesAndIgnoresPadding() {
    // the chain a decoder step runs: scores, masked softmax over real source steps, context
    Tensor q = param(8, 3, 7);
    Tensor k = param(9, 3, 5, 7);
    Tensor v = param(10, 7);
    Tensor val = param(11, 3, 5, 4);
    Tensor mask = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0}, 3, 5);
    GradCheck.create().check("additive attention", () -> {
      Tensor w = Ops.maskedSoftmax(Ops.additiveScores(q, k, v), mask);
      return new Tensor[] {Ops.attentionContext(w, val), w};
    }, q, k, v, val);
    // padding steps (b=1, t>=3; b=2, t>=1) receive no gradient at all
    val.clearGrad();
    k.clearGrad();
    Tensor w = Ops.maskedSoftmax(Ops.additiveScores(q, k, v), mask);
    Ops.sum(Ops.attentionContext(w, val)).backward();
    for (int b = 1; b < 3; b++) {
      for (int t = b == 1 ? 3 : 1; t < 5; t++) {
        for (int j = 0; j < 4; j++) assertEquals(0f, val.grad().get(b, t, j), "dvalues at padded (" + b + ", " + t + ")");
        for (int a = 0; a < 7; a++) assertEquals(0f, k.grad().get(b, t, a), "dkeys at padded (" + b + ", " + t + ")");
      }
    }
  }

  @Test
  void rejectsMismatchedShapes() {
    var e = assertThrows(IllegalArgumentException.class, () -> Ops.additiveScores(Tensor.zeros(2, 4),
        Tensor.zeros(2, 3, 5), Tensor.zeros(4)));
    assertEquals("additiveScores: query, keys and v must be (B, A), (B, Tk, A) and (A), got (2, 4), (2, 3, 5), (4)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Ops.dotScores(Tensor.zeros(3, 4), Tensor.zeros(2, 3, 4)));
    assertEquals("dotScores: query and keys must be (B, D) and (B, Tk, D), got (3, 4) and (2, 3, 4)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Ops.attentionContext(Tensor.zeros(2, 4),
        Tensor.zeros(2, 3, 4)));
    assertEquals("attention context: weights and values must be (B, Tk) and (B, Tk, Dv), got (2, 4) and (2, 3, 4)",
        e.getMessage());
  }
}
