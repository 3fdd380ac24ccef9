package org.recurrent.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.Test;

class ChartsTest {
  @Test
  void aPositiveQuantitySpanningDecadesGetsALogAxisThatSaysSo() {
    JFreeChart decades = Charts.lines("gradient", "step", "norm", List.of(Charts.Curve.line("g",
        new double[] {1, 2, 3}, new double[] {1, 0.01, 0.0001})));
    assertInstanceOf(LogAxis.class, decades.getXYPlot().getRangeAxis());
    assertEquals("norm (log scale)", decades.getXYPlot().getRangeAxis().getLabel());
    JFreeChart narrow = Charts.lines("loss", "step", "loss", List.of(Charts.Curve.line("l",
        new double[] {1, 2, 3}, new double[] {0.7, 0.6, 0.5})));
    assertInstanceOf(NumberAxis.class, narrow.getXYPlot().getRangeAxis());
    JFreeChart signed = Charts.lines("r2", "epoch", "r2", List.of(Charts.Curve.line("r",
        new double[] {1, 2}, new double[] {-5, 0.5})));
    assertFalse(signed.getXYPlot().getRangeAxis() instanceof LogAxis, "no log axis for values that are not positive");
    assertTrue(Charts.logScale(new double[] {1e-5, 1e-2, Double.NaN}));
    assertFalse(Charts.logScale(new double[] {1, 50}));
  }

  @Test
  void curvesOfOneNameGetDistinctLegendEntriesAndNonFiniteValuesAreGaps() {
    JFreeChart c = Charts.lines("t", "x", "y", List.of(
        Charts.Curve.line("run", new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}),
        Charts.Curve.line("run", new double[] {1, 2}, new double[] {2, 2})));
    var data = c.getXYPlot().getDataset();
    assertEquals(2, data.getSeriesCount());
    assertEquals("run", data.getSeriesKey(0));
    assertEquals("run (2)", data.getSeriesKey(1));
    assertEquals(2, data.getItemCount(0), "the NaN point is left out");
  }

  @Test
  void aHeatmapPutsTheFirstRowAtTheTopWithALegend() {
    JFreeChart h = Charts.heatmap("cm", "predicted", "true", new double[][] {{1, 0}, {0.25, 0.75}},
        List.of("a", "b"), List.of("a", "b"), "share");
    var data = h.getXYPlot().getDataset();
    assertEquals(4, data.getItemCount(0));
    // item 0 is row 0, column 0, drawn at y = R - 1 = 1 (the top)
    assertEquals(1.0, data.getYValue(0, 0));
    assertEquals(1, h.getSubtitleCount(), "the colour legend");
  }
}
