package org.recurrent.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The records read from a file, with what a model needs to know about them: F, the feature names, the class list
 * (to save with the model so predictions decode to the same labels) and what the targets are.
 *
 * <p>The compact constructor checks every example against these, so a task can trust them: all have F features and
 * a {@code y} of the length the target kind implies ({@link TargetKind#targetLength}), and class indices are in
 * 0..K-1.
 *
 * @param examples     the records, in file order
 * @param features     F, values per time step, the same for every example
 * @param featureNames the input columns' names: F, one per feature; or, for a wide CSV, where each column is one
 *                     step of one feature, all T·F in file order (step-major), and then every record has T steps.
 *                     A model records them to check the columns of the files it is later given
 * @param classes      the class labels in index order; empty when the targets are not classes
 * @param targetKind   what {@code y} holds
 * @param targetWidth  K: 1 for a class index, the number of classes for multi-label, the values per sequence
 *                     (or per step) for regression, 0 for unlabelled data
 */
public record SequenceDataset(List<SequenceExample> examples, int features, List<String> featureNames,
                              List<String> classes, TargetKind targetKind, int targetWidth) {

  public SequenceDataset {
    examples = List.copyOf(examples);
    featureNames = List.copyOf(featureNames);
    classes = classes == null ? List.of() : List.copyOf(classes);
    Objects.requireNonNull(targetKind, "targetKind");
    if (features < 1) throw new IllegalArgumentException("features must be >= 1, got " + features);
    if (targetKind.hasClasses() == classes.isEmpty()) {
      throw new IllegalArgumentException(targetKind + " targets " + (classes.isEmpty() ? "need a class list"
          : "have no class list, got " + classes));
    }
    if (targetKind == TargetKind.REGRESSION || targetKind == TargetKind.PER_STEP_REGRESSION) {
      if (targetWidth < 1) throw new IllegalArgumentException(targetKind + " targets need a width >= 1, got " + targetWidth);
    } else {
      int expected = switch (targetKind) {
        case NONE -> 0;
        case MULTILABEL, PER_STEP_MULTILABEL -> classes.size();
        default -> 1; // a class index
      };
      if (targetWidth != expected) {
        throw new IllegalArgumentException(targetKind + " targets have width " + expected + ", got " + targetWidth);
      }
    }
    for (SequenceExample e : examples) check(e, features, classes.size(), targetKind, targetWidth);
    if (featureNames.size() != features) checkColumnNames(examples, features, featureNames);
  }

  /** T·F names (a wide CSV's columns): a multiple of F, and every record has exactly T steps. */
  private static void checkColumnNames(List<SequenceExample> examples, int features, List<String> names) {
    int n = names.size();
    if (n < features || n % features != 0) {
      throw new IllegalArgumentException(features + " features but " + n + " feature names " + names
          + "; expected F names, or T·F for records of T steps");
    }
    for (SequenceExample e : examples) {
      if (e.length() * features != n) {
        throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' has " + e.length() + " steps, "
            + "expected " + n / features + " for the " + n + " feature column names");
      }
    }
  }

  private static void check(SequenceExample e, int features, int numClasses, TargetKind kind, int width) {
    if (e.features() != features) {
      throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' has " + e.features()
          + " features per step, expected " + features + " like the others");
    }
    int n = kind.targetLength(e.length(), width);
    if (e.y().length != n) {
      throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' has " + e.y().length
          + " target values, expected " + n + " for " + kind + " targets of width " + width);
    }
    if (kind == TargetKind.CLASS || kind == TargetKind.PER_STEP_CLASS) {
      for (float k : e.y()) {
        if (!(k >= 0 && k < numClasses && k == (int) k)) {
          throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' has class index " + k
              + ", expected an integer in 0.." + (numClasses - 1));
        }
      }
    }
  }

  /** The number of records. */
  public int size() {
    return examples.size();
  }

  /** The longest T, 0 for an empty dataset; the padded length of a batch holding every record. */
  public int maxLength() {
    int max = 0;
    for (SequenceExample e : examples) max = Math.max(max, e.length());
    return max;
  }

  /** The records at {@code indices}, in that order, with the same features, classes and target kind. */
  public SequenceDataset subset(int[] indices) {
    List<SequenceExample> picked = new ArrayList<>(indices.length);
    for (int i : indices) {
      if (i < 0 || i >= examples.size()) {
        throw new IndexOutOfBoundsException("record index " + i + " is outside 0.." + (examples.size() - 1));
      }
      picked.add(examples.get(i));
    }
    return new SequenceDataset(picked, features, featureNames, classes, targetKind, targetWidth);
  }

  /** As {@link #subset(int[])}. */
  public SequenceDataset subset(List<Integer> indices) {
    return subset(indices.stream().mapToInt(Integer::intValue).toArray());
  }
}
