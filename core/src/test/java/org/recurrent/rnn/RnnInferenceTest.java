package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.SplitKernels;
import org.recurrent.tensor.Tensor;

/**
 * {@link RnnSequence} without a tape (its states from the Workspace and given back at once, W_hh's packing from
 * {@link PackedWeights}) against the same op recording a tape, bit for bit: y and h_T must not depend on whether a
 * gradient is wanted. Fails if the inference pass packs W_hh where the training forward does not, or the other way
 * round (a batch under four rows then takes the matrix-vector path on one side only), or reads a pooled state
 * buffer before writing it. Cases: T = 1 (no packing on either side), batches of 1, 3 and 9 rows, ragged lengths,
 * tanh and relu, with and without h0.
 */
class RnnInferenceTest {

  private static Tensor u(Random rng, int... shape) {
    return Tensor.uniform(rng, -1, 1, shape);
  }

  private static void assertBits(Tensor expected, Tensor actual, String what) {
    float[] e = expected.data(), a = actual.data();
    assertEquals(e.length, a.length, what + " length");
    for (int j = 0; j < e.length; j++) {
      if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(a[j])) {
        fail(what + " differs first at " + j + ": with a tape " + e[j] + ", without " + a[j]);
      }
    }
  }

  @ParameterizedTest(name = "B={0} T={1} H={2} lengths={3} relu={4} state={5}")
  @CsvSource({"1,1,7,full,false,false", "1,40,7,full,false,true", "3,25,33,full,true,false", "3,25,33,ragged,false,true",
      "9,12,20,ragged,true,true", "9,1,20,full,false,true", "16,12,20,full,false,true", "25,30,37,ragged,true,false",
      "48,9,33,ragged,false,true", "48,9,64,ragged,false,true", "24,20,32,full,false,false"})
  void withoutATapeTheOutputsHaveTheBitsOfTheTrainingForward(int B, int T, int H, String mode, boolean relu,
                                                              boolean state) {
    Random rng = new Random(31L * B + T);
    int I = 5;
    Tensor x = u(rng, T, B, I), wIh = u(rng, H, I), wHh = u(rng, H, H), bIh = u(rng, H), bHh = u(rng, H);
    Tensor h0 = state ? u(rng, B, H) : null;
    int[] lengths = null;
    if (mode.equals("ragged")) {
      lengths = new int[B];
      for (int b = 0; b < B; b++) lengths[b] = 1 + rng.nextInt(T);
      lengths[B / 2] = T;
    }
    SequencePlan plan = SequencePlan.of(T, B, lengths);
    Tensor[] inference;
    try (var g = Autograd.noGrad()) {
      inference = RnnSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, relu);
    }
    wHh.requiresGrad(true);
    Tensor[] training = RnnSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, relu);
    assertBits(training[0], inference[0], "y");
    assertBits(training[1], inference[1], "h_T");
    // without a tape, split by rows of the batch on two and three threads, against one thread of the vector kernels
    Tensor[] one;
    try (var g = Autograd.noGrad()) {
      wHh.requiresGrad(false);
      one = RnnSequence.apply(SplitKernels.vector(1), x, plan, wIh, wHh, bIh, bHh, h0, relu);
      for (int threads : new int[] {2, 3}) {
        Tensor[] split = RnnSequence.apply(SplitKernels.vector(threads), x, plan, wIh, wHh, bIh, bHh, h0, relu);
        assertBits(one[0], split[0], "y on " + threads + " threads");
        assertBits(one[1], split[1], "h_T on " + threads + " threads");
      }
    }
  }
}
