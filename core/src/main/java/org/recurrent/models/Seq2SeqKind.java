package org.recurrent.models;

import java.util.Random;

/** Kind {@code seq2seq}: {@link Seq2SeqModel}, an encoder-decoder over token pairs (data.format parallel_text). */
public final class Seq2SeqKind implements ModelKind<Seq2SeqSection, Seq2SeqModel.Spec> {
  public static final String NAME = "seq2seq";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Seq2SeqSection> sectionType() {
    return Seq2SeqSection.class;
  }

  @Override
  public Class<Seq2SeqModel.Spec> specType() {
    return Seq2SeqModel.Spec.class;
  }

  @Override
  public Seq2SeqModel.Spec spec(Seq2SeqSection s, DataSignature data) {
    if (data.input() != InputKind.TOKENS || !data.perStep()) {
      throw new IllegalArgumentException("model.kind seq2seq reads source/target token pairs (data.format "
          + "parallel_text, task seq2seq), got " + data.input().configName() + " inputs"
          + (data.perStep() ? "" : " with one output per sequence"));
    }
    return new Seq2SeqModel.Spec(s.cell(), data.vocabularySize(), data.outputSize(), s.embeddingDim(), s.hiddenSize(),
        s.numLayers(), s.bidirectional(), s.attention(), s.attentionSize(), s.scheduledSampling(), s.maxDecodeLength());
  }

  @Override
  public Model build(Seq2SeqModel.Spec spec, Random rng) {
    return new Seq2SeqModel(spec, rng);
  }
}
