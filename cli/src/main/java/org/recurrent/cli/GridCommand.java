package org.recurrent.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.recurrent.data.synthetic.AddingProblem;
import org.recurrent.io.AtomicFiles;
import org.recurrent.models.ModelDirectory;
import org.recurrent.run.LongMemoryGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code recurrent grid}: the long-memory grid ({@link LongMemoryGrid}), every model on the adding problem at every
 * T, as ordinary training runs; writes grid.json, grid.md (the table) and grid.png (test MSE against T) into the
 * output folder, and with {@code --results FILE} the table between the markers {@code <!-- grid:begin -->} and
 * {@code <!-- grid:end -->} of that file.
 */
@Command(name = "grid", mixinStandardHelpOptions = true, showDefaultValues = true, description = "Train every "
    + "long-memory model (tanh RNN with and without clipping, IRNN, LSTM, GRU, echo-state network, multi-time-scale "
    + "RNN) on the adding problem at each T; write the table of test MSE and run times and a plot.")
final class GridCommand implements Callable<Integer> {
  static final String BEGIN = "<!-- grid:begin -->", END = "<!-- grid:end -->";

  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Folder of the runs, configs and results.")
  Path output = Path.of("runs", "grid");

  @Option(names = "--lengths", split = ",", paramLabel = "T", description = "Sequence lengths.")
  List<Integer> lengths = LongMemoryGrid.LENGTHS;

  @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Models (default all): tanh, "
      + "tanh-clip, irnn, lstm, gru, esn, multiscale.")
  List<String> models;

  @Option(names = "--results", paramLabel = "FILE", description = "Also put the table between the grid markers of "
      + "this markdown file (docs/results.md).")
  Path results;

  @Override
  public Integer call() throws Exception {
    List<LongMemoryGrid.Entry> entries = LongMemoryGrid.select(models);
    for (int T : lengths) if (T < 2) throw new IllegalArgumentException("--lengths: every T must be >= 2, got " + T);
    if (results != null) {
      String text = Files.readString(results);
      if (!text.contains(BEGIN) || !text.contains(END)) {
        throw new IllegalArgumentException(results + " has no " + BEGIN + " ... " + END + " block to fill");
      }
    }
    int total = entries.size() * lengths.size();
    List<LongMemoryGrid.Cell> done = new java.util.ArrayList<>();
    // the files are rewritten after every cell, so a grid stopped early leaves the cells it ran (the rest "not run")
    List<LongMemoryGrid.Cell> cells = LongMemoryGrid.run(output, entries, lengths, c -> {
      done.add(c);
      spec.commandLine().getErr().printf(Locale.ROOT, "grid %d/%d: %s T=%d test MSE %.4f (training mean %.4f) in %.0f s%n", done.size(),
          total, c.model(), c.length(), c.testMse(), c.baselineMse(), c.seconds());
      try {
        write(done, entries);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    spec.commandLine().getOut().print(LongMemoryGrid.table(cells, entries, lengths));
    spec.commandLine().getErr().println("grid: " + output.resolve("grid.md") + ", " + output.resolve("grid.json") + ", "
        + output.resolve("grid.png"));
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return 0;
  }

  private void write(List<LongMemoryGrid.Cell> cells, List<LongMemoryGrid.Entry> entries) throws java.io.IOException {
    String table = LongMemoryGrid.table(cells, entries, lengths);
    AtomicFiles.writeString(output.resolve("grid.md"), table);
    ModelDirectory.writeJson(output.resolve("grid.json"), cells);
    draw(cells, entries, output.resolve("grid.png"));
    if (results != null) {
      String text = Files.readString(results);
      int a = text.indexOf(BEGIN) + BEGIN.length(), b = text.indexOf(END);
      AtomicFiles.writeString(results, text.substring(0, a) + "\n" + table + text.substring(b));
    }
  }

  private static void draw(List<LongMemoryGrid.Cell> cells, List<LongMemoryGrid.Entry> entries, Path png)
      throws java.io.IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    for (LongMemoryGrid.Entry e : entries) {
      XYSeries s = new XYSeries(e.label(), true, true);
      for (LongMemoryGrid.Cell c : cells) if (c.model().equals(e.name())) s.add(c.length(), Math.max(c.testMse(), 1e-6));
      data.addSeries(s);
    }
    XYSeries chance = new XYSeries("chance, MSE 1/6", true, true);
    for (LongMemoryGrid.Cell c : cells) chance.add(c.length(), AddingProblem.CHANCE_MSE);
    data.addSeries(chance);
    JFreeChart chart = ChartFactory.createXYLineChart("Adding problem: test MSE against sequence length", "T (steps)",
        "test MSE (log scale)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    LogAxis y = new LogAxis("test MSE (log scale)");
    y.setBase(10);
    plot.setRangeAxis(y);
    Color[] palette = {new Color(0xC0392B), new Color(0xE67E22), new Color(0x1F5FA8), new Color(0x2E8B57),
        new Color(0x7D3C98), new Color(0x17202A), new Color(0x00838F)};
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < entries.size(); i++) {
      r.setSeriesPaint(i, palette[i % palette.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    r.setSeriesPaint(entries.size(), Color.GRAY);
    r.setSeriesShapesVisible(entries.size(), false);
    r.setSeriesStroke(entries.size(), new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 5f}, 0f));
    plot.setRenderer(r);
    Files.createDirectories(png.toAbsolutePath().getParent());
    Path temp = AtomicFiles.tempBeside(png);
    try {
      ChartUtils.saveChartAsPNG(temp.toFile(), chart, 820, 560);
      Files.move(temp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
