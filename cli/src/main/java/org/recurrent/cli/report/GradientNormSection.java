package org.recurrent.cli.report;

import java.io.IOException;
import java.util.List;
import org.recurrent.run.RecordedPredictions;
import org.recurrent.train.TrainingEvent;

/**
 * The global gradient norm before clipping, every batch, with the batches whose gradients were clipped marked,
 * and the share of clipped batches (events.jsonl's {@code grad_norm} and {@code clipped}).
 */
final class GradientNormSection implements ReportSection {
  @Override
  public String title() {
    return "Gradient norm and clipping";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return !run.batches().isEmpty();
  }

  /** The run's clip_grad_norm from its recorded config; 0 when off or not known (no or unreadable provenance). */
  static double clipGradNorm(RunFiles run) {
    if (run.provenance() == null) return 0;
    try {
      return RecordedPredictions.config(run.dir(), run.provenance()).training().clipGradNorm();
    } catch (IOException | RuntimeException e) {
      return 0;   // the chart stands without the line; the provenance section shows the config as recorded
    }
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    List<TrainingEvent.BatchDone> b = run.batches();
    double[] x = new double[b.size()], y = new double[x.length];
    int clipped = 0;
    for (int i = 0; i < x.length; i++) {
      x[i] = b.get(i).step();
      y[i] = b.get(i).gradNorm();
      if (b.get(i).clipped()) clipped++;
    }
    double[] cx = new double[clipped], cy = new double[clipped];
    for (int i = 0, j = 0; i < x.length; i++) {
      if (b.get(i).clipped()) {
        cx[j] = x[i];
        cy[j++] = y[i];
      }
    }
    page.html("<p>Batches whose gradients were clipped: " + ReportPage.value("clipped_batches", clipped + " of " + b.size())
        + " (" + ReportPage.escape(ReportPage.number(100.0 * clipped / b.size())) + "%).</p>");
    List<Charts.Curve> curves = new java.util.ArrayList<>(List.of(Charts.Curve.line("gradient norm", x, y),
        new Charts.Curve("clipped batches", cx, cy, true, false)));
    double threshold = clipGradNorm(run);
    if (threshold > 0) {
      curves.add(new Charts.Curve("clip_grad_norm " + ReportPage.number(threshold), new double[] {x[0], x[x.length - 1]},
          new double[] {threshold, threshold}, false, true));
      page.text("Gradients are rescaled to norm " + ReportPage.number(threshold) + " when their norm exceeds it "
          + "(training.clip_grad_norm), drawn as the dashed line.");
    }
    page.chart("grad_norm.png", Charts.lines("Gradient norm before clipping, " + run.name(), "optimizer step",
        "global L2 norm of the gradients", curves),
        "the global gradient norm of every batch before clipping; clipped batches marked");
  }
}
