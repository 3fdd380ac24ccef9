package org.recurrent.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.recurrent.io.AtomicFiles;
import org.recurrent.run.GridTask;
import org.recurrent.run.LongMemoryGrid;

/**
 * The plot of one grid task: the error of every model against T, both axes logarithmic, chance dashed. JFreeChart's
 * own log axis puts its ticks at powers of the base, which on a T axis of base 2 reads "2^5.6" for 50; here the T
 * axis is ticked at exactly the lengths the grid ran (50, 100, 200, 400) and the error axis at 1, 2 and 5 times the
 * powers of ten in the data's range, both labelled as plain numbers ("0.002", "0.1"), by {@link ValueTickLogAxis}.
 */
final class GridChart {
  static final int WIDTH = 820, HEIGHT = 560;
  /** Drawn instead of an error of 0, which a log axis cannot show. */
  static final double FLOOR = 1e-6;
  private static final Color[] PALETTE = {new Color(0xC0392B), new Color(0xE67E22), new Color(0x1F5FA8),
      new Color(0x2E8B57), new Color(0x7D3C98), new Color(0x17202A), new Color(0x00838F)};

  private GridChart() {}

  /** Writes the plot of {@code task} to {@code png} (atomically). */
  static void write(GridTask task, List<LongMemoryGrid.Cell> cells, List<LongMemoryGrid.Entry> entries,
                    List<Integer> lengths, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    JFreeChart chart = chart(task, cells, entries, lengths);
    Files.createDirectories(png.toAbsolutePath().getParent());
    Path temp = AtomicFiles.tempBeside(png);
    try {
      ChartUtils.saveChartAsPNG(temp.toFile(), chart, WIDTH, HEIGHT);
      Files.move(temp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The chart: one line per model, the chance level dashed, the axes ticked by {@link #lengthTicks} and {@link #errorTicks}. */
  static JFreeChart chart(GridTask task, List<LongMemoryGrid.Cell> cells, List<LongMemoryGrid.Entry> entries,
                          List<Integer> lengths) {
    XYSeriesCollection data = new XYSeriesCollection();
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (LongMemoryGrid.Entry e : entries) {
      XYSeries s = new XYSeries(e.label(), true, true);
      for (LongMemoryGrid.Cell c : cells) {
        if (c.task().equals(task.configName()) && c.model().equals(e.name())) {
          double y = Math.max(c.error(), FLOOR);
          s.add(c.length(), y);
          lo = Math.min(lo, y);
          hi = Math.max(hi, y);
        }
      }
      data.addSeries(s);
    }
    XYSeries chance = new XYSeries("chance", true, true);
    List<Integer> Ts = lengthTicks(task, lengths);
    for (int T : Ts) {
      double y = task.chance(T);
      chance.add(T, y);
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
    data.addSeries(chance);
    JFreeChart chart = ChartFactory.createXYLineChart(task.title() + ": " + task.metric() + " against T", "T (steps)",
        task.metric() + " (log scale)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    // a margin of a fifth of a factor each side, so no point sits on the frame
    ValueTickLogAxis y = new ValueTickLogAxis(task.metric() + " (log scale)", errorTicks(lo / 1.25, hi * 1.25));
    y.setBase(10);
    y.setSmallestValue(FLOOR);
    y.setAutoRange(false);
    y.setRange(lo / 1.25, hi * 1.25);
    plot.setRangeAxis(y);
    List<Double> xs = Ts.stream().map(Integer::doubleValue).toList();
    ValueTickLogAxis x = new ValueTickLogAxis("T (steps, log scale)", xs);
    x.setBase(2);
    x.setAutoRange(false);
    x.setRange(xs.get(0) / 1.15, xs.get(xs.size() - 1) * 1.15);
    plot.setDomainAxis(x);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < entries.size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    r.setSeriesPaint(entries.size(), Color.GRAY);
    r.setSeriesShapesVisible(entries.size(), false);
    r.setSeriesStroke(entries.size(), new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 5f}, 0f));
    plot.setRenderer(r);
    return chart;
  }

  /** The T axis's ticks: the task's T of each requested length (pixels: the square, 50 -> 49), ascending, once each. */
  static List<Integer> lengthTicks(GridTask task, List<Integer> lengths) {
    return lengths.stream().map(task::length).distinct().sorted().toList();
  }

  /**
   * The error axis's ticks in [lo, hi] (0 < lo < hi): m 10^k for m = 1, 2, 5, or for m = 1 alone when those
   * would be more than 10 (a range of over three decades), or for m = 1 .. 9 when they would be fewer than 4
   * (a range of about a decade or less), so a narrow range still shows a scale and a wide one is not crowded.
   */
  static List<Double> errorTicks(double lo, double hi) {
    if (!(lo > 0) || !(hi > lo)) throw new IllegalArgumentException("need 0 < lo < hi, got " + lo + ", " + hi);
    List<Double> ticks = ticks(lo, hi, new int[] {1, 2, 5});
    if (ticks.size() > 10) ticks = ticks(lo, hi, new int[] {1});
    else if (ticks.size() < 4) ticks = ticks(lo, hi, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    return ticks;
  }

  private static List<Double> ticks(double lo, double hi, int[] mantissas) {
    List<Double> out = new ArrayList<>();
    for (int k = (int) Math.floor(Math.log10(lo)) - 1; k <= (int) Math.ceil(Math.log10(hi)); k++) {
      for (int m : mantissas) {
        // m 10^k from its decimal form, so 0.3 is the double nearest 0.3, not 3 * 0.1
        double v = new BigDecimal(m).scaleByPowerOfTen(k).doubleValue();
        if (v >= lo && v <= hi) out.add(v);
      }
    }
    return out;
  }

  /** A tick's label: the number in plain decimals ("400", "0.05", "0.0002"), in powers of ten below 1e-4 ("1e-6"). */
  static String label(double v) {
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    if (v != 0 && Math.abs(v) < 1e-4) {
      return d.unscaledValue() + "e" + (-d.scale());
    }
    return d.toPlainString();
  }

  /** A log axis ticked at given values and labelled by {@link #label}, whatever its range (the values out of it left out). */
  static final class ValueTickLogAxis extends LogAxis {
    private final List<Double> values;

    ValueTickLogAxis(String label, List<Double> values) {
      super(label);
      this.values = List.copyOf(values);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
      boolean vertical = RectangleEdge.isLeftOrRight(edge);
      List<NumberTick> ticks = new ArrayList<>();
      for (double v : values) {
        if (!getRange().contains(v)) continue;
        TextAnchor anchor = vertical
            ? (edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT)
            : (edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
        ticks.add(new NumberTick(TickType.MAJOR, v, label(v), anchor, TextAnchor.CENTER, 0.0));
      }
      return ticks;
    }
  }
}
