package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.TargetKind;
import org.recurrent.tensor.Tensor;

class LanguageModelTaskTest {
  private static final LanguageModelTask TASK = new LanguageModelTask();
  private static final OutputLabels FOUR = new OutputLabels(List.of(), List.of(), 4, null, 0);

  @Test
  void languageModelMetricsComeFromTheLoss() {
    Predictions p = new Predictions();
    p.addLoss(Math.log(4), 10);
    Map<String, Double> m = TASK.metrics(p, FOUR);
    assertEquals(4.0, m.get("perplexity"), 1e-9);
    assertEquals(2.0, m.get("bits_per_character"), 1e-9);
  }

  @Test
  void metricsWeighEachBatchByItsTokens() {
    Predictions p = new Predictions();
    p.addLoss(Math.log(2), 3); // 3 tokens at 1 bit
    p.addLoss(Math.log(8), 1); // 1 token at 3 bits
    Map<String, Double> m = TASK.metrics(p, FOUR);
    // (3 * 1 + 1 * 3) / 4 = 1.5 bits per token; perplexity 2^1.5
    assertEquals(1.5, m.get("bits_per_character"), 1e-9);
    assertEquals(1.5 * Math.log(2), m.get("cross_entropy"), 1e-9);
    assertEquals(Math.pow(2, 1.5), m.get("perplexity"), 1e-9);
  }

  @Test
  void noLossGivesNoMetrics() {
    assertEquals(Map.of(), TASK.metrics(new Predictions(), FOUR));
  }

  @Test
  void unigramLanguageModelIsFittedOnTheTrainingText() {
    // train text all token 0; eval all token 1: add-one smoothing gives p(1) = 1 / (4 + 2)
    DataPart train = corpus("train", 0, 0, 0, 0);
    DataPart eval = corpus("eval", 1, 1);
    double ce = TASK.baselines(train, eval, new OutputLabels(List.of(), List.of(), 2, null, 0))
        .get("unigram_cross_entropy");
    assertEquals(Math.log(6), ce, 1e-9);
  }

  @Test
  void unigramNeedsBothTexts() {
    DataPart records = new DataPart("train", List.of(), null, null, true, true, 1);
    assertEquals(Map.of(), TASK.baselines(records, corpus("eval", 1, 1), FOUR));
    assertEquals(Map.of(), TASK.baselines(corpus("train", 1, 1), records, FOUR));
  }

  @Test
  void evaluationUsesAtMostHalfTheTextsPredictionsAsStreams() {
    // 7 tokens, 6 predictions: at most 6 / 2 = 3 streams of 2 steps, fewer than the batch size 8
    BatchSource s = TASK.batches(corpus("val", 0, 1, 2, 3, 0, 1, 2), BatchPlan.evaluation(8, 4));
    assertEquals(3, s.batch(0, 0).size());
    assertEquals(2, s.batch(0, 0).steps());
    assertEquals(6, s.recordsPerEpoch());
  }

  @Test
  void evaluationOfALongTextUsesTheBatchSize() {
    // 21 tokens: min(4, 20 / 2) = 4 streams of 20 / 4 = 5 steps
    BatchSource s = TASK.batches(corpus("val", IntStream.range(0, 21).map(i -> i % 4).toArray()), BatchPlan.evaluation(4, 8));
    assertEquals(4, s.batch(0, 0).size());
    assertEquals(5, s.batch(0, 0).steps());
  }

  @Test
  void aTextOfTwoTokensIsOneStreamOfOneStep() {
    BatchSource s = TASK.batches(corpus("val", 2, 3), BatchPlan.evaluation(8, 4));
    Batch b = s.batch(0, 0);
    assertEquals(1, s.batchesPerEpoch());
    assertEquals(1, b.size());
    assertEquals(1, b.steps());
    assertArrayEquals(new int[] {2}, b.tokens());
    assertArrayEquals(new float[] {3}, b.targets());
  }

  @Test
  void trainingUsesEveryStreamOfTheBatchSize() {
    // 7 tokens, batch size 5: 5 streams of 6 / 5 = 1 step (evaluation would cap them at 6 / 2 = 3)
    BatchSource s = TASK.batches(corpus("train", 0, 1, 2, 3, 0, 1, 2), BatchPlan.of(5).shuffled(1).streams(4));
    assertEquals(5, s.batch(0, 0).size());
    assertEquals(1, s.batch(0, 0).steps());
  }

  @Test
  void noBatchesWithoutATextOrFromOneToken() {
    assertNull(TASK.batches(corpus("val", 5), BatchPlan.evaluation(8, 4)));
    assertNull(TASK.batches(new DataPart("val", List.of(), null, null, true, true, 1), BatchPlan.evaluation(8, 4)));
  }

  @Test
  void everyMetricOfALanguageModelIsLowerIsBetter() {
    for (String metric : List.of("loss", "cross_entropy", "perplexity", "bits_per_character")) {
      assertFalse(TASK.higherIsBetter(metric), metric);
    }
  }

  @Test
  void isJudgedByItsLossAloneWithoutCollectingRows() {
    assertFalse(TASK.collectsPredictions());
    var e = assertThrows(UnsupportedOperationException.class, () -> TASK.describe(new Predictions(), 0, FOUR, new HashMap<>()));
    assertEquals("a language model's predictions are generated text, not rows", e.getMessage());
  }

  @Test
  void predictsTheNextTokenAtEveryStepOfATextCorpus() {
    assertTrue(TASK.perStepOutput(TargetKind.NONE));
    assertDoesNotThrow(() -> TASK.checkTargets(TargetKind.NONE, "text_corpus"));
    var e = assertThrows(IllegalArgumentException.class, () -> TASK.checkTargets(TargetKind.CLASS, "jsonl"));
    assertEquals("task language_model needs data.format text_corpus, but the data have class targets", e.getMessage());
    assertEquals("language_model", TASK.toString());
  }

