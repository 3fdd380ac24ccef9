package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetLayout;
import org.recurrent.tensor.Tensor;

/** The one loss and read-out of every task that predicts independent labels. */
class SigmoidTaskTest {
  private static final float LN3 = (float) Math.log(3);

  /** The tasks that answer with yes/no logits per label; each must train on and read out the same thing. */
  private static final List<SigmoidTask> TASKS = List.of(new MultiLabelTask(), new MedicationTask());

  @Test
  void lossIsTheMeanBinaryCrossEntropyOfEveryLabel() {
    Batch labels = new Batcher(List.of(new SequenceExample("r0", 1, 1, new float[] {0}, new float[] {1, 0}, "mem:1")),
        BatchPlan.of(1), new TargetLayout(false, 2)).batch(0, 0);
    // logits (ln 3, ln 3): s = 3/4; label 1 costs -ln(3/4), label 0 costs -ln(1/4); mean over the two labels
    for (SigmoidTask task : TASKS) {
      double loss = task.loss(Tensor.of(new float[] {LN3, LN3}, 1, 2), labels, null).item();
      assertEquals((Math.log(4.0 / 3) + Math.log(4)) / 2, loss, 1e-6, task.name());
    }
  }

  @Test
  void readoutIsTheSigmoidOfEachLogit() {
    for (SigmoidTask task : TASKS) {
      Tensor p = task.readout(Tensor.of(new float[] {0, LN3, -LN3}, 1, 3));
      assertArrayEquals(new float[] {0.5f, 0.75f, 0.25f}, p.data(), 1e-6f, task.name());
    }
  }
}
