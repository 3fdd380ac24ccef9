package org.recurrent.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.recurrent.eval.Forecasting;
import org.recurrent.io.AtomicFiles;

/**
 * A forecast drawn after its history as a PNG: per target, the last rows of the input (solid) and the forecast
 * (dashed, another colour, starting at the last observed value), against steps from the last observed row (negative: history).
 * Shows at most {@link #HISTORY_ROWS} history rows, or 4 horizons if that is more, so the forecast stays readable.
 */
final class ForecastChart {
  static final int WIDTH = 960, HEIGHT = 540, HISTORY_ROWS = 120;
  private static final Color[] PALETTE = {new Color(0x1F5FA8), new Color(0xC0392B), new Color(0x2E8B57),
      new Color(0xD35400), new Color(0x7D3C98), new Color(0x17202A)};

  private ForecastChart() {}

  /** Writes the chart to {@code png} atomically. */
  static void draw(Forecasting.Forecast f, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int n = f.history().length, horizon = f.values().length;
    int shown = Math.min(n, Math.max(HISTORY_ROWS, 4 * horizon));
    XYSeriesCollection data = new XYSeriesCollection();
    for (int k = 0; k < f.targets().size(); k++) {
      XYSeries h = new XYSeries(f.targets().get(k) + " (observed)", false, true);
      for (int r = n - shown; r < n; r++) h.add(r - (n - 1), f.history()[r][k]);
      XYSeries p = new XYSeries(f.targets().get(k) + " (forecast)", false, true);
      p.add(0, f.history()[n - 1][k]);
      for (int j = 0; j < horizon; j++) p.add(j + 1, f.values()[j][k]);
      data.addSeries(h);
      data.addSeries(p);
    }
    String lastTime = f.series().times().get(n - 1);
    String title = "Forecast of " + String.join(", ", f.targets()) + ": " + horizon + " step" + (horizon == 1 ? "" : "s")
        + " after " + lastTime + " (to " + f.times().get(horizon - 1) + ")";
    JFreeChart chart = ChartFactory.createXYLineChart(title, "steps after the last observed row ("
        + (f.timeColumn() == null ? "row" : f.timeColumn()) + " " + lastTime + ")", String.join(", ", f.targets()),
        data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.addDomainMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      Color c = PALETTE[i % PALETTE.length];   // observed and forecast of a target in two colours
      r.setSeriesPaint(i, c);
      r.setSeriesStroke(i, i % 2 == 0 ? new BasicStroke(1.5f)
          : new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
    }
    plot.setRenderer(r);
    ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    Path temp = AtomicFiles.tempBeside(png);
    try {
      ChartUtils.saveChartAsPNG(temp.toFile(), chart, WIDTH, HEIGHT);
      Files.move(temp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