  @Test
  void readoutIsTheSoftmaxOverTheVocabulary() {
    // softmax(0, ln 3) = (1, 3) / 4
    Tensor p = TASK.readout(Tensor.of(new float[] {0, (float) Math.log(3)}, 1, 2));
    assertArrayEquals(new float[] {0.25f, 0.75f}, p.data(), 1e-6f);
  }

  @Test
  void kneserNeyBaselinesOfOrdersTwoToFiveScoreTheEvaluatedTextGivenItsOwnHistory() {
    // a repeating training text "0 1 2 3 0 1 2 3 ..." makes higher orders surer of the next token
    int[] text = IntStream.range(0, 400).map(i -> i % 4).toArray();
    DataPart train = corpus("train", text);
    DataPart eval = corpus("eval", 0, 1, 2, 3, 0, 1, 2);
    Map<String, Double> m = TASK.baselines(train, eval, FIVE);
    org.recurrent.baselines.ngram.KneserNey lm = org.recurrent.baselines.ngram.KneserNey.fit(text, 5, 5);
    for (int order = 2; order <= 5; order++) {
      double nll = lm.negativeLogLikelihood(order, eval.corpus());
      assertEquals(nll / 6, m.get("kneser_ney_" + order + "_cross_entropy"), 1e-12, "order " + order);
      assertEquals(nll / 6 / Math.log(2), m.get("kneser_ney_" + order + "_bits_per_character"), 1e-12);
    }
    assertFalse(m.containsKey("kneser_ney_1_cross_entropy"));
    assertFalse(m.containsKey("kneser_ney_6_cross_entropy"));
    assertTrue(m.get("kneser_ney_2_bits_per_character") < m.get("unigram_bits_per_character") - 1,
        "a bigram model knows what follows each token here: " + m);
  }

  @Test
  void kneserNeyBaselinesScoreTheSameAfterASaveAndRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    DataPart train = corpus("train", 0, 1, 2, 0, 1, 3, 0, 2, 2, 1, 0, 1, 2);
    DataPart eval = corpus("eval", 4, 0, 1, 2, 3);                         // 4 never occurs in training
    FittedBaselines fitted = TASK.fitBaselines(train, FIVE);
    java.nio.file.Path file = dir.resolve("baselines.json");
    fitted.save(file);
    Map<String, Double> direct = TASK.scoreBaselines(fitted, eval, FIVE);
    assertEquals(direct, TASK.scoreBaselines(FittedBaselines.read(file), eval, FIVE));
    assertTrue(Double.isFinite(direct.get("kneser_ney_5_bits_per_character")), "an unseen id costs finitely many bits");
  }

  /**
   * {@code baselines.json} keeps the Kneser-Ney counts, not the training text: for a text of 20,000 tokens over 5
   * ids (at most 5^5 = 3,125 distinct 5-grams) the file is far smaller than the text's ids would be, and holds none of
   * them as values; read back, the baselines score exactly as the fitted ones.
   */
  @Test
  void baselinesKeepTheNgramCountsNotTheTrainingText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.util.Random r = new java.util.Random(2);
    int[] text = IntStream.range(0, 20_000).map(i -> r.nextInt(5)).toArray();
    FittedBaselines fitted = TASK.fitBaselines(corpus("train", text), FIVE);
    assertEquals(List.of(), fitted.baselines().get(1).values());
    assertEquals(20_000, fitted.ngrams(LanguageModelTask.KNESER_NEY).orElseThrow().trainingTokens());
    java.nio.file.Path file = dir.resolve("baselines.json");
    fitted.save(file);
    assertTrue(java.nio.file.Files.size(file) < 40_000, "a 20,000-token text's ids alone take 60 kB as JSON; the "
        + "file has " + java.nio.file.Files.size(file) + " bytes");
    DataPart eval = corpus("eval", IntStream.range(0, 300).map(i -> r.nextInt(5)).toArray());
    assertEquals(TASK.scoreBaselines(fitted, eval, FIVE), TASK.scoreBaselines(FittedBaselines.read(file), eval, FIVE));
  }

  /** A version-1 file (before the counts), which kept the training text as the values, still loads and scores the same. */
  @Test
  void aVersionOneFileWithTheTrainingTextStillScoresTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    int[] text = {0, 1, 2, 0, 1, 3, 0, 2, 2, 1, 0, 1, 2};
    DataPart eval = corpus("eval", 4, 0, 1, 2, 3, 1);
    StringBuilder values = new StringBuilder();
    for (int id : text) values.append(values.length() == 0 ? "" : ", ").append(id).append(".0");
    java.nio.file.Path old = java.nio.file.Files.writeString(dir.resolve("baselines.json"), """
        {"format": "recurrent-baselines", "version": 1, "task": "language_model", "fitted_on": 13,
         "baselines": [{"name": "unigram", "values": [4.0, 4.0, 4.0, 1.0, 0.0]},
                       {"name": "kneser_ney", "values": [%s]}]}
        """.formatted(values));
    Map<String, Double> expected = TASK.scoreBaselines(TASK.fitBaselines(corpus("train", text), FIVE), eval, FIVE);
    assertEquals(expected, TASK.scoreBaselines(FittedBaselines.read(old), eval, FIVE));
    assertTrue(expected.containsKey("kneser_ney_5_bits_per_character"));
  }

  private static final OutputLabels FIVE = new OutputLabels(List.of(), List.of(), 5, null, 0);

  private static DataPart corpus(String name, int... ids) {
    return new DataPart(name, List.of(), ids, null, true, true, 1);
  }
}
