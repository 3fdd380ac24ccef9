package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NgramFeaturesTest {
  // V = 5 words: 0 pad, 1 "not", 2 "good", 3 "bad", 4 "film"
  private static final List<int[]> TRAIN = List.of(new int[] {1, 2, 4}, new int[] {3, 4, 3, 4});

  @Test
  void unigramsAreBinaryPresenceOfEachWord() {
    NgramFeatures f = NgramFeatures.fit(TRAIN, 5, false);
    assertEquals(5, f.width());
    // "bad film bad film": bad and film once each although each occurs twice (binary, not term frequency)
    assertArrayEquals(new double[][] {{0, 1, 1, 0, 1}, {0, 0, 0, 1, 1}}, f.transform(TRAIN).toDense().toArray());
  }

  @Test
  void bigramsOfTheTrainingSequencesGetColumnsInOrderOfFirstOccurrence() {
    NgramFeatures f = NgramFeatures.fit(TRAIN, 5, true);
    // bigrams by first occurrence: (not good) (good film) (bad film) (film bad); (bad film) again adds nothing
    assertArrayEquals(new long[] {1 * 5 + 2, 2 * 5 + 4, 3 * 5 + 4, 4 * 5 + 3}, f.bigramKeys());
    assertEquals(5 + 4, f.width());
    double[][] x = f.transform(List.of(
        new int[] {1, 2, 4},         // not good film:  unigrams 1 2 4, bigrams (not good) (good film)
        new int[] {2, 1, 4},         // good not film:  the same unigrams, but neither bigram was seen in training
        new int[] {3, 4, 3, 4})).toDense().toArray();
    assertArrayEquals(new double[] {0, 1, 1, 0, 1, 1, 1, 0, 0}, x[0]);
    assertArrayEquals(new double[] {0, 1, 1, 0, 1, 0, 0, 0, 0}, x[1]);
    assertArrayEquals(new double[] {0, 0, 0, 1, 1, 0, 0, 1, 1}, x[2]);
  }

  @Test
  void readBackFromItsKeysItGivesTheSameFeatures() {
    NgramFeatures f = NgramFeatures.fit(TRAIN, 5, true);
    NgramFeatures g = NgramFeatures.of(5, f.bigramKeys());
    assertArrayEquals(f.transform(TRAIN).toDense().toArray(), g.transform(TRAIN).toDense().toArray());
  }

  @Test
  void rejectsIdsOutsideTheVocabularyAndBadKeys() {
    NgramFeatures f = NgramFeatures.fit(TRAIN, 5, true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.transform(List.of(new int[] {1, 5})));
    assertTrue(e.getMessage().contains("sequence 0 step 1 has token id 5, expected 0..4"), e.getMessage());
    IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
        () -> NgramFeatures.of(5, new long[] {25}));
    assertTrue(k.getMessage().contains("outside 0..24"), k.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> NgramFeatures.of(5, new long[] {7, 7}));
    assertTrue(twice.getMessage().contains("(1, 2) listed twice"), twice.getMessage());
  }
}
