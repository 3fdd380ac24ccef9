package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.SplitKernels;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * The LSTM, GRU and vanilla RNN (tanh, ReLU) training passes split by rows of the batch (forward and backward, each thread its rows through
 * every step: {@link RowShares}) against the same passes on one thread of the vector kernels, bit for bit: outputs
 * and the gradients of the input, every weight, bias and initial state. A changed bit shows a share that reads
 * another share's rows, a finished row whose gate gradients are not zeroed (they enter dW_hh), a row whose
 * output gradient is added at the wrong step, or a share whose entering rows take the wrong upstream gradient.
 * The cases are full-length and ragged (lengths ending inside a share, a share whose rows all end early), batches
 * split on two threads only (16 to 23 rows) and on three, and H on and off the vector panels (a tanh RNN's forward splits
 * only when H is a whole number of vectors, its backward always: the H = 9 case checks both).
 */
class SplitTrainingPassTest {

  @ParameterizedTest(name = "{0} B={1} T={2} I={3} H={4} lengths={5} state={6}")
  @CsvSource({"lstm,16,12,5,9,full,true", "lstm,17,7,3,40,ragged,true", "lstm,25,30,4,6,ragged,false",
      "lstm,48,20,3,5,ragged,true", "lstm,64,9,6,33,full,false", "gru,16,12,5,9,full,true",
      "gru,17,7,3,40,ragged,true", "gru,25,30,4,6,ragged,false", "gru,48,20,3,5,ragged,true",
      "gru,64,9,6,33,full,false", "tanh,16,12,5,9,full,true", "tanh,25,30,4,32,ragged,false", "tanh,17,10,3,64,ragged,true",
      "relu,48,20,3,37,ragged,true", "relu,64,9,6,33,full,false"})
  void splitPassHasTheBitsOfTheUnsplitOne(String cell, int B, int T, int I, int H, String mode, boolean state) {
    Random rng = new Random(B * 100 + T);
    int[] lengths = null;
    if (mode.equals("ragged")) {
      lengths = new int[B];
      for (int b = 0; b < B; b++) lengths[b] = 1 + rng.nextInt(T);
      lengths[B / 3] = T;
      for (int b = B - 8; b < B; b++) lengths[b] = 1 + rng.nextInt(2);  // the last share's rows end early
    }
    SequencePlan plan = SequencePlan.of(T, B, lengths);
    long seed = rng.nextLong();
    List<Tensor> expected = pass(SplitKernels.vector(1), cell, plan, I, H, state, seed);
    for (int threads : new int[] {2, 3}) {
      Kernels k = SplitKernels.vector(threads);
      List<Tensor> actual = pass(k, cell, plan, I, H, state, seed);
      assertEquals(expected.size(), actual.size());
      for (int i = 0; i < expected.size(); i++) {
        assertBits(expected.get(i), actual.get(i), cell + " tensor " + i + " on " + threads + " threads"
            + (k.rowShareCount(B) > 1 ? ", split by rows" : ""));
      }
    }
  }

  /**
   * Callers sharing one kernels instance: while one pass holds the pool, another runs its shares one after the other
   * on its own thread with the same one-thread kernels the first pass's shares are using. Every caller must still
   * get its own bits; a share state kept in those kernels, or a pool that handed one caller's shares to another,
   * would show here.
   */
  @Test
  void concurrentPassesOnOneKernelsEachGetTheirOwnBits() throws Exception {
    Kernels k = SplitKernels.vector(2);
    SequencePlan full = SequencePlan.of(20, 32, null);
    int[] lengths = new int[40];
    for (int b = 0; b < 40; b++) lengths[b] = 1 + (b * 7) % 20;
    SequencePlan ragged = SequencePlan.of(20, 40, lengths);
    List<Callable<Void>> callers = new ArrayList<>();
    for (int u = 0; u < 4; u++) {
      String cell = u % 2 == 0 ? "lstm" : "gru";
      SequencePlan plan = u < 2 ? full : ragged;
      long seed = 900 + u;
      List<Tensor> expected = pass(SplitKernels.vector(1), cell, plan, 6, 32, true, seed);
      callers.add(() -> {
        for (int rep = 0; rep < 15; rep++) {
          List<Tensor> actual = pass(k, cell, plan, 6, 32, true, seed);
          for (int i = 0; i < expected.size(); i++) {
            assertBits(expected.get(i), actual.get(i), cell + " caller " + seed + " rep " + rep + " tensor " + i);
          }
        }
        return null;
      });
    }
    ExecutorService users = Executors.newFixedThreadPool(callers.size());
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
        for (Future<Void> f : users.invokeAll(callers)) f.get();
      });
    } finally {
      users.shutdownNow();
    }
  }

  /** Outputs, then the gradients of x, W_ih, W_hh, b_ih, b_hh, h0 (and c0), of sum(outputs * fixed weights). */
  private static List<Tensor> pass(Kernels k, String cell, SequencePlan plan, int I, int H, boolean state,
                                   long seed) {
    Random rng = new Random(seed);
    int T = plan.steps(), B = plan.batch();
    int G = (cell.equals("lstm") ? 4 : cell.equals("gru") ? 3 : 1) * H;
    Tensor x = Tensor.uniform(rng, -1, 1, T, B, I).requiresGrad(true);
    Tensor wIh = Tensor.uniform(rng, -0.5f, 0.5f, G, I).requiresGrad(true);
    Tensor wHh = Tensor.uniform(rng, -0.5f, 0.5f, G, H).requiresGrad(true);
    Tensor bIh = Tensor.uniform(rng, -0.5f, 0.5f, G).requiresGrad(true);
    Tensor bHh = Tensor.uniform(rng, -0.5f, 0.5f, G).requiresGrad(true);
    Tensor h0 = state ? Tensor.uniform(rng, -1, 1, B, H).requiresGrad(true) : null;
    Tensor c0 = state && cell.equals("lstm") ? Tensor.uniform(rng, -1, 1, B, H).requiresGrad(true) : null;
    Tensor[] out = switch (cell) {
      case "lstm" -> LstmSequence.apply(k, x, plan, wIh, wHh, bIh, bHh, h0, c0);
      case "gru" -> GruSequence.apply(k, x, plan, wIh, wHh, bIh, bHh, h0);
      default -> RnnSequence.apply(k, x, plan, wIh, wHh, bIh, bHh, h0, cell.equals("relu"));
    };
    Tensor loss = null;
    for (Tensor o : out) {
      Tensor term = Ops.sum(Ops.mul(o, Tensor.uniform(rng, -1, 1, o.shape())));
      loss = loss == null ? term : Ops.add(loss, term);
    }
    loss.backward();
    List<Tensor> all = new ArrayList<>(List.of(out));
    for (Tensor t : new Tensor[] {x, wIh, wHh, bIh, bHh, h0, c0}) if (t != null) all.add(t.grad());
    return all;
  }

  private static void assertBits(Tensor expected, Tensor actual, String what) {
    float[] e = expected.data(), a = actual.data();
    assertEquals(e.length, a.length, what + " length");
    for (int j = 0; j < e.length; j++) {
      if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(a[j])) {
        fail(what + " differs first at " + j + ": one thread " + e[j] + ", split " + a[j]);
      }
    }
  }
}
