package org.recurrent.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.ParallelTextOptions;
import org.recurrent.data.text.Tokenizer;

/**
 * A seq2seq model's {@code data.options} from its config.json, bound strictly like every other reader's options: a
 * field this build does not know (as a newer build's model may carry) is refused by name, not ignored.
 */
public final class ParallelTextModelOptions {
  private ParallelTextModelOptions() {}

  /** How the model's targets were split into tokens: {@code target_level}, {@code char} by default. */
  public static Tokenizer.Level targetLevel(JsonNode options, String where) {
    ParallelTextOptions parsed = ConfigFiles.options(options == null || options.isMissingNode() ? null : options,
        ParallelTextOptions.class, where);
    return parsed.targetLevel().equals("word") ? Tokenizer.Level.WORD : Tokenizer.Level.CHARACTER;
  }
}
