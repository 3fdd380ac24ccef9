package org.recurrent.ops;

import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.tensor.Tensor;

/**
 * Matrix products: {@code torch.matmul} (a batch of rows times one matrix), {@code torch.nn.functional.linear}
 * and {@code torch.bmm}. Leading dimensions of the left operand are flattened into the rows M of one GEMM.
 * <pre>{@code
 * matmul: Y = A B           dA += dY B^T      dB += A^T dY
 * linear: Y = X W^T + b     dX += dY W        dW += dY^T X     db += sum over rows of dY
 * bmm:    Y[i] = A[i] B[i]  (the matmul rules per batch entry i)
 * }</pre>
 */
final class MatrixOps {
  private MatrixOps() {}

  /** a (..., K) x b (K, N) -> (..., N). */
  static Tensor matmul(Tensor a, Tensor b) {
    Shapes.requireMinDim("matmul", "first operand", a, 1);
    if (b.dim() != 2 || b.size(0) != a.size(-1)) {
      throw new IllegalArgumentException("matmul: second operand must be (K, N) with K = " + a.size(-1)
          + " (the first operand's last dimension, shape " + a.shapeString() + "), got " + b.shapeString());
    }
    int k = b.size(0);
    int n = b.size(1);
    int m = Shapes.product(a.shape(), 0, a.dim() - 1);
    Kernels kern = KernelProvider.get();
    Tensor y = Tensor.zeros(Shapes.withLast(a.shape(), n));                                  // (M, N)
    kern.gemm(false, false, m, n, k, 1f, a.data(), 0, k, b.data(), 0, n, 0f, y.data(), 0, n);  // Y = A B
    return Autograd.record("matmul", y, () -> {
      float[] dY = y.gradData();
      float[] dA = a.gradForAccumulation();
      float[] dB = b.gradForAccumulation();
      if (dA != null) kern.gemm(false, true, m, k, n, 1f, dY, 0, n, b.data(), 0, n, 1f, dA, 0, k);  // dA += dY B^T
      if (dB != null) kern.gemm(true, false, k, n, m, 1f, a.data(), 0, k, dY, 0, n, 1f, dB, 0, n);  // dB += A^T dY
    }, a, b);
  }

  /** x (..., in) with weight (out, in) and bias (out) or null -> (..., out). */
  static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    if (weight.dim() != 2) {
      throw new IllegalArgumentException("linear: weight must be (out, in), got " + weight.shapeString());
    }
    int out = weight.size(0);
    int in = weight.size(1);
    if (x.dim() < 1 || x.size(-1) != in) {
      throw new IllegalArgumentException("linear: input last dimension must be " + in + " (weight is "
          + weight.shapeString() + "), got " + x.shapeString());
    }
    if (bias != null && (bias.dim() != 1 || bias.size(0) != out)) {
      throw new IllegalArgumentException("linear: bias must be (" + out + ") to match weight "
          + weight.shapeString() + ", got " + bias.shapeString());
    }
    int m = Shapes.product(x.shape(), 0, x.dim() - 1);
    Kernels kern = KernelProvider.get();
    Tensor y = Tensor.zeros(Shapes.withLast(x.shape(), out));                                // (M, out)
    float[] yd = y.data();
    if (bias != null) for (int r = 0; r < m; r++) System.arraycopy(bias.data(), 0, yd, r * out, out);
    kern.gemm(false, true, m, out, in, 1f, x.data(), 0, in, weight.data(), 0, in,
        bias != null ? 1f : 0f, yd, 0, out);                                                  // Y = X W^T + b
    return Autograd.record("linear", new Tensor[] {x, weight, bias}, new Tensor[] {y}, () -> {
      float[] dY = y.gradData();
      float[] dX = x.gradForAccumulation();
      float[] dW = weight.gradForAccumulation();
      float[] db = bias == null ? null : bias.gradForAccumulation();
      if (dX != null) kern.gemm(false, false, m, in, out, 1f, dY, 0, out, weight.data(), 0, in, 1f, dX, 0, in);  // dX += dY W
      if (dW != null) kern.gemm(true, false, out, in, m, 1f, dY, 0, out, x.data(), 0, in, 1f, dW, 0, in);       // dW += dY^T X
      if (db != null) {
        for (int r = 0; r < m; r++) for (int j = 0; j < out; j++) db[j] += dY[r * out + j];               // db += sum_r dY[r]
      }
    });
  }

  /** a (B, M, K) x b (B, K, N) -> (B, M, N). */
  static Tensor bmm(Tensor a, Tensor b) {
    if (a.dim() != 3 || b.dim() != 3 || a.size(0) != b.size(0) || a.size(2) != b.size(1)) {
      throw new IllegalArgumentException("bmm: operands must be (B, M, K) and (B, K, N) with equal B and K, got "
          + a.shapeString() + " and " + b.shapeString());
    }
    int batch = a.size(0);
    int m = a.size(1);
    int k = a.size(2);
    int n = b.size(2);
    Kernels kern = KernelProvider.get();
    Tensor y = Tensor.zeros(batch, m, n);                                                    // (B, M, N)
    for (int i = 0; i < batch; i++) {
      kern.gemm(false, false, m, n, k, 1f, a.data(), i * m * k, k, b.data(), i * k * n, n,
          0f, y.data(), i * m * n, n);                                                        // Y[i] = A[i] B[i]
    }
    return Autograd.record("bmm", y, () -> {
      float[] dY = y.gradData();
      float[] dA = a.gradForAccumulation();
      float[] dB = b.gradForAccumulation();
      for (int i = 0; i < batch; i++) {
        int aOff = i * m * k;
        int bOff = i * k * n;
        int yOff = i * m * n;
        if (dA != null) kern.gemm(false, true, m, k, n, 1f, dY, yOff, n, b.data(), bOff, n, 1f, dA, aOff, k);
        if (dB != null) kern.gemm(true, false, k, n, m, 1f, a.data(), aOff, k, dY, yOff, n, 1f, dB, bOff, n);
      }
    }, a, b);
  }
}
