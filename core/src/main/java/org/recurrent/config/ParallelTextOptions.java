package org.recurrent.config;

import java.util.List;
import java.util.Locale;
import org.recurrent.data.text.NumberWords;
import org.recurrent.data.text.Tokenizer;

/**
 * {@code data.options} for the {@code parallel_text} format (sentence pairs for {@code task: seq2seq}; see
 * docs/seq2seq.md).
 *
 * @param sourceLevel  how sources are split: {@code word} (default) or {@code char}
 * @param targetLevel  how targets are split: {@code char} (default) or {@code word}
 * @param lowercase    lower-case both sides before splitting (default false)
 * @param minFrequency tokens seen fewer times in the training part become {@code <unk>} (default 1)
 * @param generator    generated pairs instead of files ({@link Generator}); then data.train is absent
 */
public record ParallelTextOptions(String sourceLevel, String targetLevel, Boolean lowercase, Integer minFrequency,
                                  Generator generator) {
  public ParallelTextOptions {
    sourceLevel = level("source_level", sourceLevel, "word");
    targetLevel = level("target_level", targetLevel, "char");
    if (lowercase == null) lowercase = false;
    if (minFrequency == null) minFrequency = 1;
    if (minFrequency < 1) throw new IllegalArgumentException("data.options.min_frequency must be >= 1, got " + minFrequency);
  }

  private static String level(String field, String value, String fallback) {
    String l = value == null ? fallback : value.trim().toLowerCase(Locale.ROOT);
    if (!l.equals("word") && !l.equals("char")) {
      throw new IllegalArgumentException("unknown data.options." + field + " '" + value + "'; expected word or char");
    }
    return l;
  }

  public Tokenizer sourceTokenizer() {
    return tokenizer(sourceLevel);
  }

  public Tokenizer targetTokenizer() {
    return tokenizer(targetLevel);
  }

  private Tokenizer tokenizer(String level) {
    return new Tokenizer(level.equals("word") ? Tokenizer.Level.WORD : Tokenizer.Level.CHARACTER, lowercase);
  }

  /**
   * {@code data.options.generator}: seeded pairs made in the project.
   *
   * @param task      {@code number_words} ({@link NumberWords}: English number words to digits)
   * @param samples   pairs to generate (default 6000)
   * @param minDigits shortest number (default 1)
   * @param maxDigits longest number, the length knob (default 9, at most 18)
   * @param seed      the generator's seed (default 1), independent of the run's seed
   */
  public record Generator(String task, Integer samples, Integer minDigits, Integer maxDigits, Long seed) {
    public static final List<String> TASKS = List.of(NumberWords.NAME);

    public Generator {
      if (task == null) throw new IllegalArgumentException("data.options.generator.task is missing; expected one of " + TASKS);
      task = task.trim().toLowerCase(Locale.ROOT);
      if (!TASKS.contains(task)) {
        throw new IllegalArgumentException("unknown data.options.generator.task '" + task + "'; expected one of " + TASKS);
      }
      if (samples == null) samples = 6000;
      if (samples < 10 || samples > 10_000_000) {
        throw new IllegalArgumentException("data.options.generator.samples must be in 10..10000000, got " + samples);
      }
      if (minDigits == null) minDigits = 1;
      if (maxDigits == null) maxDigits = Math.max(9, minDigits);
      if (seed == null) seed = 1L;
      new NumberWords(minDigits, maxDigits);                                 // checks the digits
    }

    public NumberWords numberWords() {
      return new NumberWords(minDigits, maxDigits);
    }
  }
}
