package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.SplitKernels;
import org.recurrent.tensor.Tensor;

/**
 * {@link LstmInference} (taken when nothing needs a gradient) against the training forward of
 * {@link LstmSequence} (taken when a weight requires one), bit for bit: the inference path claims the same
 * products and kernels in the same order. A changed bit shows a projection chunk that starts at the wrong step,
 * a bias added twice or not at all, a cell state swapped one step late, a finished sequence's state not carried
 * to the end, or a chunk GEMM that sums in another order than the whole-sequence one. The cases cross the chunk
 * sizes (B = 1: 256 steps a chunk, so T = 300 has a remainder; B = 40: seven steps; B = 70: four; B = 300: one),
 * full-length batches (whose states go straight into y) and ragged ones with lengths that end inside chunks and
 * at their borders, a width (17 x 257) at which the GEMM and the gate kernels split over the kernel threads, and
 * T·B on both sides of {@code Kernels.GEMM_PACKS_FROM_ROWS} (3, 4; T = 1), where the cached packing of the
 * weights may be used only where the training forward packs too. Each case runs again on two and three threads,
 * where batches of 16 and 24 rows and more are split by rows for the whole pass ({@link RowShares}; ragged ones cut
 * by row-steps, so a share's running rows fall under the GEMM's four-row strips and to none before the pass ends).
 */
class LstmInferenceTest {

  private static Tensor u(Random rng, int... shape) {
    return Tensor.uniform(rng, -1, 1, shape);
  }

  private static void assertBits(Tensor expected, Tensor actual, String what) {
    float[] e = expected.data(), a = actual.data();
    assertEquals(e.length, a.length, what + " length");
    for (int j = 0; j < e.length; j++) {
      if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(a[j])) {
        fail(what + " differs first at " + j + ": training forward " + e[j] + ", inference " + a[j]);
      }
    }
  }

  @ParameterizedTest(name = "B={0} T={1} I={2} H={3} lengths={4} bias={5} state={6}")
  @CsvSource({"1,100,5,7,full,true,true", "1,300,3,9,full,false,false", "300,3,2,3,ragged,true,true",
      "3,50,5,7,ragged,true,true", "40,9,4,6,ragged,true,false", "70,9,3,5,ragged,false,true",
      "17,7,5,257,ragged,true,true", "2,1,3,4,full,true,true", "5,65,2,3,ragged,true,false",
      "17,70,5,257,full,true,true", "40,9,4,6,full,true,false", "300,3,2,3,sorted,true,true",
      "3,50,5,7,sorted,true,true", "1,3,5,7,full,true,true", "1,4,5,7,full,true,false", "4,1,5,7,full,true,true",
      "1,257,600,5,full,true,false", "16,12,5,9,full,true,true", "25,30,4,6,ragged,true,true",
      "48,20,3,5,ragged,false,false", "24,9,4,40,sorted,true,false", "64,33,6,8,ragged,true,true"})
  void inferenceHasTheBitsOfTheTrainingForward(int B, int T, int I, int H, String mode, boolean bias,
                                               boolean state) {
    Random rng = new Random(B * 1000 + T);
    int G = 4 * H;
    Tensor x = u(rng, T, B, I), wIh = u(rng, G, I), wHh = u(rng, G, H);
    Tensor bIh = bias ? u(rng, G) : null, bHh = bias ? u(rng, G) : null;
    Tensor h0 = state ? u(rng, B, H) : null, c0 = state ? u(rng, B, H) : null;
    int[] lengths = null;
    if (!mode.equals("full")) {
      lengths = new int[B];
      for (int b = 0; b < B; b++) lengths[b] = 1 + rng.nextInt(T);
      lengths[B / 2] = T;
      // sorted: longest first, the order a plan needs no gather for (isIdentity), and still ragged
      if (mode.equals("sorted")) lengths = sortedDescending(lengths, T);
    }
    SequencePlan plan = SequencePlan.of(T, B, lengths);
    if (mode.equals("sorted")) assertTrue(plan.isIdentity() && !plan.isFullLength(), "sorted and still ragged");

    Tensor[] inference;
    try (var g = Autograd.noGrad()) {
      inference = LstmSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, c0);
    }
    assertEquals(null, inference[0].gradFn(), "the inference path records nothing");
    wHh.requiresGrad(true);
    Tensor[] training = LstmSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, c0);
    assertBits(training[0], inference[0], "y");
    assertBits(training[1], inference[1], "h_T");
    assertBits(training[2], inference[2], "c_T");
    // the pass split by rows of the batch (each thread its rows through every step) from 16 rows on two threads and
    // 24 on three, every product inside a share and every unsplit step split however small, held to the unsplit
    // pass on one thread of the vector kernels (this JVM's own kernels may be the scalar ones)
    Tensor[] one = LstmInference.forward(SplitKernels.vector(1), x, plan, wIh, wHh, bIh, bHh, h0, c0);
    for (int threads : new int[] {2, 3}) {
      Kernels k = SplitKernels.vector(threads);
      Tensor[] split = LstmInference.forward(k, x, plan, wIh, wHh, bIh, bHh, h0, c0);
      String on = " on " + threads + " threads" + (k.rowShareCount(B) > 1 ? ", split by rows" : "");
      for (int i = 0; i < one.length; i++) assertBits(one[i], split[i], new String[] {"y", "h_T", "c_T"}[i] + on);
    }
  }

  /** The lengths longest first, with the last one shorter than T so the batch stays ragged. */
  static int[] sortedDescending(int[] lengths, int T) {
    int[] sorted = lengths.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < sorted.length / 2; i++) {
      int t = sorted[i];
      sorted[i] = sorted[sorted.length - 1 - i];
      sorted[sorted.length - 1 - i] = t;
    }
    sorted[0] = T;
    if (sorted.length > 1) sorted[sorted.length - 1] = Math.min(sorted[sorted.length - 1], T - 1);
    return sorted;
  }
}
