package org.recurrent.cli.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.recurrent.run.RecordedPredictions;
import org.recurrent.tasks.Predictions;

/**
 * Predicted values against the actual ones on the held-out part, in the data's units: for each of the first and
 * last outputs (a forecast's nearest and farthest horizon) a line chart in record order (time order for a
 * chronological split) and a scatter of predicted against actual with the identity line.
 */
final class ForecastSection implements ReportSection {
  /** At most this many rows are drawn in the line chart (the first ones), so that it stays readable. */
  static final int MAX_POINTS = 2000;

  @Override
  public String title() {
    return "Predictions against actuals";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return run.valuePredictions().isPresent();
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    RecordedPredictions.Available a = run.valuePredictions().orElseThrow();
    Predictions p = a.predictions();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) rows.add(i);
    rows.sort(Comparator.comparingInt(p::record).thenComparingInt(p::step));   // batches were bucketed by length
    int K = p.output(0).length;
    List<Integer> outputs = K == 1 ? List.of(0) : List.of(0, K - 1);
    page.text(a.part() + " part: " + p.size() + " predictions of " + K + " value(s) each, in the data's units"
        + (p.size() > MAX_POINTS ? "; the line charts show the first " + MAX_POINTS : "") + ".");
    for (int k : outputs) {
      String name = a.labels().name(k);
      int n = Math.min(rows.size(), MAX_POINTS);
      double[] x = new double[n], actual = new double[n], predicted = new double[n];
      double[] allActual = new double[rows.size()], allPredicted = new double[rows.size()];
      for (int j = 0; j < rows.size(); j++) {
        int i = rows.get(j);
        allActual[j] = a.labels().toDataUnits().apply(p.truth(i))[k];
        allPredicted[j] = a.labels().toDataUnits().apply(p.output(i))[k];
        if (j < n) {
          x[j] = j;
          actual[j] = allActual[j];
          predicted[j] = allPredicted[j];
        }
      }
      String file = name.replaceAll("[^A-Za-z0-9_.-]", "_");
      page.chart("forecast_" + k + "_" + file + ".png", Charts.lines(name + ": predicted and actual, " + a.part() + " part",
          "record of the " + a.part() + " part, in order", name + " (data units)", List.of(
              Charts.Curve.line("actual", x, actual), Charts.Curve.line("predicted (RNN)", x, predicted))),
          name + " predicted and actual, record by record");
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      for (double v : allActual) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      page.chart("scatter_" + k + "_" + file + ".png", Charts.lines(name + ": predicted against actual", "actual "
          + name + " (data units)", "predicted " + name + " (data units)", List.of(
              new Charts.Curve("records", allActual, allPredicted, true, false),
              new Charts.Curve("predicted = actual", new double[] {lo, hi}, new double[] {lo, hi}, false, true))),
          "each record's prediction against its actual value; on the dashed line they agree");
    }
  }
}
