package org.recurrent.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.recurrent.data.SequenceDataset;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

/**
 * A generated long-memory task: records of dense inputs whose target depends on steps far back. The built-in
 * tasks are {@link AddingProblem}, {@link CopyTask} and {@link PixelDigits}.
 *
 * <p>Record {@code i} of seed {@code s} is drawn from its own generator, {@code new Random(mix(s, i))}, so it is
 * the same whatever the number of records asked for: 5000 records are the first 5000 of 6000.
 */
public sealed interface LongMemoryTask permits AddingProblem, CopyTask, PixelDigits {

  /** The task's config name, {@code data.options.task}. */
  String name();

  /** T, the steps of every record. */
  int steps();

  /** F, the values per step. */
  int features();

  /** The F input channels' names. */
  List<String> featureNames();

  /** What the records' {@code y} holds. */
  TargetKind targetKind();

  /** The class labels in index order; empty for regression. */
  List<String> classes();

  /** K of {@link SequenceDataset#targetWidth()}: the values per target, 1 for a class index. */
  int targetWidth();

  /** Record {@code index}, drawn from {@code rng} alone. */
  SequenceExample example(int index, Random rng);

  /** The best score without looking at the inputs. */
  ChanceLevel chance();

  /** {@code samples} records from {@code seed}. */
  default SequenceDataset generate(int samples, long seed) {
    if (samples < 1) throw new IllegalArgumentException(name() + ": samples must be >= 1, got " + samples);
    List<SequenceExample> out = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) out.add(example(i, new Random(mix(seed, i))));
    return new SequenceDataset(out, features(), featureNames(), classes(), targetKind(), targetWidth());
  }

  /** A well-mixed seed for record {@code index} of {@code seed} (SplitMix64's finaliser). */
  static long mix(long seed, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** {@code where} as a record's source, {@code synthetic:adding#17}. */
  static String source(String task, int index) {
    return "synthetic:" + task + "#" + index;
  }
}
