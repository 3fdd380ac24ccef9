package org.recurrent.baselines;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Tuning#select}: the classifier fitted on the training rows with the chosen value of its
 * tuned hyper-parameter, that value, its validation ROC-AUC, and every grid value's validation ROC-AUC in grid
 * order.
 */
public record TunedClassifier(BinaryClassifier model, String parameter, double chosenValue, double validationAuc,
    List<GridPoint> grid) {
  /** One grid value and the validation ROC-AUC of the classifier fitted on the training rows with it. */
  public record GridPoint(double value, double validationAuc) {}

  public TunedClassifier {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parameter, "parameter");
    grid = List.copyOf(grid);
  }
}
