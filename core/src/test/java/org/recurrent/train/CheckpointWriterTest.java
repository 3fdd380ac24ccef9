package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.optim.SGD;

class CheckpointWriterTest {

  @Test
  void writesLastEveryNBatchesInsideAnEpochAndBestWhenImproved(@TempDir Path dir) throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0, 2.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0),
            TrainerOptions.defaults(2, 1).withCheckpointEveryBatches(2))
        .listener(recorder).checkpoints(dir).build().fit(ScriptedPass.batches(5), ScriptedPass.batches(1));
    List<String> calls = recorder.calls.stream().filter(c -> !c.startsWith("backward")).toList();
    assertEquals(List.of("start",
        "batch 1.1 step 1", "batch 1.2 step 2", "checkpoint last.safetensors", "batch 1.3 step 3",
        "batch 1.4 step 4", "checkpoint last.safetensors", "batch 1.5 step 5",         // none at batch 5: the epoch ends
        "epoch 1", "checkpoint best.safetensors", "checkpoint last.safetensors",
        "batch 2.1 step 6", "batch 2.2 step 7", "checkpoint last.safetensors", "batch 2.3 step 8",
        "batch 2.4 step 9", "checkpoint last.safetensors", "batch 2.5 step 10",
        "epoch 2", "checkpoint last.safetensors", "stop completed"), calls);
    assertEquals(new TrainingEvent.CheckpointWritten("last.safetensors", 0, 4, 4),
        recorder.of(TrainingEvent.CheckpointWritten.class).get(1));
    Checkpoint best = Checkpoint.read(dir.resolve(Trainer.BEST));
    double epoch1Loss = recorder.of(TrainingEvent.EpochDone.class).get(0).trainLoss();
    assertEquals(new TrainerState(1, 0, 5, 1.0, 0, 0, 0, 0, 0, epoch1Loss), best.state());
  }

  @Test
  void aNegativeIntervalIsRefused(@TempDir Path dir) {
    var e = assertThrows(IllegalArgumentException.class, () -> new CheckpointWriter(dir, -1));
    assertEquals("everyBatches must be >= 0, got -1", e.getMessage());
  }

  @Test
  void writesAfterBatchNExactlyAndNotAfterTheEpochsLastBatch(@TempDir Path dir) throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0),
            TrainerOptions.defaults(1, 1).withCheckpointEveryBatches(2))
        .listener(recorder).checkpoints(dir).build().fit(ScriptedPass.batches(4), null);
    List<String> calls = recorder.calls.stream().filter(c -> !c.startsWith("backward")).toList();
    assertEquals(List.of("start", "batch 1.1 step 1", "batch 1.2 step 2", "checkpoint last.safetensors",
        "batch 1.3 step 3", "batch 1.4 step 4",                     // batch 4 of 4: the epoch end writes it
        "epoch 1", "checkpoint best.safetensors", "checkpoint last.safetensors", "stop completed"), calls);
  }
}
