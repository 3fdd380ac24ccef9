package org.recurrent.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.recurrent.optim.Adagrad;
import org.recurrent.optim.Adam;
import org.recurrent.optim.Optimizer;
import org.recurrent.optim.RMSprop;
import org.recurrent.optim.SGD;
import org.recurrent.tensor.Tensor;

/**
 * A section that leaves fields out builds the optimizer with the optimizer class's own defaults: the config holds
 * no numbers of its own. Checked by stepping the config's optimizer and one built from the constants side by side.
 */
class OptimizerConfigTest {
  /** Three steps of different gradients: Adam's first step does not depend on its betas, later ones do. */
  private static final float[][] GRADS = {{0.2f, -0.7f, 1.5f}, {-0.4f, 0.3f, 0.9f}, {0.05f, -0.2f, -1.1f}};

  private static OptimizerConfig named(String name) {
    return new OptimizerConfig(name, null, null, null, null, null, null, null, null, null, null);
  }

  /** The parameter after stepping the optimizer {@code build} makes through {@link #GRADS}. */
  private static float[] afterSteps(Function<List<Tensor>, Optimizer> build) {
    Tensor p = Tensor.of(new float[] {0.5f, -1.0f, 2.0f}, 3).requiresGrad(true);
    Optimizer o = build.apply(List.of(p));
    for (float[] g : GRADS) {
      o.zeroGrad();
      System.arraycopy(g, 0, p.gradForAccumulation(), 0, g.length);
      o.step();
    }
    return p.data().clone();
  }

  private static void assertSameSteps(OptimizerConfig config, Function<List<Tensor>, Optimizer> expected) {
    float[] want = afterSteps(expected);
    assertArrayEquals(want, afterSteps(config::build), config.name() + " from the config vs from the constants");
  }

  @Test
  void configWithoutOptimizerSectionBuildsAdamWithAdamsConstants() {
    OptimizerConfig c = TrainingSection.defaults().optimizer();
    assertEquals("adam", c.name());
    assertEquals(Adam.DEFAULT_LR, c.learningRate());
    assertSameSteps(c, p -> new Adam(p, Adam.DEFAULT_LR, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS,
        Adam.DEFAULT_WEIGHT_DECAY, false));
  }

  @Test
  void omittedFieldsTakeEachOptimizersConstants() {
    assertSameSteps(named("adamw"), p -> new Adam(p, Adam.DEFAULT_LR, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2,
        Adam.DEFAULT_EPS, Adam.DEFAULT_ADAMW_WEIGHT_DECAY, true));
    assertSameSteps(named("sgd"), p -> new SGD(p, SGD.DEFAULT_LR, SGD.DEFAULT_MOMENTUM, SGD.DEFAULT_NESTEROV,
        SGD.DEFAULT_WEIGHT_DECAY));
    assertSameSteps(named("rmsprop"), p -> new RMSprop(p, RMSprop.DEFAULT_LR, RMSprop.DEFAULT_ALPHA,
        RMSprop.DEFAULT_EPS, RMSprop.DEFAULT_WEIGHT_DECAY, RMSprop.DEFAULT_MOMENTUM, RMSprop.DEFAULT_CENTERED));
    assertSameSteps(named("adagrad"), p -> new Adagrad(p, Adagrad.DEFAULT_LR, Adagrad.DEFAULT_LR_DECAY,
        Adagrad.DEFAULT_WEIGHT_DECAY, Adagrad.DEFAULT_INITIAL_ACCUMULATOR_VALUE, Adagrad.DEFAULT_EPS));
  }

  @Test
  void omittedLearningRateIsTheOptimizersOwn() {
    assertEquals(SGD.DEFAULT_LR, named("sgd").learningRate());
    assertEquals(Adam.DEFAULT_LR, named("adam").learningRate());
    assertEquals(Adam.DEFAULT_LR, named("adamw").learningRate());
    assertEquals(RMSprop.DEFAULT_LR, named("rmsprop").learningRate());
    assertEquals(Adagrad.DEFAULT_LR, named("adagrad").learningRate());
  }

  /** The comparison above would pass vacuously if the betas made no difference after three steps. */
  @Test
  void comparisonSeesADifferentBeta() {
    OptimizerConfig otherBeta2 = new OptimizerConfig("adam", null, null, null, null, null, 0.99, null, null, null,
        null);
    float[] defaults = afterSteps(named("adam")::build);
    assertFalse(Arrays.equals(defaults, afterSteps(otherBeta2::build)), "beta2 0.99 must change the steps");
  }
  @Test
  void learningRateMustBePositiveAndFinite() {
    for (double lr : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      var e = assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.adam(lr));
      assertEquals("training.optimizer.lr must be > 0, got " + lr, e.getMessage());
    }
    assertEquals(Double.MIN_VALUE, OptimizerConfig.adam(Double.MIN_VALUE).lr(), "the smallest positive rate is accepted");
  }

  /** Nesterov momentum and centred RMSprop reach the optimizer when the config asks for them. */
  @Test
  void nesterovAndCenteredAreTheConfigsWhenGiven() {
    assertSameSteps(new OptimizerConfig("sgd", 0.1, 0.9, true, null, null, null, null, null, null, null),
        p -> new SGD(p, 0.1f, 0.9f, true, SGD.DEFAULT_WEIGHT_DECAY));
    assertFalse(Arrays.equals(afterSteps(p -> new SGD(p, 0.1f, 0.9f, true, 0f)),
        afterSteps(p -> new SGD(p, 0.1f, 0.9f, false, 0f))), "nesterov must change the steps");
    assertSameSteps(new OptimizerConfig("rmsprop", 0.01, null, null, null, null, null, null, null, true, null),
        p -> new RMSprop(p, 0.01f, RMSprop.DEFAULT_ALPHA, RMSprop.DEFAULT_EPS, RMSprop.DEFAULT_WEIGHT_DECAY,
            RMSprop.DEFAULT_MOMENTUM, true));
    assertFalse(Arrays.equals(afterSteps(p -> new RMSprop(p, 0.01f, RMSprop.DEFAULT_ALPHA, RMSprop.DEFAULT_EPS, 0f, 0f, true)),
        afterSteps(p -> new RMSprop(p, 0.01f, RMSprop.DEFAULT_ALPHA, RMSprop.DEFAULT_EPS, 0f, 0f, false))),
        "centered must change the steps");
  }
}
