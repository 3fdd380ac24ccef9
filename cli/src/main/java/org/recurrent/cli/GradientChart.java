package org.recurrent.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.recurrent.io.AtomicFiles;
import org.recurrent.run.GradientFlow;

/**
 * Gradient norm against distance, log scale, as a PNG: ||dL/dh_t|| (the mean over sequences) for each curve, with
 * the distance from the last step on the x axis. JFreeChart, headless, written atomically.
 */
final class GradientChart {
  static final int WIDTH = 820, HEIGHT = 560;
  private static final Color[] PALETTE = {new Color(0xC0392B), new Color(0x1F5FA8), new Color(0x2E8B57),
      new Color(0xD35400), new Color(0x7D3C98), new Color(0x17202A), new Color(0x8E6C00), new Color(0x00838F)};

  private GradientChart() {}

  /** One named line in colour {@code colour} of the palette, dashed when {@code dashed} (the initial weights). */
  record Line(String name, GradientFlow.Curves curves, String layer, int colour, boolean dashed) {}

  static void draw(String title, List<Line> lines, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    for (Line line : lines) {
      XYSeries s = new XYSeries(line.name(), false, true);
      double[] g = line.curves().norms().get(line.layer());
      int[] k = line.curves().distances();
      for (int i = 0; i < k.length; i++) {
        // a log axis cannot show 0: an underflowed gradient is drawn at the float's smallest normal value
        s.add(k[i], Math.max(g[i], Float.MIN_NORMAL));
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "distance k from the last step (steps)",
        "||dL/dh_(T-1-k)||, mean over sequences", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    LogAxis y = new LogAxis("||dL/dh_(T-1-k)||, mean over sequences (log scale)");
    y.setBase(10);
    y.setSmallestValue(1e-40);
    plot.setRangeAxis(y);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < lines.size(); i++) {
      r.setSeriesPaint(i, PALETTE[lines.get(i).colour() % PALETTE.length]);
      r.setSeriesStroke(i, lines.get(i).dashed()
          ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f)
          : new BasicStroke(2.2f));
    }
    plot.setRenderer(r);
    Files.createDirectories(png.toAbsolutePath().getParent());
    Path temp = AtomicFiles.tempBeside(png);
    try {
      ChartUtils.saveChartAsPNG(temp.toFile(), chart, WIDTH, HEIGHT);
      Files.move(temp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The top layer's name in a curves map (its last entry). */
  static String top(Map<String, double[]> norms) {
    String last = null;
    for (String k : norms.keySet()) last = k;
    return last;
  }
}
