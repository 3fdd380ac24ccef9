package org.recurrent.models;

import java.util.Random;

/**
 * One model architecture: its config-file section, its stored spec, and how to build it. Registered once in
 * {@link ModelRegistry}; nothing else in the project names a kind.
 *
 * @param <S> the training config's {@code model} section for this kind
 * @param <C> the architecture record stored in {@code config.json}
 */
public interface ModelKind<S extends ModelSection, C extends ModelSpec> {

  /** {@code model.kind}. */
  String name();

  Class<S> sectionType();

  Class<C> specType();

  /** The full architecture from what the user chose and what the data need (input and output sizes). */
  C spec(S section, DataSignature data);

  /** A fresh model; all initial weights drawn from {@code rng}. */
  Model build(C spec, Random rng);

  /** Builds from an untyped spec, checking its type (for code that holds "some kind"). */
  default Model buildFrom(ModelSpec spec, Random rng) {
    if (!specType().isInstance(spec)) {
      throw new IllegalArgumentException("model kind " + name() + " expects a " + specType().getSimpleName()
          + ", got " + spec.getClass().getSimpleName());
    }
    return build(specType().cast(spec), rng);
  }

  /** The spec from an untyped section, checking its type. */
  default C specFrom(ModelSection section, DataSignature data) {
    if (!sectionType().isInstance(section)) {
      throw new IllegalArgumentException("model kind " + name() + " expects a " + sectionType().getSimpleName()
          + " section, got " + section.getClass().getSimpleName());
    }
    return spec(sectionType().cast(section), data);
  }
}
