package org.recurrent.models;

import java.util.Random;
import org.recurrent.io.MemoryBudget;

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

  /**
   * Builds from an untyped spec, checking its type (for code that holds "some kind") and, before allocating, that
   * its parameters fit in the heap ({@link ModelSpec#parameterCount}).
   */
  default Model buildFrom(ModelSpec spec, Random rng) {
    if (!specType().isInstance(spec)) {
      throw new IllegalArgumentException("model kind " + name() + " expects a " + specType().getSimpleName()
          + ", got " + spec.getClass().getSimpleName());
    }
    MemoryBudget.requireFloats(LOADING_COPIES * spec.parameterCount(), "the model needs {size} for its "
        + String.format(java.util.Locale.ROOT, "%.3g", spec.parameterCount()) + " parameters (held twice while "
        + "model.safetensors is read)", LOWER);
    return build(specType().cast(spec), rng);
  }

  /** What to lower when a model does not fit, for the messages. */
  String LOWER = "hidden_size, num_layers or embedding_dim";

  /**
   * The floats training holds per parameter: the value, its gradient and up to two optimizer moments (Adam's m and
   * v; RMSprop centered with momentum holds three, rare enough to be left to the heap's margin).
   */
  int TRAINING_COPIES = 4;

  /** The floats loading holds per parameter: the model's, and the tensor read from the weights file. */
  int LOADING_COPIES = 2;

  /**
   * The spec from an untyped section, checking its type and that training it fits in the heap: parameters,
   * gradients and optimizer state ({@link #TRAINING_COPIES} floats per parameter).
   */
  default C specFrom(ModelSection section, DataSignature data) {
    if (!sectionType().isInstance(section)) {
      throw new IllegalArgumentException("model kind " + name() + " expects a " + sectionType().getSimpleName()
          + " section, got " + section.getClass().getSimpleName());
    }
    C spec = spec(sectionType().cast(section), data);
    MemoryBudget.requireFloats(TRAINING_COPIES * spec.parameterCount(), "the model needs {size} of "
        + "parameters+gradients+optimizer state (" + String.format(java.util.Locale.ROOT, "%.3g", spec.parameterCount())
        + " parameters)", LOWER);
    return spec;
  }
}
