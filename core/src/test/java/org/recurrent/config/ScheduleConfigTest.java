package org.recurrent.config;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.optim.Optimizer;
import org.recurrent.optim.ScheduleDriver;
import org.recurrent.tensor.Tensor;

class ScheduleConfigTest {
  private static Optimizer adam(double lr) {
    return OptimizerConfig.adam(lr).build(List.of(Tensor.zeros(2).requiresGrad(true)));
  }

  @Test
  void stepScheduleDecaysPerEpochAndIgnoresSteps() {
    Optimizer o = adam(0.1);
    ScheduleDriver d = new ScheduleConfig("step", 2, 0.5, null, null, null, null).build(o, 100, false);
    d.afterStep(1);
    d.afterEpoch(0, 1.0);
    assertEquals(0.1f, o.learningRate(), 1e-9f);
    d.afterEpoch(1, 1.0);
    assertEquals(0.05f, o.learningRate(), 1e-9f);
  }

  @Test
  void cosineWarmsUpPerOptimizerStep() {
    Optimizer o = adam(0.1);
    ScheduleDriver d = new ScheduleConfig("cosine", null, null, 10L, 0.0, null, null).build(o, 110, false);
    assertEquals(0f, o.learningRate(), 1e-9f);
    for (long s = 1; s <= 5; s++) d.afterStep(s);
    assertEquals(0.05f, o.learningRate(), 1e-7f);
    for (long s = 6; s <= 60; s++) d.afterStep(s);
    assertEquals(0.05f, o.learningRate(), 1e-6f);            // half way through the decay
  }

  @Test
  void plateauReducesWhenTheMonitoredValueStalls() {
    Optimizer o = adam(0.1);
    ScheduleDriver d = new ScheduleConfig("plateau", null, null, null, null, 0.5, 1).build(o, 0, true);
    d.afterEpoch(0, 0.8);
    d.afterEpoch(1, 0.8);
    assertEquals(0.1f, o.learningRate(), 1e-9f);
    d.afterEpoch(2, 0.7);
    assertEquals(0.05f, o.learningRate(), 1e-9f);
  }

  @Test
  void unknownNamesAreListed() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ScheduleConfig("warp", null, null, null, null, null, null));
    assertEquals("unknown training.schedule.name 'warp'; expected one of [none, step, cosine, plateau]", e.getMessage());
    var f = assertThrows(IllegalArgumentException.class,
        () -> new OptimizerConfig("lion", null, null, null, null, null, null, null, null, null, null));
    assertEquals("unknown training.optimizer.name 'lion'; expected one of [sgd, adam, adamw, rmsprop, adagrad]",
        f.getMessage());
  }
  /** lr(t) = min_lr + (base - min_lr)(1 + cos(pi t / T)) / 2 with no warm-up: 0.06 half way, min_lr at the end. */
  @Test
  void cosineDecaysToTheConfigsMinLrOrToZero() {
    Optimizer o = adam(0.1);
    ScheduleDriver d = new ScheduleConfig("cosine", null, null, null, 0.02, null, null).build(o, 10, false);
    for (long s = 1; s <= 5; s++) d.afterStep(s);
    assertEquals(0.06f, o.learningRate(), 1e-7f);                        // 0.02 + 0.08 * (1 + cos(pi / 2)) / 2
    for (long s = 6; s <= 10; s++) d.afterStep(s);
    assertEquals(0.02f, o.learningRate(), 1e-7f);
    Optimizer fallback = adam(0.1);
    ScheduleDriver none = new ScheduleConfig("cosine", null, null, null, null, null, null).build(fallback, 10, false);
    for (long s = 1; s <= 10; s++) none.afterStep(s);
    assertEquals(0f, fallback.learningRate(), 1e-7f, "no min_lr: decays to 0");
  }
}
