package org.recurrent.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Multi-class classification from binary classifiers, one per class (scikit-learn's {@code OneVsRestClassifier}):
 * classifier k is fitted on {@code y_i == k} against the rest, and
 * <pre>{@code
 * score_k(x) = classifier_k.score(x)        (n, K)
 * predict(x) = argmax_k score_k(x)          the lowest k on ties
 * }</pre>
 * The scores of different classes are not calibrated against each other (each is its own binary model); use them
 * for per-class ROC-AUC and for the argmax. Labels are class indices in [0, K) with K = max label + 1, and every
 * class must occur in the training labels (each binary problem needs both of its classes).
 */
public final class OneVsRest {
  private final Supplier<? extends BinaryClassifier> factory;
  private final List<BinaryClassifier> classifiers = new ArrayList<>();

  /** {@code factory} makes a fresh, unfitted binary classifier for each class. */
  public OneVsRest(Supplier<? extends BinaryClassifier> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** Fits one binary classifier per class on (n, d) features and n labels in [0, K); returns this. */
  public OneVsRest fit(FeatureMatrix x, int[] y) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (y.length != x.rows()) {
      throw new IllegalArgumentException("OneVsRest.fit: expected one label per row, got " + y.length
          + " labels for " + x.rows() + " rows");
    }
    int numClasses = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0) {
        throw new IllegalArgumentException("OneVsRest.fit: y[" + i + "] = " + y[i] + ", expected a class index >= 0");
      }
      numClasses = Math.max(numClasses, y[i] + 1);
    }
    int[] counts = new int[numClasses];
    for (int label : y) counts[label]++;
    for (int k = 0; k < numClasses; k++) {
      if (counts[k] == 0) {
        throw new IllegalArgumentException("OneVsRest.fit: class " + k + " never occurs in the training labels"
            + " (classes are 0.." + (numClasses - 1) + "); renumber the classes so that each occurs");
      }
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("OneVsRest.fit: the training labels hold only class 0; expected at"
          + " least two classes");
    }
    classifiers.clear();
    int[] binary = new int[y.length];
    for (int k = 0; k < numClasses; k++) {
      for (int i = 0; i < y.length; i++) binary[i] = y[i] == k ? 1 : 0;
      BinaryClassifier c = Objects.requireNonNull(factory.get(), "factory returned null");
      c.fit(x, binary);
      classifiers.add(c);
    }
    return this;
  }

  /** K, the number of classes of the last fit. */
  public int numClasses() {
    return classifiers.size();
  }

  /** The fitted binary classifier of class k. */
  public BinaryClassifier classifier(int k) {
    requireFitted("classifier");
    return classifiers.get(Objects.checkIndex(k, classifiers.size()));
  }

  /** The (n, K) scores: {@code scores[i][k]} is classifier k's score of row i. */
  public double[][] scores(FeatureMatrix x) {
    requireFitted("scores");
    int K = classifiers.size();
    double[][] out = new double[x.rows()][K];
    for (int k = 0; k < K; k++) {
      double[] s = classifiers.get(k).score(x);
      for (int i = 0; i < s.length; i++) out[i][k] = s[i];
    }
    return out;
  }

  /** The class with the highest score per row, the lowest index on ties. */
  public int[] predict(FeatureMatrix x) {
    double[][] s = scores(x);
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      int best = 0;
      for (int k = 1; k < s[i].length; k++) if (s[i][k] > s[i][best]) best = k;
      out[i] = best;
    }
    return out;
  }

  private void requireFitted(String method) {
    if (classifiers.isEmpty()) throw new IllegalStateException("OneVsRest." + method + ": call fit first");
  }
}
