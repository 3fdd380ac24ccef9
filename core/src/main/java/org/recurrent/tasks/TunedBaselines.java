package org.recurrent.tasks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Task#tunedBaselines} gives: each baseline's metrics ({@code logistic_regression_roc_auc}, ...) and
 * its scores of the evaluation records in their order, so curves can be drawn from the same fitted models
 * ({@link Task#rocCurves}) without fitting them again.
 */
public record TunedBaselines(Map<String, Double> metrics, Map<String, double[]> scores) {
  public static final TunedBaselines NONE = new TunedBaselines(Map.of(), Map.of());

  public TunedBaselines {
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
  }
}
