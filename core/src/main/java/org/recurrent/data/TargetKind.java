package org.recurrent.data;

/**
 * What a {@link SequenceExample}'s {@code y} holds, so a task can check it was given the right kind of data.
 * K is the dataset's {@link SequenceDataset#targetWidth()}.
 */
public enum TargetKind {
  /** Unlabelled (data to predict on): {@code y} is empty. */
  NONE,
  /** One class per sequence: {@code y = {classIndex}}, K = 1. */
  CLASS,
  /** Any number of the K classes per sequence: {@code y} is multi-hot, length K. */
  MULTILABEL,
  /** K real values per sequence. */
  REGRESSION,
  /** One class per time step: {@code y[t] = classIndex}, K = 1. */
  PER_STEP_CLASS,
  /** K real values per time step: {@code y[t * K + k]}. */
  PER_STEP_REGRESSION,
  /** Any number of the K classes at every time step (the codes of the next visit): {@code y[t * K + k]} multi-hot. */
  PER_STEP_MULTILABEL;

  /** Whether {@code y} has one entry (of K values) per time step. */
  public boolean perStep() {
    return this == PER_STEP_CLASS || this == PER_STEP_REGRESSION || this == PER_STEP_MULTILABEL;
  }

  /** Whether the targets are indices into (or multi-hot over) a class list. */
  public boolean hasClasses() {
    return this == CLASS || this == MULTILABEL || this == PER_STEP_CLASS || this == PER_STEP_MULTILABEL;
  }

  /** The length of {@code y} for a sequence of {@code length} steps. */
  int targetLength(int length, int width) {
    return switch (this) {
      case NONE -> 0;
      case CLASS -> 1;
      case MULTILABEL, REGRESSION -> width;
      case PER_STEP_CLASS -> length;
      case PER_STEP_REGRESSION, PER_STEP_MULTILABEL -> length * width;
    };
  }
}
