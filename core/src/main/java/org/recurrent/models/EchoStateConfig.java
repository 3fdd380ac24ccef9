package org.recurrent.models;

import java.util.List;

/**
 * The architecture of an {@link EchoStateNetwork}, stored as {@code config.json}'s {@code model}; see
 * {@link EchoStateSection} for the meaning of the choices.
 *
 * @param inputSize      I, dense values per step
 * @param reservoirSize  N
 * @param sparsity       the share of zero recurrent weights
 * @param spectralRadius rho of the recurrent weights
 * @param inputScaling   s of the input weights U(-s, s)
 * @param leakRate       a
 * @param washout        per-step read-outs: steps left out of the fit at the start of each sequence
 * @param ridge          the ridge penalties chosen from on validation data
 * @param output         one output per sequence (the final state's) or per step
 * @param outputSize     K
 */
public record EchoStateConfig(int inputSize, int reservoirSize, double sparsity, double spectralRadius,
                              double inputScaling, double leakRate, int washout, List<Double> ridge, OutputMode output,
                              int outputSize) implements ModelSpec {
  /** The largest reservoir: its N x N recurrent matrix is held dense, and the fit solves N x N systems. */
  public static final int MAX_RESERVOIR = 4096;

  public EchoStateConfig {
    if (inputSize < 1) throw new IllegalArgumentException("esn: input size I must be >= 1, got " + inputSize);
    if (outputSize < 1) throw new IllegalArgumentException("esn: output size K must be >= 1, got " + outputSize);
    if (output == null) throw new IllegalArgumentException("esn: the output mode is missing");
    ridge = List.copyOf(ridge);
    check(reservoirSize, sparsity, spectralRadius, inputScaling, leakRate, washout, ridge);
  }

  static void check(int reservoirSize, double sparsity, double spectralRadius, double inputScaling, double leakRate,
                    int washout, List<Double> ridge) {
    if (reservoirSize < 1 || reservoirSize > MAX_RESERVOIR) {
      throw new IllegalArgumentException("model.reservoir_size must be in 1.." + MAX_RESERVOIR + ", got " + reservoirSize);
    }
    if (!(sparsity >= 0 && sparsity < 1)) {
      throw new IllegalArgumentException("model.sparsity (the share of zero recurrent weights) must be in [0, 1), got "
          + sparsity);
    }
    if (!(spectralRadius > 0 && spectralRadius < 100)) {
      throw new IllegalArgumentException("model.spectral_radius must be in (0, 100), got " + spectralRadius);
    }
    if (!(inputScaling > 0 && Double.isFinite(inputScaling))) {
      throw new IllegalArgumentException("model.input_scaling must be > 0, got " + inputScaling);
    }
    if (!(leakRate > 0 && leakRate <= 1)) {
      throw new IllegalArgumentException("model.leak_rate must be in (0, 1], got " + leakRate);
    }
    if (washout < 0) throw new IllegalArgumentException("model.washout must be >= 0, got " + washout);
    if (ridge.isEmpty()) throw new IllegalArgumentException("model.ridge needs at least one penalty, e.g. [1e-6]");
    for (Double r : ridge) {
      if (r == null || !(r > 0 && Double.isFinite(r))) {
        throw new IllegalArgumentException("model.ridge: every penalty must be > 0 (the normal equations of a "
            + "reservoir are often singular without one), got " + ridge);
      }
    }
  }

  public boolean perStep() {
    return output == OutputMode.PER_STEP;
  }

  /** The reservoir (N x I + N x N, buffers) and the read-out (K x N + K). */
  @Override
  public double parameterCount() {
    double n = reservoirSize;
    return n * inputSize + n * n + outputSize * (n + 1);
  }
}
