package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.PackedMatrix;
import org.recurrent.kernel.ScalarKernels;
import org.recurrent.tensor.Tensor;

/**
 * {@link PackedWeights}: a packing is reused while the weights are bit for bit unchanged, and never after. The
 * inference tests catch a cache that packs the wrong matrix; these catch one that answers from a stale entry
 * (a weight written in place, as optimizers do, at the last element, which a check of a prefix would miss), one
 * that ignores which kernels packed it, and one that never reuses anything.
 */
class PackedWeightsTest {

  @Test
  void unchangedWeightsReuseTheirPacking() {
    Kernels k = KernelProvider.get();
    float[] w = Tensor.uniform(new Random(1), -1, 1, 12, 5).data();
    PackedMatrix first = PackedWeights.transposed(k, w, 12, 5);
    assertSame(first, PackedWeights.transposed(k, w, 12, 5), "the same weights, the same packing");
    assertEquals(5, first.k());
    assertEquals(12, first.n());
  }

  @Test
  void aWeightWrittenInPlaceIsPackedAfresh() {
    Kernels k = KernelProvider.get();
    float[] w = Tensor.uniform(new Random(2), -1, 1, 12, 5).data();
    PackedMatrix before = PackedWeights.transposed(k, w, 12, 5);
    w[w.length - 1] += 0.5f;
    PackedMatrix after = PackedWeights.transposed(k, w, 12, 5);
    assertNotSame(before, after, "a changed weight must not be served the old packing");
    float[] x = Tensor.uniform(new Random(3), -1, 1, 4, 5).data();
    float[] fromCache = new float[4 * 12], fresh = new float[4 * 12];
    k.gemmPacked(4, 1f, x, 0, 5, after, 0f, fromCache, 0, 12);
    k.gemmPacked(4, 1f, x, 0, 5, k.packB(true, 5, 12, w, 0, 5), 0f, fresh, 0, 12);
    for (int j = 0; j < fresh.length; j++) {
      if (Float.floatToRawIntBits(fresh[j]) != Float.floatToRawIntBits(fromCache[j])) {
        fail("product with the cached packing differs at " + j + ": " + fromCache[j] + " vs " + fresh[j]);
      }
    }
  }

  @Test
  void otherKernelsOrShapesPackAfresh() {
    float[] w = Tensor.uniform(new Random(4), -1, 1, 6, 4).data();
    Kernels vector = KernelProvider.get(), scalar = new ScalarKernels();
    PackedMatrix byVector = PackedWeights.transposed(vector, w, 6, 4);
    PackedMatrix byScalar = PackedWeights.transposed(scalar, w, 6, 4);
    assertNotSame(byVector, byScalar, "a packing is only valid for the kernels that made it");
    PackedMatrix reshaped = PackedWeights.transposed(scalar, w, 4, 6);
    assertEquals(4, reshaped.n(), "another shape of the same array is its own packing");
    assertThrows(IllegalArgumentException.class, () -> PackedWeights.transposed(scalar, w, 5, 4));
  }

  @Test
  void anLstmServedTwiceAnswersForTheWeightsItHasNow() {
    Random rng = new Random(5);
    int T = 20, B = 1, I = 3, H = 8, G = 4 * H;
    Tensor x = Tensor.uniform(rng, -1, 1, T, B, I), wIh = Tensor.uniform(rng, -1, 1, G, I);
    Tensor wHh = Tensor.uniform(rng, -1, 1, G, H), bIh = Tensor.uniform(rng, -1, 1, G);
    Tensor bHh = Tensor.uniform(rng, -1, 1, G);
    SequencePlan plan = SequencePlan.of(T, B, null);
    Tensor served;
    try (var g = Autograd.noGrad()) {
      LstmSequence.apply(x, plan, wIh, wHh, bIh, bHh, null, null);          // fills the cache
      wHh.data()[G * H - 1] *= -2f;                                          // an optimizer's in-place step
      wIh.data()[0] += 1f;
      served = LstmSequence.apply(x, plan, wIh, wHh, bIh, bHh, null, null)[0];
    }
    wHh.requiresGrad(true);
    Tensor reference = LstmSequence.apply(x, plan, wIh, wHh, bIh, bHh, null, null)[0];
    float[] e = reference.data(), a = served.data();
    for (int j = 0; j < e.length; j++) {
      if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(a[j])) {
        fail("inference after an in-place update differs at " + j + ": " + a[j] + ", expected " + e[j]);
      }
    }
  }
}
