package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.timeseries.Windowing;

/**
 * A forecaster's scaled forecasts of steps 1..H from windows of scaled inputs (L, C), for scoring and for
 * {@code recurrent forecast}. With T targets, row i of the result is (H, T) step-major:
 * {@code f[i][(j - 1) * T + k]} is target k, j steps after window i's last input row.
 *
 * <ul>
 *   <li>Direct: one pass; output step s (of {@link Windowing#outputSteps}) fills row j = s. A single-step model
 *       (mode single) fills only j = h; the other steps are NaN.</li>
 *   <li>Recursive: H passes. Pass j reads the window shifted by j - 1 rows whose last j - 1 rows are the model's
 *       own forecasts of passes 1..j-1 (scaled, as it outputs them), never an observed value after the window:
 * <pre>{@code
 * x_1 = x;   f_j = model(x_j);   x_{j+1} = (x_j rows 2..L, f_j)       (inputs are the T targets, in order)
 * }</pre>
 *       (a residual model's {@code f_j} is its last input row plus its output, and pass j + 1's last value is
 *       {@code f_j}; with relative inputs the rows are re-expressed relative to {@code f_j}),
 *       so the forecast of window i depends only on rows up to its last input row.</li>
 * </ul>
 */
public final class ForecastRollout {
  private ForecastRollout() {}

  /**
   * @param windows the windows' scaled inputs (their targets are not read)
   * @param steps   H >= 1; for a direct model at most its horizon
   * @throws IllegalArgumentException if a direct model is asked beyond its horizon
   */
  public static float[][] forecast(List<SequenceExample> windows, Windowing w, int steps, Task.ModelRunner model) {
    if (steps < 1) throw new IllegalArgumentException("the horizon must be >= 1, got " + steps);
    int T = w.targetColumns().size();
    float[][] out = new float[windows.size()][steps * T];
    for (float[] row : out) Arrays.fill(row, Float.NaN);
    if (windows.isEmpty()) return out;
    if (w.strategy() == Windowing.Strategy.DIRECT) {
      if (steps > w.horizon()) {
        throw new IllegalArgumentException("this model forecasts directly " + w.horizon() + " step"
            + (w.horizon() == 1 ? "" : "s") + " ahead (data.options.horizon) and cannot roll further; ask for at most "
            + w.horizon() + " steps, or train with a longer horizon or strategy: recursive");
      }
      float[][] o = model.outputs(windows);
      int[] outputSteps = w.outputSteps();
      for (int i = 0; i < out.length; i++) {
        for (int s = 0; s < outputSteps.length; s++) {
          if (outputSteps[s] > steps) continue;
          System.arraycopy(o[i], s * T, out[i], (outputSteps[s] - 1) * T, T);
        }
      }
      return out;
    }
    List<SequenceExample> current = new ArrayList<>(windows);
    for (int j = 0; j < steps; j++) {
      float[][] o = model.outputs(current);
      List<SequenceExample> next = new ArrayList<>(current.size());
      for (int i = 0; i < out.length; i++) {
        System.arraycopy(o[i], 0, out[i], j * T, T);
        SequenceExample e = current.get(i);
        if (e.features() != T) {
          throw new IllegalArgumentException("a recursive model reads its " + T + " targets as inputs, but record "
              + e.id() + " has " + e.features() + " inputs per step");
        }
        int L = e.length();
        float[] x = new float[L * T];
        System.arraycopy(e.x(), T, x, 0, (L - 1) * T);  // drop the oldest row
        System.arraycopy(o[i], 0, x, (L - 1) * T, T);   // the forecast becomes the newest
        if (w.relativeInputs()) {                       // rows were x - a; now they are relative to the forecast f
          float[] a = ((StepInput.Dense) e.input(Windowing.LAST_VALUE)).values();
          for (int s = 0; s < L; s++) {
            for (int k = 0; k < T; k++) x[s * T + k] = (s < L - 1 ? x[s * T + k] + a[k] : x[s * T + k]) - o[i][k];
          }
        }
        SequenceExample shifted = new SequenceExample(e.id(), L, T, x, e.y(), e.source());
        // a residual model's last value is now its own forecast, the newest input row
        next.add(w.residual() ? w.withLastValue(shifted, Arrays.copyOf(o[i], T)) : shifted);
      }
      current = next;
    }
    return out;
  }
}
