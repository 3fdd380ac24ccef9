package org.recurrent.tasks;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the K outputs of a model mean, for metrics and prediction columns.
 *
 * @param classes         class (or label, or token) names in index order; empty for regression
 * @param targetNames     names of the K regression outputs; empty otherwise
 * @param outputSize      K
 * @param toDataUnits     maps a row of K model-scale values back to the data's units (forecasts), or identity
 * @param targetsPerStep  forecasts: target columns per forecast step (outputs repeat them per step); else 0
 */
public record OutputLabels(List<String> classes, List<String> targetNames, int outputSize,
                           UnaryOperator<float[]> toDataUnits, int targetsPerStep) {
  public OutputLabels {
    classes = List.copyOf(classes);
    targetNames = List.copyOf(targetNames);
    if (toDataUnits == null) toDataUnits = UnaryOperator.identity();
  }

  /** The name of output k: its class, its target name, or {@code y<k>}. */
  public String name(int k) {
    if (k < classes.size()) return classes.get(k);
    return k < targetNames.size() ? targetNames.get(k) : "y" + k;
  }
}
