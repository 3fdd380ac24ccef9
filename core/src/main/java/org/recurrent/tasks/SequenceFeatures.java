package org.recurrent.tasks;

import java.util.List;
import org.recurrent.baselines.FeatureMatrix;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;

/**
 * The one-to-one view of a record for the classical baselines, by its primary input:
 * <pre>{@code
 * Dense, every record of the same length T   x = the T*F values in step order (the raw samples of an EEG row)
 * Tokens                                      x[v] = occurrences of token v (a bag of words)
 * Bags                                        x[v] = the summed weight of code v over every step (code counts)
 * }</pre>
 * The width V of tokens and bags is the largest id in any of the parts plus one, so every part has the same columns.
 * Null when the records have no fixed-length view (dense records of different lengths, another input type).
 */
final class SequenceFeatures {
  private SequenceFeatures() {}

  static int width(List<List<SequenceExample>> parts) {
    Integer T = null;
    int features = -1, maxId = -1;
    for (List<SequenceExample> part : parts) {
      for (SequenceExample e : part) {
        switch (e.primary()) {
          case StepInput.Dense d -> {
            if (T == null) T = e.length();
            if (T != e.length() || (features >= 0 && features != d.features())) return -1;
            features = d.features();
          }
          case StepInput.Tokens t -> { for (int id : t.ids()) maxId = Math.max(maxId, id); }
          case StepInput.Bags b -> { for (int id : b.ids()) maxId = Math.max(maxId, id); }
          default -> { return -1; }
        }
      }
    }
    return features >= 0 ? T * features : maxId + 1;
  }

  static FeatureMatrix of(List<SequenceExample> records, int width) {
    double[] x = new double[records.size() * width];
    for (int i = 0; i < records.size(); i++) {
      SequenceExample e = records.get(i);
      int row = i * width;
      switch (e.primary()) {
        case StepInput.Dense d -> { for (int j = 0; j < width; j++) x[row + j] = d.values()[j]; }
        case StepInput.Tokens t -> { for (int id : t.ids()) x[row + id] += 1; }
        case StepInput.Bags b -> { for (int k = 0; k < b.ids().length; k++) x[row + b.ids()[k]] += b.weight(k); }
        default -> throw new IllegalArgumentException(e.source() + ": no fixed-length view of this input");
      }
    }
    return FeatureMatrix.of(x, records.size(), width);
  }

  /** Counts (tokens, bags) want log1p before standardising; raw samples only standardising. */
  static boolean counts(List<SequenceExample> records) {
    return !records.isEmpty() && !(records.get(0).primary() instanceof StepInput.Dense);
  }
}
