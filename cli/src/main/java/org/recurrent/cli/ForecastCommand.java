package org.recurrent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recurrent.eval.Forecasting;
import org.recurrent.eval.PredictionFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recurrent forecast}: the next N rows of a series file as CSV, and optionally a PNG of history + forecast. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = "Forecast the N rows after the end of a series file with a model trained with task: forecast, from the "
    + "file's last rows (the model's lags). Prints CSV on stdout: the time column continued with the step of the last "
    + "rows (an error if they are unevenly spaced), then one column per target, in the data's units. A recursive model "
    + "rolls as far as asked; a direct one at most its trained horizon. -o draws history and forecast as a PNG.")
final class ForecastCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;
  @Mixin ThreadsOption threads;

  @Mixin ModelDirOption model;

  @Option(names = {"-i", "--input"}, required = true, description = "Series CSV with the training file's columns "
      + "(time column and value columns); the forecast starts after its last row.")
  Path input;

  @Option(names = {"-n", "--horizon"}, required = true, description = "Rows to forecast, N >= 1.")
  int horizon;

  @Option(names = {"-o", "--output"}, paramLabel = "PNG", description = "Draw the last rows and the forecast into this "
      + "PNG file (written atomically; its folder must exist).")
  Path png;

  @Override
  public Integer call() throws Exception {
    if (horizon < 1) throw new IllegalArgumentException("--horizon must be >= 1, got " + horizon);
    if (png != null) {
      PredictCommand.chooseFormat(png, "csv");   // the same checks on the output path: folder exists, no link, no folder
      if (!png.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
        throw new IllegalArgumentException("--output " + png + ": the chart is a PNG; name the file .png");
      }
    }
    threads.apply();
    Forecasting.Forecast f = Forecasting.forecast(model.dir, input, horizon);
    PrintWriter out = spec.commandLine().getOut();
    StringBuilder header = new StringBuilder(PredictionFormat.csvCell(f.timeColumn() == null ? "row" : f.timeColumn()));
    for (String t : f.targets()) header.append(',').append(PredictionFormat.csvCell(t));
    out.println(header);
    for (int j = 0; j < f.values().length; j++) {
      StringBuilder line = new StringBuilder(PredictionFormat.csvCell(f.times().get(j)));
      for (float v : f.values()[j]) line.append(',').append(v);
      out.println(line);
    }
    out.flush();
    if (png != null) {
      ForecastChart.draw(f, png);
      spec.commandLine().getErr().println("drew " + f.history().length + " observed rows (the last "
          + Math.min(f.history().length, Math.max(ForecastChart.HISTORY_ROWS, 4 * horizon)) + " shown) and "
          + horizon + " forecast rows into " + png);
      spec.commandLine().getErr().flush();
    }
    return 0;
  }
}
