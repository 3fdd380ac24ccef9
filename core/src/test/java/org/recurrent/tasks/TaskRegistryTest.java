package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.TargetKind;
import org.recurrent.tensor.Tensor;

class TaskRegistryTest {

  @Test
  void registryNamesEveryTaskOnceAndRejectsUnknownNames() {
    TaskRegistry r = TaskRegistry.standard();
    assertEquals(List.of("classification", "multilabel", "regression", "forecast", "tagging", "language_model",
        "hf-onset", "next-visit", "deid", "seq2seq", "medication"), r.names());
    for (String n : r.names()) assertEquals(n, r.get(n).name());
    var e = assertThrows(IllegalArgumentException.class, () -> r.get("poetry"));
    assertEquals("unknown task 'poetry'; expected one of [classification, multilabel, regression, forecast, tagging,"
        + " language_model, hf-onset, next-visit, deid, seq2seq, medication]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.get(" "));
    assertEquals("task is missing; expected one of [classification, multilabel, regression, forecast, tagging,"
        + " language_model, hf-onset, next-visit, deid, seq2seq, medication]", e.getMessage());
  }

  @Test
  void namesAreReadTrimmedAndInAnyCase() {
    assertEquals("tagging", TaskRegistry.standard().get(" Tagging ").name());
  }

  @Test
  void withAddsATaskUnderANewNameOnly() {
    Task mine = new Renamed("my_task", new ClassificationTask());
    TaskRegistry r = TaskRegistry.standard().with(mine);
    assertSame(mine, r.get("my_task"));
    int standard = TaskRegistry.standard().names().size();
    assertEquals("my_task", r.names().get(standard));        // added last
    assertEquals(standard + 1, r.names().size());
    assertEquals(11, standard); // the standard registry is unchanged
    var e = assertThrows(IllegalArgumentException.class, () -> r.with(new ClassificationTask()));
    assertEquals("a task named 'classification' exists", e.getMessage());
  }

  /** A user's own task: another task under a new name. */
  private record Renamed(String name, Task inner) implements Task {
    @Override
    public void checkTargets(TargetKind kind, String format) {
      inner.checkTargets(kind, format);
    }

    @Override
    public boolean perStepOutput(TargetKind kind) {
      return inner.perStepOutput(kind);
    }

    @Override
    public Tensor loss(Tensor logits, Batch batch, float[] mask) {
      return inner.loss(logits, batch, mask);
    }

    @Override
    public Tensor readout(Tensor logits) {
      return inner.readout(logits);
    }

    @Override
    public Map<String, Double> metrics(Predictions predictions, OutputLabels labels) {
      return inner.metrics(predictions, labels);
    }

    @Override
    public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
      return inner.fitBaselines(train, labels);
    }

    @Override
    public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
      return inner.scoreBaselines(fitted, eval, labels);
    }

    @Override
    public void describe(Predictions predictions, int row, OutputLabels labels, Map<String, Object> into) {
      inner.describe(predictions, row, labels, into);
    }

    @Override
    public boolean higherIsBetter(String metric) {
      return inner.higherIsBetter(metric);
    }

    @Override
    public BatchSource batches(DataPart part, BatchPlan plan) {
      return inner.batches(part, plan);
    }
  }
}
