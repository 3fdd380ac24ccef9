package org.recurrent.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, all JFreeChart (headless): lines and points with titles, axis labels and legends, on a log
 * scale where the values span more than two decades, and heatmaps with a colour legend.
 */
final class Charts {
  /** Dark, distinct colours that read on white. */
  static final Color[] PALETTE = {new Color(0xC0392B), new Color(0x1F5FA8), new Color(0x2E8B57),
      new Color(0xD35400), new Color(0x7D3C98), new Color(0x17202A), new Color(0x117A65), new Color(0x9A7D0A)};
  /** A ratio of largest to smallest value above which a positive quantity is drawn on a log axis. */
  static final double LOG_SPAN = 100;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** A named curve: x and y values, drawn as a line ({@code points} false) or as points. */
  record Curve(String name, double[] x, double[] y, boolean points, boolean dashed) {
    static Curve line(String name, double[] x, double[] y) {
      return new Curve(name, x, y, false, false);
    }
  }

  /** Lines (or points) of {@code curves}; the y axis is logarithmic when the values are positive and span decades. */
  static JFreeChart lines(String title, String xLabel, String yLabel, List<Curve> curves) {
    XYSeriesCollection data = new XYSeriesCollection();
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Curve c : curves) {
      String name = c.name();
      for (int k = 2; !names.add(name); k++) name = c.name() + " (" + k + ")";   // a legend names each curve once
      XYSeries s = new XYSeries(name, false, true);
      for (int i = 0; i < c.x().length; i++) {
        if (!Double.isFinite(c.y()[i]) || !Double.isFinite(c.x()[i])) continue;   // a gap, not an axis to infinity
        s.add(c.x()[i], c.y()[i]);
        lo = Math.min(lo, c.y()[i]);
        hi = Math.max(hi, c.y()[i]);
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true,
        false, false);
    XYPlot plot = chart.getXYPlot();
    style(chart);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      r.setSeriesLinesVisible(i, !c.points());
      r.setSeriesShapesVisible(i, c.points() || (!c.dashed() && c.x().length <= 30));
      r.setSeriesPaint(i, c.dashed() ? Color.GRAY : PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, c.dashed() ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 6f}, 0f) : new BasicStroke(i == 0 ? 2f : 1.5f));
    }
    plot.setRenderer(r);
    if (lo > 0 && hi / lo > LOG_SPAN) {
      LogAxis log = new LogAxis(yLabel + " (log scale)");
      log.setSmallestValue(lo / 2);
      plot.setRangeAxis(log);
    } else {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }
    ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
    boolean whole = curves.stream().allMatch(c -> java.util.Arrays.stream(c.x()).allMatch(v -> v == Math.rint(v)));
    if (whole) plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());  // epochs, steps
    return chart;
  }

  /** Whether {@link #lines} draws these values on a log axis. */
  static boolean logScale(double[] values) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return lo > 0 && hi / lo > LOG_SPAN;
  }

  /** Fixes both axes to [0, 1] (rates, probabilities). */
  static JFreeChart unitSquare(JFreeChart chart) {
    XYPlot plot = chart.getXYPlot();
    plot.getDomainAxis().setRange(0, 1);
    plot.getRangeAxis().setRange(0, 1.0001);
    return chart;
  }

  /**
   * A heatmap of {@code z} (rows top to bottom, columns left to right) with the row and column names on the axes
   * and a colour legend from white (the smallest value) to dark blue (the largest).
   */
  static JFreeChart heatmap(String title, String xLabel, String yLabel, double[][] z, List<String> columns,
                            List<String> rows, String scaleLabel) {
    return heatmap(title, xLabel, yLabel, z, columns, rows, scaleLabel, null);
  }

  /** As above, with {@code cellText[r][c]} written in each cell (null: none). */
  static JFreeChart heatmap(String title, String xLabel, String yLabel, double[][] z, List<String> columns,
                            List<String> rows, String scaleLabel, String[][] cellText) {
    int R = z.length, C = columns.size();
    double[][] xyz = new double[3][R * C];
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c++) {
        int i = r * C + c;
        xyz[0][i] = c;
        xyz[1][i] = R - 1 - r;                 // the first row at the top, as in a table
        xyz[2][i] = z[r][c];
        if (Double.isFinite(z[r][c])) {
          lo = Math.min(lo, z[r][c]);
          hi = Math.max(hi, z[r][c]);
        }
      }
    }
    if (!(hi > lo)) hi = lo + 1;
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(scaleLabel, xyz);
    LookupPaintScale scale = new LookupPaintScale(lo, hi + (hi - lo) * 1e-9, Color.WHITE);
    int steps = 32;
    for (int k = 0; k < steps; k++) {
      double f = k / (double) (steps - 1);
      scale.add(lo + (hi - lo) * k / steps, new Color((int) (255 - 224 * f), (int) (255 - 160 * f), (int) (255 - 87 * f)));
    }
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    SymbolAxis x = new SymbolAxis(xLabel, shorten(columns).toArray(String[]::new));
    List<String> reversed = new java.util.ArrayList<>(shorten(rows));
    java.util.Collections.reverse(reversed);
    SymbolAxis y = new SymbolAxis(yLabel, reversed.toArray(String[]::new));
    x.setGridBandsVisible(false);
    y.setGridBandsVisible(false);
    if (C > 12) x.setVerticalTickLabels(true);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    if (cellText != null) {
      for (int r = 0; r < R; r++) {
        for (int c = 0; c < C; c++) {
          var text = new org.jfree.chart.annotations.XYTextAnnotation(cellText[r][c], c, R - 1 - r);
          text.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
          double f = (z[r][c] - lo) / (hi - lo);
          text.setPaint(f > 0.6 ? Color.WHITE : Color.BLACK);     // readable on the dark cells too
          plot.addAnnotation(text);
        }
      }
    }
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    NumberAxis legendAxis = new NumberAxis(scaleLabel);
    legendAxis.setRange(lo, hi);
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(4, 4, 40, 4);
    chart.addSubtitle(legend);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Axis labels of at most 16 characters (a long class name would squeeze the plot). */
  private static List<String> shorten(List<String> names) {
    return names.stream().map(n -> n.length() <= 16 ? n : n.substring(0, 15) + "…").toList();
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
  }

  static double[] range(int from, int count) {
    double[] x = new double[count];
    for (int i = 0; i < count; i++) x[i] = from + i;
    return x;
  }
}
