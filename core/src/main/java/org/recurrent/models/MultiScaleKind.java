package org.recurrent.models;

import java.util.Random;

/** Kind {@code multiscale}: {@link MultiScaleModel}, groups of recurrent units with skips of d steps. */
public final class MultiScaleKind implements ModelKind<MultiScaleSection, MultiScaleConfig> {
  public static final String NAME = "multiscale";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<MultiScaleSection> sectionType() {
    return MultiScaleSection.class;
  }

  @Override
  public Class<MultiScaleConfig> specType() {
    return MultiScaleConfig.class;
  }

  /** The user's output choice wins over the task's; sizes come from the data, which must be dense. */
  @Override
  public MultiScaleConfig spec(MultiScaleSection m, DataSignature data) {
    if (data.input() != InputKind.DENSE || data.sideFeatures() > 0) {
      throw new IllegalArgumentException("model.kind multiscale reads dense inputs without a side input; these data "
          + "hold " + data.input().configName() + (data.sideFeatures() > 0 ? " with a side input" : "")
          + " (use kind sequence)");
    }
    OutputMode output = m.output() != null ? m.output() : data.perStep() ? OutputMode.PER_STEP : OutputMode.SEQUENCE;
    return new MultiScaleConfig(data.features(), m.delays(), m.groupSize(), m.nonlinearity(), output,
        data.outputSize());
  }

  @Override
  public Model build(MultiScaleConfig spec, Random rng) {
    return new MultiScaleModel(spec, rng);
  }
}
