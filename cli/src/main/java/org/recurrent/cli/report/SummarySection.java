package org.recurrent.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.run.RecordedPredictions;
import org.recurrent.run.RunMetrics;

/**
 * The run in one table: what was trained and how it ended, and per held-out part the model's final metrics with
 * the task's baselines beside them (metrics.json): a baseline's value sits in the column of the metric it is
 * named after ({@code last_value_rmse} under {@code rmse}).
 */
final class SummarySection implements ReportSection {
  @Override
  public String title() {
    return "Summary and baselines";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return true;
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) {
    var m = run.loaded().manifest();
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of("task", m.task()));
    facts.add(List.of("model", describe(m.model())));
    facts.add(List.of("parameters", Long.toString(run.loaded().model().parameterCount())));
    if (run.metrics() != null) {
      facts.add(List.of("stop reason", run.metrics().stopReason()));
      facts.add(List.of("epochs", Integer.toString(run.metrics().epochs())));
      facts.add(List.of("best epoch", Integer.toString(run.metrics().bestEpoch())));
      run.metrics().trainLoss().ifPresent(l -> facts.add(List.of("last epoch's training loss", ReportPage.number(l))));
    }
    page.table("facts", List.of("", ""), facts);
    if (run.metrics() == null) {
      page.html("<p class=\"note\">" + ReportPage.escape(run.dir() + " has no metrics.json: the run did not finish")
          + "</p>");
    } else {
      for (Map.Entry<String, RunMetrics.PartScores> part : run.metrics().parts().entrySet()) {
        page.html("<h3>" + ReportPage.escape(part.getKey() + " part, " + part.getValue().records() + " records") + "</h3>");
        scores(page, "scores_" + part.getKey(), part.getValue());
      }
    }
    switch (run.predictions()) {
      case RecordedPredictions.Unavailable u -> page.html("<p class=\"note\">Predictions were not recomputed: "
          + ReportPage.escape(u.reason()) + "; the sections that need them are left out.</p>");
      case RecordedPredictions.Available a -> page.html("<p>Predictions recomputed on the " + ReportPage.escape(a.part())
          + " part: loss " + ReportPage.value("recomputed_loss", ReportPage.number(a.metrics().get("loss")))
          + (Double.isNaN(a.recorded()) ? "" : a.matchesRecorded() ? ", as metrics.json records"
          : "<span class=\"note\">, but metrics.json records " + ReportPage.escape(ReportPage.number(a.recorded()))
          + ": the data or the model changed since training</span>") + ".</p>");
    }
  }

  /** config.json's model as {@code key value, ...} (wraps, where its JSON would not). */
  static String describe(com.fasterxml.jackson.databind.JsonNode model) {
    List<String> parts = new ArrayList<>();
    model.fields().forEachRemaining(f -> {
      if (!f.getValue().isNull()) parts.add(f.getKey() + " " + (f.getValue().isTextual() ? f.getValue().textValue()
          : f.getValue().toString()));
    });
    return String.join(", ", parts);
  }

  /** The model's metrics and each baseline's, aligned by metric name. */
  static void scores(ReportPage page, String id, RunMetrics.PartScores p) {
    List<String> metrics = new ArrayList<>(p.metrics().keySet());
    Map<String, Map<String, Double>> baselines = new LinkedHashMap<>();
    List<String> unmatched = new ArrayList<>();
    for (Map.Entry<String, Double> b : p.baseline().entrySet()) {
      String metric = null;
      for (String k : metrics) {
        if (b.getKey().endsWith("_" + k) && (metric == null || k.length() > metric.length())) metric = k;
      }
      if (metric == null) {
        unmatched.add(b.getKey() + " = " + ReportPage.number(b.getValue()));
        continue;
      }
      String name = b.getKey().substring(0, b.getKey().length() - metric.length() - 1);
      baselines.computeIfAbsent(name, x -> new LinkedHashMap<>()).put(metric, b.getValue());
    }
    List<String> header = new ArrayList<>();
    header.add("");
    header.addAll(metrics);
    List<List<String>> rows = new ArrayList<>();
    List<String> model = new ArrayList<>();
    model.add("model (RNN)");
    for (String k : metrics) model.add(ReportPage.number(p.metrics().get(k)));
    rows.add(model);
    baselines.forEach((name, values) -> {
      List<String> r = new ArrayList<>();
      r.add(name.replace('_', ' ') + " (baseline)");
      for (String k : metrics) r.add(values.containsKey(k) ? ReportPage.number(values.get(k)) : "");
      rows.add(r);
    });
    page.table(id, header, rows);
    if (!unmatched.isEmpty()) page.text("Other baseline values: " + String.join(", ", unmatched) + ".");
  }
}
