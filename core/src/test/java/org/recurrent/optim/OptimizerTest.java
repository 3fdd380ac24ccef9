package org.recurrent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.optim.Grads.param;
import static org.recurrent.optim.Grads.setGrad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recurrent.tensor.Tensor;

/** The state dict shared by every optimizer: exact resume, copies, and the checks of loadStateDict. */
class OptimizerTest {

  static Stream<Named<Function<List<Tensor>, Optimizer>>> optimizers() {
    return Stream.of(
        Named.of("SGD", ps -> new SGD(ps, 0.1f)),
        Named.of("SGD momentum", ps -> new SGD(ps, 0.1f, 0.9f, false, 0f)),
        Named.of("SGD Nesterov weight decay", ps -> new SGD(ps, 0.1f, 0.9f, true, 1e-2f)),
        Named.of("Adam", ps -> new Adam(ps, 0.01f, 0.9f, 0.999f, 1e-8f, 1e-2f, false)),
        Named.of("AdamW", ps -> Adam.adamW(ps, 0.01f)),
        Named.of("RMSprop", ps -> new RMSprop(ps, 0.01f)),
        Named.of("RMSprop momentum centered weight decay", ps -> new RMSprop(ps, 0.01f, 0.9f, 1e-8f, 1e-2f, 0.9f, true)),
        Named.of("Adagrad", ps -> new Adagrad(ps, 0.1f, 0.01f, 1e-2f, 0.1f, 1e-10f)));
  }

  /** Shapes that don't line up with anything; parameter 2 gets its first gradient at step 3 (after the save). */
  private static List<Tensor> freshParams() {
    Random r = new Random(7);
    return List.of(Tensor.randn(r, 1f, 2, 3).requiresGrad(true), Tensor.randn(r, 1f, 5).requiresGrad(true),
        Tensor.randn(r, 1f, 1).requiresGrad(true));
  }

