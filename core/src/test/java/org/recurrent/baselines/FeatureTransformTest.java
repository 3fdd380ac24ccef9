package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FeatureTransformTest {
  private static final FeatureMatrix TRAIN = FeatureMatrix.of(new double[][] {{1, 5}, {3, 5}, {5, 5}});
  private static final FeatureMatrix TEST = FeatureMatrix.of(new double[][] {{7, 6}, {3, 5}});

  @Test
  void standardizeUsesTheTrainingStatisticsOnly() {
    // column 0: mean 3, sd sqrt(8/3) (divisor n); column 1 is constant: sd := 1, so it becomes 0 and stays finite
    FeatureTransform.Fitted fitted = FeatureTransform.standardize().fit(TRAIN);
    FeatureTransform.Standardization s = (FeatureTransform.Standardization) fitted;
    double sd = Math.sqrt(8.0 / 3);
    assertArrayEquals(new double[] {3, 5}, s.mean(), 1e-15);
    assertArrayEquals(new double[] {sd, 1}, s.scale(), 1e-15);
    assertArrayEquals(new double[][] {{-2 / sd, 0}, {0, 0}, {2 / sd, 0}}, fitted.apply(TRAIN).toArray());
    // test rows are moved by the training mean and scale, not their own (their own mean would map (3, 5) off 0)
    assertArrayEquals(new double[][] {{4 / sd, 1}, {0, 0}}, fitted.apply(TEST).toArray());
  }

  @Test
  void log1pThenStandardizeFitsTheSecondOnTheFirstsOutput() {
    FeatureTransform.Fitted fitted = FeatureTransform.log1p().then(FeatureTransform.standardize()).fit(TRAIN);
    double[] logs = {Math.log(2), Math.log(4), Math.log(6)};
    double mean = (logs[0] + logs[1] + logs[2]) / 3, var = 0;
    for (double l : logs) var += (l - mean) * (l - mean) / 3;
    assertEquals((Math.log(8) - mean) / Math.sqrt(var), fitted.apply(TEST).get(0, 0), 1e-12);
    assertEquals(0, fitted.apply(TRAIN).get(1, 1), 0.0);
    assertArrayEquals(TEST.toArray(), FeatureTransform.identity().fit(TRAIN).apply(TEST).toArray());
  }

  @Test
  void rejectsValuesOutsideTheDomainAndOtherColumns() {
    FeatureMatrix bad = FeatureMatrix.of(new double[][] {{0, 2}, {-1, 3}});
    assertEquals("FeatureTransform.log1p: row 1 column 0 is -1.0, expected a value > -1 (counts are >= 0)",
        assertThrows(IllegalArgumentException.class, () -> FeatureTransform.log1p().fit(bad).apply(bad))
            .getMessage());
    FeatureTransform.Fitted fitted = FeatureTransform.standardize().fit(TRAIN);
    assertEquals("FeatureTransform.standardize: expected 2 feature columns as in training, got 1; apply the same"
        + " features and FeatureTransform as at fit time", assertThrows(IllegalArgumentException.class,
            () -> fitted.apply(FeatureMatrix.of(new double[][] {{1}}))).getMessage());
  }
}
