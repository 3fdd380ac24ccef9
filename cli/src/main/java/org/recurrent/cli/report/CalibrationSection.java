package org.recurrent.cli.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.metrics.Calibration;
import org.recurrent.run.RecordedPredictions;
import org.recurrent.tasks.Predictions;

/**
 * Whether the predicted probabilities can be taken at their word: the reliability diagram and the expected
 * calibration error ({@link Calibration}, {@value Calibration#DEFAULT_BINS} equal-width bins). For classes, each
 * prediction's confidence is the probability of its argmax class and it is right when that is the true class
 * (top-label calibration, Guo et al. 2017); for several labels per record, each (record, label) probability is one
 * prediction, "right" when the label is present (the usual binary reliability diagram).
 */
final class CalibrationSection implements ReportSection {
  @Override
  public String title() {
    return "Calibration";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return run.classPredictions().isPresent() || run.labelPredictions().isPresent();
  }

  /** The calibration of the run's held-out predictions. */
  static Calibration of(RunFiles run) {
    RecordedPredictions.Available a = run.classPredictions().orElse(null);
    if (a != null) {
      Predictions p = a.predictions();
      double[] conf = new double[p.size()];
      boolean[] right = new boolean[p.size()];
      for (int i = 0; i < p.size(); i++) {
        int k = p.predictedClass(i);
        conf[i] = clamp(p.output(i)[k]);
        right[i] = k == (int) p.truth(i)[0];
      }
      return Calibration.of(conf, right, Calibration.DEFAULT_BINS);
    }
    Predictions p = run.labelPredictions().orElseThrow().predictions();
    int K = p.output(0).length;
    double[] conf = new double[p.size() * K];
    boolean[] present = new boolean[conf.length];
    for (int i = 0; i < p.size(); i++) {
      for (int k = 0; k < K; k++) {
        conf[i * K + k] = clamp(p.output(i)[k]);
        present[i * K + k] = p.truth(i)[k] >= 0.5f;
      }
    }
    return Calibration.of(conf, present, Calibration.DEFAULT_BINS);
  }

  /** A float probability rounded a hair past 1 is still a probability. */
  private static double clamp(float p) {
    return Math.max(0, Math.min(1, (double) p));
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    Calibration c = of(run);
    boolean classes = run.classPredictions().isPresent();
    String part = (classes ? run.classPredictions() : run.labelPredictions()).orElseThrow().part();
    page.html("<p>Expected calibration error on the " + ReportPage.escape(part) + " part, " + c.bins()
        + " equal-width bins: ECE = " + ReportPage.value("ece", Double.toString(c.ece())) + ReportPage.escape(
        " (" + (classes ? "confidence = probability of the predicted class" : "each (record, label) probability")
        + "; 0 is perfectly calibrated).") + "</p>");
    List<Double> x = new ArrayList<>(), y = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (int m = 0; m < c.bins(); m++) {
      if (c.binCount()[m] == 0) continue;
      x.add(c.binConfidence()[m]);
      y.add(c.binAccuracy()[m]);
      rows.add(List.of(ReportPage.number(m / (double) c.bins()) + " - " + ReportPage.number(c.upperEdge(m)),
          Long.toString(c.binCount()[m]), ReportPage.number(c.binConfidence()[m]), ReportPage.number(c.binAccuracy()[m])));
    }
    String yLabel = classes ? "accuracy in the bin" : "share of labels present in the bin";
    page.chart("calibration.png", Charts.unitSquare(Charts.lines("Reliability diagram, " + part + " part, ECE "
        + String.format(java.util.Locale.ROOT, "%.4f", c.ece()), classes ? "confidence (mean in the bin)"
        : "predicted probability (mean in the bin)", yLabel, List.of(
        new Charts.Curve("model (RNN), " + c.bins() + " bins", x.stream().mapToDouble(Double::doubleValue).toArray(),
            y.stream().mapToDouble(Double::doubleValue).toArray(), false, false),
        new Charts.Curve("perfect calibration", new double[] {0, 1}, new double[] {0, 1}, false, true)))),
        "observed accuracy against confidence, one point per non-empty bin");
    page.table("calibration_bins", List.of("confidence bin", "predictions", "mean confidence",
        classes ? "accuracy" : "share present"), rows);
  }
}
