package org.recurrent.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplingTest {
  @Test
  void topOneIsTheArgmaxWhateverTheTemperatureAndGenerator() {
    Random logitsRng = new Random(5), rng = new Random(6);
    for (int trial = 0; trial < 200; trial++) {
      float[] z = new float[1 + logitsRng.nextInt(20)];
      for (int v = 0; v < z.length; v++) z[v] = (float) logitsRng.nextGaussian();
      assertEquals(Sampling.argmax(z), Sampling.draw(z, 5.0, 1, rng));
    }
    assertEquals(1, Sampling.argmax(new float[] {0, 3, 3}), "ties go to the lower id");
    assertEquals(1, Sampling.draw(new float[] {0, 3, 3}, 1.0, 1, rng));
  }

  @Test
  void topKDrawsOnlyAmongTheKLargestInProportionToTheirTemperedSoftmax() {
    float[] z = {2, -1, 1, 0, 3};                                           // top 2: ids 4 and 0
    Random rng = new Random(1);
    int[] seen = new int[z.length];
    int n = 40_000;
    for (int i = 0; i < n; i++) seen[Sampling.draw(z, 1.0, 2, rng)]++;
    assertEquals(n, seen[4] + seen[0], "only the two largest logits are drawn");
    double expected = 1 / (1 + Math.exp(-1));                                // p(4) = e^3 / (e^3 + e^2)
    assertEquals(expected, seen[4] / (double) n, 0.01);
  }

  @Test
  void withoutTopKEveryIdCanBeDrawn() {
    float[] z = {0, 0.5f, -0.5f};
    Random rng = new Random(2);
    int[] seen = new int[3];
    for (int i = 0; i < 3000; i++) seen[Sampling.draw(z, 1.0, rng)]++;
    for (int c : seen) assertTrue(c > 300, java.util.Arrays.toString(seen));
  }

  @Test
  void aLogitOfMinusInfinityIsNeverDrawn() {
    float[] z = {Float.NEGATIVE_INFINITY, 0, Float.NEGATIVE_INFINITY};
    Random rng = new Random(4);
    for (int i = 0; i < 1000; i++) assertEquals(1, Sampling.draw(z, 1.0, rng));
    assertEquals(1, Sampling.draw(z, 1.0, new Random(0) {
      @Override
      public double nextDouble() {
        return 0;                                                            // u = 0 must not pick id 0 (p = 0)
      }
    }));
  }

  @Test
  void rejectsTopKOutsideTheVocabularyAndANonPositiveTemperature() {
    var e = assertThrows(IllegalArgumentException.class, () -> Sampling.draw(new float[3], 1, 4, new Random(0)));
    assertEquals("top-k must be in 0..3 (0 = all, at most the vocabulary of 3 tokens), got 4", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sampling.draw(new float[3], 0, 0, new Random(0)));
  }
}
