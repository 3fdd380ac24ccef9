package org.recurrent.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

class AddingProblemTest {

  @Test
  void aHandCheckedRecordHasItsMarkersAndTheirSum() {
    // seed 1, T = 6: values 0.9245 .75262 .11417 .85564 .74549 .46617, markers at t = 0 (first half) and t = 4
    SequenceExample e = new AddingProblem(6).generate(1, 1).examples().get(0);
    assertArrayEquals(new float[] {0.924502f, 1, 0.7526231f, 0, 0.114174664f, 0, 0.85563534f, 0, 0.74549025f, 1,
        0.46616954f, 0}, e.x());
    assertEquals(0.924502f + 0.74549025f, e.y()[0]);
    assertEquals(1.6699922f, e.y()[0]);
  }

  @Test
  void everyRecordHasOneMarkerInEachHalfAndTheirSumAsTarget() {
    int T = 9, half = 4;
    for (SequenceExample e : new AddingProblem(T).generate(300, 5).examples()) {
      int first = -1, second = -1, markers = 0;
      for (int t = 0; t < T; t++) {
        if (e.x(t, 1) == 1f) {
          markers++;
          if (t < half) first = t; else second = t;
        } else {
          assertEquals(0f, e.x(t, 1));
        }
        assertTrue(e.x(t, 0) >= 0 && e.x(t, 0) < 1);
      }
      assertEquals(2, markers, e.id());
      assertTrue(first >= 0 && second >= half, e.id());
      assertEquals(e.x(first, 0) + e.x(second, 0), e.y()[0], e.id());
    }
  }

  @Test
  void theSameSeedGivesTheSameRecordsAndMoreRecordsExtendThem() {
    List<SequenceExample> a = new AddingProblem(50).generate(20, 3).examples();
    List<SequenceExample> b = new AddingProblem(50).generate(30, 3).examples();
    List<SequenceExample> c = new AddingProblem(50).generate(20, 4).examples();
    for (int i = 0; i < 20; i++) {
      assertArrayEquals(a.get(i).x(), b.get(i).x());
      assertArrayEquals(a.get(i).y(), b.get(i).y());
    }
    assertFalse(Arrays.equals(a.get(0).x(), c.get(0).x()));
  }

  @Test
  void predictingTheMeanScoresTheChanceLevelOneSixth() {
    assertEquals(1.0 / 6.0, AddingProblem.CHANCE_MSE, 0);
    ChanceLevel chance = new AddingProblem(100).chance();
    assertEquals("mse", chance.metric());
    assertEquals(1.0 / 6.0, chance.value(), 0);
    // 20000 records: the mean of y is 1 and the squared error of predicting it is 1/6 (sd of the estimate ~0.0013)
    List<SequenceExample> records = new AddingProblem(20).generate(20_000, 11).examples();
    double sum = 0, squared = 0;
    for (SequenceExample e : records) {
      sum += e.y()[0];
      squared += (e.y()[0] - 1.0) * (e.y()[0] - 1.0);
    }
    assertEquals(1.0, sum / records.size(), 0.01);
    assertEquals(1.0 / 6.0, squared / records.size(), 0.005);
  }

  @Test
  void describesItsRecords() {
    AddingProblem task = new AddingProblem(10);
    assertEquals(TargetKind.REGRESSION, task.targetKind());
    assertEquals(List.of("value", "marker"), task.featureNames());
    assertEquals(10, task.generate(10, 1).examples().get(9).length());
    assertEquals("adding: length must be >= 2 (one marker per half), got 1",
        assertThrows(IllegalArgumentException.class, () -> new AddingProblem(1)).getMessage());
  }
}
