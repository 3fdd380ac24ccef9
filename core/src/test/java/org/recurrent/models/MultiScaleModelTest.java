package org.recurrent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.TargetLayout;
import org.recurrent.data.synthetic.AddingProblem;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.tensor.Tensor;

/** Kind {@code multiscale}: its spec from a section and the data, its state dict, a saved model, carried states. */
class MultiScaleModelTest {

  private static Batch batch() {
    return new Batcher(new AddingProblem(12).generate(10, 4).examples(), BatchPlan.of(10), new TargetLayout(false, 1))
        .batch(0, 0);
  }

  private static MultiScaleModel model() {
    MultiScaleSection section = new MultiScaleSection(null, List.of(1, 3), 5, null, null);
    MultiScaleConfig spec = new MultiScaleKind().spec(section, new DataSignature(false, 2, 0, -1, 1, false));
    return new MultiScaleModel(spec, new Random(3));
  }

  @Test
  void specTakesSizesFromTheDataAndKeysArePyTorchRnns() {
    MultiScaleModel m = model();
    assertEquals(new MultiScaleConfig(2, List.of(1, 3), 5, "tanh", OutputMode.SEQUENCE, 1), m.spec());
    assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "head.weight",
        "head.bias"), List.copyOf(m.stateDict().keySet()));
    assertArrayEquals(new int[] {10, 10}, m.stateDict().get("rnn.weight_hh_l0").shape());
    assertEquals(m.spec().parameterCount(), m.parameterCount(), 0);
  }

  @Test
  void aSavedModelPredictsTheSame(@TempDir Path dir) throws IOException {
    MultiScaleModel m = model();
    ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, "regression",
        ModelManifest.describe(m), ModelDirectory.JSON.createObjectNode().put("format", "synthetic"),
        List.of("value", "marker"), List.of(), List.of("y"), Map.of());
    ModelDirectory.write(dir, manifest, m);
    ModelDirectory.Loaded back = ModelDirectory.read(dir);
    assertEquals("multiscale", back.model().kind());
    assertEquals(m.spec(), back.model().spec());
    Batch b = batch();
    assertArrayEquals(m.forward(b, null).logits().data(), back.model().forward(b, null).logits().data());
  }

  @Test
  void refusesACarriedStateAndBadChoices() {
    MultiScaleModel m = model();
    var e = assertThrows(IllegalArgumentException.class,
        () -> m.forward(batch(), new RecurrentOutput(null, Tensor.zeros(1, 10, 10), null)));
    assertTrue(e.getMessage().contains("training.tbptt: 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MultiScaleSection(null, List.of(1, 0), 4, null, null));
    assertTrue(e.getMessage().contains("model.delays: every delay must be in 1..10000"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MultiScaleSection(null, null, 4, "sigmoid", null));
    assertTrue(e.getMessage().contains("tanh or relu, got 'sigmoid'"), e.getMessage());
  }
}
