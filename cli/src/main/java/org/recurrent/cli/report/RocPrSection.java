package org.recurrent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recurrent.metrics.PrecisionRecallCurve;
import org.recurrent.metrics.RocCurve;
import org.recurrent.run.RecordedPredictions;
import org.recurrent.tasks.Predictions;

/**
 * ROC and precision-recall curves on the held-out part: for two classes the score is the probability of the second
 * class (the positive one); for several labels per record every (record, label) pair is one binary case
 * (micro-average). The baselines' ROC curves of roc.json (hf-onset's tuned classifiers) are drawn beside the
 * model's. The PR chart's chance level is the positive share.
 */
final class RocPrSection implements ReportSection {
  @Override
  public String title() {
    return "ROC and precision-recall curves";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return binary(run) != null || run.roc() != null;
  }

  /** Truth and scores of the binary cases, or null when the run has none. */
  static Binary binary(RunFiles run) {
    var cls = run.classPredictions().filter(a -> a.labels().classes().size() == 2);
    if (cls.isPresent()) {
      Predictions p = cls.get().predictions();
      int[] y = new int[p.size()];
      double[] s = new double[p.size()];
      for (int i = 0; i < p.size(); i++) {
        y[i] = (int) p.truth(i)[0];
        s[i] = p.output(i)[1];
      }
      return both(y) ? new Binary(cls.get(), y, s, "p(" + cls.get().labels().classes().get(1) + ")") : null;
    }
    var labels = run.labelPredictions();
    if (labels.isPresent()) {
      Predictions p = labels.get().predictions();
      int K = labels.get().labels().outputSize();
      int[] y = new int[p.size() * K];
      double[] s = new double[y.length];
      for (int i = 0; i < p.size(); i++) {
        for (int k = 0; k < K; k++) {
          y[i * K + k] = p.truth(i)[k] >= 0.5f ? 1 : 0;
          s[i * K + k] = p.output(i)[k];
        }
      }
      return both(y) ? new Binary(labels.get(), y, s, "every (record, label) pair, micro-averaged") : null;
    }
    return null;
  }

  private static boolean both(int[] y) {
    int pos = 0;
    for (int v : y) pos += v;
    return pos > 0 && pos < y.length;
  }

  record Binary(RecordedPredictions.Available from, int[] truth, double[] scores, String what) {}

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    Binary b = binary(run);
    List<Charts.Curve> roc = new ArrayList<>();
    String part = b != null ? b.from().part() : run.heldOutName();
    if (b != null) {
      RocCurve c = RocCurve.of(b.truth(), b.scores());
      roc.add(Charts.Curve.line(String.format(Locale.ROOT, "model (RNN), AUC %.3f", c.area()), c.fpr(), c.tpr()));
      page.html("<p>Scores: " + ReportPage.escape(b.what()) + "; " + b.truth().length + " cases. ROC-AUC "
          + ReportPage.value("roc_auc", ReportPage.number(c.area())) + ".</p>");
    }
    JsonNode curves = run.roc() == null ? null : run.roc().path(part);
    if (curves != null && curves.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = curves.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("model") && b != null) continue;   // recomputed above
        JsonNode fpr = e.getValue().path("fpr"), tpr = e.getValue().path("tpr");
        if (!fpr.isArray() || fpr.size() != tpr.size()) {
          throw new IOException(run.dir().resolve("roc.json") + ": " + part + "." + e.getKey()
              + ": expected arrays fpr and tpr of one length");
        }
        double[] x = new double[fpr.size()], y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = fpr.get(i).asDouble();
          y[i] = tpr.get(i).asDouble();
        }
        String name = e.getKey().equals("model") ? "model (RNN)" : e.getKey().replace('_', ' ');
        roc.add(Charts.Curve.line(String.format(Locale.ROOT, "%s, AUC %.3f", name, e.getValue().path("auc").asDouble()),
            x, y));
      }
    }
    roc.add(new Charts.Curve("chance", new double[] {0, 1}, new double[] {0, 1}, false, true));
    page.chart("roc.png", Charts.unitSquare(Charts.lines("ROC curves, " + part + " part",
        "false-positive rate (1 - specificity)", "true-positive rate (sensitivity)", roc)),
        "ROC curve of the model" + (roc.size() > 2 ? " and the baselines" : ""));
    if (b != null) {
      PrecisionRecallCurve pr = PrecisionRecallCurve.of(b.truth(), b.scores());
      page.chart("precision_recall.png", Charts.unitSquare(Charts.lines("Precision-recall curve, " + part + " part",
          "recall (sensitivity)", "precision (positive predictive value)", List.of(
              Charts.Curve.line(String.format(Locale.ROOT, "model (RNN), average precision %.3f", pr.area()),
                  pr.recall(), pr.precision()),
              new Charts.Curve(String.format(Locale.ROOT, "chance (positive share %.3f)", pr.positiveShare()),
                  new double[] {0, 1}, new double[] {pr.positiveShare(), pr.positiveShare()}, false, true)))),
          "precision against recall as the threshold falls");
    }
  }
}
