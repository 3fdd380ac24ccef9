package org.recurrent.tasks;

import java.util.Map;
import org.recurrent.tasks.DataPart;

/**
 * A task that predicts one class per row (a sequence, or a time step): cross-entropy over K classes, read out as
 * {@code softmax} ({@link SoftmaxTask}); metrics and the majority-class baseline of {@link CategoricalScores}. The subclasses differ
 * in the targets they accept and whether the rows are sequences or steps.
 */
abstract class CategoricalTask extends RecordTask implements SoftmaxTask {
  @Override
  public final Map<String, Double> metrics(Predictions predictions, OutputLabels labels) {
    return CategoricalScores.of(predictions);
  }

  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    return new FittedBaselines(name(), train.size(), CategoricalScores.fitMajority(train.records(),
        labels.outputSize()));
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    return fitted.values(CategoricalScores.MAJORITY).map(counts -> CategoricalScores.scoreMajority(counts,
        eval.records())).orElse(Map.of());
  }

  @Override
  public final void describe(Predictions predictions, int row, OutputLabels labels, Map<String, Object> into) {
    CategoricalScores.describe(predictions, row, labels, into);
  }

  @Override
  public final boolean higherIsBetter(String metric) {
    return CategoricalScores.higherIsBetter(metric);
  }
}
