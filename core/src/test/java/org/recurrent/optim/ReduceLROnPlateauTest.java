package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.optim.Grads.param;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.optim.ReduceLROnPlateau.Mode;
import org.recurrent.optim.ReduceLROnPlateau.ThresholdMode;

class ReduceLROnPlateauTest {

  private static float[] run(ReduceLROnPlateau schedule, SGD sgd, double... metrics) {
    float[] lrs = new float[metrics.length];
    for (int e = 0; e < metrics.length; e++) {
      schedule.step(metrics[e]);
      lrs[e] = sgd.learningRate();
    }
    return lrs;
  }

  @Test
  void dropsOnceAfterPatiencePlusOneBadEpochs() {
    SGD sgd = new SGD(List.of(param(1f)), 1f);
    var schedule = new ReduceLROnPlateau(sgd, Mode.MIN, 0.5, 2, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
    // epoch 1 sets best = 1; epochs 2, 3, 4 are bad (0.99995 is within the relative threshold); the third bad
    // epoch exceeds patience 2 and halves the rate; the counter restarts, so the next drop is 3 epochs later
    float[] lrs = run(schedule, sgd, 1.0, 1.0, 0.99995, 1.0, 1.0, 1.0, 1.0);
    assertEquals(List.of(1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.25f), toList(lrs));
    assertEquals(1.0, schedule.best());
  }

  @Test
  void improvementResetsTheBadEpochCount() {
    SGD sgd = new SGD(List.of(param(1f)), 1f);
    var schedule = new ReduceLROnPlateau(sgd, Mode.MIN, 0.5, 2, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
    float[] lrs = run(schedule, sgd, 1.0, 1.0, 1.0, 0.9, 1.0, 1.0, 1.0);
    assertEquals(List.of(1f, 1f, 1f, 1f, 1f, 1f, 0.5f), toList(lrs));
  }

  @Test
  void cooldownIgnoresBadEpochsAndMinLrIsAFloor() {
    SGD sgd = new SGD(List.of(param(1f)), 1f);
    var schedule = new ReduceLROnPlateau(sgd, Mode.MIN, 0.5, 2, 1e-4, ThresholdMode.REL, 1, 0.3, 1e-8);
    // drop at epoch 4; epoch 5 is cooldown (its bad epoch is not counted), so the next drop is at epoch 8, not 7,
    // and it stops at min_lr 0.3 instead of 0.25; after that the rate stays at the floor
    float[] lrs = run(schedule, sgd, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    assertEquals(List.of(1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.5f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f), toList(lrs));
  }

  @Test
  void maxModeWithAbsoluteThreshold() {
    SGD sgd = new SGD(List.of(param(1f)), 1f);
    var schedule = new ReduceLROnPlateau(sgd, Mode.MAX, 0.1, 1, 0.05, ThresholdMode.ABS, 0, 0, 1e-8);
    // 0.5 best; 0.54 is not better by 0.05 (bad 1); 0.56 is (reset); 0.6 not (bad 1), 0.6 (bad 2 > 1: drop)
    float[] lrs = run(schedule, sgd, 0.5, 0.54, 0.56, 0.6, 0.6);
    assertEquals(List.of(1f, 1f, 1f, 1f, 0.1f), toList(lrs));
  }

  @Test
  void pyTorchDefaultsWaitElevenBadEpochsAndCutByTen() {
    SGD sgd = new SGD(List.of(param(1f)), 1f);
    var schedule = new ReduceLROnPlateau(sgd, Mode.MIN);
    float[] lrs = run(schedule, sgd, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    assertEquals(1f, lrs[10]);
    assertEquals(0.1f, lrs[11]);
  }

  @Test
  void stateRoundTripContinuesExactly() {
    SGD straight = new SGD(List.of(param(1f)), 1f);
    var a = new ReduceLROnPlateau(straight, Mode.MIN, 0.5, 2, 1e-4, ThresholdMode.REL, 1, 0, 1e-8);
    run(a, straight, 1, 1, 1, 1, 1, 1); // mid-plateau: bad epochs counted, cooldown just over
    Map<String, Double> state = a.stateDict();
    assertEquals(Map.of("last_epoch", 6.0, "best", 1.0, "num_bad_epochs", 1.0, "cooldown_counter", 0.0,
        "last_lr", 0.5), state);
    SGD resumed = new SGD(List.of(param(1f)), 1f);
    var b = new ReduceLROnPlateau(resumed, Mode.MIN, 0.5, 2, 1e-4, ThresholdMode.REL, 1, 0, 1e-8);
    b.loadStateDict(state);
    assertEquals(0.5f, resumed.learningRate());
    double[] rest = {1, 1, 1, 0.2, 0.3, 0.3, 0.3, 0.3};
    assertEquals(toList(run(a, straight, rest)), toList(run(b, resumed, rest)));
    assertEquals(a.stateDict(), b.stateDict());
  }

  @Test
  void rejectsBadStateAndArguments() {
    SGD sgd = new SGD(List.of(param(1f)), 1f);
    var schedule = new ReduceLROnPlateau(sgd, Mode.MIN);
    Map<String, Double> state = new HashMap<>(schedule.stateDict());
    state.remove("best");
    var e = assertThrows(IllegalArgumentException.class, () -> schedule.loadStateDict(state));
    assertEquals("ReduceLROnPlateau state has no 'best' entry; expected "
        + "[last_epoch, best, num_bad_epochs, cooldown_counter, last_lr]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ReduceLROnPlateau(sgd, Mode.MIN, 1.0, 2, 1e-4, ThresholdMode.REL, 0, 0, 1e-8));
    assertEquals("factor must be in (0, 1), got 1.0", e.getMessage());
  }

  private static List<Float> toList(float[] xs) {
    Float[] boxed = new Float[xs.length];
    for (int i = 0; i < xs.length; i++) boxed[i] = xs[i];
    return List.of(boxed);
  }

  /** ReduceLROnPlateau(factor=0.1, patience=10, threshold=1e-4, threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8). */
  @Test
  void defaultsArePyTorchs() {
    assertEquals(0.1, ReduceLROnPlateau.DEFAULT_FACTOR);
    assertEquals(10, ReduceLROnPlateau.DEFAULT_PATIENCE);
    assertEquals(1e-4, ReduceLROnPlateau.DEFAULT_THRESHOLD);
    assertEquals(ThresholdMode.REL, ReduceLROnPlateau.DEFAULT_THRESHOLD_MODE);
    assertEquals(0, ReduceLROnPlateau.DEFAULT_COOLDOWN);
    assertEquals(0.0, ReduceLROnPlateau.DEFAULT_MIN_LR);
    assertEquals(1e-8, ReduceLROnPlateau.DEFAULT_EPS);
  }
}
