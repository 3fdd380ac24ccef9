package org.recurrent.config;

import java.util.Locale;
import org.recurrent.data.text.TextClassificationOptions;
import org.recurrent.data.text.Tokenizer;
import org.recurrent.data.text.VocabularyOptions;

/**
 * {@code data.options} for the {@code text} and {@code text_corpus} formats.
 *
 * @param labelPosition text: {@code first} (SST-2: {@code 1 a fine film}) or {@code last} (default;
 *                      {@code A fine film.<TAB>1})
 * @param separator     text: regular expression between label and text (default whitespace for first, tab for last)
 * @param level         {@code word} (default for text) or {@code char} (default for text_corpus)
 * @param lowercase     default true for words, false for characters
 * @param maxLength     text: keep the first tokens only; 0 = all (default)
 * @param minFrequency  vocabulary: tokens seen fewer times in the training part become unknown (default 1)
 * @param maxVocab      vocabulary size limit including specials (default unlimited)
 */
public record TextOptions(String labelPosition, String separator, String level, Boolean lowercase, Integer maxLength,
                          Integer minFrequency, Integer maxVocab) {

  public Tokenizer tokenizer(boolean corpus) {
    Tokenizer.Level lv = level(corpus);
    return new Tokenizer(lv, lowercase != null ? lowercase : lv == Tokenizer.Level.WORD);
  }

  private Tokenizer.Level level(boolean corpus) {
    String l = level == null ? (corpus ? "char" : "word") : level.trim().toLowerCase(Locale.ROOT);
    return switch (l) {
      case "char", "character", "characters" -> Tokenizer.Level.CHARACTER;
      case "word", "words" -> Tokenizer.Level.WORD;
      default -> throw new IllegalArgumentException("unknown data.options.level '" + level + "'; expected char or word");
    };
  }

  public TextClassificationOptions classification() {
    String pos = labelPosition == null ? "last" : labelPosition.trim().toLowerCase(Locale.ROOT);
    TextClassificationOptions.LabelPosition p = switch (pos) {
      case "first" -> TextClassificationOptions.LabelPosition.FIRST;
      case "last" -> TextClassificationOptions.LabelPosition.LAST;
      default -> throw new IllegalArgumentException("unknown data.options.label_position '" + labelPosition
          + "'; expected first or last");
    };
    Tokenizer t = tokenizer(false);
    return new TextClassificationOptions(p, separator, t.level(), t.lowercase(), maxLength == null ? 0 : maxLength);
  }

  /** Classification pads batches (id 0); a corpus is never padded. Both map unseen tokens to unk. */
  public VocabularyOptions vocabulary(boolean corpus) {
    VocabularyOptions o = VocabularyOptions.defaults().withSpecials(!corpus, true);
    if (minFrequency != null) o = o.withMinFrequency(minFrequency);
    if (maxVocab != null) o = o.withMaxSize(maxVocab);
    return o;
  }
}
