package org.recurrent.config;

/**
 * {@code data.options} for the {@code deid_notes} format (docs/deid.md): annotated notes from JSON Lines files
 * ({@code data.train}, and {@code data.validation} / {@code data.test} or {@code data.split}), or generated.
 *
 * @param generator        make synthetic notes instead of reading files (then give no data.train)
 * @param codeMinFrequency a token feature (the word, its shape, its affixes) is kept when seen this many times in
 *                         the training notes, else it becomes {@code <unk>} (default 2: words seen once, most
 *                         names, are unknown in training too, so the tagger learns to tag by shape and context)
 */
public record DeidOptions(Generator generator, Integer codeMinFrequency) {
  public DeidOptions {
    if (codeMinFrequency == null) codeMinFrequency = 2;
    if (codeMinFrequency < 1) {
      throw new IllegalArgumentException("data.options.code_min_frequency must be >= 1, got " + codeMinFrequency);
    }
  }

  /**
   * The note generator's settings: training and validation notes come from the training template families, test
   * notes from the held-out families only.
   *
   * @param train      training notes (default 2000)
   * @param validation validation notes (default 300)
   * @param test       held-out-template test notes (default 500)
   * @param seed       the generator's seed (default 1), independent of the run's seed
   * @param typoRate   the probability of a typo in a word of letters (default 0.03)
   */
  public record Generator(Integer train, Integer validation, Integer test, Long seed, Double typoRate) {
    public Generator {
      if (train == null) train = 2000;
      if (validation == null) validation = 300;
      if (test == null) test = 500;
      if (seed == null) seed = 1L;
      if (typoRate == null) typoRate = 0.03;
      check("train", train, 1);
      check("validation", validation, 0);
      check("test", test, 0);
      if (!(typoRate >= 0 && typoRate <= 0.5)) {
        throw new IllegalArgumentException("data.options.generator.typo_rate must be in [0, 0.5], got " + typoRate);
      }
    }

    private static void check(String field, int n, int least) {
      if (n < least || n > 1_000_000) {
        throw new IllegalArgumentException("data.options.generator." + field + " must be in " + least + "..1000000, got " + n);
      }
    }
  }
}
