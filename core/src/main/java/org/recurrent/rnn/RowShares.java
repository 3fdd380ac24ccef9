package org.recurrent.rnn;

import org.recurrent.kernel.Kernels;

/**
 * Where a recurrent pass split by rows of the batch ({@link Kernels#runRowShares}) cuts the batch: contiguous
 * sorted rows, so that each share's rows at step t are again the first ones still running, balanced by row-steps
 * (a sorted row costs its sequence's length in steps), each share at least {@link Kernels#MIN_ROWS_PER_SHARE} rows.
 * With every sequence at full length the cuts are the even split {@code floor(B * p / parts)}, the one the fused
 * steps use, so a pass and its steps agree on which thread owns a row.
 */
final class RowShares {
  private RowShares() {}

  /** Cuts {@code [0, c_1, ..., B]} of the plan's batch into {@code parts} shares; parts * MIN_ROWS_PER_SHARE <= B. */
  static int[] cuts(SequencePlan plan, int parts) {
    int B = plan.batch(), min = Kernels.MIN_ROWS_PER_SHARE;
    if (parts < 1 || (parts > 1 && B < parts * min)) {
      throw new IllegalArgumentException(parts + " row shares of at least " + min + " rows in a batch of " + B);
    }
    int[] cuts = new int[parts + 1];
    cuts[parts] = B;
    if (plan.isFullLength()) {
      for (int p = 1; p < parts; p++) cuts[p] = (int) ((long) B * p / parts);
      return cuts;
    }
    long[] before = new long[B + 1];                        // row-steps of the sorted rows before row s
    for (int s = 0; s < B; s++) before[s + 1] = before[s] + plan.sortedLength(s);
    int cut = 0;
    for (int p = 1; p < parts; p++) {
      long target = before[B] * p / parts;
      while (cut < B && before[cut + 1] <= target) cut++;   // the last cut at or under the target
      // each share keeps its minimum: this one after the one before it, the ones after it theirs
      cuts[p] = Math.min(Math.max(cut, cuts[p - 1] + min), B - (parts - p) * min);
      cut = cuts[p];
    }
    return cuts;
  }

  /** Rows of the share [r0, r1) still running at step t (none for t past the last step). */
  static int running(SequencePlan plan, int t, int r0, int r1) {
    return t >= plan.steps() ? 0 : Math.max(0, Math.min(r1 - r0, plan.batchSize(t) - r0));
  }

  /**
   * Runs {@code job} on the row shares of a pass of the plan over {@code k}: split when the pass has more than one
   * step and each of the kernels' threads gets {@link Kernels#MIN_ROWS_PER_SHARE} rows, else once on all rows with
   * {@code k} itself (whose products still split over its threads).
   */
  static void run(Kernels k, SequencePlan plan, Kernels.RowShareJob job) {
    run(k, plan, true, job);
  }

  /** {@link #run(Kernels, SequencePlan, Kernels.RowShareJob)}, split only if {@code splittable}. */
  static void run(Kernels k, SequencePlan plan, boolean splittable, Kernels.RowShareJob job) {
    int parts = splittable && plan.steps() > 1 ? k.rowShareCount(plan.batch()) : 1;
    if (parts == 1) job.run(0, plan.batch(), k);
    else k.runRowShares(cuts(plan, parts), job);
  }
}
