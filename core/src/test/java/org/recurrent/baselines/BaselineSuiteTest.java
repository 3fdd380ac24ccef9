package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineSuiteTest {

  @Test
  void runsTheFourStandardBaselinesTunedOnValidation() {
    BinaryData train = Fixtures.linear(200, 5, 0.5, 1);
    BinaryData validation = Fixtures.linear(100, 5, 0.5, 2);
    BinaryData test = Fixtures.linear(100, 5, 0.5, 3);
    List<BaselineResult> results = BaselineSuite.standard(7).run(train, validation, test.x());
    assertEquals(List.of("logistic_regression", "mlp", "k_nearest_neighbours", "linear_svm"),
        results.stream().map(BaselineResult::name).toList());
    for (BaselineResult r : results) {
      assertEquals(100, r.testScores().length, r.name());
      // a linear rule with little noise: every baseline ranks well on validation and test
      assertTrue(r.validationAuc() > 0.85, r.name() + " validation AUC " + r.validationAuc());
      assertTrue(r.testRocAuc(test.y()) > 0.85, r.name() + " test AUC " + r.testRocAuc(test.y()));
      // the reported value is the validation argmax of the reported grid, and is what the model was fitted with
      double best = r.tuning().grid().stream().mapToDouble(TunedClassifier.GridPoint::validationAuc).max()
          .orElseThrow();
      assertEquals(best, r.validationAuc(), r.name());
      assertEquals(r.chosenValue(), r.hyperParameters().get(r.parameter()), r.name());
    }
    assertEquals(List.of("C", "weight_decay", "k", "C"), results.stream().map(BaselineResult::parameter).toList());
    // k > 200 training rows is not tried, the other k values are
    assertEquals(List.of(101.0, 51.0, 21.0, 11.0, 5.0, 1.0),
        results.get(2).tuning().grid().stream().map(TunedClassifier.GridPoint::value).toList());
    assertTrue(!results.get(3).scoresAreProbabilities() && results.get(0).scoresAreProbabilities());
  }

  @Test
  void kValuesAboveTheTrainingRowsAreSkipped() {
    BinaryData train = Fixtures.linear(30, 3, 0.5, 4);
    BinaryData validation = Fixtures.linear(30, 3, 0.5, 5);
    BaselineSuite.Candidate knn = BaselineSuite.standard(1).candidates().get(2);
    List<BaselineResult> results = BaselineSuite.of(FeatureTransform.standardize()).with(knn)
        .run(train, validation, validation.x());
    assertEquals(List.of(21.0, 11.0, 5.0, 1.0),
        results.get(0).tuning().grid().stream().map(TunedClassifier.GridPoint::value).toList());
  }

  @Test
  void isDeterministicAndTestRowsChangeNoChoice() {
    BinaryData train = Fixtures.linear(120, 4, 1, 6);
    BinaryData validation = Fixtures.linear(80, 4, 1, 7);
    FeatureMatrix test = Fixtures.linear(50, 4, 1, 8).x();
    FeatureMatrix otherTest = Fixtures.linear(70, 4, 3, 9).x();
    List<BaselineResult> a = BaselineSuite.standard(3).run(train, validation, test);
    List<BaselineResult> b = BaselineSuite.standard(3).run(train, validation, test);
    List<BaselineResult> c = BaselineSuite.standard(3).run(train, validation, otherTest);
    for (int m = 0; m < a.size(); m++) {
      assertArrayEquals(a.get(m).testScores(), b.get(m).testScores(), 0.0, a.get(m).name());
      assertEquals(a.get(m).chosenValue(), c.get(m).chosenValue(), a.get(m).name());
      assertEquals(a.get(m).validationAuc(), c.get(m).validationAuc(), 0.0, a.get(m).name());
      assertEquals(a.get(m).tuning().grid(), c.get(m).tuning().grid(), a.get(m).name());
    }
  }

  @Test
  void theTransformIsFittedOnTheTrainingRowsOnly() {
    // a candidate that records the features it is fitted on and scores: after standardize(), the training rows
    // have column mean 0 and the validation / test rows (drawn with an offset) keep their offset
    List<FeatureMatrix> fitted = new ArrayList<>();
    List<FeatureMatrix> scored = new ArrayList<>();
    BaselineSuite suite = BaselineSuite.of(FeatureTransform.standardize()).with(new BaselineSuite.Candidate(
        "recorder", "column", new double[] {0}, false, v -> new TuningTest.ColumnScorer(v) {
          @Override
          public TuningTest.ColumnScorer fit(FeatureMatrix x, int[] y) {
            fitted.add(x);
            return this;
          }

          @Override
          public double[] score(FeatureMatrix x) {
            scored.add(x);
            return super.score(x);
          }
        }));
    BinaryData train = Fixtures.linear(100, 2, 0.5, 10);
    BinaryData validation = shifted(Fixtures.linear(50, 2, 0.5, 11), 5);
    FeatureMatrix test = shifted(Fixtures.linear(40, 2, 0.5, 12), 5).x();
    suite.run(train, validation, test);
    assertEquals(1, fitted.size());
    assertEquals(100, fitted.get(0).rows());
    assertEquals(0, columnMean(fitted.get(0), 0), 1e-12);
    assertEquals(List.of(50, 40), scored.stream().map(FeatureMatrix::rows).toList());
    double sd = Math.sqrt(variance(train.x(), 0));
    assertEquals(columnMean(validation.x(), 0) - columnMean(train.x(), 0),
        columnMean(scored.get(0), 0) * sd, 1e-9);                        // validation moved by the train statistics
    assertTrue(columnMean(scored.get(1), 0) > 2, "test rows keep their offset");
  }

  @Test
  void anEmptySuiteCannotRun() {
    BinaryData d = Fixtures.linear(10, 2, 0.5, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> BaselineSuite.of(FeatureTransform.identity()).run(d, d, d.x()));
    assertEquals("BaselineSuite.run: no baselines; add one with with()", e.getMessage());
  }

  private static BinaryData shifted(BinaryData d, double by) {
    double[][] x = d.x().toArray();
    for (double[] row : x) for (int j = 0; j < row.length; j++) row[j] += by;
    return new BinaryData(FeatureMatrix.of(x), d.y());
  }

  private static double columnMean(FeatureMatrix x, int j) {
    double s = 0;
    for (int i = 0; i < x.rows(); i++) s += x.get(i, j);
    return s / x.rows();
  }

  private static double variance(FeatureMatrix x, int j) {
    double m = columnMean(x, j), s = 0;
    for (int i = 0; i < x.rows(); i++) s += (x.get(i, j) - m) * (x.get(i, j) - m);
    return s / x.rows();
  }
}
