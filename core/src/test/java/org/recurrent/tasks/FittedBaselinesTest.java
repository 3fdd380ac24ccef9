package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.SequenceExample;

class FittedBaselinesTest {

  /** Records of one target row each (K values), random so that the means have full binary expansions. */
  private static DataPart part(String name, int rows, int K, long seed, boolean binary) {
    Random r = new Random(seed);
    List<SequenceExample> records = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      float[] y = new float[K];
      for (int k = 0; k < K; k++) y[k] = binary ? (r.nextDouble() < 0.3 + 0.1 * k ? 1 : 0) : (float) r.nextGaussian();
      records.add(new SequenceExample("r" + i, 1, 1, new float[1], y, name + ":" + i));
    }
    return new DataPart(name, records, null, null, false, false, K);
  }

  private static FittedBaselines roundTrip(FittedBaselines fitted, Path dir) throws IOException {
    Path file = dir.resolve("baselines.json");
    fitted.save(file);
    return FittedBaselines.read(file);
  }

  @Test
  void savedAndReadBackEqualToTheBitAndScoreAsTheFittedOnes(@TempDir Path dir) throws IOException {
    OutputLabels three = new OutputLabels(List.of(), List.of("a", "b", "c"), 3, null, 0);
    RegressionTask regression = new RegressionTask();
    FittedBaselines means = regression.fitBaselines(part("train", 37, 3, 1, false), three);
    FittedBaselines back = roundTrip(means, dir);
    assertEquals(means, back);
    DataPart eval = part("eval", 11, 3, 2, false);
    Map<String, Double> direct = regression.baselines(part("train", 37, 3, 1, false), eval, three);
    assertEquals(direct, regression.scoreBaselines(back, eval, three));
    assertTrue(direct.containsKey("train_mean_rmse"), direct.toString());

    MultiLabelTask multi = new MultiLabelTask();
    FittedBaselines frequency = multi.fitBaselines(part("train", 50, 3, 3, true), three);
    DataPart labelled = part("eval", 20, 3, 4, true);
    assertEquals(multi.baselines(part("train", 50, 3, 3, true), labelled, three),
        multi.scoreBaselines(roundTrip(frequency, dir), labelled, three));
  }

  @Test
  void awkwardDoublesSurviveTheFile(@TempDir Path dir) throws IOException {
    FittedBaselines f = new FittedBaselines("regression", 3, List.of(FittedBaselines.Baseline.of("train_mean",
        0.1 + 0.2, 1.0 / 3, -1e-300, Double.MIN_VALUE, 123456789.123456789, 0), FittedBaselines.Baseline.of("none")));
    assertEquals(f, roundTrip(f, dir));
  }

  @Test
  void nothingFittedScoresNothing() {
    OutputLabels one = new OutputLabels(List.of(), List.of("y"), 1, null, 0);
    FittedBaselines none = new FittedBaselines("regression", 0, List.of());
    assertEquals(Map.of(), new RegressionTask().scoreBaselines(none, part("eval", 5, 1, 1, false), one));
  }

  @Test
  void filesOfAnotherFormatOrVersionOrWithBadFieldsAreRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("baselines.json");
    Files.writeString(file, "{\"format\": \"recurrent-scaler\", \"version\": 1}");
    var e = assertThrows(DataFormatException.class, () -> FittedBaselines.read(file));
    assertEquals(file + ": expected format \"recurrent-baselines\", found \"recurrent-scaler\"", e.getMessage());
    Files.writeString(file, "{\"format\": \"recurrent-baselines\", \"version\": 3}");
    e = assertThrows(DataFormatException.class, () -> FittedBaselines.read(file));
    assertEquals(file + ": expected a version from 1 to 2, found 3; this library reads versions 1 to 2", e.getMessage());
    Files.writeString(file, "{\"format\": \"recurrent-baselines\", \"version\": 1, \"task\": \"regression\", "
        + "\"fitted_on\": 3, \"baselines\": [{\"name\": \"train_mean\", \"values\": [1, \"two\"]}]}");
    e = assertThrows(DataFormatException.class, () -> FittedBaselines.read(file));
    assertEquals(file + ": expected baselines[0].values[1] to be a number, found \"two\"", e.getMessage());
    Files.writeString(file, "{\"format\": \"recurrent-baselines\", \"version\": 1, \"task\": \"regression\", "
        + "\"fitted_on\": 3}");
    e = assertThrows(DataFormatException.class, () -> FittedBaselines.read(file));
    assertEquals(file + ": missing field \"baselines\"", e.getMessage());
  }

  @Test
  void ngramCountsRoundTripAndBrokenOnesAreNamed(@TempDir Path dir) throws IOException {
    org.recurrent.baselines.ngram.NgramCounts counts = org.recurrent.baselines.ngram.KneserNey.fit(
        new int[] {0, 1, 2, 0, 1, 3, 0, 2, 2, 1, 0, 1, 2}, 5, 4).counts();
    FittedBaselines fitted = new FittedBaselines("language_model", 13, List.of(
        FittedBaselines.Baseline.of("unigram", 4, 4, 4, 1, 0), FittedBaselines.Baseline.ofCounts("kneser_ney", counts)));
    FittedBaselines read = roundTrip(fitted, dir);
    assertEquals(counts, read.ngrams("kneser_ney").orElseThrow());
    assertTrue(read.ngrams("unigram").isEmpty());
    Path file = dir.resolve("baselines.json");
    String text = Files.readString(file);
    assertTrue(text.contains("\"version\" : 2"), text);
    Files.writeString(file, text.replace("\"training_tokens\" : 13", "\"training_tokens\" : 14"));
    var e = assertThrows(DataFormatException.class, () -> FittedBaselines.read(file));
    assertTrue(e.getMessage().startsWith(file + ": baselines[1].ngrams does not hold a valid n-gram model: the n-gram "
        + "counts sum to 10, but a text of 14 tokens holds 11 4-grams"), e.getMessage());
    Files.writeString(file, text.replace("\"version\" : 2", "\"version\" : 3"));
    var v = assertThrows(DataFormatException.class, () -> FittedBaselines.read(file));
    assertTrue(v.getMessage().contains("expected a version from 1 to 2, found 3"), v.getMessage());
  }
}
