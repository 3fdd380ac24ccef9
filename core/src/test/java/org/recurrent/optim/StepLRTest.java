package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.recurrent.optim.Grads.param;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepLRTest {

  @Test
  void halvesEveryThreeEpochs() {
    SGD sgd = new SGD(List.of(param(1f)), 0.1f);
    StepLR schedule = new StepLR(sgd, 3, 0.5);
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025}; // base * 0.5^floor(e / 3), e = 0..7
    for (int epoch = 0; epoch < expected.length; epoch++) {
      assertEquals((float) expected[epoch], schedule.lr(), "epoch " + epoch);
      assertEquals((float) expected[epoch], sgd.learningRate(), "optimizer at epoch " + epoch);
      schedule.step();
    }
  }

  @Test
  void stateRoundTripContinuesExactly() {
    SGD straight = new SGD(List.of(param(1f)), 0.1f);
    StepLR a = new StepLR(straight, 2, 0.3);
    SGD first = new SGD(List.of(param(1f)), 0.1f);
    StepLR b = new StepLR(first, 2, 0.3);
    for (int e = 0; e < 5; e++) {
      a.step();
      b.step();
    }
    Map<String, Double> state = b.stateDict();
    assertEquals(Map.of("last_epoch", 5.0, "base_lr", (double) 0.1f), state);
    SGD resumed = new SGD(List.of(param(1f)), 0.7f); // a different starting rate: the state's base_lr wins
    StepLR c = new StepLR(resumed, 2, 0.3);
    c.loadStateDict(state);
    assertEquals(a.lr(), resumed.learningRate());
    for (int e = 0; e < 4; e++) {
      a.step();
      c.step();
      assertEquals(a.lr(), c.lr());
      assertEquals(straight.learningRate(), resumed.learningRate());
    }
  }

  @Test
  void rejectsBadStateNamingTheKey() {
    StepLR schedule = new StepLR(new SGD(List.of(param(1f)), 0.1f), 3);
    Map<String, Double> state = new HashMap<>(schedule.stateDict());
    state.put("gamma", 0.5);
    var e = assertThrows(IllegalArgumentException.class, () -> schedule.loadStateDict(state));
    assertEquals("unknown StepLR state key 'gamma'; expected [last_epoch, base_lr]", e.getMessage());
    state.remove("gamma");
    state.put("last_epoch", 1.5);
    e = assertThrows(IllegalArgumentException.class, () -> schedule.loadStateDict(state));
    assertEquals("StepLR state key 'last_epoch' must be an integer >= 0, got 1.5", e.getMessage());
    state.remove("last_epoch");
    e = assertThrows(IllegalArgumentException.class, () -> schedule.loadStateDict(state));
    assertEquals("StepLR state has no 'last_epoch' entry; expected [last_epoch, base_lr]", e.getMessage());
  }

  @Test
  void rejectsBadArguments() {
    SGD sgd = new SGD(List.of(param(1f)), 0.1f);
    var e = assertThrows(IllegalArgumentException.class, () -> new StepLR(sgd, 0, 0.5));
    assertEquals("stepSize must be >= 1, got 0", e.getMessage());
  }

  /** torch.optim.lr_scheduler.StepLR(gamma=0.1). */
  @Test
  void defaultGammaIsPyTorchs() {
    assertEquals(0.1, StepLR.DEFAULT_GAMMA);
  }
}
