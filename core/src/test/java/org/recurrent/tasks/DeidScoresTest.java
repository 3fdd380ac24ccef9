package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeidScoresTest {
  /**
   * Two notes by hand. Note 1: NAME (0,2) found; DATE (3,4) predicted as (3,5), a wrong boundary: one false
   * positive and one false negative. Note 2: the true NAME (1,2) predicted as a lone I-NAME, which starts a span
   * (conlleval), so it is found; AGE (3,4) missed.
   * Spans: tp 2, fp 1, fn 2: P = 2/3, R = 1/2, F1 = 4/7.
   * Tokens: NAME tp 3; DATE tp 1, fp 1; AGE fn 1: tp 4, fp 1, fn 1: P = R = F1 = 0.8; DATE P 1/2, R 1, F1 2/3.
   */
  private static final List<List<String>> TRUTH = List.of(List.of("B-NAME", "I-NAME", "O", "B-DATE", "O"),
      List.of("O", "B-NAME", "O", "B-AGE"));
  private static final List<List<String>> PREDICTED = List.of(List.of("B-NAME", "I-NAME", "O", "B-DATE", "I-DATE"),
      List.of("O", "I-NAME", "O", "O"));

  @Test
  void spanScoresMatchTheHandCount() {
    Map<String, Double> s = DeidScores.of(TRUTH, PREDICTED, "");
    assertEquals(2.0 / 3, s.get("span_precision"), 1e-12);
    assertEquals(0.5, s.get("span_recall"), 1e-12);
    assertEquals(4.0 / 7, s.get("span_f1"), 1e-12);
    assertEquals(1.0, s.get("span_f1_name"), 1e-12);
    assertEquals(0.0, s.get("span_f1_date"), 1e-12);
    assertEquals(0.0, s.get("span_precision_age"), 1e-12);
    assertEquals(0.0, s.get("span_recall_age"), 1e-12);
  }

  @Test
  void tokenScoresMatchTheHandCount() {
    Map<String, Double> s = DeidScores.of(TRUTH, PREDICTED, "");
    assertEquals(0.8, s.get("token_precision"), 1e-12);
    assertEquals(0.8, s.get("token_recall"), 1e-12);
    assertEquals(0.8, s.get("token_f1"), 1e-12);
    assertEquals(0.5, s.get("token_precision_date"), 1e-12);
    assertEquals(1.0, s.get("token_recall_date"), 1e-12);
    assertEquals(2.0 / 3, s.get("token_f1_date"), 1e-12);
    assertEquals(1.0, s.get("token_f1_name"), 1e-12);
  }

  @Test
  void perfectTagsScoreOneAndKeysCarryThePrefixAndOnlySeenTypes() {
    Map<String, Double> s = DeidScores.of(TRUTH, TRUTH, "regex_");
    assertEquals(1.0, s.get("regex_span_f1"), 1e-12);
    assertEquals(1.0, s.get("regex_token_f1_age"), 1e-12);
    assertFalse(s.containsKey("regex_span_f1_phone"));
  }
}
