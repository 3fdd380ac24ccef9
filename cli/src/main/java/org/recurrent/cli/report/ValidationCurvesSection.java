package org.recurrent.cli.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.recurrent.train.TrainingEvent;

/** Every validation metric by epoch (the {@code val_*} fields of epoch events), one chart each, runs overlaid. */
final class ValidationCurvesSection implements ReportSection {
  @Override
  public String title() {
    return "Validation metrics per epoch";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return !metrics(run).isEmpty();
  }

  private static Set<String> metrics(RunFiles run) {
    Set<String> names = new LinkedHashSet<>();
    for (TrainingEvent.EpochDone e : run.epochs()) names.addAll(e.val().keySet());
    names.remove("loss");  // in the loss curves
    return names;
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException {
    for (String metric : metrics(run)) {
      List<Charts.Curve> curves = new ArrayList<>();
      for (RunFiles r : ComparisonSection.all(run, compared)) {
        List<TrainingEvent.EpochDone> epochs = r.epochs().stream().filter(e -> e.val().containsKey(metric)).toList();
        if (epochs.isEmpty()) continue;
        double[] x = new double[epochs.size()], y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = epochs.get(i).epoch();
          y[i] = epochs.get(i).val().get(metric);
        }
        curves.add(Charts.Curve.line(compared.isEmpty() ? "validation " + metric : r.name(), x, y));
      }
      page.chart("val_" + metric.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png",
          Charts.lines("Validation " + metric + " per epoch", "epoch", metric, curves), "validation " + metric
              + " at the end of each epoch");
    }
  }
}
