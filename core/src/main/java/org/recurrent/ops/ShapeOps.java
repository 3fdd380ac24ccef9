package org.recurrent.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Shape changes: {@code torch.cat}, {@code torch.split}, slicing {@code x[..., start:end, ...]},
 * {@code torch.select}, {@code torch.reshape} and {@code torch.transpose}. Every op except reshape copies;
 * the gradient is the same data movement run backwards (scatter for gather, gather for scatter).
 *
 * <p>A tensor seen around one dimension d is a (pre, n, post) block: pre = product of the dimensions before d,
 * post = product after. Slicing, concatenation and selection move contiguous runs of {@code post} elements.
 */
final class ShapeOps {
  private ShapeOps() {}

  /** Joins tensors along {@code dim}; all other dimensions must match. */
  static Tensor concat(List<Tensor> xs, int dim) {
    if (xs.isEmpty()) throw new IllegalArgumentException("concat: needs at least one tensor, got an empty list");
    Tensor first = xs.get(0);
    int d = Shapes.dim("concat", first, dim);
    int[] shape = first.shape();
    int sizeSum = 0;
    for (int i = 0; i < xs.size(); i++) {
      Tensor x = xs.get(i);
      int[] s = x.shape();
      boolean ok = s.length == shape.length;
      for (int k = 0; ok && k < s.length; k++) ok = k == d || s[k] == shape[k];
      if (!ok) {
        throw new IllegalArgumentException("concat: tensor " + i + " has shape " + x.shapeString()
            + " but tensor 0 has " + first.shapeString() + "; all dimensions except " + d + " must match");
      }
      sizeSum += s[d];
    }
    int total = sizeSum;
    int pre = Shapes.product(shape, 0, d);
    int post = Shapes.product(shape, d + 1, shape.length);
    int[] outShape = shape.clone();
    outShape[d] = total;
    Tensor y = Tensor.zeros(outShape);                                                       // (pre, total, post)
    Tensor[] inputs = xs.toArray(new Tensor[0]);
    int start = 0;
    for (Tensor x : inputs) {
      int n = x.size(d);
      copyBlock(x.data(), 0, n, y.data(), start, total, pre, n, post, false);
      start += n;
    }
    return Autograd.record("concat", inputs, new Tensor[] {y}, () -> {
      float[] dy = y.gradData();
      int s0 = 0;
      for (Tensor x : inputs) {
        int n = x.size(d);
        float[] dx = x.gradForAccumulation();
        if (dx != null) copyBlock(dy, s0, total, dx, 0, n, pre, n, post, true);
        s0 += n;
      }
    });
  }

  /** Splits {@code x} along {@code dim} into consecutive pieces of the given sizes (which must add up). */
  static List<Tensor> split(Tensor x, int[] sizes, int dim) {
    int d = Shapes.dim("split", x, dim);
    int[] shape = x.shape();
    int sizeSum = 0;
    for (int s : sizes) {
      if (s < 0) throw new IllegalArgumentException("split: sizes must be non-negative, got " + Shapes.str(sizes));
      sizeSum += s;
    }
    int total = sizeSum;
    if (total != shape[d]) {
      throw new IllegalArgumentException("split: sizes " + Shapes.str(sizes) + " add up to " + total
          + " but dimension " + d + " of " + x.shapeString() + " is " + shape[d]);
    }
    int pre = Shapes.product(shape, 0, d);
    int post = Shapes.product(shape, d + 1, shape.length);
    Tensor[] pieces = new Tensor[sizes.length];
    int start = 0;
    for (int i = 0; i < sizes.length; i++) {
      int[] s = shape.clone();
      s[d] = sizes[i];
      pieces[i] = Tensor.zeros(s);                                                           // (pre, sizes[i], post)
      copyBlock(x.data(), start, total, pieces[i].data(), 0, sizes[i], pre, sizes[i], post, false);
      start += sizes[i];
    }
    if (pieces.length > 0) {
      Autograd.record("split", new Tensor[] {x}, pieces, () -> {
        float[] dx = x.gradForAccumulation();
        if (dx == null) return;
        int s0 = 0;
        for (Tensor piece : pieces) {
          int n = piece.size(d);
          copyBlock(piece.gradData(), 0, n, dx, s0, total, pre, n, post, true);
          s0 += n;
        }
      });
    }
    return Collections.unmodifiableList(new ArrayList<>(List.of(pieces)));
  }

  /** Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code dim}. */
  static Tensor slice(Tensor x, int dim, int start, int end) {
    int d = Shapes.dim("slice", x, dim);
    int n = x.size(d);
    if (start < 0 || end > n || start > end) {
      throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is not within [0, " + n
          + "] of dimension " + d + " of " + x.shapeString());
    }
    int[] s = x.shape();
    s[d] = end - start;
    return narrow("slice", x, d, start, end - start, s);
  }

