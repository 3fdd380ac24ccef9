package org.recurrent.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.recurrent.run.RunMetrics;

/** {@code --compare}: the final metrics of every run side by side, on each run's held-out part (test, else validation). */
final class ComparisonSection implements ReportSection {
  @Override
  public String title() {
    return "Runs compared";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return !compared.isEmpty();
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) {
    List<RunFiles> all = all(run, compared);
    Set<String> metrics = new LinkedHashSet<>();
    for (RunFiles r : all) if (r.heldOut() != null) metrics.addAll(r.heldOut().metrics().keySet());
    List<String> header = new ArrayList<>(List.of("run", "directory", "part", "epochs"));
    header.addAll(metrics);
    List<List<String>> rows = new ArrayList<>();
    for (RunFiles r : all) {
      RunMetrics.PartScores p = r.heldOut();
      List<String> row = new ArrayList<>(List.of(r.name(), r.dir().toString(), p == null ? "" : r.heldOutName(),
          r.metrics() == null ? "" : Integer.toString(r.metrics().epochs())));
      for (String k : metrics) row.add(p != null && p.metrics().containsKey(k) ? ReportPage.number(p.metrics().get(k)) : "");
      rows.add(row);
    }
    page.table("comparison", header, rows);
    page.text("The curves below overlay the runs; the legend names each run.");
  }

  /** The run and the compared runs, in the order given. */
  static List<RunFiles> all(RunFiles run, List<RunFiles> compared) {
    List<RunFiles> all = new ArrayList<>();
    all.add(run);
    all.addAll(compared);
    return all;
  }
}
