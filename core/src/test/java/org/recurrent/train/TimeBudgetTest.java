package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.optim.SGD;

class TimeBudgetTest {

  /** A clock that moves one second on at every reading. */
  private static InstantSource ticking() {
    Instant[] now = {Instant.parse("2026-12-01T00:00:00Z")};
    return () -> now[0] = now[0].plusSeconds(1);
  }

  private static List<String> run(Path dir, String budget) throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0, 2.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0), TrainerOptions.defaults(2, 1))
        .listener(recorder).checkpoints(dir).listener(new TimeBudget(TimeBudget.parse(budget), ticking())).build()
        .fit(ScriptedPass.batches(5), ScriptedPass.batches(1));
    return recorder.calls.stream().filter(c -> !c.startsWith("backward")).toList();
  }

  @Test
  void stopsAfterTheFirstBatchPastTheBudgetAndCheckpointsThere(@TempDir Path dir) throws IOException {
    // read at the start (t = 1 s) and after each batch (t = 2, 3, 4 s): 3 s are up after batch 3
    assertEquals(List.of("start", "batch 1.1 step 1", "batch 1.2 step 2", "batch 1.3 step 3", "stop time_budget",
        "checkpoint last.safetensors"), run(dir, "3s"));
    Checkpoint last = Checkpoint.read(dir.resolve(Trainer.LAST));
    assertEquals(0, last.state().epoch());
    assertEquals(3, last.state().batch(), "resumes at batch 4");
    assertEquals(3, last.state().step());
  }

  @Test
  void aBudgetThatRunsOutAtAnEpochEndStopsThereWithTheEpochsOwnCheckpoints(@TempDir Path dir) throws IOException {
    // 5 batches (t = 2..6 s), then the epoch end (t = 7 s): 6 s are up there, not before
    assertEquals(List.of("start", "batch 1.1 step 1", "batch 1.2 step 2", "batch 1.3 step 3", "batch 1.4 step 4",
        "batch 1.5 step 5", "epoch 1", "checkpoint best.safetensors", "checkpoint last.safetensors",
        "stop time_budget"), run(dir, "6s"));
  }

  @Test
  void aBudgetLongerThanTheRunChangesNothing(@TempDir Path dir) throws IOException {
    List<String> calls = run(dir, "1h");
    assertEquals("stop completed", calls.get(calls.size() - 1));
    assertEquals(17, calls.size(), calls.toString());
  }

  @Test
  void parsesShortFormsAndIso8601() {
    assertEquals(Duration.ofSeconds(90), TimeBudget.parse("90s"));
    assertEquals(Duration.ofMinutes(10), TimeBudget.parse("10m"));
    assertEquals(Duration.ofHours(2), TimeBudget.parse("2h"));
    assertEquals(Duration.ofMinutes(90), TimeBudget.parse("1h30m"));
    assertEquals(Duration.ofMinutes(90), TimeBudget.parse("1.5h"));
    assertEquals(Duration.ofMillis(500), TimeBudget.parse("500ms"));
    assertEquals(Duration.ofDays(1), TimeBudget.parse("1d"));
    assertEquals(Duration.ofMinutes(10), TimeBudget.parse("PT10M"));
    assertEquals(Duration.ofMinutes(10), TimeBudget.parse("pt10m"));
  }

  @Test
  void refusesWhatIsNotAPositiveDuration() {
    for (String bad : List.of("10", "ten minutes", "10 m", "m", "10m5", "", "PT", "P1Q")) {
      var e = assertThrows(IllegalArgumentException.class, () -> TimeBudget.parse(bad), bad);
      assertEquals("expected a duration such as 90s, 10m, 2h, 1h30m or PT10M, got '" + bad + "'", e.getMessage());
    }
    for (String zero : List.of("0s", "PT0S", "PT-1M")) {
      var e = assertThrows(IllegalArgumentException.class, () -> TimeBudget.parse(zero), zero);
      assertEquals("the time budget must be positive, got '" + zero + "'", e.getMessage());
    }
  }

  @Test
  void formatsAsWritten() {
    assertEquals("10m", TimeBudget.format(Duration.ofMinutes(10)));
    assertEquals("1h30m", TimeBudget.format(Duration.ofMinutes(90)));
    assertEquals("1h5s", TimeBudget.format(Duration.ofSeconds(3605)));
    assertEquals("500ms", TimeBudget.format(Duration.ofMillis(500)));
  }
}
