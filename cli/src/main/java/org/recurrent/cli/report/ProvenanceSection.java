package org.recurrent.cli.report;

import java.util.ArrayList;
import java.util.List;
import org.recurrent.models.ModelDirectory;
import org.recurrent.run.Provenance;

/**
 * Where the run came from (provenance.json): library, JDK, operating system, cores and kernels, the seed, timing,
 * every data file with its size and SHA-256, the {@code --set} overrides and the config text; and config.json's
 * model and data layout.
 */
final class ProvenanceSection implements ReportSection {
  @Override
  public String title() {
    return "Provenance";
  }

  @Override
  public boolean appliesTo(RunFiles run, List<RunFiles> compared) {
    return true;
  }

  @Override
  public void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws com.fasterxml.jackson.core.JsonProcessingException {
    Provenance p = run.provenance();
    if (p == null) {
      page.html("<p class=\"note\">" + ReportPage.escape(run.dir() + " has no provenance.json.") + "</p>");
    } else {
      Provenance.Environment e = p.environment();
      page.table("provenance", List.of("", ""), List.of(
          List.of("run", p.name()),
          List.of("library", e.library()),
          List.of("JDK", e.jdk()),
          List.of("operating system", e.os()),
          List.of("cores", Integer.toString(e.cores())),
          List.of("kernels", e.kernels()),
          List.of("seed", Long.toString(p.seed())),
          List.of("started", String.valueOf(p.started())),
          List.of("finished", String.valueOf(p.finished())),
          List.of("seconds", ReportPage.number(p.seconds())),
          List.of("config file", p.configFile()),
          List.of("overrides", p.overrides().isEmpty() ? "none" : String.join(" ", p.overrides()))));
      List<List<String>> files = new ArrayList<>();
      for (Provenance.DataFile f : p.dataFiles()) files.add(List.of(f.path(), Long.toString(f.bytes()), f.sha256()));
      if (files.isEmpty()) page.text("No data files: the data were generated from the config's seed.");
      else page.table("data_files", List.of("data file", "bytes", "SHA-256"), files);
      page.html("<h3>Training config, as given</h3>");
      page.pre(p.config());
    }
    page.html("<h3>config.json: the model and how data are read</h3>");
    var m = run.loaded().manifest();
    page.pre(ModelDirectory.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m.model()) + "\n"
        + ModelDirectory.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m.data()));
  }
}
