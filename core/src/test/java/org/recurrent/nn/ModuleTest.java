package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.io.SafeTensors;
import org.recurrent.ops.Ops;
import org.recurrent.optim.Adagrad;
import org.recurrent.optim.Adam;
import org.recurrent.optim.GradClip;
import org.recurrent.optim.Optimizer;
import org.recurrent.optim.RMSprop;
import org.recurrent.optim.SGD;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

/** Parameters, buffers and frozen parameters: what is trained, what is saved, in which order. */
class ModuleTest {
  @TempDir Path dir;

  /** A child with one parameter and one buffer (a running statistic, as BatchNorm's running_mean). */
  static final class Scaler extends Module {
    final Tensor scale;
    final Tensor running;

    Scaler(Random rng) {
      running = registerBuffer("running", Tensor.uniform(rng, -1, 1, 3));
      scale = registerParameter("scale", Tensor.uniform(rng, 0.5f, 1.5f, 3));
    }

    Tensor forward(Tensor h) {                                       // (B, 3) -> (B, 3)
      return Ops.mul(Ops.sub(h, running), scale);
    }
  }

  /**
   * An echo-state network in miniature: a fixed random reservoir kept as a buffer, a trained input weight, and a
   * trained readout. Buffers and parameters are registered interleaved, so the state-dict order is PyTorch's
   * rule and not registration order.
   */
  static final class Reservoir extends Module {
    final Tensor reservoir;
    final Tensor scratch;
    final Scaler norm;
    final Tensor weight;
    final Linear readout;

    Reservoir(Random rng) {
      reservoir = registerBuffer("reservoir", Tensor.uniform(rng, -1, 1, 3, 3));
      scratch = registerBuffer("scratch", Tensor.zeros(3), false);
      norm = registerModule("norm", new Scaler(rng));
      weight = registerParameter("weight", Tensor.uniform(rng, -1, 1, 3, 2));
      readout = registerModule("readout", new Linear(3, 2, rng));
    }

    /** x (B, 2) -> readout(norm(tanh(tanh(x W^T) R^T))) (B, 2). */
    Tensor forward(Tensor x) {
      Tensor h = Ops.tanh(Ops.linear(Ops.tanh(Ops.linear(x, weight, null)), reservoir, null));
      return readout.forward(norm.forward(h));
    }
  }

  @Test
  void stateDictHoldsOwnParametersThenOwnBuffersThenChildrenLikePyTorch() {
    // torch.nn.Module._save_to_state_dict writes self._parameters, then self._buffers (persistent only); then
    // state_dict recurses into self._modules in order.
    Reservoir m = new Reservoir(new Random(1));
    assertEquals(List.of("weight", "reservoir", "norm.scale", "norm.running", "readout.weight", "readout.bias"),
        List.copyOf(m.stateDict().keySet()));
    assertEquals(List.of("weight", "norm.scale", "readout.weight", "readout.bias"), List.copyOf(m.namedParameters().keySet()));
    assertEquals(List.of("reservoir", "scratch", "norm.running"), List.copyOf(m.namedBuffers().keySet()));
    assertEquals(List.of(m.reservoir, m.scratch, m.norm.running), m.buffers());
  }

  @Test
  void buffersAreNotParametersAndNeedNoGradient() {
    Reservoir m = new Reservoir(new Random(1));
    for (Tensor b : m.buffers()) {
      assertFalse(b.requiresGrad());
      for (Tensor p : m.parameters()) assertNotEquals(System.identityHashCode(b), System.identityHashCode(p));
    }
    Ops.sum(m.forward(Tensor.uniform(new Random(2), -1, 1, 4, 2))).backward();
    for (Tensor b : m.buffers()) assertNull(b.gradData());
    for (Tensor p : m.parameters()) assertTrue(p.gradData() != null);
  }

  @Test
  void parameterCountCountsTrainableParametersOnly() {
    Reservoir m = new Reservoir(new Random(1));
    // weight 3x2 + norm.scale 3 + readout 2x3 + 2; not the 9 + 3 + 3 buffer values
    assertEquals(6 + 3 + 6 + 2, m.parameterCount());
    m.freeze("readout");
    assertEquals(6 + 3, m.parameterCount());
  }

  @Test
  void buffersRoundTripThroughSafeTensors() throws IOException {
    Reservoir saved = new Reservoir(new Random(1));
    Path file = dir.resolve("model.safetensors");
    SafeTensors.write(file, saved.stateDict(), Map.of());
    Reservoir loaded = new Reservoir(new Random(2));
    assertFalse(java.util.Arrays.equals(saved.reservoir.data(), loaded.reservoir.data()), "different seeds");
    loaded.loadStateDict(SafeTensors.read(file).tensors());
    saved.stateDict().forEach((k, v) -> assertArrayEquals(v.data(), loaded.stateDict().get(k).data(), k));
    Tensor x = Tensor.uniform(new Random(3), -1, 1, 4, 2);
    assertArrayEquals(saved.forward(x).data(), loaded.forward(x).data());
  }