  private static List<Tensor> copies(List<Tensor> ps) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor p : ps) out.add(p.copy().requiresGrad(true));
    return out;
  }

  /** Step {@code t} (1-based) with gradients that depend only on t and the parameter index. */
  private static void step(Optimizer opt, List<Tensor> ps, int t) {
    for (int k = 0; k < ps.size(); k++) {
      if (k == 2 && t < 3) continue;
      Random r = new Random(1000L * t + k);
      float[] g = new float[ps.get(k).numel()];
      for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
      setGrad(ps.get(k), g);
    }
    opt.step();
    if (t == 1) opt.setLearningRate(opt.learningRate() * 0.5f); // as a schedule would: lr must be resumed too
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void resumedOptimizerGivesBitIdenticalUpdates(Function<List<Tensor>, Optimizer> make) {
    List<Tensor> straight = freshParams();
    Optimizer a = make.apply(straight);
    for (int t = 1; t <= 5; t++) step(a, straight, t);

    List<Tensor> first = freshParams();
    Optimizer b = make.apply(first);
    for (int t = 1; t <= 2; t++) step(b, first, t);
    Map<String, Tensor> saved = b.stateDict();
    List<Tensor> resumedParams = copies(first);
    Optimizer c = make.apply(resumedParams);
    c.loadStateDict(saved);
    for (int t = 3; t <= 5; t++) step(c, resumedParams, t);

    for (int k = 0; k < straight.size(); k++) {
      assertArrayEquals(straight.get(k).data(), resumedParams.get(k).data(), "parameter " + k); // exact float bits
    }
    assertStateEquals(a.stateDict(), c.stateDict());
    assertEquals(5, c.stepCount());
  }

  private static void assertStateEquals(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
    for (String key : expected.keySet()) {
      assertArrayEquals(expected.get(key).shape(), actual.get(key).shape(), key);
      assertArrayEquals(expected.get(key).data(), actual.get(key).data(), key);
    }
  }

  private static Map<String, Tensor> copyOf(Map<String, Tensor> state) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    state.forEach((k, v) -> out.put(k, v.copy()));
    return out;
  }

  @Test
  void stateDictIsACopyAndLoadCopiesToo() {
    Tensor p = param(1f, 2f);
    Adam adam = new Adam(List.of(p), 0.01f);
    setGrad(p, 0.5f, -0.5f);
    adam.step();
    Map<String, Tensor> state = adam.stateDict();
    Map<String, Tensor> before = copyOf(state);
    adam.step();
    assertStateEquals(before, state); // later steps don't reach into an exported state

    Tensor q = param(1f, 2f);
    Adam other = new Adam(List.of(q), 0.01f);
    other.loadStateDict(state);
    state.get("0.exp_avg").data()[0] = 99f; // nor does editing the map after loading
    assertStateEquals(before, other.stateDict());
  }

  @Test
  void stepCountIsExactBeyondTwoToThe24() {
    long[] counts = {0, 1, (1L << 24) - 1, 1L << 24, (1L << 24) + 1, (1L << 40) + 3, (1L << 48) - 1};
    for (long n : counts) assertEquals(n, Optimizer.decodeCount("step", Optimizer.encodeCount(n)), "count " + n);
    // the reason for two floats: one float cannot hold 2^24 + 1
    assertEquals((float) (1L << 24), (float) ((1L << 24) + 1));

    Tensor p = param(1f);
    SGD sgd = new SGD(List.of(p), 0.1f);
    Map<String, Tensor> state = new LinkedHashMap<>(sgd.stateDict());
    state.put("step", Tensor.of(new float[] {1f, 1f}, 2));
    sgd.loadStateDict(state);
    assertEquals((1L << 24) + 1, sgd.stepCount());
    sgd.step();
    assertArrayEquals(new float[] {1f, 2f}, sgd.stateDict().get("step").data());
  }

  private static Adam steppedAdam(Tensor... ps) {
    Adam adam = new Adam(List.of(ps), 0.01f);
    for (Tensor p : ps) setGrad(p, new float[p.numel()]);
    adam.step();
    return adam;
  }

  private static String loadError(Optimizer opt, Map<String, Tensor> state) {
    Map<String, Tensor> before = copyOf(opt.stateDict());
    String message = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(state)).getMessage();
    assertStateEquals(before, opt.stateDict()); // a rejected state changes nothing
    return message;
  }

  @Test
  void rejectsAnotherOptimizersState() {
    Map<String, Tensor> adamState = steppedAdam(param(1f)).stateDict();
    RMSprop rmsprop = new RMSprop(List.of(param(1f)), 0.01f);
    assertEquals("optimizer state key 'kind' says Adam, but this optimizer is RMSprop; load it into a Adam built "
        + "with the same hyperparameters", loadError(rmsprop, adamState));
    Adam adamW = Adam.adamW(List.of(param(1f)), 0.01f);
    assertTrue(loadError(adamW, adamState).startsWith("optimizer state key 'kind' says Adam, but this optimizer is AdamW"));
  }

  @Test
  void rejectsUnknownKeysNamingThem() {
    Adam adam = steppedAdam(param(1f, 2f));
    Map<String, Tensor> state = adam.stateDict();
    state.put("0.momentum_buffer", Tensor.zeros(2));
    assertEquals("unknown optimizer state key '0.momentum_buffer' for Adam; expected kind, step, lr or "
        + "<paramIndex>.<buffer> with buffer one of [exp_avg, exp_avg_sq, step] (a state saved with other "
        + "hyperparameters, e.g. momentum or centered, has other buffers)", loadError(adam, state));
    state = adam.stateDict();
    state.put("betas", Tensor.zeros(2));
    assertTrue(loadError(adam, state).startsWith("unknown optimizer state key 'betas' for Adam"));
    state = adam.stateDict();
    state.put("01.exp_avg", Tensor.zeros(2));
    assertTrue(loadError(adam, state).startsWith("unknown optimizer state key '01.exp_avg' for Adam"));

    // SGD with momentum has a buffer that SGD without momentum cannot take
    Tensor p = param(1f);
    SGD momentum = new SGD(List.of(p), 0.1f, 0.9f, false, 0f);
    setGrad(p, 1f);
    momentum.step();
    assertTrue(loadError(new SGD(List.of(param(1f)), 0.1f), momentum.stateDict())
        .startsWith("unknown optimizer state key '0.momentum_buffer' for SGD"));
  }

  @Test
  void rejectsParameterIndexOutOfRange() {
    Map<String, Tensor> state = steppedAdam(param(1f), param(2f), param(3f)).stateDict();
    Adam two = new Adam(List.of(param(1f), param(2f)), 0.01f);
    assertEquals("optimizer state key '2.exp_avg' refers to parameter 2, but this optimizer has 2 parameters",
        loadError(two, state));
  }

  @Test
  void rejectsShapeMismatchNamingTheKey() {
    Map<String, Tensor> state = steppedAdam(param(1f, 2f, 3f)).stateDict();
    Adam adam = new Adam(List.of(Tensor.zeros(3, 1).requiresGrad(true)), 0.01f);
    assertEquals("optimizer state key '0.exp_avg' has shape (3), but parameter 0 has shape (3, 1)",
        loadError(adam, state));
  }

  @Test
  void rejectsIncompleteParameterState() {
    Adam adam = steppedAdam(param(1f, 2f));
    Map<String, Tensor> state = adam.stateDict();
    state.remove("0.exp_avg_sq");
    assertEquals("optimizer state for parameter 0 has [exp_avg, step] but lacks key '0.exp_avg_sq'",
        loadError(adam, state));
  }

  @Test
  void rejectsMissingOrBadScalars() {
    Adam adam = steppedAdam(param(1f));
    Map<String, Tensor> state = adam.stateDict();
    state.remove("lr");
    assertTrue(loadError(adam, state).startsWith("optimizer state has no 'lr' entry"));
    state = adam.stateDict();
    state.put("step", Tensor.of(new float[] {0f, 2.5f}, 2));
    assertEquals("optimizer state key 'step' must hold integers in [0, 2^24), got [0.0, 2.5]", loadError(adam, state));
    state = adam.stateDict();
    state.put("0.step", Tensor.of(new float[] {3f}, 1));
    assertEquals("optimizer state key '0.step' must be a count [high, low] of shape (2), got (1)", loadError(adam, state));
    state = adam.stateDict();
    state.put("lr", Tensor.of(new float[] {Float.NaN}, 1));
    assertEquals("optimizer state key 'lr' must be a finite value >= 0, got NaN", loadError(adam, state));
  }

  @Test
  void setLearningRateAllowsZeroForSchedulesButNotNegative() {
    SGD sgd = new SGD(List.of(param(1f)), 0.1f);
    sgd.setLearningRate(0f);
    assertEquals(0f, sgd.learningRate());
    var e = assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1e-3f));
    assertEquals("learning rate must be >= 0, got -0.001", e.getMessage());
  }
}
