package org.recurrent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.recurrent.io.AtomicFiles;
import org.recurrent.models.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recurrent demo seq2seq-sweep}: the table and plot of a bottleneck-vs-attention sweep
 * ({@code examples/number-words-sweep.sh}): every run folder {@code ATTENTION-L} of {@code --runs} with its
 * {@code metrics.json}, test exact match, BLEU and token accuracy by L (the longest number's digits), one line
 * per attention. The markdown table goes to stdout.
 */
@Command(name = "seq2seq-sweep", mixinStandardHelpOptions = true, description = "Tabulate and plot a seq2seq sweep "
    + "(examples/number-words-sweep.sh): test exact match, BLEU and token accuracy of each ATTENTION-L run folder.")
final class Seq2SeqSweepCommand implements Callable<Integer> {
  private static final Pattern RUN = Pattern.compile("([a-z]+)-(\\d+)");
  private static final Color[] PALETTE = {new Color(0x17202A), new Color(0xC0392B), new Color(0x1F5FA8),
      new Color(0x2E8B57)};

  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Option(names = "--runs", required = true, description = "Folder of the sweep's run folders (ATTENTION-L).")
  Path runs;

  @Option(names = "--plot", description = "Write the exact-match plot here (PNG).")
  Path plot;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(runs)) throw new IllegalArgumentException("--runs " + runs + " is not a folder");
    Map<String, Map<Integer, JsonNode>> byAttention = new TreeMap<>();
    Map<String, Long> seconds = new TreeMap<>();
    Path wall = runs.resolve("wall-seconds.txt");
    if (Files.isRegularFile(wall)) {
      for (String line : Files.readAllLines(wall)) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 3) seconds.put(f[0] + "-" + f[1], Long.parseLong(f[2]));
      }
    }
    try (var dirs = Files.list(runs)) {
      for (Path d : dirs.sorted().toList()) {
        Matcher m = RUN.matcher(d.getFileName().toString());
        Path metrics = d.resolve(ModelDirectory.METRICS);
        if (!m.matches() || !Files.isRegularFile(metrics)) continue;
        byAttention.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)),
            ModelDirectory.JSON.readTree(metrics.toFile()));
      }
    }
    if (byAttention.isEmpty()) throw new IllegalArgumentException(runs + ": no ATTENTION-L folders with metrics.json");
    TreeSet<Integer> lengths = new TreeSet<>();
    byAttention.values().forEach(m -> lengths.addAll(m.keySet()));
    PrintWriter out = spec.commandLine().getOut();
    out.println("| attention | digits | test exact match | test BLEU | test token accuracy | position-mode exact match "
        + "| epochs | wall seconds |");
    out.println("|---|---|---|---|---|---|---|---|");
    List<String> order = new ArrayList<>(List.of("none", "additive", "dot", "general"));
    byAttention.keySet().stream().filter(a -> !order.contains(a)).forEach(order::add);
    XYSeriesCollection data = new XYSeriesCollection();
    for (String a : order) {
      Map<Integer, JsonNode> m = byAttention.get(a);
      if (m == null) continue;
      XYSeries s = new XYSeries(a.equals("none") ? "none (bottleneck)" : a, true, false);
      for (int L : lengths) {
        JsonNode r = m.get(L);
        if (r == null) continue;
        JsonNode t = r.path("test");
        out.printf(Locale.ROOT, "| %s | %d-%d | %.3f | %.1f | %.3f | %.3f | %d | %s |%n", a, L - 3, L,
            t.path("exact_match").asDouble(), t.path("bleu").asDouble(), t.path("token_accuracy").asDouble(),
            t.path("baseline").path("position_mode_exact_match").asDouble(), r.path("epochs").asInt(),
            seconds.containsKey(a + "-" + L) ? String.valueOf(seconds.get(a + "-" + L)) : "-");
        s.add(L, t.path("exact_match").asDouble());
      }
      data.addSeries(s);
    }
    out.flush();
    if (plot != null) {
      System.setProperty("java.awt.headless", "true");
      JFreeChart chart = ChartFactory.createXYLineChart("Number words to digits: bottleneck vs attention",
          "digits of the longest number (each run: L-3 .. L)", "test exact match (greedy decoding)", data,
          PlotOrientation.VERTICAL, true, false, false);
      XYPlot p = chart.getXYPlot();
      p.setBackgroundPaint(Color.WHITE);
      p.setDomainGridlinePaint(Color.LIGHT_GRAY);
      p.setRangeGridlinePaint(Color.LIGHT_GRAY);
      p.getRangeAxis().setRange(0, 1.02);
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
      for (int i = 0; i < data.getSeriesCount(); i++) {
        r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        r.setSeriesStroke(i, new BasicStroke(2f));
      }
      p.setRenderer(r);
      Path parent = plot.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Path temp = AtomicFiles.tempBeside(plot);
      try {
        ChartUtils.saveChartAsPNG(temp.toFile(), chart, 760, 520);
        Files.move(temp, plot, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      spec.commandLine().getErr().println("wrote " + plot);
    }
    return 0;
  }
}
