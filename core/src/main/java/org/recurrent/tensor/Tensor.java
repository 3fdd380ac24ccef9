package org.recurrent.tensor;

import java.util.Arrays;
import java.util.Random;
import org.recurrent.autograd.Autograd;
import org.recurrent.autograd.Node;

/**
 * A dense float32 tensor: a row-major {@code float[]} and its shape, plus what reverse-mode autograd needs
 * (whether it requires a gradient, the gradient buffer, and the {@link Node} that produced it).
 *
 * <p>Dimension letters used in shape comments across the library: T time, B batch, I input features,
 * H hidden size, L layers, D directions (1 or 2), V vocabulary, G gate width (4H for LSTM, 3H for GRU).
 *
 * <p>The data array is exposed ({@link #data()}) because kernels work on raw arrays; callers that mutate a
 * tensor which takes part in a recorded graph get wrong gradients, exactly as with in-place ops in PyTorch.
 */
public final class Tensor {
  private final int[] shape;
  private final float[] data;
  private boolean requiresGrad;
  private float[] grad;
  private Node gradFn;

  private Tensor(float[] data, int[] shape) {
    this.shape = shape;
    this.data = data;
  }

  /** Wraps {@code data} (not copied) as a tensor of the given shape. */
  public static Tensor of(float[] data, int... shape) {
    int[] s = shape.clone();
    long n = checkShape(s);
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(s) + " needs " + n + " values, got " + data.length);
    }
    return new Tensor(data, s);
  }

  public static Tensor zeros(int... shape) {
    int[] s = shape.clone();
    return new Tensor(new float[Math.toIntExact(checkShape(s))], s);
  }

  public static Tensor full(float value, int... shape) {
    Tensor t = zeros(shape);
    Arrays.fill(t.data, value);
    return t;
  }

  public static Tensor ones(int... shape) {
    return full(1f, shape);
  }

  public static Tensor scalar(float value) {
    return new Tensor(new float[] {value}, new int[0]);
  }

  /** Uniform in [lo, hi) from the given generator. */
  public static Tensor uniform(Random random, float lo, float hi, int... shape) {
    Tensor t = zeros(shape);
    for (int i = 0; i < t.data.length; i++) t.data[i] = lo + (hi - lo) * random.nextFloat();
    return t;
  }

  /** Standard normal times {@code std} from the given generator. */
  public static Tensor randn(Random random, float std, int... shape) {
    Tensor t = zeros(shape);
    for (int i = 0; i < t.data.length; i++) t.data[i] = (float) (random.nextGaussian() * std);
    return t;
  }

  private static long checkShape(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      n *= d;
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n + " elements; at most 2^31 fit in one tensor");
    }
    return n;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int dim() {
    return shape.length;
  }

  /** Size of dimension {@code d}; negative counts from the end. */
  public int size(int d) {
    int k = d < 0 ? shape.length + d : d;
    if (k < 0 || k >= shape.length) {
      throw new IllegalArgumentException("dimension " + d + " out of range for shape " + shapeString());
    }
    return shape[k];
  }

  public int numel() {
    return data.length;
  }

  /** The backing array, row-major. Not a copy. */
  public float[] data() {
    return data;
  }

  public float item() {
    if (data.length != 1) throw new IllegalStateException("item() needs a one-element tensor, got " + shapeString());
    return data[0];
  }

  public float get(int... index) {
    return data[offset(index)];
  }

  public void set(float value, int... index) {
    data[offset(index)] = value;
  }

  private int offset(int[] index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException("index " + Arrays.toString(index) + " does not match shape " + shapeString());
    }
    int off = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape " + shapeString());
      }
      off = off * shape[d] + index[d];
    }
    return off;
  }

  public boolean sameShape(Tensor other) {
    return Arrays.equals(shape, other.shape);
  }

  public String shapeString() {
    return Arrays.toString(shape).replace('[', '(').replace(']', ')');
  }

  /** A new tensor with a copy of the data, no gradient history. */
  public Tensor copy() {
    return new Tensor(data.clone(), shape.clone());
  }

  /** Shares the data, cut from the graph (like {@code torch.Tensor.detach}). */
  public Tensor detach() {
    return new Tensor(data, shape.clone());
  }

  // ---- autograd ----------------------------------------------------------------------------------------

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Marks a leaf as requiring a gradient. Returns {@code this}. */
  public Tensor requiresGrad(boolean flag) {
    if (gradFn != null && !flag) {
      throw new IllegalStateException("cannot clear requiresGrad on a non-leaf tensor; use detach()");
    }
    this.requiresGrad = flag;
    return this;
  }

  /** The gradient as a tensor sharing the buffer, or null if none was computed. */
  public Tensor grad() {
    return grad == null ? null : new Tensor(grad, shape.clone());
  }

  /** The raw gradient buffer, or null. */
  public float[] gradData() {
    return grad;
  }

  /**
   * The gradient buffer to accumulate into during backward, allocated (zeros) on first use; null when this
   * tensor does not require a gradient, so backward code can skip work with one check.
   */
  public float[] gradForAccumulation() {
    if (!requiresGrad) return null;
    if (grad == null) grad = new float[data.length];
    return grad;
  }

  public void zeroGrad() {
    if (grad != null) Arrays.fill(grad, 0f);
  }

  /** Drops the gradient buffer (frees memory; the next backward allocates a new one). */
  public void clearGrad() {
    grad = null;
  }

  public Node gradFn() {
    return gradFn;
  }

  /** Used by {@link Autograd} when recording an op; not for user code. */
  public void attach(Node node) {
    this.gradFn = node;
    this.requiresGrad = true;
  }

  public boolean isLeaf() {
    return gradFn == null;
  }

  /** Back-propagates from this scalar (seed 1). */
  public void backward() {
    if (data.length != 1) {
      throw new IllegalStateException("backward() without a seed needs a scalar, got " + shapeString()
          + "; pass a gradient tensor of the same shape");
    }
    Autograd.backward(this, new float[] {1f});
  }

  /** Back-propagates with the given seed gradient (same shape as this tensor). */
  public void backward(Tensor seed) {
    if (!sameShape(seed)) {
      throw new IllegalArgumentException("seed gradient shape " + seed.shapeString() + " != tensor shape " + shapeString());
    }
    Autograd.backward(this, seed.data.clone());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tensor").append(shapeString()).append(' ');
    int n = Math.min(data.length, 8);
    sb.append('[');
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ", ").append(data[i]);
    if (data.length > n) sb.append(", ...");
    sb.append(']');
    if (gradFn != null) sb.append(" gradFn=").append(gradFn.name());
    else if (requiresGrad) sb.append(" requiresGrad");
    return sb.toString();
  }
}
