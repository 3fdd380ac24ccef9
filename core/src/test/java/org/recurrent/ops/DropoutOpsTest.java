package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.ops.Fixtures.param;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

class DropoutOpsTest {

  @Test
  void isIdentityWhenNotTrainingOrWithZeroProbability() {
    Tensor x = param(1, 3, 5);
    assertSame(x, Ops.dropout(x, 0.5f, false, new Random(1)));
    assertSame(x, Ops.dropout(x, 0f, true, new Random(1)));
  }

  @Test
  void keptElementsAreScaledByOneOverKeepProbability() {
    Tensor x = Tensor.ones(1000);
    Tensor y = Ops.dropout(x, 0.25f, true, new Random(2));
    int kept = 0;
    for (float v : y.data()) {
      assertTrue(v == 0f || Math.abs(v - 4f / 3f) < 1e-6f, "dropout output must be 0 or 1/(1-p), got " + v);
      if (v != 0f) kept++;
    }
    assertTrue(kept > 0 && kept < 1000, "some but not all elements kept, got " + kept);
  }

  @Test
  void dropFractionMatchesProbability() {
    int n = 100_000;
    Tensor y = Ops.dropout(Tensor.ones(n), 0.3f, true, new Random(3));
    int dropped = 0;
    for (float v : y.data()) if (v == 0f) dropped++;
    // Binomial standard deviation sqrt(0.21 / n) ~ 0.0014; 0.01 is seven of them.
    assertEquals(0.3, dropped / (double) n, 0.01);
  }

  @Test
  void sameSeedGivesSameMask() {
    Tensor x = param(4, 3, 5, 7);
    Tensor a = Ops.dropout(x, 0.5f, true, new Random(9));
    Tensor b = Ops.dropout(x, 0.5f, true, new Random(9));
    for (int i = 0; i < a.numel(); i++) assertEquals(a.data()[i], b.data()[i]);
  }

  @Test
  void backwardMatchesFiniteDifferencesForAFixedMask() {
    Tensor x = param(5, 3, 5, 7);
    GradCheck.create().check("dropout", () -> new Tensor[] {Ops.dropout(x, 0.4f, true, new Random(42))}, x);
  }

  @Test
  void gradientIsZeroExactlyWhereTheOutputWasDropped() {
    Tensor x = Tensor.ones(50).requiresGrad(true);
    Tensor y = Ops.dropout(x, 0.5f, true, new Random(6));
    Ops.sum(y).backward();
    for (int i = 0; i < 50; i++) assertEquals(y.data()[i], x.grad().data()[i]);
  }

  @Test
  void rejectsProbabilityOutsideHalfOpenUnitInterval() {
    Tensor x = Tensor.ones(2);
    var one = assertThrows(IllegalArgumentException.class, () -> Ops.dropout(x, 1f, true, new Random(1)));
    assertEquals("dropout: probability p must be in [0, 1), got 1.0", one.getMessage());
    var neg = assertThrows(IllegalArgumentException.class, () -> Ops.dropout(x, -0.1f, false, new Random(1)));
    assertEquals("dropout: probability p must be in [0, 1), got -0.1", neg.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ops.dropout(x, Float.NaN, true, new Random(1)));
  }
}
