package org.recurrent.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.recurrent.io.AtomicFiles;

/**
 * A report of one run (and the runs compared with it): every section of {@link ReportSections} that applies, drawn
 * in memory first, so that a run that cannot be reported on leaves the previous report as it was; then each chart
 * written as PNG beside the HTML page, and the page last, each file atomically (a temporary file renamed over it).
 */
public final class RunReport {
  private RunReport() {}

  /**
   * What was written.
   *
   * @param html     the page
   * @param charts   the PNG files, in page order
   * @param sections the titles of the sections the report has
   */
  public record Written(Path html, List<Path> charts, List<String> sections) {}

  public static Written write(RunFiles run, List<RunFiles> compared, ReportSections sections, Path html)
      throws IOException {
    ReportPage page = new ReportPage();
    List<String> titles = new ArrayList<>();
    for (ReportSection s : sections.sections()) {
      if (!s.appliesTo(run, compared)) continue;
      page.section(s.title());
      s.write(run, compared, page);
      page.endSection();
      titles.add(s.title());
    }
    String subtitle = run.loaded().manifest().task() + " run in " + run.dir().toAbsolutePath().normalize()
        + (compared.isEmpty() ? "" : ", compared with " + String.join(", ", compared.stream().map(RunFiles::name).toList()))
        + (run.provenance() != null && run.provenance().finished() != null ? "; finished " + run.provenance().finished() : "");
    String document = page.document("Run report: " + run.name(), subtitle);
    Path folder = html.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    AtomicFiles.refuseLink(html);
    List<Path> charts = new ArrayList<>();
    for (Map.Entry<String, byte[]> c : page.charts().entrySet()) {
      Path png = folder.resolve(c.getKey());
      AtomicFiles.refuseLink(png);
      Path temp = AtomicFiles.tempBeside(png);
      try {
        Files.write(temp, c.getValue());
        Files.move(temp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      charts.add(png);
    }
    AtomicFiles.writeString(html, document);
    return new Written(html, charts, titles);
  }
}
