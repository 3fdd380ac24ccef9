package org.recurrent.baselines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * The classical baselines on fixed-length feature vectors, each tuned on validation only, as in the "one-to-one"
 * comparison of Choi, Schuetz, Stewart and Sun, "Using recurrent neural network models for early detection of
 * heart failure onset", JAMIA 2017 (L2 logistic regression, MLP, k-NN and linear SVM on aggregated code counts).
 *
 * <p>{@link #run}: fit the transform on the training rows, apply it to training, validation and test rows, then
 * for each candidate {@link Tuning#select} its hyper-parameter by validation ROC-AUC and score the test rows with
 * the model fitted on the training rows. Test labels are not an argument.
 *
 * <p>{@link #standard(long)}: standardised features and these grids, each from the most to the least regularised
 * value (ties go to the first):
 * <pre>{@code
 * logistic_regression   C             0.001, 0.01, 0.1, 1, 10, 100
 * mlp                   weight_decay  0.1, 0.01, 0.001, 0.0001      H = 32, Adam 1e-3, batch 32, early stopping
 * k_nearest_neighbours  k             101, 51, 21, 11, 5, 1         Euclidean, uniform; k > n_train skipped
 * linear_svm            C             0.001, 0.01, 0.1, 1, 10
 * }</pre>
 */
public final class BaselineSuite {
  /**
   * One baseline with its grid.
   *
   * @param name           the baseline's name in results
   * @param parameter      the tuned hyper-parameter's name
   * @param grid           its candidate values, most regularised first
   * @param atMostTrainRows whether values above the number of training rows are skipped (k of k-NN)
   * @param factory        a fresh classifier for a value
   */
  public record Candidate(String name, String parameter, double[] grid, boolean atMostTrainRows,
      DoubleFunction<? extends BinaryClassifier> factory) {
    public Candidate {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(parameter, "parameter");
      Objects.requireNonNull(factory, "factory");
      grid = grid.clone();
    }

    @Override
    public double[] grid() {
      return grid.clone();
    }

    /** The grid values usable with this many training rows. */
    double[] gridFor(int trainRows) {
      if (!atMostTrainRows) return grid.clone();
      double[] usable = Arrays.stream(grid).filter(v -> v <= trainRows).toArray();
      if (usable.length == 0) {
        throw new IllegalArgumentException("BaselineSuite: every " + parameter + " of " + name + " in "
            + Arrays.toString(grid) + " exceeds the " + trainRows + " training rows");
      }
      return usable;
    }
  }

  private final FeatureTransform transform;
  private final List<Candidate> candidates;

  private BaselineSuite(FeatureTransform transform, List<Candidate> candidates) {
    this.transform = Objects.requireNonNull(transform, "transform");
    this.candidates = List.copyOf(candidates);
  }

  /** The four baselines of the class comment, all randomness from {@code seed}, on standardised features. */
  public static BaselineSuite standard(long seed) {
    return new BaselineSuite(FeatureTransform.standardize(), List.of(
        new Candidate("logistic_regression", "C", new double[] {0.001, 0.01, 0.1, 1, 10, 100}, false,
            LogisticRegression::new),
        new Candidate("mlp", "weight_decay", new double[] {0.1, 0.01, 0.001, 0.0001}, false,
            lambda -> new Mlp(Mlp.Options.withWeightDecay(lambda, seed))),
        new Candidate("k_nearest_neighbours", "k", new double[] {101, 51, 21, 11, 5, 1}, true,
            k -> new KNearestNeighbours((int) k)),
        new Candidate("linear_svm", "C", new double[] {0.001, 0.01, 0.1, 1, 10}, false,
            c -> new LinearSvm(LinearSvm.Options.withC(c, seed)))));
  }

  /** No baselines yet, on these features; add them with {@link #with}. */
  public static BaselineSuite of(FeatureTransform transform) {
    return new BaselineSuite(transform, List.of());
  }

  /** This suite with another transform (e.g. {@code log1p().then(standardize())} for counts). */
  public BaselineSuite withTransform(FeatureTransform transform) {
    return new BaselineSuite(transform, candidates);
  }

  /** This suite with one more baseline. */
  public BaselineSuite with(Candidate candidate) {
    List<Candidate> more = new ArrayList<>(candidates);
    more.add(Objects.requireNonNull(candidate, "candidate"));
    return new BaselineSuite(transform, more);
  }

  public List<Candidate> candidates() {
    return candidates;
  }

  /** Tunes and fits every baseline (see the class comment); one result per candidate, in order. */
  public List<BaselineResult> run(BinaryData train, BinaryData validation, FeatureMatrix test) {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    if (candidates.isEmpty()) throw new IllegalStateException("BaselineSuite.run: no baselines; add one with with()");
    FeatureTransform.Fitted fitted = transform.fit(train.x());                 // training rows only
    BinaryData trainT = new BinaryData(fitted.apply(train.x()), train.y());
    BinaryData validationT = new BinaryData(fitted.apply(validation.x()), validation.y());
    FeatureMatrix testT = fitted.apply(test);
    List<BaselineResult> results = new ArrayList<>();
    for (Candidate c : candidates) {
      TunedClassifier tuned = Tuning.select(c.parameter(), c.gridFor(train.size()), c.factory(), trainT, validationT);
      BinaryClassifier model = tuned.model();
      results.add(new BaselineResult(c.name(), c.parameter(), tuned.chosenValue(), tuned.validationAuc(),
          model.hyperParameters(), model.score(testT), model.scoresAreProbabilities(), tuned));
    }
    return results;
  }
}
