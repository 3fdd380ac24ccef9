package org.recurrent.models;

import java.util.List;

/**
 * The {@code model} section of a training config for kind {@code esn} ({@link EchoStateNetwork}): the reservoir's
 * and the read-out's choices; the input and output sizes come from the data. This record is the one place the
 * defaults live.
 *
 * @param kind            {@code esn}
 * @param reservoirSize   N, the reservoir's units (default 200)
 * @param sparsity        the share of recurrent weights that are zero, in [0, 1) (default 0.9: 10% connected)
 * @param spectralRadius  rho, the recurrent matrix's spectral radius after scaling, > 0 (default 0.9)
 * @param inputScaling    the input weights are drawn from U(-s, s) (default 1)
 * @param leakRate        a in (0, 1]: the share of the new activation in each step (default 1: no leak)
 * @param washout         per-step read-outs: each sequence's first steps left out of the fit (default 0)
 * @param ridge           the ridge penalties to choose from on validation data, each > 0
 *                        (default 1e-8, 1e-6, 1e-4, 1e-2, 1)
 * @param output          sequence or per_step; default from the task
 */
public record EchoStateSection(String kind, Integer reservoirSize, Double sparsity, Double spectralRadius,
                               Double inputScaling, Double leakRate, Integer washout, List<Double> ridge,
                               OutputMode output) implements ModelSection {
  public static final List<Double> DEFAULT_RIDGE = List.of(1e-8, 1e-6, 1e-4, 1e-2, 1.0);

  public EchoStateSection {
    kind = EchoStateKind.NAME;
    if (reservoirSize == null) reservoirSize = 200;
    if (sparsity == null) sparsity = 0.9;
    if (spectralRadius == null) spectralRadius = 0.9;
    if (inputScaling == null) inputScaling = 1.0;
    if (leakRate == null) leakRate = 1.0;
    if (washout == null) washout = 0;
    if (ridge == null) ridge = DEFAULT_RIDGE;
    ridge = List.copyOf(ridge);
    EchoStateConfig.check(reservoirSize, sparsity, spectralRadius, inputScaling, leakRate, washout, ridge);
  }
}
