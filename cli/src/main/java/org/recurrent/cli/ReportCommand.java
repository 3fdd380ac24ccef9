package org.recurrent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.recurrent.cli.report.ReportSections;
import org.recurrent.cli.report.RunFiles;
import org.recurrent.cli.report.RunReport;
import org.recurrent.train.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recurrent report}: a finished run as a self-contained HTML page with its charts as PNG (docs/reports.md). */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a self-contained HTML report of a trained run (opens offline: no script, no network, "
        + "images embedded) and every chart as a PNG beside it: summary with baselines, loss and validation curves, "
        + "learning rate, gradient norm and clipping, and as the run's task has them confusion matrix, ROC and PR "
        + "curves, calibration (reliability diagram, ECE over 15 bins), predictions against actuals, sample "
        + "generations, attention heatmaps (attention.json), gradient flow (gradient_flow.json), and the provenance.",
        "Held-out predictions are recomputed by reading the run's recorded data again, when every data file still has "
        + "the SHA-256 that provenance.json records.",
        "Prints the HTML file's path on stdout."})
final class ReportCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;
  @Mixin ThreadsOption threads;

  @Option(names = "--run", required = true, paramLabel = "<dir>", description = "Model directory of the run to report on.")
  Path run;

  @Option(names = "--compare", arity = "1..*", paramLabel = "<dir>",
      description = "Further model directories whose curves and final metrics are overlaid with the run's.")
  List<Path> compare = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "<file>",
      description = "The HTML file; the PNGs go beside it (default: <run>/report/report.html).")
  Path output;

  @Option(names = "--no-predictions", description = "Do not recompute the held-out predictions (no data are read; "
      + "the sections that need them are left out).")
  boolean noPredictions;

  @Option(names = "--quiet", description = "No progress lines on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    threads.apply();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = quiet ? Progress.quiet() : new Progress() {
      @Override
      public void batch(int epoch, int epochs, int batch, int batches, double loss, double rps, String unit, double eta) {
      }

      @Override
      public void line(String text) {
        err.println(text);
        err.flush();
      }
    };
    RunFiles main = RunFiles.read(run, !noPredictions, progress);
    List<RunFiles> others = new ArrayList<>();
    for (Path dir : compare) others.add(RunFiles.read(dir, false, progress));
    List<RunFiles> all = new ArrayList<>(List.of(main));
    all.addAll(others);
    all = RunFiles.distinctNames(all);
    main = all.get(0);
    others = all.subList(1, all.size());
    // the default folder is inside the model directory: never written through a link planted there (docs/security.md)
    if (output == null) org.recurrent.io.AtomicFiles.refuseLink(run.resolve("report"));
    Path html = output != null ? output : run.resolve("report").resolve("report.html");
    RunReport.Written w = RunReport.write(main, others, ReportSections.standard(), html);
    progress.line("report: " + w.sections().size() + " sections, " + w.charts().size() + " charts in "
        + html.toAbsolutePath().getParent());
    PrintWriter out = spec.commandLine().getOut();
    out.println(w.html());
    out.flush();
    return 0;
  }
}