  /** The entry {@code index} along {@code dim}, which is removed. */
  static Tensor select(Tensor x, int dim, int index) {
    int d = Shapes.dim("select", x, dim);
    int n = x.size(d);
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("select: index " + index + " is out of range for dimension " + d
          + " of size " + n + " in " + x.shapeString());
    }
    return narrow("select", x, d, index, 1, Shapes.without(x.shape(), d));
  }

  /** Copies the run [start, start + len) of dimension d into a tensor of {@code outShape} (same element count). */
  private static Tensor narrow(String op, Tensor x, int d, int start, int len, int[] outShape) {
    int[] shape = x.shape();
    int pre = Shapes.product(shape, 0, d);
    int n = shape[d];
    int post = Shapes.product(shape, d + 1, shape.length);
    Tensor y = Tensor.zeros(outShape);
    copyBlock(x.data(), start, n, y.data(), 0, len, pre, len, post, false);                // y = x[.., start:start+len, ..]
    return Autograd.record(op, y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx != null) copyBlock(y.gradData(), 0, len, dx, start, n, pre, len, post, true);
    }, x);
  }

  /**
   * For every p in [0, pre): copies (or adds) {@code count * post} contiguous elements from row p of src,
   * viewed as (pre, srcN, post) starting at index srcStart of the middle dimension, to row p of dst viewed as
   * (pre, dstN, post) starting at dstStart.
   */
  private static void copyBlock(float[] src, int srcStart, int srcN, float[] dst, int dstStart, int dstN,
                                int pre, int count, int post, boolean accumulate) {
    int run = count * post;
    for (int p = 0; p < pre; p++) {
      int s = (p * srcN + srcStart) * post;
      int t = (p * dstN + dstStart) * post;
      if (accumulate) {
        for (int i = 0; i < run; i++) dst[t + i] += src[s + i];
      } else {
        System.arraycopy(src, s, dst, t, run);
      }
    }
  }

  /**
   * The same elements in a new shape; one dimension may be -1 (inferred). Shares the data array like a
   * PyTorch view of a contiguous tensor, so writing into either changes both.
   */
  static Tensor reshape(Tensor x, int... shape) {
    int[] s = shape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1 && infer < 0) {
        infer = i;
      } else if (s[i] < 0) {
        throw new IllegalArgumentException("reshape: " + Shapes.str(shape) + " may hold one -1 and otherwise "
            + "non-negative sizes (input " + x.shapeString() + ")");
      } else {
        known *= s[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || x.numel() % known != 0) {
        throw new IllegalArgumentException("reshape: cannot infer the -1 in " + Shapes.str(shape) + " for "
            + x.numel() + " elements (input " + x.shapeString() + ")");
      }
      s[infer] = (int) (x.numel() / known);
      known *= s[infer];
    }
    if (known != x.numel()) {
      throw new IllegalArgumentException("reshape: shape " + Shapes.str(shape) + " holds " + known
          + " elements but the input " + x.shapeString() + " has " + x.numel());
    }
    Tensor y = Tensor.of(x.data(), s);
    return Autograd.record("reshape", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx == null) return;
      float[] dy = y.gradData();
      for (int i = 0; i < dx.length; i++) dx[i] += dy[i];
    }, x);
  }

  /** Swaps dimensions {@code d0} and {@code d1} (copying into the new row-major order). */
  static Tensor transpose(Tensor x, int d0, int d1) {
    int a = Math.min(Shapes.dim("transpose", x, d0), Shapes.dim("transpose", x, d1));
    int b = Math.max(Shapes.dim("transpose", x, d0), Shapes.dim("transpose", x, d1));
    int[] shape = x.shape();
    if (a == b) return slice(x, a, 0, shape[a]);   // nothing to swap; still a copy, as documented
    // x is (pre, na, mid, nb, post); y is (pre, nb, mid, na, post).
    int pre = Shapes.product(shape, 0, a);
    int na = shape[a];
    int mid = Shapes.product(shape, a + 1, b);
    int nb = shape[b];
    int post = Shapes.product(shape, b + 1, shape.length);
    int[] outShape = shape.clone();
    outShape[a] = nb;
    outShape[b] = na;
    Tensor y = Tensor.zeros(outShape);
    swap(x.data(), y.data(), pre, na, mid, nb, post, false);                                 // y[p,j,m,i,q] = x[p,i,m,j,q]
    return Autograd.record("transpose", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx != null) swap(y.gradData(), dx, pre, nb, mid, na, post, true);
    }, x);
  }

  /** dst (pre, nb, mid, na, post) = (or +=) src (pre, na, mid, nb, post) with the two dimensions swapped. */
  private static void swap(float[] src, float[] dst, int pre, int na, int mid, int nb, int post, boolean accumulate) {
    for (int p = 0; p < pre; p++) {
      for (int i = 0; i < na; i++) {
        for (int m = 0; m < mid; m++) {
          for (int j = 0; j < nb; j++) {
            int s = ((((p * na + i) * mid + m) * nb) + j) * post;
            int t = ((((p * nb + j) * mid + m) * na) + i) * post;
            if (accumulate) {
              for (int q = 0; q < post; q++) dst[t + q] += src[s + q];
            } else {
              System.arraycopy(src, s, dst, t, post);
            }
          }
        }
      }
    }
  }
}
