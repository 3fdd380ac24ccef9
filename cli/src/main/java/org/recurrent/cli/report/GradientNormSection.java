package org.recurrent.cli.report;

import java.io.IOException;
import java.util.List;
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
    page.chart("grad_norm.png", Charts.lines("Gradient norm before clipping, " + run.name(), "optimizer step",
        "global L2 norm of the gradients", List.of(Charts.Curve.line("gradient norm", x, y),
            new Charts.Curve("clipped batches", cx, cy, true, false))),
        "the global gradient norm of every batch before clipping; clipped batches marked");
  }
}
