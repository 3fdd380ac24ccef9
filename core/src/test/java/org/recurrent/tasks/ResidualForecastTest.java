package org.recurrent.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.data.timeseries.Scaler;
import org.recurrent.data.timeseries.TimeSeries;
import org.recurrent.data.timeseries.Windowing;
import org.recurrent.eval.Evaluator;
import org.recurrent.models.Cell;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Pooling;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.pipeline.ModelData;
import org.recurrent.tensor.Tensor;

/**
 * Residual forecasting ({@code data.options.residual}, {@code relative_inputs}): the windows' last value input, the
 * task adding it back in loss and readout, the rollout, and that none of it reads a value after the window.
 */
class ResidualForecastTest {
  private static final ForecastTask TASK = new ForecastTask();

  /** Counts spanning orders of magnitude, as the covid series: 40 rows of a wave. */
  private static TimeSeries wave() {
    float[][] rows = new float[40][];
    for (int r = 0; r < rows.length; r++) rows[r] = new float[] {(float) Math.round(5 + 3000 * Math.exp(-Math.pow((r - 20) / 6.0, 2)))};
    return TimeSeries.of(List.of("cases"), rows);
  }

  @Test
  void theLastValueInputIsTheScaledLastInputRowForEveryOutputStep() {
    TimeSeries s = TimeSeries.of(List.of("a", "b"), new float[][] {{1, 10}, {2, 20}, {4, 30}, {7, 40}, {11, 50}});
    Scaler minmax = Scaler.fit(Scaler.Kind.MIN_MAX, s.values(), 0, 5);         // a: (v - 1) / 10, b: (v - 10) / 40
    Windowing w = Windowing.multi(2, 2, "b", "a").withResidual(true);          // targets in the order b, a
    List<ForecastWindow> windows = w.apply(s, minmax);
    SequenceExample first = windows.get(0).example();                          // t = 1: a = 2, b = 20
    float[] a = ((StepInput.Dense) first.input(Windowing.LAST_VALUE)).values();
    assertArrayEquals(new float[] {0.25f, 0.1f, 0.25f, 0.1f}, a, 1e-7f);       // (steps, targets) like y
    assertEquals(first.y().length, a.length);
    // the targets stay the scaled values themselves: nothing is subtracted from y
    assertArrayEquals(new float[] {0.5f, 0.3f, 0.75f, 0.6f}, first.y(), 1e-7f);
    assertNull(Windowing.multi(2, 2, "b").apply(s, minmax).get(0).example().input(Windowing.LAST_VALUE));
  }

  @Test
  void relativeInputsAreEachColumnMinusItsLastRowAndNeedResidual() {
    TimeSeries s = TimeSeries.of(List.of("a", "b"), new float[][] {{1, 10}, {2, 20}, {4, 30}, {7, 40}});
    Scaler none = Scaler.fit(Scaler.Kind.NONE, s.values(), 0, 4);
    Windowing w = Windowing.single(3, 1, "a").withResidual(true).withRelativeInputs(true);
    SequenceExample e = w.apply(s, none).get(0).example();                     // rows 0..2, last row (4, 30)
    assertArrayEquals(new float[] {-3, -20, -2, -10, 0, 0}, e.x());
    assertArrayEquals(new float[] {4}, ((StepInput.Dense) e.input(Windowing.LAST_VALUE)).values());
    var error = assertThrows(IllegalArgumentException.class,
        () -> Windowing.single(3, 1, "a").withRelativeInputs(true));
    assertTrue(error.getMessage().contains("set residual: true as well"), error.getMessage());
  }

