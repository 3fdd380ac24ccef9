package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.recurrent.run.GridTask;
import org.recurrent.run.LongMemoryGrid;

/** The grid plot's axes: ticks at the T the grid ran and at readable error values, labelled as plain numbers. */
class GridChartTest {

  private static LongMemoryGrid.Cell cell(String task, String model, int T, double error) {
    return new LongMemoryGrid.Cell(task, model, T, "c.yaml", "out", error, 0.1667, Double.NaN, 1, 1, 1, "");
  }

  /** The labels of the ticks the axis draws, after the chart has been drawn once at its size. */
  @SuppressWarnings("unchecked")
  private static List<String> drawnLabels(JFreeChart chart, ValueAxis axis, RectangleEdge edge) {
    BufferedImage image = new BufferedImage(GridChart.WIDTH, GridChart.HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    Rectangle2D area = new Rectangle2D.Double(0, 0, GridChart.WIDTH, GridChart.HEIGHT);
    chart.draw(g2, area);
    List<ValueTick> ticks = (List<ValueTick>) axis.refreshTicks(g2, new AxisState(), area, edge);
    g2.dispose();
    return ticks.stream().map(GridChartTest::text).filter(java.util.Objects::nonNull).toList();
  }

  /** What a tick shows: its text, or for JFreeChart's own log ticks ("2^5.6") the characters of its label; null: none. */
  private static String text(ValueTick t) {
    if (!(t instanceof LogTick log)) return t.getText();
    if (log.getAttributedLabel() == null) return null;          // a minor tick
    StringBuilder s = new StringBuilder();
    var it = log.getAttributedLabel().getIterator();
    for (char c = it.first(); c != java.text.CharacterIterator.DONE; c = it.next()) s.append(c);
    return s.toString();
  }

  @Test
  void theTAxisIsTickedAtTheLengthsRunAndTheErrorAxisInPlainDecimals() {
    List<LongMemoryGrid.Entry> entries = LongMemoryGrid.select(List.of("tanh", "gru"));
    List<LongMemoryGrid.Cell> cells = List.of(cell("adding", "tanh", 50, 0.164), cell("adding", "tanh", 400, 0.18),
        cell("adding", "gru", 50, 0.0014), cell("adding", "gru", 100, 0.0032), cell("adding", "gru", 200, 0.17),
        cell("adding", "tanh", 100, 0.167), cell("adding", "tanh", 200, 0.17), cell("adding", "gru", 400, 0.18));
    JFreeChart chart = GridChart.chart(GridTask.ADDING, cells, entries, LongMemoryGrid.LENGTHS);
    var plot = chart.getXYPlot();
    assertEquals(List.of("50", "100", "200", "400"), drawnLabels(chart, plot.getDomainAxis(), RectangleEdge.BOTTOM));
    // the data span 0.0014 .. 0.18, the axis 0.0014 / 1.25 .. 0.18 * 1.25
    assertEquals(List.of("0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2"),
        drawnLabels(chart, plot.getRangeAxis(), RectangleEdge.LEFT));
  }

  @Test
  void pixelLengthsAreTheSquaresRun() {
    List<LongMemoryGrid.Entry> entries = LongMemoryGrid.select(List.of("lstm"));
    List<LongMemoryGrid.Cell> cells = List.of(cell("pixels", "lstm", 49, 0.2), cell("pixels", "lstm", 196, 0.7));
    JFreeChart chart = GridChart.chart(GridTask.PIXELS, cells, entries, List.of(50, 100, 200, 400));
    assertEquals(List.of("49", "100", "196", "400"),
        drawnLabels(chart, chart.getXYPlot().getDomainAxis(), RectangleEdge.BOTTOM));
    // 0.2 / 1.25 .. 0.9 * 1.25 (chance): under a decade, so 1 .. 9 times the powers of ten
    assertEquals(List.of("0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"),
        drawnLabels(chart, chart.getXYPlot().getRangeAxis(), RectangleEdge.LEFT));
  }

  @Test
  void errorTicksThinOutOverManyDecadesAndFillInOverFew() {
    assertEquals(List.of(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1), GridChart.errorTicks(0.001, 0.1));
    assertEquals(List.of(1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1), GridChart.errorTicks(9e-7, 0.2));
    assertEquals(List.of(0.02, 0.03, 0.04, 0.05), GridChart.errorTicks(0.02, 0.055));
    assertThrows(IllegalArgumentException.class, () -> GridChart.errorTicks(0, 1));
  }

  @Test
  void labelsArePlainNumbersAndPowersOfTenBelowATenThousandth() {
    assertEquals("400", GridChart.label(400));
    assertEquals("0.05", GridChart.label(0.05));
    assertEquals("0.0002", GridChart.label(0.0002));
    assertEquals("1e-6", GridChart.label(1e-6));
    assertEquals("5e-5", GridChart.label(5e-5));
    assertEquals("1", GridChart.label(1));
  }
}
