package org.recurrent.models;

import java.util.List;

/**
 * The {@code model} section of a training config for kind {@code multiscale} ({@link MultiScaleModel}): groups of
 * units whose recurrent connections skip d steps. Input and output sizes come from the data. This record is the
 * one place the defaults live.
 *
 * @param kind          {@code multiscale}
 * @param delays        d_g of each group, each >= 1 (default 1, 2, 4, 8)
 * @param groupSize     H_g, the units of every group (default 16; H = groups x group_size)
 * @param nonlinearity  {@code tanh} (default) or {@code relu}
 * @param output        sequence or per_step; default from the task
 */
public record MultiScaleSection(String kind, List<Integer> delays, Integer groupSize, String nonlinearity,
                                OutputMode output) implements ModelSection {
  public static final List<Integer> DEFAULT_DELAYS = List.of(1, 2, 4, 8);

  public MultiScaleSection {
    kind = MultiScaleKind.NAME;
    if (delays == null) delays = DEFAULT_DELAYS;
    delays = List.copyOf(delays);
    if (groupSize == null) groupSize = 16;
    if (nonlinearity == null) nonlinearity = "tanh";
    MultiScaleConfig.check(delays, groupSize, nonlinearity);
  }
}
