package org.recurrent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BleuTest {

  @Test
  void oneWrongLastTokenGivesTheHandComputedScore() {
    // p = 4/5, 3/4, 2/3, 1/2; c = r so BP = 1; BLEU = 100 (1/5)^(1/4)
    Bleu.Score s = Bleu.corpus(List.of(new int[] {1, 2, 3, 4, 5}), List.of(new int[] {1, 2, 3, 4, 6}));
    assertArrayEquals(new double[] {0.8, 0.75, 2.0 / 3, 0.5}, s.precisions(), 1e-12);
    assertEquals(1.0, s.brevityPenalty(), 1e-12);
    assertEquals(100 * Math.pow(0.2, 0.25), s.bleu(), 1e-9);
  }

  @Test
  void shortCandidateIsPenalisedByBrevity() {
    // every n-gram matches, c = 4 < r = 6: BP = exp(1 - 6/4)
    Bleu.Score s = Bleu.corpus(List.of(new int[] {1, 2, 3, 4}), List.of(new int[] {1, 2, 3, 4, 5, 6}));
    assertEquals(Math.exp(-0.5), s.brevityPenalty(), 1e-12);
    assertEquals(100 * Math.exp(-0.5), s.bleu(), 1e-9);
  }

  @Test
  void repeatedTokensAreClippedToTheirReferenceCount() {
    // "a a a a b" against "a b a c": unigrams a min(4, 2) + b 1 = 3 of 5; bigram "a b" once of 4
    Bleu.Score s = Bleu.corpus(List.of(new int[] {1, 1, 1, 1, 2}), List.of(new int[] {1, 2, 1, 3}));
    assertEquals(0.6, s.precisions()[0], 1e-12);
    assertEquals(0.25, s.precisions()[1], 1e-12);
    assertEquals(0.0, s.bleu(), "no trigram matches: unsmoothed BLEU is 0");
  }

  @Test
  void countsArePooledOverTheCorpusNotAveragedPerSentence() {
    // sentence 2 alone has no 4-gram, yet the corpus score is positive since sentence 1 supplies matches
    Bleu.Score s = Bleu.corpus(List.of(new int[] {1, 2, 3, 4}, new int[] {7, 8}),
        List.of(new int[] {1, 2, 3, 4}, new int[] {7, 9}));
    assertArrayEquals(new double[] {5.0 / 6, 3.0 / 4, 1.0, 1.0}, s.precisions(), 1e-12);
    assertEquals(100 * Math.pow(5.0 / 6 * 3.0 / 4, 0.25), s.bleu(), 1e-9);
  }

  @Test
  void matchesSacrebleuOnTheFixedCorpora() throws IOException {
    JsonNode cases;
    try (InputStream in = getClass().getResourceAsStream("/metrics/bleu_sacrebleu.json")) {
      cases = new ObjectMapper().readTree(in).get("cases");
    }
    assertEquals(3, cases.size());
    for (JsonNode c : cases) {
      Map<String, Integer> ids = new HashMap<>();
      List<int[]> cand = encode(c.get("candidates"), ids), ref = encode(c.get("references"), ids);
      Bleu.Score s = Bleu.corpus(cand, ref);
      String name = c.get("name").asText();
      assertEquals(c.get("bleu").asDouble(), s.bleu(), 1e-9, name + " BLEU");
      assertEquals(c.get("bp").asDouble(), s.brevityPenalty(), 1e-12, name + " brevity penalty");
      for (int n = 0; n < 4; n++) {
        assertEquals(c.get("precisions").get(n).asDouble(), s.precisions()[n], 1e-12, name + " p_" + (n + 1));
      }
      assertEquals(c.get("sys_len").asLong(), s.candidateLength(), name + " candidate length");
      assertEquals(c.get("ref_len").asLong(), s.referenceLength(), name + " reference length");
    }
  }

  @Test
  void rejectsUnpairedLists() {
    var e = assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of(new int[] {1}), List.of()));
    assertEquals("BLEU needs one reference per candidate, got 1 candidates and 0 references", e.getMessage());
  }

  private static List<int[]> encode(JsonNode sentences, Map<String, Integer> ids) {
    List<int[]> out = new ArrayList<>();
    for (JsonNode s : sentences) {
      String[] tokens = s.asText().split(" ");
      int[] t = new int[tokens.length];
      for (int i = 0; i < t.length; i++) t[i] = ids.computeIfAbsent(tokens[i], k -> ids.size());
      out.add(t);
    }
    return out;
  }
}