  /** The same window at ten times the level gives the same relative inputs under log scaling: the model sees no level. */
  @Test
  void relativeInputsUnderLogScalingHideTheLevel() {
    float[][] low = {{9}, {19}, {39}, {79}}, high = new float[4][];
    for (int r = 0; r < 4; r++) high[r] = new float[] {(low[r][0] + 1) * 10 - 1};    // 1 + v ten times larger
    Scaler log = new Scaler(Scaler.Kind.LOG_MIN_MAX, new double[] {0}, new double[] {1});
    Windowing w = Windowing.single(3, 1, "v").withResidual(true).withRelativeInputs(true);
    float[] x1 = w.apply(TimeSeries.of(List.of("v"), low), log).get(0).example().x();
    float[] x2 = w.apply(TimeSeries.of(List.of("v"), high), log).get(0).example().x();
    assertArrayEquals(x1, x2, 1e-5f);
    assertEquals((float) -Math.log(4), x1[0], 1e-5f);                             // log(10 / 40)
  }

  /**
   * Leakage: changing every value after a window's last row changes neither its inputs nor its last value, for
   * direct and recursive residual windowings with relative inputs, so its forecast cannot change either.
   */
  @Test
  void noResidualInputReadsAValueAfterTheWindow() {
    TimeSeries base = wave();
    float[][] altered = new float[base.rows()][];
    int t = 19;
    for (int r = 0; r < altered.length; r++) altered[r] = new float[] {r <= t ? base.values()[r][0] : 7777 + r};
    Scaler scaler = new Scaler(Scaler.Kind.LOG_MIN_MAX, new double[] {0}, new double[] {9});
    for (Windowing w : List.of(Windowing.multi(7, 5, "cases"), Windowing.recursive(7, 5, "cases"))) {
      Windowing r = w.withResidual(true).withRelativeInputs(true);
      SequenceExample a = window(r.apply(base, scaler), t), b = window(r.apply(TimeSeries.of(List.of("cases"), altered), scaler), t);
      assertArrayEquals(a.x(), b.x());
      assertArrayEquals(((StepInput.Dense) a.input(Windowing.LAST_VALUE)).values(),
          ((StepInput.Dense) b.input(Windowing.LAST_VALUE)).values());
      assertNotEquals(Arrays.toString(a.y()), Arrays.toString(b.y()));       // the targets did change
    }
  }

  /**
   * A model whose outputs are all 0 is the naive forecast, exactly: through the real model, batcher, evaluator and
   * un-scaling, the residual forecaster's per-horizon metrics equal the last-value baseline's. This is the round
   * trip of the residual: what the loss adds to the output is what the forecasts add back.
   */
  @Test
  void aZeroOutputIsTheNaiveForecastThroughTheWholeEvaluationPath() {
    TimeSeries s = wave();
    Scaler scaler = Scaler.fit(Scaler.Kind.NONE, s.values(), 0, 30);
    for (Windowing w : List.of(Windowing.multi(5, 7, "cases").withResidual(true),
        Windowing.multi(5, 7, "cases").withResidual(true).withRelativeInputs(true),
        Windowing.recursive(5, 7, "cases").withResidual(true).withRelativeInputs(true))) {
      List<ForecastWindow> windows = w.apply(s, scaler);
      SequenceModel model = zeroHead(w.outputSize());
      DataPart part = part(windows);
      Evaluator evaluator = new Evaluator(TASK);
      Task.ModelRunner runner = records -> evaluator.outputs(model, part, records, BatchPlan.of(8));
      OutputLabels labels = new OutputLabels(List.of(), List.of(), w.outputSize(),
          ModelData.unscaler(scaler, new int[] {0}), 1);
      Map<String, Double> m = TASK.modelMetrics(part, labels, runner);
      Map<String, Double> naive = TASK.scoreBaselines(TASK.fitBaselines(part, labels), part, labels);
      for (int j : new int[] {1, 7}) {
        assertEquals(naive.get("last_value_mae_h" + j), m.get("mae_h" + j), 0.0, w + " h" + j);
        assertEquals(naive.get("last_value_rmse_h" + j), m.get("rmse_h" + j), 0.0, w + " h" + j);
      }
      assertTrue(naive.get("last_value_mae_h7") > 100, "the series moves, so the test could fail");
    }
  }

