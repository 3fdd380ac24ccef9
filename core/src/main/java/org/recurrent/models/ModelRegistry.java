package org.recurrent.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model kinds configs and model directories may name. Immutable: {@link #standard()} holds the built-in
 * kinds and {@link #with} returns a registry with one more, so nothing global is ever mutated.
 */
public final class ModelRegistry {
  /** The kind used when a config or config.json names none. */
  public static final String DEFAULT_KIND = "sequence";

  private static final ModelRegistry STANDARD = new ModelRegistry(List.of(new SequenceKind(), new EchoStateKind(),
      new Seq2SeqKind(),
      new MultiScaleKind()));

  private final Map<String, ModelKind<?, ?>> kinds = new LinkedHashMap<>();

  private ModelRegistry(List<ModelKind<?, ?>> list) {
    for (ModelKind<?, ?> k : list) {
      if (kinds.put(k.name(), k) != null) throw new IllegalArgumentException("two model kinds are named '" + k.name() + "'");
    }
  }

  public static ModelRegistry standard() {
    return STANDARD;
  }

  /** This registry plus {@code kind}; its name must be new. */
  public ModelRegistry with(ModelKind<?, ?> kind) {
    List<ModelKind<?, ?>> list = new java.util.ArrayList<>(kinds.values());
    list.add(kind);
    return new ModelRegistry(list);
  }

  /** The kind named (null or blank: {@value #DEFAULT_KIND}); the message lists the known ones. */
  public ModelKind<?, ?> get(String name) {
    String key = name == null || name.isBlank() ? DEFAULT_KIND : name.trim().toLowerCase(Locale.ROOT);
    ModelKind<?, ?> k = kinds.get(key);
    if (k == null) throw new IllegalArgumentException("unknown model.kind '" + name + "'; expected one of " + names());
    return k;
  }

  public List<String> names() {
    return List.copyOf(kinds.keySet());
  }

  /** Every kind's section type with its name, for reading the polymorphic {@code model} section of configs. */
  public Map<String, Class<? extends ModelSection>> sectionTypes() {
    Map<String, Class<? extends ModelSection>> out = new LinkedHashMap<>();
    kinds.forEach((n, k) -> out.put(n, k.sectionType()));
    return out;
  }
}
