package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.SequenceExample;

/** What the record tasks share: batches from the part's records, and the config name as their string. */
class RecordTaskTest {

  @Test
  void batchesLayOutThePartsTargetsPerStep() {
    // two records of 2 and 1 steps with K = 2 values per step: (T=2, B=2, K=2), the padding row zero
    DataPart part = new DataPart("train", List.of(
        new SequenceExample("r0", 2, 1, new float[] {0, 0}, new float[] {1, 2, 3, 4}, "mem:1"),
        new SequenceExample("r1", 1, 1, new float[] {0}, new float[] {5, 6}, "mem:2")), null, null, false, true, 2);
    BatchSource s = new RegressionTask().batches(part, BatchPlan.of(2));
    Batch b = s.batch(0, 0);
    assertEquals(1, s.batchesPerEpoch());
    assertArrayEquals(new float[] {1, 2, 5, 6, 3, 4, 0, 0}, b.targets());
    assertEquals(2, b.targetWidth());
  }

  @Test
  void noBatchesFromAnEmptyPart() {
    assertNull(new ClassificationTask().batches(new DataPart("val", List.of(), null, null, false, false, 1), BatchPlan.of(4)));
  }

  @Test
  void aTaskPrintsAsItsConfigName() {
    for (Task task : List.of(new ClassificationTask(), new MultiLabelTask(), new RegressionTask(), new ForecastTask(),
        new TaggingTask())) {
      assertEquals(task.name(), task.toString());
    }
  }
}
