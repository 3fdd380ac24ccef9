package org.recurrent.data;

import java.util.BitSet;
import java.util.Objects;

/**
 * A train / validation / test partition of a dataset's record indices (0-based positions in
 * {@link SequenceDataset#examples()}); made by {@link Splits}. No index is in two parts; a part may be empty.
 * The arrays are copied in and shared out: do not modify them.
 *
 * @param train      indices of the training records
 * @param validation indices of the validation records, for early stopping and tuning
 * @param test       indices of the held-out test records
 */
public record Split(int[] train, int[] validation, int[] test) {

  /** The three datasets of a split, each with the original's features, classes and target kind. */
  public record Datasets(SequenceDataset train, SequenceDataset validation, SequenceDataset test) {
    public Datasets {
      Objects.requireNonNull(train, "train");
      Objects.requireNonNull(validation, "validation");
      Objects.requireNonNull(test, "test");
    }
  }

  public Split {
    train = train.clone();
    validation = validation.clone();
    test = test.clone();
    BitSet seen = new BitSet();
    for (int[] part : new int[][] {train, validation, test}) {
      for (int i : part) {
        if (i < 0) throw new IllegalArgumentException("record index " + i + " is negative");
        if (seen.get(i)) throw new IllegalArgumentException("record index " + i + " is in more than one part");
        seen.set(i);
      }
    }
  }

  /** The parts of {@code dataset}; every index must be within it. */
  public Datasets apply(SequenceDataset dataset) {
    return new Datasets(dataset.subset(train), dataset.subset(validation), dataset.subset(test));
  }

  @Override
  public String toString() {
    return "Split[train=" + train.length + ", validation=" + validation.length + ", test=" + test.length + "]";
  }
}
