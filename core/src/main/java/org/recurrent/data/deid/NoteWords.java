package org.recurrent.data.deid;

import java.util.List;
import org.recurrent.data.BatchInput;
import org.recurrent.data.StepInput;

/**
 * A note's own tokens and whitespace carried beside its features (input {@value #NAME}): the model never reads
 * them; the deid task's regular-expression baseline and {@code predict --redact} do. In a batch they are only
 * counted (the lengths), so they cost nothing there.
 */
public record NoteWords(Note note) implements StepInput.Extension {
  public static final String NAME = "words";

  @Override
  public int length() {
    return note.tokens().size();
  }

  @Override
  public BatchInput.Extension pad(List<StepInput> members) {
    int B = members.size(), T = 0;
    int[] lengths = new int[B];
    for (int b = 0; b < B; b++) T = Math.max(T, lengths[b] = members.get(b).length());
    return new Batch(T, lengths);
  }

  /** The batch form: the lengths alone. */
  public record Batch(int steps, int[] lengths) implements BatchInput.Extension {
    @Override
    public BatchInput slice(int from, int count) {
      return new Batch(count, BatchInput.clamp(lengths, from, count));
    }
  }
}
