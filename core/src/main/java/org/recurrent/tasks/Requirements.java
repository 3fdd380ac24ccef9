package org.recurrent.tasks;

import java.util.Locale;
import org.recurrent.data.TargetKind;

/** The one message for "these data do not suit this task". */
final class Requirements {
  private Requirements() {}

  static IllegalArgumentException unmet(Task task, String needs, TargetKind kind, String format) {
    String have = format.equals("text_corpus") ? "a text corpus" : kind.name().toLowerCase(Locale.ROOT) + " targets";
    return new IllegalArgumentException("task " + task.name() + " needs " + needs + ", but the data have " + have);
  }
}
