package org.recurrent.data.timeseries;

import java.util.List;
import java.util.Objects;

/**
 * A series ready for a forecaster, made by {@link ChronologicalSplit#apply}: the scaler fitted on the training
 * rows (to un-scale predictions and to save with the model) and the windows of each part, in time order.
 *
 * @param scaler     fitted on rows [0, bounds.trainEnd())
 * @param bounds     the row boundaries of the parts
 * @param train      windows whose targets are training rows
 * @param validation windows whose last target is a validation row
 * @param test       windows whose last target is a test row
 */
public record ForecastDataset(Scaler scaler, ChronologicalSplit.Bounds bounds, List<ForecastWindow> train,
    List<ForecastWindow> validation, List<ForecastWindow> test) {

  public ForecastDataset {
    Objects.requireNonNull(scaler, "scaler");
    Objects.requireNonNull(bounds, "bounds");
    train = List.copyOf(train);
    validation = List.copyOf(validation);
    test = List.copyOf(test);
  }
}
