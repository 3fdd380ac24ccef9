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

/** The one loss and read-out of every task that predicts classes. */
class SoftmaxTaskTest {
  private static final float LN3 = (float) Math.log(3);

  /** The tasks that answer with class logits; each must train on and read out the same thing. */
  private static final List<SoftmaxTask> TASKS = List.of(new ClassificationTask(), new TaggingTask(), new OnsetTask(),
      new Seq2SeqTask(), new LanguageModelTask());

  @Test
  void lossIsTheCrossEntropyOfTheTrueClass() {
    Batch classes = new Batcher(List.of(
        new SequenceExample("r0", 1, 1, new float[] {0}, new float[] {1}, "mem:1"),
        new SequenceExample("r1", 1, 1, new float[] {0}, new float[] {0}, "mem:2")),
        BatchPlan.of(2), new TargetLayout(false, 1)).batch(0, 0);
    // (B=2, K=2): -log softmax(0, ln 3)[1] = ln 4/3, -log softmax(0, ln 3)[0] = ln 4
    for (SoftmaxTask task : TASKS) {
      double loss = task.loss(Tensor.of(new float[] {0, LN3, 0, LN3}, 2, 2), classes, null).item();
      assertEquals((Math.log(4.0 / 3) + Math.log(4)) / 2, loss, 1e-6, task.name());
    }
  }

  @Test
  void readoutIsTheSoftmaxOverTheLastDimension() {
    // softmax(0, ln 3) = (1, 3) / 4
    for (SoftmaxTask task : TASKS) {
      Tensor p = task.readout(Tensor.of(new float[] {0, LN3}, 1, 2));
      assertArrayEquals(new float[] {0.25f, 0.75f}, p.data(), 1e-6f, task.name());
    }
  }
}
