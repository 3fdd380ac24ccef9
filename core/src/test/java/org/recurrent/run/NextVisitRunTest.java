package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.train.Progress;

/**
 * next-visit end to end through the long-format reader, on patients whose diagnoses walk a cycle C0 -> C1 -> ...
 * -> C7 -> C0 one step per visit (from a random start): the next visit's code is never the current one and every
 * code is equally frequent, so both baselines rank it no better than chance, and a GRU that reads the current
 * visit must.
 */
class NextVisitRunTest {
  /** The stated margin: the model's test recall@5 exceeds the better baseline's by at least this. */
  static final double MARGIN = 0.25;

  @TempDir Path dir;

  @Test
  void aGruLearnsTheNextVisitsCodesWhereFrequencyAndRepetitionCannot() throws IOException {
    StringBuilder csv = new StringBuilder("patient_id,timestamp,code_type,code\n");
    Random r = new Random(4);
    for (int p = 0; p < 400; p++) {
      int start = r.nextInt(8);
      LocalDate day = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(60));
      for (int k = 0; k < 8; k++) {
        csv.append('p').append(p).append(',').append(day).append(",diagnosis,C").append((start + k) % 8).append('\n');
        if (r.nextBoolean()) csv.append('p').append(p).append(',').append(day).append(",medication,M").append(r.nextInt(5)).append('\n');
        day = day.plusDays(20 + r.nextInt(20));
      }
    }
    Files.writeString(dir.resolve("events.csv"), csv);
    Path config = dir.resolve("nv.yaml");
    Files.writeString(config, """
        name: nv
        seed: 5
        task: next-visit
        data:
          format: ehr
          train: events.csv
          options:
            reader: {source: long}
          split: {method: ratio, train: 0.6, validation: 0.2}
        model: {cell: gru, hidden_size: 16, embedding_dim: 8, bag_mode: sum}
        training:
          epochs: 20
          batch_size: 16
          optimizer: {name: adam, lr: 0.02}
          clip_grad_norm: 5
          patience: 4
        """);
    TrainingRun.Outcome o = TrainingRun.run(config, new TrainingRun.Options(dir.resolve("m"), false, false, null,
        Progress.quiet()));
    RunMetrics.PartScores test = o.metrics().parts().get("test");
    double model = test.metrics().get("recall@5");
    double best = Math.max(test.baseline().get("most_frequent_recall@5"), test.baseline().get("same_as_current_recall@5"));
    assertTrue(model >= best + MARGIN, "model recall@5 " + model + " against the better baseline " + best);
    // the gaps are uniform in 20..39 days and independent of everything: the mean is the best guess there is
    assertTrue(test.metrics().get("time_mae_days") < test.baseline().get("most_frequent_time_mae_days") + 1.5,
        "the time head is within 1.5 days of the mean gap's error: " + test.metrics() + " " + test.baseline());
  }
}
