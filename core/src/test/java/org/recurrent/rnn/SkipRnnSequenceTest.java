package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent.testing.GradCheck;
import org.recurrent.tensor.Tensor;

/**
 * The multi-time-scale (skip) RNN op: its forward against the equation computed in double, every delay 1 against
 * {@code torch.nn.RNN}'s op, and BPTT through the skips against finite differences at sizes off the SIMD lanes.
 */
class SkipRnnSequenceTest {
  static final int T = 11, B = 3, I = 5;
  static final int[] GROUPS = {3, 2, 2};
  static final int[] DELAYS = {1, 2, 4};
  static final int H = 7;

  private record Weights(Tensor x, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {}

  private static Weights weights(long seed, float scale) {
    Random rnd = new Random(seed);
    return new Weights(Tensor.uniform(rnd, -1, 1, T, B, I).requiresGrad(true),
        Tensor.uniform(rnd, -scale, scale, H, I).requiresGrad(true),
        Tensor.uniform(rnd, -scale, scale, H, H).requiresGrad(true),
        Tensor.uniform(rnd, -scale, scale, H).requiresGrad(true),
        Tensor.uniform(rnd, -scale, scale, H).requiresGrad(true));
  }

  /** h_t^g = act(W_ih[g] x_t + b + W_hh[g] h_{t-d_g}) in double, straight from the Javadoc's equation. */
  private static double[][][] reference(Weights w, int[] lengths, boolean relu) {
    double[][][] h = new double[T][B][H];
    int[] offsets = {0, 3, 5};
    for (int t = 0; t < T; t++) {
      for (int b = 0; b < B; b++) {
        if (t >= lengths[b]) continue;
        for (int g = 0; g < GROUPS.length; g++) {
          for (int u = offsets[g]; u < offsets[g] + GROUPS[g]; u++) {
            double a = w.bIh().data()[u] + w.bHh().data()[u];
            for (int i = 0; i < I; i++) a += w.wIh().data()[u * I + i] * w.x().data()[(t * B + b) * I + i];
            int from = t - DELAYS[g];
            if (from >= 0) for (int j = 0; j < H; j++) a += w.wHh().data()[u * H + j] * h[from][b][j];
            h[t][b][u] = relu ? Math.max(a, 0) : Math.tanh(a);
          }
        }
      }
    }
    return h;
  }

  @ParameterizedTest(name = "relu={0}")
  @ValueSource(booleans = {false, true})
  void forwardMatchesTheEquationWithRaggedLengths(boolean relu) {
    Weights w = weights(3, 0.6f);
    int[] lengths = {11, 6, 9};
    Tensor[] out = SkipRnnSequence.apply(w.x(), lengths, w.wIh(), w.wHh(), w.bIh(), w.bHh(), GROUPS, DELAYS, relu);
    double[][][] h = reference(w, lengths, relu);
    for (int t = 0; t < T; t++) {
      for (int b = 0; b < B; b++) {
        for (int j = 0; j < H; j++) {
          assertEquals(h[t][b][j], out[0].get(t, b, j), 2e-6, "y at t=" + t + " b=" + b + " j=" + j);
          if (t == lengths[b] - 1) assertEquals(h[t][b][j], out[1].get(b, j), 2e-6, "h_T of b=" + b);
        }
      }
    }
    assertEquals(0f, out[0].get(7, 1, 0), "padding steps are zero");
  }

  @Test
  void everyDelayOneIsTorchRnn() {
    Weights w = weights(5, 0.5f);
    int[] lengths = {11, 4, 8};
    Tensor[] skip = SkipRnnSequence.apply(w.x(), lengths, w.wIh(), w.wHh(), w.bIh(), w.bHh(), new int[] {4, 3},
        new int[] {1, 1}, false);
    Tensor[] rnn = RnnSequence.apply(w.x(), SequencePlan.of(T, B, lengths), w.wIh(), w.wHh(), w.bIh(), w.bHh(), null,
        false);
    for (int i = 0; i < rnn[0].numel(); i++) assertEquals(rnn[0].data()[i], skip[0].data()[i], 1e-6, "y[" + i + "]");
    for (int i = 0; i < rnn[1].numel(); i++) assertEquals(rnn[1].data()[i], skip[1].data()[i], 1e-6, "hT[" + i + "]");
  }

  @ParameterizedTest(name = "relu={0}")
  @ValueSource(booleans = {false, true})
  void backwardThroughTheSkipsMatchesFiniteDifferences(boolean relu) {
    Weights w = weights(7, 0.5f);
    if (relu) for (int j = 0; j < H; j++) w.bIh().data()[j] += 0.3f;          // away from ReLU's kink
    for (int[] lengths : new int[][] {null, {11, 5, 8}}) {
      GradCheck.create().maxPerInput(50).check("skip rnn lengths " + java.util.Arrays.toString(lengths),
          () -> SkipRnnSequence.apply(w.x(), lengths, w.wIh(), w.wHh(), w.bIh(), w.bHh(), GROUPS, DELAYS, relu),
          w.x(), w.wIh(), w.wHh(), w.bIh(), w.bHh());
    }
  }

  @Test
  void aDelayedGroupCarriesTheFirstInputFurther() {
    // One unit per group, no input except at t = 0, a recurrent weight of 0.5 on itself: after 8 steps a delay-1
    // unit holds ~0.5^8 of the first value, a delay-4 unit 0.5^2 (it took 2 skips). The gradient says the same.
    int steps = 9;
    Tensor x = Tensor.zeros(steps, 1, 1);
    x.data()[0] = 1f;
    x.requiresGrad(true);
    Tensor wIh = Tensor.of(new float[] {1f, 1f}, 2, 1).requiresGrad(true);
    Tensor wHh = Tensor.of(new float[] {0.5f, 0f, 0f, 0.5f}, 2, 2).requiresGrad(true);
    Tensor[] out = SkipRnnSequence.apply(x, null, wIh, wHh, null, null, new int[] {1, 1}, new int[] {1, 4}, true);
    assertEquals(Math.pow(0.5, 8), out[1].get(0, 0), 1e-7);
    assertEquals(0.25, out[1].get(0, 1), 1e-7);
    Tensor slow = org.recurrent.ops.Ops.select(out[1], 1, 1);
    org.recurrent.ops.Ops.sum(slow).backward();
    assertEquals(0.25, x.gradData()[0], 1e-7, "d h_8(slow) / d x_0");
    assertTrue(x.gradData()[1] == 0f, "x_1 never reaches the slow unit's t = 8 (8 - 1 is not a multiple of 4)");
  }

  @Test
  void rejectsGroupsThatDoNotSumToH() {
    Weights w = weights(1, 0.5f);
    var e = assertThrows(IllegalArgumentException.class, () -> SkipRnnSequence.apply(w.x(), null, w.wIh(), w.wHh(),
        w.bIh(), w.bHh(), new int[] {3, 3}, new int[] {1, 2}, false));
    assertTrue(e.getMessage().contains("groups sum to 6, W_hh has H=7"), e.getMessage());
  }
}
