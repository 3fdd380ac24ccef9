package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.tensor.Tensor;

/**
 * The training passes of {@link LstmSequence}, {@link GruSequence} and {@link RnnSequence} take their buffers (and
 * their packings of W_hh, {@link StepMatmul}) from the thread's {@link Workspace}, which hands out whatever the last
 * user left. Here the pool is first filled with NaN buffers of every size the pass asks for (and a little longer),
 * then the pass's outputs and every gradient are compared, bit
 * for bit, with the same pass on an empty pool (fresh zeroed arrays). A buffer read before it is written (a ragged
 * batch's finished rows not zeroed, h_0 or c_0 slices left dirty, a GRU gh not zeroed under its bias) carries NaN
 * into the results. "sorted" batches are ragged but already longest first (SequencePlan.isIdentity() is true for
 * them): they need the zeroing as much as unsorted ones. A backward run twice must be refused, since its buffers
 * may already belong to another pass.
 */
class WorkspaceReuseTest {

  @AfterEach
  void emptyThePool() {
    Workspace.release();
  }

  private static Tensor u(Random rng, int... shape) {
    return Tensor.uniform(rng, -1, 1, shape);
  }

  /** Outputs and gradients of one training pass, in a fixed order. */
  private static List<float[]> pass(String cell, int B, int T, int I, int H, String mode, boolean state) {
    Random rng = new Random(B * 100 + T);
    boolean lstm = cell.equals("lstm");
    int G = gates(cell) * H;
    Tensor x = u(rng, T, B, I).requiresGrad(true), wIh = u(rng, G, I).requiresGrad(true);
    Tensor wHh = u(rng, G, H).requiresGrad(true);
    Tensor bIh = u(rng, G).requiresGrad(true), bHh = u(rng, G).requiresGrad(true);
    Tensor h0 = state ? u(rng, B, H).requiresGrad(true) : null;
    Tensor c0 = state && lstm ? u(rng, B, H).requiresGrad(true) : null;
    int[] lengths = null;
    if (!mode.equals("full")) {
      lengths = new int[B];
      for (int b = 0; b < B; b++) lengths[b] = 1 + rng.nextInt(T);
      lengths[0] = T;
      lengths[B - 1] = 1;
      // sorted: longest first, the order a plan needs no gather for (isIdentity), and still ragged
      if (mode.equals("sorted")) lengths = LstmInferenceTest.sortedDescending(lengths, T);
    }
    SequencePlan plan = SequencePlan.of(T, B, lengths);
    if (mode.equals("sorted")) assertTrue(plan.isIdentity() && !plan.isFullLength(), "sorted and still ragged");
    Tensor[] out = switch (cell) {
      case "lstm" -> LstmSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, c0);
      case "gru" -> GruSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0);
      default -> RnnSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, cell.equals("relu"));
    };
    float[] seed = u(rng, T, B, H).data();
    Autograd.backward(out[0], seed);
    List<float[]> all = new ArrayList<>();
    for (Tensor t : out) all.add(t.data().clone());
    for (Tensor t : new Tensor[] {x, wIh, wHh, bIh, bHh, h0, c0}) if (t != null) all.add(t.gradData().clone());
    return all;
  }

  /** Each array of {@code reused} has the bits of the same array of {@code fresh}. */
  private static void assertSameBits(List<float[]> fresh, List<float[]> reused, String what) {
    assertEquals(fresh.size(), reused.size());
    for (int i = 0; i < fresh.size(); i++) {
      float[] e = fresh.get(i), a = reused.get(i);
      for (int j = 0; j < e.length; j++) {
        if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(a[j])) {
          fail(what + " " + i + " differs first at " + j + ": fresh buffers " + e[j] + ", reused " + a[j]);
        }
      }
    }
  }

  private static int gates(String cell) {
    return switch (cell) {
      case "lstm" -> 4;
      case "gru" -> 3;
      default -> 1;
    };
  }

  private static void poisonThePool(int... sizes) {
    for (int n : sizes) {
      for (int extra : new int[] {0, 7, 0, 7}) { // four of a size: the GRU takes four (T, B, 3H) buffers
        float[] b = new float[n + extra];
        Arrays.fill(b, Float.NaN);
        Workspace.give(b);
      }
    }
  }

  @ParameterizedTest(name = "{0} B={1} T={2} H={3} lengths={4} state={5}")
  @CsvSource({"lstm,5,7,6,ragged,false", "lstm,5,7,6,full,false", "lstm,4,9,33,ragged,true",
      "gru,5,7,6,ragged,false", "gru,5,7,6,full,false", "gru,4,9,33,ragged,true", "lstm,5,7,6,sorted,false",
      "gru,4,9,33,sorted,true", "lstm,4,9,33,sorted,true", "tanh,5,7,6,ragged,false", "relu,4,9,33,sorted,true",
      "tanh,5,7,6,full,true"})
  void aPassOnReusedDirtyBuffersHasTheBitsOfAPassOnFreshOnes(String cell, int B, int T, int H, String mode,
                                                             boolean state) {
    int I = 3, G = gates(cell) * H;
    Workspace.release();
    List<float[]> fresh = pass(cell, B, T, I, H, mode, state);
    assertTrue(Workspace.held() > 0, "the pass gave its buffers back");
    Workspace.release();
    Kernels k = KernelProvider.get();
    poisonThePool(T * B * G, (T + 1) * B * H, T * B * H, T * B * I, k.packedFloats(H, G), k.packedFloats(G, H));
    int poisoned = Workspace.held();
    List<float[]> reused = pass(cell, B, T, I, H, mode, state);
    assertEquals(poisoned, Workspace.held(), "every buffer taken from the pool was given back");
    assertSameBits(fresh, reused, "result");
  }

  /** Outputs of one inference pass (nothing recorded), in a fixed order. */
  private static List<float[]> inference(String cell, int B, int T, int I, int H, String mode, boolean state) {
    Random rng = new Random(B * 100 + T + 1);
    int G = gates(cell) * H;
    Tensor x = u(rng, T, B, I), wIh = u(rng, G, I), wHh = u(rng, G, H), bIh = u(rng, G), bHh = u(rng, G);
    Tensor h0 = state ? u(rng, B, H) : null, c0 = state ? u(rng, B, H) : null;
    int[] lengths = null;
    if (!mode.equals("full")) {
      lengths = new int[B];
      for (int b = 0; b < B; b++) lengths[b] = 1 + rng.nextInt(T);
      lengths[B - 1] = T;
    }
    SequencePlan plan = SequencePlan.of(T, B, lengths);
    Tensor[] out = switch (cell) {
      case "lstm" -> LstmSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, c0);
      case "gru" -> GruSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0);
      default -> RnnSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, cell.equals("relu"));
    };
    List<float[]> all = new ArrayList<>();
    for (Tensor t : out) all.add(t.data().clone());
    return all;
  }

  /**
   * The inference passes take their chunk, state and scratch buffers from the pool too (LstmInference,
   * GruInference, HiddenStates for a ragged batch, RnnSequence's states): on NaN buffers they must give the bits of
   * fresh ones, c_{t-1} zeroed without c0, h_0 without h0, and give every buffer back.
   */
  @ParameterizedTest(name = "{0} B={1} T={2} H={3} lengths={4} state={5}")
  @CsvSource({"lstm,5,7,6,ragged,false", "lstm,5,7,6,full,false", "lstm,4,9,33,ragged,true", "lstm,3,6,5,full,true",
      "gru,5,7,6,ragged,false", "gru,5,7,6,full,false", "gru,4,9,33,ragged,true", "tanh,5,7,6,ragged,false",
      "relu,4,9,33,full,true", "tanh,1,300,8,full,false"})
  void anInferencePassOnReusedDirtyBuffersHasTheBitsOfAPassOnFreshOnes(String cell, int B, int T, int H, String mode,
                                                                       boolean state) {
    int I = 3, G = gates(cell) * H;
    Workspace.release();
    List<float[]> fresh = inference(cell, B, T, I, H, mode, state);
    Workspace.release();
    int chunk = LstmInference.chunkSteps(T, B) * B * G;
    poisonThePool(chunk, B * G, B * H, (T + 1) * B * H, T * B * H);
    int poisoned = Workspace.held();
    List<float[]> reused = inference(cell, B, T, I, H, mode, state);
    assertEquals(poisoned, Workspace.held(), "every buffer taken from the pool was given back");
    assertSameBits(fresh, reused, "output");
  }

  @Test
  void aSecondBackwardThroughOnePassIsRefused() {
    Random rng = new Random(3);
    int T = 4, B = 2, I = 3, H = 5;
    Tensor x = u(rng, T, B, I), wIh = u(rng, 4 * H, I).requiresGrad(true), wHh = u(rng, 4 * H, H);
    Tensor[] out = LstmSequence.apply(x, SequencePlan.of(T, B, null), wIh, wHh, u(rng, 4 * H), u(rng, 4 * H),
        null, null);
    float[] seed = new float[T * B * H];
    Arrays.fill(seed, 1f);
    Autograd.backward(out[0], seed);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Autograd.backward(out[0], seed));
    assertEquals("LstmSequence: backward ran a second time through the same forward pass; run the forward again"
        + " (its buffers were reused after the first backward)", e.getMessage());

    Tensor[] gru = GruSequence.apply(x, SequencePlan.of(T, B, null), u(rng, 3 * H, I).requiresGrad(true),
        u(rng, 3 * H, H), null, null, null);
    Autograd.backward(gru[0], seed);
    assertThrows(IllegalStateException.class, () -> Autograd.backward(gru[0], seed));
  }
}
