package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.baselines.LogisticRegression;
import org.recurrent.baselines.NgramFeatures;
import org.recurrent.data.SequenceExample;
import org.recurrent.metrics.BinaryMetrics;

/** classification's bag-of-words baselines of binary text, through the task as a training run calls them. */
class TextBaselinesTest {
  private static final ClassificationTask TASK = new ClassificationTask();
  private static final OutputLabels TWO = new OutputLabels(List.of("neg", "pos"), List.of(), 2, null, 0);
  // ids: 1 unk, 2 "not", 3 "good", 4 "bad", 5.. fillers
  private static final int NOT = 2, GOOD = 3, BAD = 4, FILLERS = 12;

  /**
   * Sentences of 6 tokens holding one of good/bad and one "not", either right before the sentiment word (negating
   * it) or elsewhere: the label is good XOR negated. Every sentence has the same unigrams up to the sentiment word
   * and the fillers, so unigrams alone cannot tell a negated "good" from a plain one; the bigram (not, good) can.
   */
  static List<SequenceExample> negations(int n, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] ids = new int[6];
      for (int t = 0; t < 6; t++) ids[t] = 5 + r.nextInt(FILLERS);
      boolean good = r.nextBoolean(), negated = r.nextBoolean();
      int at = 1 + r.nextInt(5);                                        // sentiment word at 1..5
      ids[at] = good ? GOOD : BAD;
      if (negated) {
        ids[at - 1] = NOT;
      } else {
        int other;
        do other = r.nextInt(6); while (other == at || other == at - 1);
        ids[other] = NOT;
      }
      out.add(SequenceExample.tokens("s" + i, ids, new float[] {good != negated ? 1 : 0}, "mem"));
    }
    return out;
  }

  static DataPart part(String name, List<SequenceExample> records) {
    return new DataPart(name, records, null, List.of(), true, false, 1);
  }

  @Test
  void bigramsSeeNegationThatUnigramsCannot() {
    DataPart train = part("train", negations(400, 1)), validation = part("validation", negations(200, 2));
    DataPart test = part("test", negations(400, 3));
    Map<String, Double> m = TASK.scoreBaselines(TASK.fitBaselines(train, validation, TWO), test, TWO);
    assertTrue(m.get("bow_bigram_logistic_regression_accuracy") > 0.9, m.toString());
    assertTrue(m.get("bow_logistic_regression_accuracy") < 0.65, m.toString());
    assertTrue(m.containsKey("majority_class_accuracy") && m.containsKey("bow_logistic_regression_macro_f1")
        && m.containsKey("bow_bigram_logistic_regression_roc_auc"), m.toString());
  }

  @Test
  void cIsTheGridValueOfBestValidationAccuracyFittedOnTrainOnly() {
    DataPart train = part("train", negations(300, 4)), validation = part("validation", negations(150, 5));
    Map<String, Double> m = TASK.scoreBaselines(TASK.fitBaselines(train, validation, TWO), validation, TWO);
    // the same choice made independently: unigram+bigram features of the training part, each C of the grid
    List<int[]> trainIds = ids(train), validationIds = ids(validation);
    NgramFeatures f = NgramFeatures.fit(trainIds, 5 + FILLERS, true);
    int[] y = labels(train), yVal = labels(validation);
    double bestC = Double.NaN, best = -1;
    for (double c : TextBaselines.GRID) {
      double a = BinaryMetrics.accuracyAt(yVal, new LogisticRegression(c).fit(f.transform(trainIds), y)
          .score(f.transform(validationIds)), 0.5);
      if (a > best) {
        best = a;
        bestC = c;
      }
    }
    assertEquals(bestC, m.get("bow_bigram_logistic_regression_c"), 0.0, m.toString());
    assertEquals(best, m.get("bow_bigram_logistic_regression_validation_accuracy"), 0.0);
    // scored on the validation part, the chosen model's accuracy is the one the choice was made on
    assertEquals(best, m.get("bow_bigram_logistic_regression_accuracy"), 0.0);
  }

  @Test
  void withoutValidationCIsOneAndNothingClaimsATunedAccuracy() {
    DataPart train = part("train", negations(200, 6));
    Map<String, Double> m = TASK.scoreBaselines(TASK.fitBaselines(train, TWO), part("test", negations(100, 7)), TWO);
    assertEquals(TextBaselines.DEFAULT_C, m.get("bow_logistic_regression_c"), 0.0);
    assertFalse(m.containsKey("bow_logistic_regression_validation_accuracy"), m.toString());
  }

  @Test
  void storedInBaselinesJsonTheyScoreExactlyAsWhenFitted(@TempDir Path dir) throws IOException {
    DataPart train = part("train", negations(300, 8)), validation = part("validation", negations(100, 9));
    DataPart test = part("test", negations(200, 10));
    FittedBaselines fitted = TASK.fitBaselines(train, validation, TWO);
    Path file = dir.resolve("baselines.json");
    fitted.save(file);
    assertEquals(TASK.scoreBaselines(fitted, test, TWO), TASK.scoreBaselines(FittedBaselines.read(file), test, TWO));
  }

  @Test
  void unseenTokenIdsAreDroppedNotAnError() {
    // a plain rule here: "good" positive, "bad" negative, among fillers
    Random r = new Random(11);
    List<SequenceExample> plain = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      boolean good = i % 2 == 0;
      plain.add(SequenceExample.tokens("p" + i, new int[] {5 + r.nextInt(FILLERS), good ? GOOD : BAD,
          5 + r.nextInt(FILLERS)}, new float[] {good ? 1 : 0}, "mem"));
    }
    DataPart train = part("train", plain);
    List<SequenceExample> unseen = List.of(
        SequenceExample.tokens("u0", new int[] {GOOD, 99}, new float[] {1}, "mem"),
        SequenceExample.tokens("u1", new int[] {BAD, 98}, new float[] {0}, "mem"));
    Map<String, Double> m = TASK.scoreBaselines(TASK.fitBaselines(train, TWO), part("new", unseen), TWO);
    assertEquals(1.0, m.get("bow_logistic_regression_accuracy"), 0.0, m.toString());
  }

  @Test
  void onlyBinaryTextGetsThem() {
    List<SequenceExample> three = new ArrayList<>(negations(30, 12));
    three.add(SequenceExample.tokens("k", new int[] {GOOD}, new float[] {2}, "mem"));
    OutputLabels labels = new OutputLabels(List.of("a", "b", "c"), List.of(), 3, null, 0);
    FittedBaselines f = TASK.fitBaselines(part("train", three), part("validation", three), labels);
    assertEquals(List.of(CategoricalScores.MAJORITY), f.baselines().stream().map(FittedBaselines.Baseline::name)
        .toList());
  }

  private static List<int[]> ids(DataPart part) {
    return part.records().stream().map(e -> ((org.recurrent.data.StepInput.Tokens) e.primary()).ids()).toList();
  }

  private static int[] labels(DataPart part) {
    return part.records().stream().mapToInt(e -> (int) e.y()[0]).toArray();
  }
}
