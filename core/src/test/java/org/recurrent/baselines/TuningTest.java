package org.recurrent.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuningTest {
  /**
   * Scores each row by its feature column {@code column} (the "hyper-parameter"), and records what it was fitted
   * on: a classifier whose quality on a data set is known by construction.
   */
  static class ColumnScorer implements BinaryClassifier {
    final int column;
    final List<Integer> fittedRows = new ArrayList<>();

    ColumnScorer(double column) {
      this.column = (int) column;
    }

    @Override
    public String name() {
      return "column_scorer";
    }

    @Override
    public Map<String, Double> hyperParameters() {
      return Map.of("column", (double) column);
    }

    @Override
    public ColumnScorer fit(FeatureMatrix x, int[] y) {
      fittedRows.add(x.rows());
      return this;
    }

    @Override
    public double[] score(FeatureMatrix x) {
      double[] s = new double[x.rows()];
      for (int i = 0; i < s.length; i++) s[i] = x.get(i, column);
      return s;
    }

    @Override
    public boolean scoresAreProbabilities() {
      return false;
    }
  }

  /**
   * Rows whose label is told perfectly by column {@code perfect} and backwards by the other columns: column 0 is
   * the answer on train, column 2 on validation, column 1 on test.
   */
  static BinaryData tellingColumn(int perfect, int n, int d) {
    double[][] x = new double[n][d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < d; j++) x[i][j] = j == perfect ? y[i] + 0.01 * i : -y[i] + 0.001 * i;
    }
    return new BinaryData(FeatureMatrix.of(x), y);
  }

  @Test
  void picksTheValueBestOnValidationNotOnTrain() {
    BinaryData train = tellingColumn(0, 20, 4);
    BinaryData validation = tellingColumn(2, 10, 4);
    List<ColumnScorer> made = new ArrayList<>();
    TunedClassifier tuned = Tuning.select("column", new double[] {0, 1, 2, 3}, c -> {
      ColumnScorer s = new ColumnScorer(c);
      made.add(s);
      return s;
    }, train, validation);
    assertEquals(2.0, tuned.chosenValue());                              // train would say 0
    assertEquals(1.0, tuned.validationAuc());
    assertEquals("column", tuned.parameter());
    assertSame(made.get(2), tuned.model());
    // every candidate was fitted once, on the 20 training rows only (never on train + validation)
    for (ColumnScorer s : made) assertEquals(List.of(20), s.fittedRows);
    assertEquals(List.of(new TunedClassifier.GridPoint(0, 0.0), new TunedClassifier.GridPoint(1, 0.0),
        new TunedClassifier.GridPoint(2, 1.0), new TunedClassifier.GridPoint(3, 0.0)), tuned.grid());
  }

  @Test
  void tiesGoToTheFirstValueInGridOrder() {
    BinaryData train = tellingColumn(0, 20, 4);
    BinaryData validation = tellingColumn(2, 10, 4);
    // columns 1 and 3 are equally bad (AUC 0): the first of them in the grid wins
    assertEquals(3.0, Tuning.select("column", new double[] {3, 1}, ColumnScorer::new, train, validation)
        .chosenValue());
    assertEquals(1.0, Tuning.select("column", new double[] {1, 3}, ColumnScorer::new, train, validation)
        .chosenValue());
  }

  @Test
  void aRealClassifierIsTunedOnValidation() {
    // k-NN on a train set with label noise: k = 1 fits train perfectly but is worst on clean validation rows
    BinaryData train = Fixtures.linear(300, 2, 1.5, 41);
    BinaryData validation = Fixtures.linear(300, 2, 0, 42);
    TunedClassifier tuned = Tuning.select("k", new double[] {1, 5, 51}, k -> new KNearestNeighbours((int) k),
        train, validation);
    double auc1 = tuned.grid().get(0).validationAuc();
    double best = tuned.grid().stream().mapToDouble(TunedClassifier.GridPoint::validationAuc).max().orElseThrow();
    assertEquals(best, tuned.validationAuc());
    assertEquals(tuned.grid().stream().filter(p -> p.validationAuc() == best).findFirst().orElseThrow().value(),
        tuned.chosenValue());
    assertTrue(tuned.chosenValue() > 1 && auc1 < best, "k = 1 AUC " + auc1 + ", best " + best);
  }

  @Test
  void rejectsEmptyAndRepeatedGrids() {
    BinaryData d = tellingColumn(0, 10, 2);
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> Tuning.select("C", new double[0], ColumnScorer::new, d, d));
    assertEquals("Tuning: the grid of C is empty; expected at least one value", empty.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> Tuning.select("C", new double[] {1, 0, 1}, ColumnScorer::new, d, d));
    assertEquals("Tuning: the grid of C lists 1.0 twice (positions 0 and 2); expected distinct values",
        twice.getMessage());
    BinaryData narrow = tellingColumn(0, 10, 1);
    IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
        () -> Tuning.select("C", new double[] {0}, ColumnScorer::new, d, narrow));
    assertEquals("Tuning: validation has 1 feature columns, train has 2; expected the same features",
        cols.getMessage());
  }
}