  @Test
  void lossAndReadoutAddTheLastValueToTheLogits() {
    TimeSeries s = TimeSeries.of(List.of("v"), new float[][] {{1}, {2}, {4}, {7}});
    Windowing w = Windowing.single(2, 1, "v").withResidual(true);
    List<ForecastWindow> windows = w.apply(s, Scaler.fit(Scaler.Kind.NONE, s.values(), 0, 4));   // t = 1, 2
    var batch = TASK.batches(part(windows), BatchPlan.of(8)).batch(0, 0);
    Tensor logits = Tensor.of(new float[] {0.5f, -1f}, 2, 1);
    assertArrayEquals(new float[] {2.5f, 3f}, TASK.readout(logits, batch).data());        // a = 2, 4
    // y = 4, 7: squared errors (2.5 - 4)^2 = 2.25 and (3 - 7)^2 = 16, mean 9.125
    assertEquals(9.125f, TASK.loss(logits, batch, null).item(), 1e-6f);
    // without the last value input nothing is added
    var plain = TASK.batches(part(Windowing.single(2, 1, "v").apply(s, Scaler.fit(Scaler.Kind.NONE, s.values(), 0, 4))),
        BatchPlan.of(8)).batch(0, 0);
    assertArrayEquals(new float[] {0.5f, -1f}, TASK.readout(logits, plain).data());
  }

  /** Rolled with relative inputs, each pass reads the window re-expressed relative to the previous forecast. */
  @Test
  void aRecursiveResidualRollReExpressesItsWindowRelativeToEachForecast() {
    TimeSeries s = TimeSeries.of(List.of("v"), new float[][] {{0}, {2}, {100}, {100}, {100}});
    Windowing w = Windowing.recursive(2, 3, "v").withResidual(true).withRelativeInputs(true);
    SequenceExample first = w.apply(s, Scaler.fit(Scaler.Kind.NONE, s.values(), 0, 5)).get(0).example();
    List<float[]> seen = new ArrayList<>();
    // the "model" outputs the forecast minus last value = 1 + mean of its relative inputs; the readout (not called
    // here: a ModelRunner returns forecasts) is played by adding the last value itself
    Task.ModelRunner meanPlusOne = records -> records.stream().map(e -> {
      seen.add(e.x().clone());
      float a = ((StepInput.Dense) e.input(Windowing.LAST_VALUE)).values()[0];
      return new float[] {a + 1 + (e.x()[0] + e.x()[1]) / 2};
    }).toArray(float[][]::new);
    float[][] f = ForecastRollout.forecast(List.of(first), w, 3, meanPlusOne);
    // pass 1: rows (0, 2) -> x (-2, 0), a 2: f1 = 2 + 1 - 1 = 2; pass 2: rows (2, 2) -> (0, 0): f2 = 3;
    // pass 3: rows (2, 3) -> (-1, 0): f3 = 3 + 1 - 0.5 = 3.5: the same as the absolute mean-plus-one rollout
    assertArrayEquals(new float[] {2, 3, 3.5f}, f[0], 1e-6f);
    assertArrayEquals(new float[] {-2, 0}, seen.get(0));
    assertArrayEquals(new float[] {0, 0}, seen.get(1));
    assertArrayEquals(new float[] {-1, 0}, seen.get(2));
  }

  private static SequenceExample window(List<ForecastWindow> windows, int t) {
    return windows.stream().filter(x -> x.lastInputRow() == t).findFirst().orElseThrow().example();
  }

  private static DataPart part(List<ForecastWindow> windows) {
    List<SequenceExample> records = windows.stream().map(ForecastWindow::example).toList();
    return new DataPart("test", records, null, windows, false, false, records.get(0).y().length);
  }

  /** A GRU whose head is all zeros: every output is 0 whatever the inputs. */
  private static SequenceModel zeroHead(int outputs) {
    SequenceModel model = new SequenceModel(new SequenceModelConfig(Cell.GRU, 1, 0, 0, -1, 4, 1, false, 0f,
        OutputMode.SEQUENCE, Pooling.LAST, outputs), new Random(3));
    for (var p : model.namedParameters().entrySet()) {
      if (p.getKey().startsWith("head.")) Arrays.fill(p.getValue().data(), 0f);
    }
    return model;
  }
}
