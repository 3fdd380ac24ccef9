package org.recurrent.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;

/**
 * Scaling fitted over every step of the training records, by hand on three steps of F = 3 features: feature 0 is
 * 1, 3, 5 (mean 3), feature 1 is -2, -4, -6 (all negative), feature 2 is the constant 7.
 */
class FeatureScalingTest {
  /** Records of different lengths (2 steps and 1), so that the count is of steps, not records. */
  private static final List<SequenceExample> TRAIN = List.of(
      new SequenceExample("a", 2, 3, new float[] {1, -2, 7, 3, -4, 7}, new float[0], "a"),
      new SequenceExample("b", 1, 3, new float[] {5, -6, 7}, new float[0], "b"));

  private static float[] all(List<SequenceExample> records) {
    float[] a = records.get(0).x(), b = records.get(1).x();
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void zscoreUsesTheMeanAndPopulationStdOverEveryStep() {
    FeatureScaling s = FeatureScaling.fit("zscore", TRAIN, 3);
    // features 0 and 1: squared deviations 4 + 0 + 4 over n = 3 steps, std = sqrt(8 / 3); feature 2: std 0 -> scale 1
    float z = (float) (2 / Math.sqrt(8.0 / 3.0));                                   // 1.2247449
    assertArrayEquals(new float[] {-z, z, 0, 0, 0, 0, z, -z, 0}, all(s.apply(TRAIN)), 1e-6f);
  }

  @Test
  void minMaxMapsTheTrainingRangeToZeroOne() {
    FeatureScaling s = FeatureScaling.fit("minmax", TRAIN, 3);
    // feature 0: (x - 1) / 4; feature 1: (x + 6) / 4; feature 2: max == min -> scale 1, (7 - 7) / 1 = 0
    assertArrayEquals(new float[] {0, 1, 0, 0.5f, 0.5f, 0, 1, 0, 0}, all(s.apply(TRAIN)), 1e-6f);
  }

  @Test
  void scalingLaterRecordsUsesTheTrainingFit() {
    FeatureScaling s = FeatureScaling.fit("minmax", TRAIN, 3);
    SequenceExample later = new SequenceExample("c", 2, 3, new float[] {9, -10, 8, -3, -2, 6}, new float[0], "c");
    assertArrayEquals(new float[] {2, -1, 1, -1, 1, -1}, s.apply(List.of(later)).get(0).x(), 1e-6f);
  }

  @Test
  void noneLeavesTheRecordsAlone() {
    FeatureScaling s = FeatureScaling.fit("none", TRAIN, 3);
    assertNull(s.scaler());
    assertSame(TRAIN, s.apply(TRAIN));
  }
}
