package org.recurrent.cli.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.train.TrainingEvent;

/** The learning rate of every batch's last step (the schedule as it ran), runs overlaid; log scale over decades. */
final class LearningRateSection implements ReportSection {
  @Override
  public String title() {
    return "Learning rate";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return !run.batches().isEmpty();
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    List<Charts.Curve> curves = new ArrayList<>();
    for (RunFiles r : ComparisonSection.all(run, compared)) {
      List<TrainingEvent.BatchDone> b = r.batches();
      if (b.isEmpty()) continue;
      double[] x = new double[b.size()], y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = b.get(i).step();
        y[i] = b.get(i).lr();
      }
      curves.add(Charts.Curve.line(compared.isEmpty() ? "learning rate" : r.name(), x, y));
    }
    page.chart("learning_rate.png", Charts.lines("Learning rate", "optimizer step", "learning rate", curves),
        "the learning rate of each batch's last optimizer step");
  }
}
