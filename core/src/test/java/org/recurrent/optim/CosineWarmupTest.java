package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.optim.Grads.param;

import java.util.List;
import org.junit.jupiter.api.Test;

class CosineWarmupTest {

  /** Rate after {@code t} schedule steps. */
  private static float lrAt(CosineWarmup schedule, SGD sgd, long t, long[] done) {
    while (done[0] < t) {
      schedule.step();
      done[0]++;
    }
    assertEquals(schedule.lr(), sgd.learningRate());
    return schedule.lr();
  }

  @Test
  void warmsUpLinearlyThenDecaysAlongTheCosine() {
    SGD sgd = new SGD(List.of(param(1f)), 0.1f);
    CosineWarmup schedule = new CosineWarmup(sgd, 4, 12, 0.01); // W = 4, T = 12, from 0
    double base = 0.1f;
    long[] done = {0};
    assertEquals(0f, lrAt(schedule, sgd, 0, done));                               // start: 0
    assertEquals((float) (base * 2 / 4), lrAt(schedule, sgd, 2, done));             // mid warm-up: base / 2
    assertEquals((float) base, lrAt(schedule, sgd, 4, done));                       // end of warm-up: base
    // a quarter into the decay: 0.01 + (base - 0.01) * (1 + cos(pi / 4)) / 2
    assertEquals((float) (0.01 + (base - 0.01) * (1 + Math.sqrt(0.5)) / 2), lrAt(schedule, sgd, 6, done));
    assertEquals((float) (0.01 + (base - 0.01) / 2), lrAt(schedule, sgd, 8, done));  // mid-decay: halfway
    assertEquals(0.01f, lrAt(schedule, sgd, 12, done));                            // end: minLr
    assertEquals(0.01f, lrAt(schedule, sgd, 20, done));                            // after the end: stays
  }

  @Test
  void startFactorStartsTheWarmUpAboveZero() {
    SGD sgd = new SGD(List.of(param(1f)), 0.1f);
    CosineWarmup schedule = new CosineWarmup(sgd, 4, 12, 0, 0.1);
    long[] done = {0};
    double base = 0.1f;
    assertEquals((float) (base * 0.1), lrAt(schedule, sgd, 0, done));
    assertEquals((float) (base * (0.1 + 0.9 * 0.5)), lrAt(schedule, sgd, 2, done));
    assertEquals(0f, lrAt(schedule, sgd, 12, done));
  }

  @Test
  void stateRoundTripContinuesExactly() {
    SGD straight = new SGD(List.of(param(1f)), 0.1f);
    CosineWarmup a = new CosineWarmup(straight, 10, 100, 1e-3);
    for (int t = 0; t < 37; t++) a.step();
    SGD resumed = new SGD(List.of(param(1f)), 0.5f);
    CosineWarmup b = new CosineWarmup(resumed, 10, 100, 1e-3);
    b.loadStateDict(a.stateDict());
    for (int t = 0; t < 70; t++) {
      assertEquals(straight.learningRate(), resumed.learningRate(), "step " + t);
      a.step();
      b.step();
    }
  }

  @Test
  void rejectsBadArguments() {
    SGD sgd = new SGD(List.of(param(1f)), 0.1f);
    var e = assertThrows(IllegalArgumentException.class, () -> new CosineWarmup(sgd, 10, 10, 0));
    assertEquals("need 0 <= warmupSteps < totalSteps, got warmupSteps 10, totalSteps 10", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CosineWarmup(sgd, 1, 10, 0.5));
    assertEquals("minLr must be in [0, base_lr = " + (double) 0.1f + "], got 0.5", e.getMessage());
  }
}
