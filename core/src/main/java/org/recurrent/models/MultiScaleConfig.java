package org.recurrent.models;

import java.util.List;
import java.util.Locale;

/**
 * The architecture of a {@link MultiScaleModel}, stored as {@code config.json}'s {@code model}; see
 * {@link MultiScaleSection} for the choices.
 *
 * @param inputSize    I, dense values per step
 * @param delays       d_g of each group
 * @param groupSize    H_g of every group
 * @param nonlinearity tanh or relu
 * @param output       one output per sequence (from each sequence's last state) or per step
 * @param outputSize   K
 */
public record MultiScaleConfig(int inputSize, List<Integer> delays, int groupSize, String nonlinearity,
                               OutputMode output, int outputSize) implements ModelSpec {
  /** Delays beyond this reach past any sequence the project's tasks make and only waste a group. */
  public static final int MAX_DELAY = 10_000;

  public MultiScaleConfig {
    if (inputSize < 1) throw new IllegalArgumentException("multiscale: input size I must be >= 1, got " + inputSize);
    if (outputSize < 1) throw new IllegalArgumentException("multiscale: output size K must be >= 1, got " + outputSize);
    if (output == null) throw new IllegalArgumentException("multiscale: the output mode is missing");
    delays = List.copyOf(delays);
    nonlinearity = nonlinearity == null ? "tanh" : nonlinearity.trim().toLowerCase(Locale.ROOT);
    check(delays, groupSize, nonlinearity);
  }

  static void check(List<Integer> delays, int groupSize, String nonlinearity) {
    if (delays.isEmpty()) throw new IllegalArgumentException("model.delays needs at least one delay, e.g. [1, 2, 4, 8]");
    for (Integer d : delays) {
      if (d == null || d < 1 || d > MAX_DELAY) {
        throw new IllegalArgumentException("model.delays: every delay must be in 1.." + MAX_DELAY + ", got " + delays);
      }
    }
    if (groupSize < 1 || (long) groupSize * delays.size() > 65_536) {
      throw new IllegalArgumentException("model.group_size must be >= 1 with groups x group_size <= 65536, got "
          + groupSize + " x " + delays.size());
    }
    String n = nonlinearity.trim().toLowerCase(Locale.ROOT);
    if (!n.equals("tanh") && !n.equals("relu")) {
      throw new IllegalArgumentException("model.nonlinearity must be tanh or relu, got '" + nonlinearity + "'");
    }
  }

  /** H, all groups' units. */
  public int hiddenSize() {
    return groupSize * delays.size();
  }

  public boolean relu() {
    return nonlinearity.equals("relu");
  }

  public boolean perStep() {
    return output == OutputMode.PER_STEP;
  }

  /** W_ih H x I, W_hh H x H, two biases of H, the head K x H + K. */
  @Override
  public double parameterCount() {
    double h = hiddenSize();
    return h * inputSize + h * h + 2 * h + outputSize * (h + 1);
  }
}
