package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.io.SafeTensors;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.tensor.Tensor;

class CheckpointTest {

  @Test
  void roundTripKeepsTensorsStateAndScheduleExactly(@TempDir Path dir) throws IOException {
    TrainerState state = new TrainerState(3, 17, 1234567L, Double.NaN, -1, 2, 12.5, 40, 640);
    Checkpoint c = new Checkpoint(Map.of("rnn.weight_hh_l0", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)),
        Map.of("0.exp_avg", Tensor.of(new float[] {0.5f, 0.25f}, 2)),
        new RecurrentOutput(null, Tensor.of(new float[] {7, 8}, 1, 1, 2), Tensor.of(new float[] {9, 10}, 1, 1, 2)),
        state, Map.of("last_epoch", 3.0, "base_lr", 0.001));
    c.write(dir.resolve("c.safetensors"));
    Checkpoint back = Checkpoint.read(dir.resolve("c.safetensors"));
    assertEquals(state, back.state());
    assertEquals(Map.of("last_epoch", 3.0, "base_lr", 0.001), back.schedule());
    assertArrayEquals(new float[] {1, 2, 3, 4}, back.model().get("rnn.weight_hh_l0").data());
    assertArrayEquals(new float[] {0.5f, 0.25f}, back.optimizer().get("0.exp_avg").data());
    assertArrayEquals(new float[] {9, 10}, back.carry().cN().data());
  }

  /** A checkpoint is a file like any other: a damaged or edited one is refused, naming what is wrong. */
  @Test
  void readRefusesIncompleteOrWronglyTypedStateAndNonFiniteTensors(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.safetensors");
    TrainerState state = new TrainerState(1, 0, 8, 0.5, 0, 0, 0, 0, 0, 0.25);
    new Checkpoint(Map.of("w", Tensor.of(new float[] {1}, 1)), Map.of(), null, state, Map.of("base_lr", 0.01)).write(f);
    Map<String, String> meta = new java.util.LinkedHashMap<>(SafeTensors.read(f).metadata());
    String trainer = meta.get("trainer");
    String[][] cases = {
        {"trainer", trainer.replace("\"badEpochs\":0,", ""), "\"trainer\" lacks the field 'badEpochs'"},
        {"trainer", trainer.replace("\"epoch\":1", "\"epoch\":1.5"), "\"trainer\".epoch: expected an integer"},
        {"trainer", trainer.replace("{", "{\"extra\":1,"), "\"trainer\" has an unknown field 'extra'"},
        {"schedule", "{\"base_lr\":\"fast\"}", "\"schedule\".base_lr: expected a number"},
    };
    for (String[] c : cases) {
      Map<String, String> bad = new java.util.LinkedHashMap<>(meta);
      bad.put(c[0], c[1]);
      SafeTensors.write(f, Map.of("model.w", Tensor.of(new float[] {1}, 1)), bad);
      var e = assertThrows(IOException.class, () -> Checkpoint.read(f));
      assertEquals(f + ": checkpoint metadata is unreadable: " + c[2], e.getMessage());
    }
    SafeTensors.write(f, Map.of("model.w", Tensor.of(new float[] {Float.NaN}, 1)), meta);
    var e = assertThrows(IOException.class, () -> Checkpoint.read(f));
    assertEquals(f + ": tensor 'model.w' holds NaN; a checkpoint is written only from finite weights, so this one is "
        + "damaged", e.getMessage());
  }

  @Test
  void aModelFileIsNotACheckpoint(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("model.safetensors");
    SafeTensors.write(f, Map.of("w", Tensor.zeros(1)), Map.of("format", "pt"));
    var e = assertThrows(IOException.class, () -> Checkpoint.read(f));
    assertEquals(f + ": expected a checkpoint (metadata format \"recurrent-checkpoint\"), found format \"pt\"",
        e.getMessage());
  }
}
