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

  @Test
  void aModelFileIsNotACheckpoint(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("model.safetensors");
    SafeTensors.write(f, Map.of("w", Tensor.zeros(1)), Map.of("format", "pt"));
    var e = assertThrows(IOException.class, () -> Checkpoint.read(f));
    assertEquals(f + ": expected a checkpoint (metadata format \"recurrent-checkpoint\"), found format \"pt\"",
        e.getMessage());
  }
}
