package org.recurrent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recurrent.models.ModelDirectory;
import org.recurrent.run.Diagnose;
import org.recurrent.run.Diagnosis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code recurrent diagnose DIR...}: how far back each model's gradient reaches, at initialisation and after
 * training ({@link Diagnose}); writes {@code DIR/diagnose/gradient_flow.json} and {@code gradient_flow.png} for each,
 * and with {@code --compare} one plot of all the models' trained top layers.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, showDefaultValues = true, description = "Measure the "
    + "gradient flow of trained models: ||dL/dh_t|| for every step t, per layer and direction (or delay group, or "
    + "reservoir) at initialisation and after training, the recurrent matrices' singular values and spectral radius, gate saturation, and clipping from "
    + "the events file. Writes DIR/diagnose/gradient_flow.json and .png; prints the reading of each model.")
final class DiagnoseCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Model directories: model.kind sequence (one or two "
      + "directions, one output per sequence or per step; a curve per layer and direction), multiscale (a curve per "
      + "delay group) or esn (through the fixed reservoir).")
  List<Path> dirs;

  @Option(names = "--config", paramLabel = "FILE", description = "Read the data with this training config instead "
      + "of the one named in provenance.json (for one directory).")
  Path config;

  @Option(names = "--sequences", paramLabel = "B", description = "Records measured: the first B of the test part.")
  int sequences = 32;

  @Option(names = "--compare", description = "Also draw every model's trained top layer in one plot (--plot).")
  boolean compare;

  @Option(names = "--plot", paramLabel = "FILE", description = "The comparison plot's PNG file.")
  Path plot = Path.of("gradient_flow_compare.png");

  @Override
  public Integer call() throws Exception {
    if (config != null && dirs.size() > 1) {
      throw new IllegalArgumentException("--config reads the data for one model directory; " + dirs.size() + " given");
    }
    List<GradientChart.Line> all = new ArrayList<>();
    List<Map<String, Object>> summary = new ArrayList<>();
    for (Path dir : dirs) {
      spec.commandLine().getErr().println("diagnose " + dir + ": replaying it step by step to measure dL/dh_t ...");
      Diagnosis d = Diagnose.of(dir, config, sequences);
      Path json = Diagnose.write(dir, d);
      List<GradientChart.Line> lines = new ArrayList<>();
      int colour = 0;
      for (String layer : d.atEnd().norms().keySet()) {
        if (d.atInit() != null) lines.add(new GradientChart.Line(layer + ", initial", d.atInit(), layer, colour, true));
        lines.add(new GradientChart.Line(layer + ", trained", d.atEnd(), layer, colour++, false));
      }
      Path png = dir.resolve(Diagnose.FOLDER).resolve("gradient_flow.png");
      GradientChart.draw("Gradient flow: " + d.model() + " (" + d.cell() + ", T = " + d.steps() + ")", lines, png);
      all.add(new GradientChart.Line(d.model() + " (" + d.cell() + ")", d.atEnd(),
          GradientChart.top(d.atEnd().norms()), all.size(), false));
      summary.add(Map.of("model", dir.toString(), "json", json.toString(), "png", png.toString(), "reach",
          Diagnosis.reach(d.atEnd()), "reading", d.reading()));
      spec.commandLine().getErr().println(d.model() + ": " + d.reading());
    }
    if (compare) {
      GradientChart.draw("Gradient flow of " + all.size() + " trained models (top layer)", all, plot);
      spec.commandLine().getErr().println("comparison plot: " + plot);
    }
    spec.commandLine().getOut().println(ModelDirectory.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return 0;
  }
}
