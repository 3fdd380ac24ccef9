package org.recurrent.rnn;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.PackedMatrix;

/**
 * Packed weight matrices for the inference passes, kept from one call to the next while the weights are unchanged.
 *
 * <p>Why: an inference pass packs W_ih and W_hh for the GEMM micro-kernel ({@link Kernels#packB}) before its first
 * step. At batch 1 that packing was 12% of an LSTM pass at (T, I, H) = (100, 128, 256) (performance.md); a model
 * served one sequence at a time packed the same unchanged weights on every request.
 *
 * <p>Why the check is on content, not on a version number: parameters are written in place, by optimizers,
 * checkpoint loads and user code through {@code Tensor.data()}, and a version counter would answer wrong the first
 * time one writer forgot to bump it. An entry keeps a plain copy of the weights it packed and is used only while
 * {@link Arrays#equals(float[], float[])} finds the weights bit for bit the same (a vectorised mismatch: it
 * reads the weights and the copy once, where packing reads the weights and writes them again in another order); any difference, a different shape or
 * other kernels pack afresh and replace the entry. The packing is a pure function of the weights' bits, the shape
 * and the kernels, so a hit gives exactly the product a fresh packing would.
 *
 * <p>Memory: each cached matrix costs its size twice more (the copy and the packing), held while the weight array
 * is reachable (weak keys: a model that is dropped takes its entries with it). Thread-safe: entries are immutable
 * once published, and concurrent passes over one model may both pack and one of the two entries stays.
 */
final class PackedWeights {
  private static final Map<float[], Entry> ENTRIES = Collections.synchronizedMap(new WeakHashMap<>());

  /** One packing of a whole weight array; {@code copy} is the array's content when it was packed. */
  private record Entry(Kernels kernels, int n, int k, float[] copy, PackedMatrix packed) {}

  private PackedWeights() {}

  /**
   * The packing of {@code op(W) = W^T}, W the whole array {@code w} stored (N, K) row-major (PyTorch layout: one row
   * per output unit), as {@code kernels.packB(true, K, N, w, 0, K)} would return it.
   */
  static PackedMatrix transposed(Kernels kernels, float[] w, int n, int k) {
    if (w.length != n * k) {
      throw new IllegalArgumentException("weights hold " + w.length + " values, expected " + n + " x " + k);
    }
    Entry e = ENTRIES.get(w);
    if (e != null && e.kernels == kernels && e.n == n && e.k == k && Arrays.equals(w, e.copy)) return e.packed;
    float[] copy = w.clone();  // packed from the copy, so copy and packing agree even if w is written meanwhile
    Entry fresh = new Entry(kernels, n, k, copy, kernels.packB(true, k, n, copy, 0, k));
    ENTRIES.put(w, fresh);
    return fresh.packed;
  }
}
