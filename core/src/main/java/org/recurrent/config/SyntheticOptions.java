package org.recurrent.config;

import java.util.Locale;
import org.recurrent.data.synthetic.AddingProblem;
import org.recurrent.data.synthetic.CopyTask;
import org.recurrent.data.synthetic.LongMemoryTask;
import org.recurrent.data.synthetic.PixelDigits;

/**
 * {@code data.options} for the {@code synthetic} format: a generated long-memory task instead of files (see
 * docs/vanishing-gradients.md). The parts are cut from the generated records by {@code data.split} as from a file.
 *
 * @param task     {@code adding} (regression), {@code copy} (tagging) or {@code pixels} (classification)
 * @param length   T: adding, the sequence length (default 100); copy, the delay between a symbol and its recall
 *                 (the sequence has T + 2K steps); pixels, the number of pixels, a square (default 256 = 16 x 16)
 * @param samples  records to generate (default 5000)
 * @param seed     the generator's seed (default 1), independent of the run's seed
 * @param symbols  copy: K, the symbols to reproduce (default 10)
 * @param alphabet copy: A, the symbols to draw from (default 8)
 * @param noise    pixels: the pixel noise's standard deviation (default 0.1)
 */
public record SyntheticOptions(String task, Integer length, Integer samples, Long seed, Integer symbols,
                               Integer alphabet, Double noise) {
  public static final java.util.List<String> TASKS = java.util.List.of(AddingProblem.NAME, CopyTask.NAME,
      PixelDigits.NAME);

  public SyntheticOptions {
    if (task == null) throw new IllegalArgumentException("data.options.task is missing; expected one of " + TASKS);
    task = task.trim().toLowerCase(Locale.ROOT);
    if (!TASKS.contains(task)) {
      throw new IllegalArgumentException("unknown data.options.task '" + task + "'; expected one of " + TASKS);
    }
    if (length == null) length = task.equals(PixelDigits.NAME) ? 256 : 100;
    if (samples == null) samples = 5000;
    if (samples < 10 || samples > 10_000_000) {
      throw new IllegalArgumentException("data.options.samples must be in 10..10000000, got " + samples);
    }
    if (seed == null) seed = 1L;
    if (symbols == null) symbols = 10;
    if (alphabet == null) alphabet = 8;
    if (noise == null) noise = 0.1;
    if (!task.equals(CopyTask.NAME) && (symbols != 10 || alphabet != 8)) {
      throw new IllegalArgumentException("data.options.symbols and alphabet apply to task copy, not " + task);
    }
    if (!task.equals(PixelDigits.NAME) && noise != 0.1) {
      throw new IllegalArgumentException("data.options.noise applies to task pixels, not " + task);
    }
    generator(task, length, symbols, alphabet, noise);                        // checks length and the rest
  }

  /** The task these options describe. */
  public LongMemoryTask generator() {
    return generator(task, length, symbols, alphabet, noise);
  }

  private static LongMemoryTask generator(String task, int length, int symbols, int alphabet, double noise) {
    return switch (task) {
      case AddingProblem.NAME -> new AddingProblem(length);
      case CopyTask.NAME -> new CopyTask(length, symbols, alphabet);
      case PixelDigits.NAME -> PixelDigits.ofLength(length, noise);
      default -> throw new IllegalStateException(task);
    };
  }
}
