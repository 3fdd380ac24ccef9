package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recurrent.tensor.Tensor;

/**
 * {@link CellStep} against the sequence ops at T = 1, bit for bit: the streaming path claims the same kernel calls
 * in the same order, so any difference (a bias added in another order, a skipped product with a zero state, a
 * missing zero fill of a reused scratch buffer) shows as a changed bit. Sizes off the SIMD lanes, and one large
 * enough (17 x 257) that the GEMM and the gate kernels split over the kernel threads. Each case runs twice on the
 * same thread, the second time with scratch left over from a larger case, so stale scratch would show.
 */
class CellStepTest {

  private static Tensor u(Random rng, int... shape) {
    return Tensor.uniform(rng, -1, 1, shape);
  }

  private static void assertBits(Tensor expected, float[] actual, String what) {
    float[] e = expected.data();
    assertEquals(e.length, actual.length, what + " length");
    for (int j = 0; j < e.length; j++) {
      if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(actual[j])) {
        fail(what + " differs first at " + j + ": sequence op " + e[j] + ", CellStep " + actual[j]);
      }
    }
  }

  private static void warmLargerScratch() {
    Random rng = new Random(9);
    int B = 5, I = 9, H = 300;
    CellStep.lstm(B, I, H, u(rng, B, I).data(), u(rng, 4 * H, I).data(), u(rng, 4 * H, H).data(),
        u(rng, 4 * H).data(), u(rng, 4 * H).data(), u(rng, B, H).data(), u(rng, B, H).data(),
        new float[B * H], new float[B * H]);
    CellStep.gru(B, I, H, u(rng, B, I).data(), u(rng, 3 * H, I).data(), u(rng, 3 * H, H).data(),
        u(rng, 3 * H).data(), u(rng, 3 * H).data(), u(rng, B, H).data(), new float[B * H]);
  }

  @ParameterizedTest(name = "B={0} I={1} H={2} bias={3} state={4}")
  @CsvSource({"1,5,7,true,true", "1,5,7,true,false", "3,5,7,false,true", "3,17,33,true,false",
      "17,5,257,true,true"})
  void lstmStepHasTheBitsOfTheSequenceOp(int B, int I, int H, boolean bias, boolean state) {
    for (int round = 0; round < 2; round++) {
      Random rng = new Random(1);
      int G = 4 * H;
      Tensor x = u(rng, B, I), wIh = u(rng, G, I), wHh = u(rng, G, H);
      Tensor bIh = bias ? u(rng, G) : null, bHh = bias ? u(rng, G) : null;
      Tensor h = state ? u(rng, B, H) : null, c = state ? u(rng, B, H) : null;
      Tensor[] r = LstmSequence.apply(Tensor.of(x.data(), 1, B, I), SequencePlan.of(1, B, null), wIh, wHh, bIh, bHh,
          h, c);
      float[] hOut = new float[B * H], cOut = new float[B * H];
      CellStep.lstm(B, I, H, x.data(), wIh.data(), wHh.data(), bIh == null ? null : bIh.data(),
          bHh == null ? null : bHh.data(), h == null ? null : h.data(), c == null ? null : c.data(), hOut, cOut);
      assertBits(r[1], hOut, "h'");
      assertBits(r[2], cOut, "c'");
      warmLargerScratch();
    }
  }

  @ParameterizedTest(name = "B={0} I={1} H={2} bias={3} state={4} resetBefore={5}")
  @CsvSource({"1,5,7,true,true,false", "1,5,7,true,false,false", "3,5,7,false,true,false", "17,5,257,true,true,false",
      "1,5,7,true,true,true", "3,17,33,false,false,true", "17,5,257,true,true,true"})
  void gruStepHasTheBitsOfTheSequenceOp(int B, int I, int H, boolean bias, boolean state, boolean resetBefore) {
    for (int round = 0; round < 2; round++) {
      Random rng = new Random(2);
      int G = 3 * H;
      Tensor x = u(rng, B, I), wIh = u(rng, G, I), wHh = u(rng, G, H);
      Tensor bIh = bias ? u(rng, G) : null, bHh = bias ? u(rng, G) : null;
      Tensor h = state ? u(rng, B, H) : null;
      Tensor seq = Tensor.of(x.data(), 1, B, I);
      SequencePlan plan = SequencePlan.of(1, B, null);
      Tensor expected = resetBefore
          ? GruResetBeforeSequence.apply(seq, plan, wIh, wHh, bIh, bHh, h)[1]
          : GruSequence.apply(seq, plan, wIh, wHh, bIh, bHh, h)[1];
      float[] hOut = new float[B * H];
      float[] b1 = bIh == null ? null : bIh.data(), b2 = bHh == null ? null : bHh.data();
      float[] hPrev = h == null ? null : h.data();
      if (resetBefore) {
        CellStep.gruResetBefore(B, I, H, x.data(), wIh.data(), wHh.data(), b1, b2, hPrev, hOut);
      } else {
        CellStep.gru(B, I, H, x.data(), wIh.data(), wHh.data(), b1, b2, hPrev, hOut);
      }
      assertBits(expected, hOut, "h'");
      warmLargerScratch();
    }
  }

  @ParameterizedTest(name = "B={0} I={1} H={2} bias={3} state={4} relu={5}")
  @CsvSource({"1,5,7,true,true,false", "1,5,7,true,false,true", "3,5,7,false,true,false", "17,5,257,true,true,false",
      "17,5,257,true,true,true"})
  void rnnStepHasTheBitsOfTheSequenceOp(int B, int I, int H, boolean bias, boolean state, boolean relu) {
    for (int round = 0; round < 2; round++) {
      Random rng = new Random(3);
      Tensor x = u(rng, B, I), wIh = u(rng, H, I), wHh = u(rng, H, H);
      Tensor bIh = bias ? u(rng, H) : null, bHh = bias ? u(rng, H) : null;
      Tensor h = state ? u(rng, B, H) : null;
      Tensor expected = RnnSequence.apply(Tensor.of(x.data(), 1, B, I), SequencePlan.of(1, B, null), wIh, wHh, bIh,
          bHh, h, relu)[1];
      float[] hOut = new float[B * H];
      CellStep.rnn(B, I, H, x.data(), wIh.data(), wHh.data(), bIh == null ? null : bIh.data(),
          bHh == null ? null : bHh.data(), h == null ? null : h.data(), relu, hOut);
      assertBits(expected, hOut, "h'");
      warmLargerScratch();
    }
  }
}
