package org.recurrent.models;

import java.util.Random;

/** Kind {@code sequence}: {@link SequenceModel}, an optional embedding, a recurrent stack, pooling and a head. */
public final class SequenceKind implements ModelKind<SequenceModelSection, SequenceModelConfig> {
  public static final String NAME = "sequence";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<SequenceModelSection> sectionType() {
    return SequenceModelSection.class;
  }

  @Override
  public Class<SequenceModelConfig> specType() {
    return SequenceModelConfig.class;
  }

  /** The user's output choice wins over the data's; sizes come from the data. */
  @Override
  public SequenceModelConfig spec(SequenceModelSection m, DataSignature data) {
    OutputMode output = m.output() != null ? m.output() : data.perStep() ? OutputMode.PER_STEP : OutputMode.SEQUENCE;
    boolean embedded = data.input().embedded();
    return new SequenceModelConfig(m.cell(), data.features(), embedded ? data.vocabularySize() : 0,
        embedded ? m.embeddingDim() : 0, data.paddingId(), m.hiddenSize(), m.numLayers(), m.bidirectional(),
        m.dropout().floatValue(), output, m.pooling(), data.outputSize(), data.input(), m.bagMode(),
        data.sideFeatures());
  }

  @Override
  public Model build(SequenceModelConfig spec, Random rng) {
    return new SequenceModel(spec, rng);
  }
}
