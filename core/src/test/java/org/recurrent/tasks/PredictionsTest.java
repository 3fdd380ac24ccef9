package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PredictionsTest {

  @Test
  void meanLossIsTheBatchLossesWeightedByTheirTargetCounts() {
    Predictions p = new Predictions();
    p.addLoss(1.0, 3);   // a batch of 3 targets with mean loss 1
    p.addLoss(3.0, 1);   // a batch of 1 target with loss 3
    // (1 * 3 + 3 * 1) / (3 + 1) = 1.5; the unweighted mean of the batches would be 2
    assertEquals(1.5, p.meanLoss(), 1e-12);
    assertEquals(4.0, p.lossWeight(), 1e-12);
  }

  @Test
  void meanLossIsNaNBeforeAnyLoss() {
    Predictions p = new Predictions();
    assertTrue(Double.isNaN(p.meanLoss()));
    assertEquals(0.0, p.lossWeight());
  }

  @Test
  void labelledOnlyWhenTheTruthRowsAreNonEmpty() {
    assertFalse(new Predictions().labelled());
    Predictions unlabelled = new Predictions();
    unlabelled.add(0, -1, new float[] {0.3f, 0.7f}, new float[0]);
    assertFalse(unlabelled.labelled());
    Predictions labelled = new Predictions();
    labelled.add(0, -1, new float[] {0.3f, 0.7f}, new float[] {1});
    assertTrue(labelled.labelled());
  }

  @Test
  void predictedClassIsTheArgmaxWithTiesToTheLowestIndex() {
    Predictions p = new Predictions();
    p.add(0, -1, new float[] {0.2f, 0.5f, 0.3f}, new float[0]);
    p.add(1, -1, new float[] {0.4f, 0.4f, 0.2f}, new float[0]);
    p.add(2, -1, new float[] {0.1f, 0.45f, 0.45f}, new float[0]);
    p.add(3, -1, new float[] {0.2f, 0.3f, 0.5f}, new float[0]);
    assertEquals(1, p.predictedClass(0));
    assertEquals(0, p.predictedClass(1)); // tie of 0 and 1
    assertEquals(1, p.predictedClass(2)); // tie of 1 and 2
    assertEquals(2, p.predictedClass(3));
  }

  @Test
  void rowsKeepTheirRecordAndStepInArrivalOrder() {
    Predictions p = new Predictions();
    p.add(4, 0, new float[] {1}, new float[] {2});
    p.add(4, 1, new float[] {3}, new float[] {4});
    p.add(1, -1, new float[] {5}, new float[] {6});
    assertEquals(3, p.size());
    assertEquals(4, p.record(1));
    assertEquals(1, p.step(1));
    assertEquals(1, p.record(2));
    assertEquals(-1, p.step(2));
    assertEquals(3f, p.output(1)[0]);
    assertEquals(6f, p.truth(2)[0]);
  }
}
