package org.recurrent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recurrent.data.text.VocabularyOptions;

/** data.options for text and text_corpus: the vocabulary options they give. */
class TextOptionsTest {
  private static TextOptions vocab(Integer minFrequency, Integer maxVocab) {
    return new TextOptions(null, null, null, null, null, minFrequency, maxVocab);
  }

  @Test
  void vocabularyTakesMinFrequencyAndMaxVocabWhenGiven() {
    VocabularyOptions o = vocab(3, 50).vocabulary(false);
    assertEquals(3, o.minFrequency());
    assertEquals(50, o.maxSize());
    VocabularyOptions onlyMin = vocab(2, null).vocabulary(false);
    assertEquals(2, onlyMin.minFrequency());
    assertEquals(VocabularyOptions.defaults().maxSize(), onlyMin.maxSize());
    VocabularyOptions onlyMax = vocab(null, 7).vocabulary(true);
    assertEquals(VocabularyOptions.defaults().minFrequency(), onlyMax.minFrequency());
    assertEquals(7, onlyMax.maxSize());
  }

  @Test
  void vocabularyDefaultsAreTheLibrarysWithPaddingOnlyForClassification() {
    VocabularyOptions classification = vocab(null, null).vocabulary(false);
    assertEquals(VocabularyOptions.defaults().minFrequency(), classification.minFrequency());
    assertEquals(VocabularyOptions.defaults().maxSize(), classification.maxSize());
    assertTrue(classification.pad());
    assertTrue(classification.unk());
    VocabularyOptions corpus = vocab(null, null).vocabulary(true);
    assertFalse(corpus.pad(), "a corpus is never padded");
    assertTrue(corpus.unk());
  }
}
