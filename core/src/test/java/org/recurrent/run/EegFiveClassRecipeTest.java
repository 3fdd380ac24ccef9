package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.config.ConfigOverrides;
import org.recurrent.train.Progress;

/**
 * {@code examples/eeg-seizure-5class.yaml} end to end on a slice of the real data: every 4th segment of the UCI file
 * (2,875 of 11,500; the recording-wise split of {@code splits.csv}, which the config names, still holds: a recording
 * of the test part gives none of its segments to training) and 5 epochs instead of the config's 12. The model must
 * beat the majority class and the logistic regression on the raw samples, both of which the run scores on the same
 * test segments. Skipped where the data are absent.
 */
class EegFiveClassRecipeTest {
  private static final Path DATA = Path.of("../../shared/data/epileptic-seizure-recognition").toAbsolutePath()
      .normalize();
  private static final Path CONFIG = Path.of("../examples/eeg-seizure-5class.yaml");

  @Test
  void beatsTheMajorityClassAndLogisticRegressionOnASliceOfTheRealData(@TempDir Path dir) throws IOException {
    Path csv = DATA.resolve("epileptic_seizure_recognition.csv.gz");
    assumeTrue(Files.exists(csv), "no EEG data at " + csv);
    Path slice = dir.resolve("slice.csv");
    int rows = everyFourthRow(csv, slice);
    assertEquals(2875, rows);

    RunMetrics metrics = TrainingRun.run(CONFIG, new TrainingRun.Options(dir.resolve("model"), false, false, null,
        Progress.quiet(), ConfigOverrides.parse(List.of("data.train=" + slice, "training.epochs=5")), null, null))
        .metrics();
    RunMetrics.PartScores test = metrics.parts().get("test");
    double accuracy = test.metrics().get("accuracy"), f1 = test.metrics().get("macro_f1");
    double majority = test.baseline().get("majority_class_accuracy");
    double lrAccuracy = test.baseline().get("logistic_regression_accuracy");
    double lrF1 = test.baseline().get("logistic_regression_macro_f1");
    // this slice and seed gave accuracy 0.415 (majority 0.208, logistic regression 0.243) and macro-F1 0.381
    // (logistic regression 0.245) after 5 epochs, 16 s on a quiet 2-core EPYC; 3 epochs gave macro-F1 0.325 and
    // failed the last margin. The margins leave 3.5 to 6 points for another machine's rounding.
    assertTrue(accuracy > majority + 0.15, "accuracy " + accuracy + " vs majority class " + majority);
    assertTrue(accuracy > lrAccuracy + 0.10, "accuracy " + accuracy + " vs logistic regression " + lrAccuracy);
    assertTrue(f1 > lrF1 + 0.10, "macro-F1 " + f1 + " vs logistic regression " + lrF1);
  }

  /** The header and rows 0, 4, 8, ... of the gzipped CSV into {@code out}; returns the rows written. */
  private static int everyFourthRow(Path gz, Path out) throws IOException {
    int kept = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
        StandardCharsets.UTF_8)); BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(in.readLine());
      w.newLine();
      int i = 0;
      for (String line = in.readLine(); line != null; line = in.readLine(), i++) {
        if (i % 4 != 0) continue;
        w.write(line);
        w.newLine();
        kept++;
      }
    }
    return kept;
  }
}
