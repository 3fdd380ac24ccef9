package org.recurrent.models;

import java.util.Random;

/** Kind {@code esn}: {@link EchoStateNetwork}, a fixed random reservoir and a read-out fitted by ridge regression. */
public final class EchoStateKind implements ModelKind<EchoStateSection, EchoStateConfig> {
  public static final String NAME = "esn";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<EchoStateSection> sectionType() {
    return EchoStateSection.class;
  }

  @Override
  public Class<EchoStateConfig> specType() {
    return EchoStateConfig.class;
  }

  /** The user's output choice wins over the task's; sizes come from the data, which must be dense. */
  @Override
  public EchoStateConfig spec(EchoStateSection m, DataSignature data) {
    if (data.input() != InputKind.DENSE || data.sideFeatures() > 0) {
      throw new IllegalArgumentException("model.kind esn reads dense inputs without a side input; these data hold "
          + data.input().configName() + (data.sideFeatures() > 0 ? " with a side input" : "")
          + " (use kind sequence)");
    }
    OutputMode output = m.output() != null ? m.output() : data.perStep() ? OutputMode.PER_STEP : OutputMode.SEQUENCE;
    return new EchoStateConfig(data.features(), m.reservoirSize(), m.sparsity(), m.spectralRadius(), m.inputScaling(),
        m.leakRate(), m.washout(), m.ridge(), output, data.outputSize());
  }

  @Override
  public Model build(EchoStateConfig spec, Random rng) {
    return new EchoStateNetwork(spec, rng);
  }
}
