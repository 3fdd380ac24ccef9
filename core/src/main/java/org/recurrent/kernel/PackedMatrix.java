package org.recurrent.kernel;

/**
 * A right-hand GEMM operand {@code op(B)} of shape (K, N), re-laid out once by {@link Kernels#packB} so that
 * repeated products with the same weights (one per time step) skip the packing. Each {@link Kernels}
 * implementation has its own layout; pass a packed matrix only to the kernels that made it.
 */
public interface PackedMatrix {
  /** Rows of op(B) (the shared dimension). */
  int k();

  /** Columns of op(B) (the output width). */
  int n();
}
