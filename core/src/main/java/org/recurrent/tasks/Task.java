package org.recurrent.tasks;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a model is trained to do; it fixes the loss, the metrics and how outputs are read.
 * <ul>
 *   <li>{@code classification}: one class per sequence (many-to-one), cross-entropy over K classes;</li>
 *   <li>{@code multilabel}: any subset of K labels per sequence, binary cross-entropy with logits;</li>
 *   <li>{@code regression}: K real values per sequence or per step (forecasting), mean squared error;</li>
 *   <li>{@code tagging}: one class per time step (many-to-many synced), cross-entropy over real steps;</li>
 *   <li>{@code language_model}: the next token at every step over a long text, cross-entropy, truncated BPTT.</li>
 * </ul>
 */
public enum Task {
  CLASSIFICATION, MULTILABEL, REGRESSION, TAGGING, LANGUAGE_MODEL;

  /** The config spelling, {@code language_model}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Task parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("task is missing; expected one of " + names());
    }
    for (Task t : values()) {
      if (t.configName().equals(text.trim().toLowerCase(Locale.ROOT))) return t;
    }
    throw new IllegalArgumentException("unknown task '" + text + "'; expected one of " + names());
  }

  static String names() {
    return Arrays.toString(Arrays.stream(values()).map(Task::configName).toArray());
  }

  /** Whether the loss reads class indices (as opposed to real-valued or multi-hot targets). */
  public boolean categorical() {
    return this == CLASSIFICATION || this == TAGGING || this == LANGUAGE_MODEL;
  }
}
