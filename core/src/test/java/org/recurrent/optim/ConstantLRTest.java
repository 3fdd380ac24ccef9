package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.optim.Grads.param;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConstantLRTest {

  @Test
  void pyTorchDefaultsUseAThirdForFiveEpochs() {
    SGD sgd = new SGD(List.of(param(1f)), 0.3f);
    ConstantLR schedule = new ConstantLR(sgd);
    for (int epoch = 0; epoch < 8; epoch++) {
      float expected = epoch < 5 ? (float) ((double) 0.3f / 3) : 0.3f;
      assertEquals(expected, sgd.learningRate(), "epoch " + epoch);
      schedule.step();
    }
  }

  @Test
  void noneLeavesTheRateAlone() {
    SGD sgd = new SGD(List.of(param(1f)), 0.3f);
    ConstantLR none = ConstantLR.none(sgd);
    for (int epoch = 0; epoch < 3; epoch++) {
      assertEquals(0.3f, none.lr());
      assertEquals(0.3f, sgd.learningRate());
      none.step();
    }
  }

  @Test
  void stateRoundTrip() {
    SGD sgd = new SGD(List.of(param(1f)), 0.3f);
    ConstantLR a = new ConstantLR(sgd, 0.5, 3);
    a.step();
    a.step();
    SGD other = new SGD(List.of(param(1f)), 0.9f);
    ConstantLR b = new ConstantLR(other, 0.5, 3);
    b.loadStateDict(a.stateDict());
    assertEquals(0.15f, other.learningRate());
    a.step();
    b.step();
    assertEquals(0.3f, other.learningRate());
    assertEquals(a.stateDict(), b.stateDict());
  }

  @Test
  void rejectsFactorOutsideZeroOne() {
    SGD sgd = new SGD(List.of(param(1f)), 0.1f);
    var e = assertThrows(IllegalArgumentException.class, () -> new ConstantLR(sgd, 1.5, 2));
    assertEquals("factor must be in (0, 1], got 1.5", e.getMessage());
  }

  /** torch.optim.lr_scheduler.ConstantLR(factor=1/3, total_iters=5). */
  @Test
  void defaultsArePyTorchs() {
    assertEquals(1.0 / 3, ConstantLR.DEFAULT_FACTOR);
    assertEquals(5, ConstantLR.DEFAULT_TOTAL_ITERS);
  }
}
