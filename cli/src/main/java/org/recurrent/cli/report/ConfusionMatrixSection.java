package org.recurrent.cli.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.metrics.ConfusionMatrix;
import org.recurrent.run.RecordedPredictions;
import org.recurrent.tasks.Predictions;

/**
 * Counts of (true class, predicted class) on the held-out part, rows = truth, columns = the argmax prediction, as a
 * table and a heatmap of each row's share (so a rare class's row reads as well as a common one's). Per-step
 * outputs (tagging) count every real step.
 */
final class ConfusionMatrixSection implements ReportSection {
  @Override
  public String title() {
    return "Confusion matrix";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return run.classPredictions().isPresent();
  }

  /** The matrix of the held-out predictions. */
  static ConfusionMatrix of(RecordedPredictions.Available a) {
    Predictions p = a.predictions();
    int[] truth = new int[p.size()], predicted = new int[p.size()];
    for (int i = 0; i < p.size(); i++) {
      truth[i] = (int) p.truth(i)[0];
      predicted[i] = p.predictedClass(i);
    }
    return ConfusionMatrix.of(truth, predicted, a.labels().classes());
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    RecordedPredictions.Available a = run.classPredictions().orElseThrow();
    ConfusionMatrix cm = of(a);
    List<String> classes = a.labels().classes();
    int K = classes.size();
    List<String> header = new ArrayList<>();
    header.add("true \\ predicted");
    header.addAll(classes);
    List<List<String>> rows = new ArrayList<>();
    double[][] share = new double[K][K];
    String[][] counts = new String[K][K];
    for (int r = 0; r < K; r++) {
      List<String> row = new ArrayList<>();
      row.add(classes.get(r));
      long support = cm.support(r);
      for (int c = 0; c < K; c++) {
        row.add(Long.toString(cm.count(r, c)));
        counts[r][c] = Long.toString(cm.count(r, c));
        share[r][c] = support == 0 ? 0 : (double) cm.count(r, c) / support;
      }
      rows.add(row);
    }
    boolean steps = a.predictions().step(0) >= 0;
    page.html("<p>" + ReportPage.escape(a.part() + " part: ") + ReportPage.value("confusion_total",
        Long.toString(cm.total())) + ReportPage.escape((steps ? " time steps" : " records") + ", accuracy "
        + ReportPage.number(cm.accuracy()) + ".") + "</p>");
    page.table("confusion", header, rows);
    if (K <= 40) {
      page.chart("confusion_matrix.png", Charts.heatmap("Confusion matrix, " + a.part() + " part (share of each true class)",
          "predicted class", "true class", share, classes, classes, "share of the true class", K <= 12 ? counts : null),
          "confusion matrix: colour is the share of the true class's count, numbers are counts");
    }
  }
}
