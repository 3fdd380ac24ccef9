package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetLayout;
import org.recurrent.tensor.Tensor;

class TargetLossTest {
  private static final float LN3 = (float) Math.log(3), LN7 = (float) Math.log(7);

  /** Tags of two records, lengths 2 and 1: (T=2, B=2) rows t*B + b = (0,0), (0,1), (1,0) and the padding (1,1). */
  private static final Batch TAGS = new Batcher(List.of(
      new SequenceExample("r0", 2, 1, new float[] {0, 0}, new float[] {0, 0}, "mem:1"),
      new SequenceExample("r1", 1, 1, new float[] {0}, new float[] {1}, "mem:2")),
      BatchPlan.of(2), TargetLayout.perStep(1)).batch(0, 0);

  /**
   * (T=2, B=2, K=2) logits whose rows cost, against the tags 0, 1, 0 (padding 0): -log softmax(0, 0)[0] = ln 2,
   * -log softmax(0, ln 3)[1] = ln 4/3, -log softmax(0, ln 3)[0] = ln 4, and the padding -log softmax(0, ln 7)[0] = ln 8.
   */
  private static final float[] LOGITS = {0, 0, 0, LN3, 0, LN3, 0, LN7};

  @Test
  void perStepCrossEntropyLeavesOutThePaddingSteps() {
    double loss = TargetLoss.crossEntropy(Tensor.of(LOGITS, 2, 2, 2), TAGS, null).item();
    assertEquals((Math.log(2) + Math.log(4.0 / 3) + Math.log(4)) / 3, loss, 1e-6);
  }

  @Test
  void aChunksOwnMaskReplacesTheBatchLengths() {
    // a truncated-BPTT chunk that keeps only row (1, 0): ln 4
    double loss = TargetLoss.crossEntropy(Tensor.of(LOGITS, 2, 2, 2), TAGS, new float[] {0, 0, 1, 0}).item();
    assertEquals(Math.log(4), loss, 1e-6);
  }

  @Test
  void sequenceCrossEntropyAveragesEveryRecord() {
    Batch classes = new Batcher(List.of(
        new SequenceExample("r0", 2, 1, new float[] {0, 0}, new float[] {1}, "mem:1"),
        new SequenceExample("r1", 1, 1, new float[] {0}, new float[] {0}, "mem:2")),
        BatchPlan.of(2), new TargetLayout(false, 1)).batch(0, 0);
    // (B=2, K=2): -log softmax(0, ln 3)[1] = ln 4/3, -log softmax(0, ln 3)[0] = ln 4
    double loss = TargetLoss.crossEntropy(Tensor.of(new float[] {0, LN3, 0, LN3}, 2, 2), classes, null).item();
    assertEquals((Math.log(4.0 / 3) + Math.log(4)) / 2, loss, 1e-6);
  }

  @Test
  void perStepSquaredErrorAveragesTheRealStepsAndTheirColumns() {
    Batch values = new Batcher(List.of(
        new SequenceExample("r0", 2, 1, new float[] {0, 0}, new float[] {1, 2, 3, 4}, "mem:1"),
        new SequenceExample("r1", 1, 1, new float[] {0}, new float[] {5, 6}, "mem:2")),
        BatchPlan.of(2), TargetLayout.perStep(2)).batch(0, 0);
    // zero outputs against rows (1, 2), (5, 6), (3, 4) and the padding (0, 0): (1 + 4 + 25 + 36 + 9 + 16) / 6
    double loss = TargetLoss.squared(Tensor.zeros(2, 2, 2), values, null).item();
    assertEquals(91.0 / 6, loss, 1e-5);
  }

  @Test
  void rejectsOutputsOfAnotherWidthThanTheTargets() {
    Batch one = new Batcher(List.of(
        new SequenceExample("r0", 1, 1, new float[] {0}, new float[] {1}, "mem:1"),
        new SequenceExample("r1", 1, 1, new float[] {0}, new float[] {2}, "mem:2")),
        BatchPlan.of(2), new TargetLayout(false, 1)).batch(0, 0);
    var e = assertThrows(IllegalArgumentException.class, () -> TargetLoss.squared(Tensor.zeros(2, 3), one, null));
    assertEquals("the data have 1 target values per record but the model outputs 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TargetLoss.binary(Tensor.zeros(2, 2, 3), TAGS, null));
    assertEquals("the data have 1 target values per step but the model outputs 3", e.getMessage());
  }
}
