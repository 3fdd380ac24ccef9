package org.recurrent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
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

/**
 * {@code roc.json} of a run drawn as one PNG per part ({@code roc_test.png}): the model's ROC curve and each
 * baseline's, with their areas in the legend, and the chance diagonal. JFreeChart, headless.
 */
final class RocChart {
  static final int WIDTH = 720, HEIGHT = 640;
  /** Dark, distinct colours that read on white (JFreeChart's default has yellow). */
  private static final Color[] PALETTE = {new Color(0xC0392B), new Color(0x1F5FA8), new Color(0x2E8B57),
      new Color(0xD35400), new Color(0x7D3C98), new Color(0x17202A)};

  private RocChart() {}

  /** Draws every part of {@code dir}'s roc.json; returns the files written (none when there is no roc.json). */
  static java.util.List<Path> draw(Path dir) throws IOException {
    Path json = dir.resolve(org.recurrent.run.TrainingRun.ROC);
    java.util.List<Path> written = new java.util.ArrayList<>();
    if (!Files.isRegularFile(json)) return written;
    System.setProperty("java.awt.headless", "true");
    JsonNode root = ModelDirectory.JSON.readTree(json.toFile());
    for (Iterator<Map.Entry<String, JsonNode>> parts = root.fields(); parts.hasNext(); ) {
      Map.Entry<String, JsonNode> part = parts.next();
      if (!part.getValue().isObject()) continue;  // format, version
      XYSeriesCollection data = new XYSeriesCollection();
      for (Iterator<Map.Entry<String, JsonNode>> curves = part.getValue().fields(); curves.hasNext(); ) {
        Map.Entry<String, JsonNode> c = curves.next();
        String name = c.getKey().equals("model") ? "model (RNN)" : c.getKey().replace('_', ' ');
        XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s, AUC %.3f", name, c.getValue().path("auc").asDouble()),
            false, true);
        JsonNode fpr = c.getValue().path("fpr"), tpr = c.getValue().path("tpr");
        for (int i = 0; i < fpr.size(); i++) s.add(fpr.get(i).asDouble(), tpr.get(i).asDouble());
        data.addSeries(s);
      }
      XYSeries chance = new XYSeries("chance", false, true);
      chance.add(0, 0);
      chance.add(1, 1);
      data.addSeries(chance);
      JFreeChart chart = ChartFactory.createXYLineChart("ROC curves, " + part.getKey() + " part",
          "false-positive rate (1 - specificity)", "true-positive rate (sensitivity)", data, PlotOrientation.VERTICAL,
          true, false, false);
      XYPlot plot = chart.getXYPlot();
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      plot.getDomainAxis().setRange(0, 1);
      plot.getRangeAxis().setRange(0, 1);
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
      for (int i = 0; i < data.getSeriesCount(); i++) {
        r.setSeriesStroke(i, new BasicStroke(i == 0 ? 2.5f : 1.5f));
        r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      }
      r.setSeriesPaint(data.getSeriesCount() - 1, Color.GRAY);
      r.setSeriesStroke(data.getSeriesCount() - 1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
          10f, new float[] {6f, 6f}, 0f));
      plot.setRenderer(r);
      Path png = dir.resolve("roc_" + part.getKey() + ".png");
      Path temp = AtomicFiles.tempBeside(png);
      try {
        ChartUtils.saveChartAsPNG(temp.toFile(), chart, WIDTH, HEIGHT);
        Files.move(temp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      written.add(png);
    }
    return written;
  }
}
