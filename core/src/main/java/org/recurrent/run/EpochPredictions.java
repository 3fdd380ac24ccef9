package org.recurrent.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.BatchSource;
import org.recurrent.eval.Evaluator;
import org.recurrent.models.Model;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.tasks.Predictions;
import org.recurrent.tasks.Task;
import org.recurrent.train.EventLog;
import org.recurrent.train.TrainingContext;
import org.recurrent.train.TrainingEvent;
import org.recurrent.train.TrainingListener;

/**
 * What the model answers on a few validation records after each epoch, as a {@code predictions} line of
 * {@code events.jsonl} ({@code docs/events.md}), so that a person watching the run (the dashboard) sees its answers
 * change, not only its metrics. The rows are the first {@link #ROWS} rows of the first validation batch (records,
 * or time steps for a per-step task), each as the task describes a prediction ({@link Task#describe}: the label and
 * its probabilities and the true label, or the values in the data's units) plus, for values, the true ones (at most {@link #FIELDS}
 * fields a row). The
 * same records every epoch; scored without gradients in evaluation mode through {@link Evaluator}, which draws no
 * random numbers, so training is unchanged.
 */
final class EpochPredictions implements TrainingListener {
  static final String EVENT = "predictions";
  static final int ROWS = 8;
  /** At most this many fields per row: a task with many classes or codes describes each, which a glance does not need. */
  static final int FIELDS = 24;

  private final Model model;
  private final Task task;
  private final BatchSource firstBatch;
  private final OutputLabels labels;
  private final EventLog events;

  EpochPredictions(Model model, Task task, BatchSource validation, OutputLabels labels, EventLog events) {
    this.model = model;
    this.task = task;
    this.firstBatch = BatchSource.firstBatchOf(validation);
    this.labels = labels;
    this.events = events;
  }

  @Override
  public void onEpochEnd(TrainingContext run, TrainingEvent.EpochDone e) {
    Predictions p = new Evaluator(task).predict(model, firstBatch);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int row = 0; row < Math.min(ROWS, p.size()); row++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("record", p.record(row) + 1);
      if (p.step(row) >= 0) r.put("step", p.step(row) + 1);
      task.describe(p, row, labels, r);
      if (labels.classes().isEmpty() && p.truth(row).length == labels.outputSize()) {
        float[] truth = labels.toDataUnits().apply(p.truth(row).clone());
        for (int k = 0; k < truth.length; k++) r.put("true_" + labels.name(k), (double) truth[k]);
      }
      if (r.size() > FIELDS) {
        Map<String, Object> first = new LinkedHashMap<>();
        for (var f : r.entrySet()) if (first.size() < FIELDS) first.put(f.getKey(), f.getValue());
        r = first;
      }
      rows.add(r);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("epoch", e.epoch());
    fields.put("part", "validation");
    fields.put("rows", rows);
    events.log(EVENT, fields);
  }
}