  @Test
  void strictLoadRejectsAMissingBufferByName() {
    Reservoir m = new Reservoir(new Random(1));
    Map<String, Tensor> state = new LinkedHashMap<>(m.stateDict());
    state.remove("norm.running");
    var e = assertThrows(IllegalArgumentException.class, () -> new Reservoir(new Random(2)).loadStateDict(state));
    assertEquals("state dict does not match Reservoir: missing keys [norm.running]; expected keys "
        + "[weight, reservoir, norm.scale, norm.running, readout.weight, readout.bias]", e.getMessage());
  }

  @Test
  void nonPersistentBuffersAreNeitherSavedNorLoaded() {
    Reservoir m = new Reservoir(new Random(1));
    Map<String, Tensor> state = new LinkedHashMap<>(m.stateDict());
    state.put("scratch", Tensor.ones(3));
    var e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(state));
    assertTrue(e.getMessage().contains(": unexpected keys [scratch]"), e.getMessage());
    m.loadStateDict(state, false);
    assertArrayEquals(new float[3], m.scratch.data());
  }

  @Test
  void optimizerStepsAndGradientClippingNeverChangeABuffer() {
    List<Function<List<Tensor>, Optimizer>> optimizers = List.of(
        p -> new SGD(p, 0.1f, 0.9f, false, 0.01f), p -> new Adam(p, 0.1f), p -> Adam.adamW(p, 0.1f),
        p -> new RMSprop(p, 0.1f), p -> new Adagrad(p, 0.1f));
    for (var make : optimizers) {
      Reservoir m = new Reservoir(new Random(1));
      m.freeze("norm.scale");
      Map<String, float[]> before = new LinkedHashMap<>();
      m.namedBuffers().forEach((k, v) -> before.put(k, v.data().clone()));
      float[] frozenBefore = m.norm.scale.data().clone();
      float[] weightBefore = m.weight.data().clone();
      Optimizer opt = make.apply(m.parameters());
      Tensor x = Tensor.uniform(new Random(2), -1, 1, 4, 2);
      for (int step = 0; step < 3; step++) {
        m.zeroGrad();
        Ops.sum(Ops.square(m.forward(x))).backward();
        double norm = GradClip.clipGradNorm(m.parameters(), 1e-3);
        assertTrue(norm > 1e-3, "the clip must act: norm " + norm);
        GradClip.clipGradValue(m.parameters(), 1e-4f);
        opt.step();
      }
      String name = opt.getClass().getSimpleName();
      m.namedBuffers().forEach((k, v) -> assertArrayEquals(before.get(k), v.data(), name + " changed buffer " + k));
      assertArrayEquals(frozenBefore, m.norm.scale.data(), name + " changed the frozen norm.scale");
      assertFalse(java.util.Arrays.equals(weightBefore, m.weight.data()), name + " should train weight");
    }
  }

  @Test
  void optimizerRejectsABufferWithAHint() {
    Reservoir m = new Reservoir(new Random(1));
    List<Tensor> params = new ArrayList<>(m.parameters());
    params.add(m.reservoir);
    var e = assertThrows(IllegalArgumentException.class, () -> new SGD(params, 0.1f));
    assertTrue(e.getMessage().startsWith("optimizer parameter 4 does not require grad (a buffer or a frozen parameter?)"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; pass module.parameters(), which holds only trainable parameters"), e.getMessage());
  }

  @Test
  void registerBufferRejectsATensorThatRequiresGrad() {
    class Bad extends Module {
      Bad() {
        registerBuffer("w", Tensor.zeros(2).requiresGrad(true));
      }
    }
    var e = assertThrows(IllegalArgumentException.class, Bad::new);
    assertEquals("buffer 'w' of Bad requires a gradient, but buffers are never trained; register a copy"
        + " (value.copy()), or register it with registerParameter and freeze it", e.getMessage());
  }

  @Test
  void aBufferNameCannotBeTakenTwice() {
    class Twice extends Module {
      Twice() {
        registerParameter("w", Tensor.zeros(2));
        registerBuffer("w", Tensor.zeros(2));
      }
    }
    var e = assertThrows(IllegalArgumentException.class, Twice::new);
    assertEquals("name 'w' is already registered in Twice", e.getMessage());
  }

  // ---- freezing ---------------------------------------------------------------------------------------------

  @Test
  void aFrozenRecurrentWeightLeavesParametersButKeepsItsStateDictPlace() {
    LSTM lstm = new LSTM(3, 4, new Random(1));
    List<String> keys = List.copyOf(lstm.stateDict().keySet());
    lstm.freeze("weight_hh_l0");
    assertEquals(keys, List.copyOf(lstm.stateDict().keySet()), "state dict unchanged, PyTorch's order");
    assertEquals(List.of("weight_ih_l0", "bias_ih_l0", "bias_hh_l0"), List.copyOf(lstm.namedParameters().keySet()));
    assertEquals(Map.of("weight_hh_l0", lstm.weightHh(0, 0)), lstm.namedFrozenParameters());
    assertTrue(lstm.namedBuffers().isEmpty(), "a frozen parameter is not a buffer");
    assertEquals(4 * 4 * 3 + 2 * 16, lstm.parameterCount());
    lstm.unfreeze("weight_hh_l0");
    assertEquals(keys, List.copyOf(lstm.namedParameters().keySet()));
    assertTrue(lstm.namedFrozenParameters().isEmpty());
  }

  @Test
  void gradientsFlowThroughAFrozenRecurrentWeightToEverythingElse() {
    // T=3, B=2, I=5, H=7: with W_hh frozen, the input and the other parameters still get exact gradients
    // (they depend on W_hh through every step), and W_hh gets none.
    Random rng = new Random(4);
    LSTM lstm = new LSTM(5, 7, rng);
    lstm.freeze("weight_hh_l0");
    Tensor x = Tensor.uniform(rng, -1, 1, 3, 2, 5).requiresGrad(true);
    List<Tensor> inputs = new ArrayList<>(List.of(x));
    inputs.addAll(lstm.parameters());
    GradCheck.create().check("LSTM with frozen W_hh", () -> {
      RecurrentOutput out = lstm.forward(x);
      return new Tensor[] {out.output(), out.hN(), out.cN()};
    }, inputs.toArray(new Tensor[0]));
    assertNull(lstm.weightHh(0, 0).gradData());
  }

  @Test
  void freezingAfterTheOptimizerWasBuiltStopsItsUpdates() {
    Linear layer = new Linear(3, 2, new Random(1));
    Adam adam = new Adam(layer.parameters(), 0.1f);
    Tensor x = Tensor.uniform(new Random(2), -1, 1, 4, 3);
    Ops.sum(layer.forward(x)).backward();
    adam.step();
    layer.freeze("weight");
    assertNull(layer.weight().gradData(), "freezing drops the gradient");
    float[] frozen = layer.weight().data().clone();
    float[] bias = layer.bias().data().clone();
    adam.zeroGrad();
    Ops.sum(layer.forward(x)).backward();
    adam.step();
    assertArrayEquals(frozen, layer.weight().data());
    assertFalse(java.util.Arrays.equals(bias, layer.bias().data()));
  }

  @Test
  void freezingAModulePathFreezesEveryParameterUnderIt() {
    Reservoir m = new Reservoir(new Random(1));
    m.freeze("readout");
    assertEquals(List.of("weight", "norm.scale"), List.copyOf(m.namedParameters().keySet()));
    assertEquals(List.of("readout.weight", "readout.bias"), List.copyOf(m.namedFrozenParameters().keySet()));
    m.freeze("readout.weight");                                    // already frozen: nothing happens
    m.unfreeze("readout.bias");
    assertEquals(List.of("weight", "norm.scale", "readout.bias"), List.copyOf(m.namedParameters().keySet()));
    assertEquals("Reservoir(weight=[3, 2], reservoir=[3, 3] buffer, scratch=[3] buffer, "
        + "norm=Scaler(scale=[3], running=[3] buffer), readout=Linear(weight=[2, 3] frozen, bias=[2]))", m.toString());
  }

  @Test
  void freezeRejectsUnknownNamesAndBuffers() {
    Reservoir m = new Reservoir(new Random(1));
    var unknown = assertThrows(IllegalArgumentException.class, () -> m.freeze("readout.weights"));
    assertEquals("cannot freeze 'readout.weights': Reservoir has no parameter or module of that name; parameters are "
        + "[weight, norm.scale, readout.weight, readout.bias]", unknown.getMessage());
    var buffer = assertThrows(IllegalArgumentException.class, () -> m.freeze("norm.running"));
    assertEquals("cannot freeze 'norm.running': it is a buffer of Scaler, which is never trained", buffer.getMessage());
    var inside = assertThrows(IllegalArgumentException.class, () -> m.unfreeze("weight.x"));
    assertTrue(inside.getMessage().startsWith("cannot unfreeze 'weight.x': Reservoir has no parameter"), inside.getMessage());
  }
}
