package org.recurrent.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code recurrent diagnose} finds in one model directory, written as {@code DIR/diagnose/gradient_flow.json}
 * (format in docs/model-format.md).
 *
 * @param model        the model directory's name
 * @param kind         {@code model.kind}
 * @param cell         the recurrent cell
 * @param steps        T of the batch measured
 * @param sequences    B of the batch measured (the first records of the test part, else validation)
 * @param initSource   how the initial weights were obtained
 * @param atInit       dL/dh_t per layer at initialisation
 * @param atEnd        the same for the trained weights
 * @param matrices     the recurrent weight matrices, per gate block
 * @param saturation   per layer and gate, the share of gate values within 0.05 of 0 or 1 (trained weights; LSTM
 *                     i, f, o and GRU r, z); empty for cells without gates
 * @param clipping     the events file's gradient norms
 * @param reading      one paragraph in plain words
 */
public record Diagnosis(String model, String kind, String cell, int steps, int sequences, String initSource,
                        GradientFlow.Curves atInit, GradientFlow.Curves atEnd, List<Matrix> matrices,
                        Map<String, Double> saturation, Clipping clipping, String reading) {

  /**
   * One recurrent weight block (H, H).
   *
   * @param name           state-dict key, with the gate ({@code rnn.weight_hh_l0 [f]})
   * @param singularValues the largest singular values, descending (at most 5)
   * @param spectralRadius the largest |eigenvalue|
   */
  public record Matrix(String name, double[] singularValues, double spectralRadius) {}

  /**
   * The {@code batch} events of {@code events.jsonl}.
   *
   * @param batches   batch events read
   * @param clipped   how many had their gradients clipped
   * @param gradNorm  the gradient norm before clipping: min, 10th, 50th, 90th percentile, max
   */
  public record Clipping(int batches, int clipped, double[] gradNorm) {}

  /**
   * The distance at which the last curve's g(k) / g(1) (the top layer, its reverse direction when bidirectional,
   * the slowest delay group, the reservoir) first falls below {@code 1e-3}, or -1 when it never does.
   */
  public static int reach(GradientFlow.Curves c) {
    double[] g = top(c);
    for (int i = 0; i < g.length; i++) if (!(g[i] >= 1e-3 * g[0])) return c.distances()[i];
    return -1;
  }

  static double[] top(GradientFlow.Curves c) {
    List<double[]> all = List.copyOf(c.norms().values());
    return all.get(all.size() - 1);
  }

  static String topName(GradientFlow.Curves c) {
    List<String> all = List.copyOf(c.norms().keySet());
    return all.get(all.size() - 1);
  }

  /** The plain-language paragraph for the trained weights, with the initial ones for comparison. */
  static String read(GradientFlow.Curves init, GradientFlow.Curves end, Clipping clipping, boolean reservoir) {
    StringBuilder s = new StringBuilder();
    double[] g = top(end);
    int T = end.distances()[end.distances().length - 1];
    double ratio = g[g.length - 1] / g[0];
    s.append(String.format(Locale.ROOT, "%s, the gradient reaching the state %d steps before the last is "
        + "%.2g of the one reaching the state 1 step before it (%s)", reservoir ? "Through the fixed reservoir"
        : "After training", T, ratio, topName(end)));
    int reach = reach(end);
    if (reach > 0 && reservoir) {
      s.append(String.format(Locale.ROOT, "; it falls below 1e-3 of it at %d steps: the fitted read-out depends on "
          + "the reservoir's state of at most about %d steps back (no training used this gradient; the reservoir is "
          + "fixed and the read-out fitted in closed form)", reach, reach));
    } else if (reach > 0) {
      s.append(String.format(Locale.ROOT, "; it falls below 1e-3 of it at %d steps: this model cannot learn "
          + "dependencies longer than about %d steps by gradient descent", reach, reach));
    } else {
      s.append(": the signal reaches every step of these sequences");
    }
    if (init != null) {
      double r0 = top(init)[top(init).length - 1] / top(init)[0];
      int reach0 = reach(init);
      s.append(String.format(Locale.ROOT, ". At initialisation the ratio was %.2g%s", r0,
          reach0 > 0 ? " (below 1e-3 from " + reach0 + " steps)" : " (never below 1e-3)"));
    }
    if (clipping != null && clipping.batches() > 0) {
      s.append(String.format(Locale.ROOT, ". Clipping changed the gradient in %d of %d training batches "
          + "(median gradient norm %.3g, largest %.3g)", clipping.clipped(), clipping.batches(), clipping.gradNorm()[2],
          clipping.gradNorm()[4]));
    }
    return s.append('.').toString();
  }
}
