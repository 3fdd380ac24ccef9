package org.recurrent.rnn;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * Float buffers reused from one training pass of a sequence op to the next, per thread. A training step of an LSTM
 * layer at (B, T, H) = (64, 100, 256) needs about 70 MB of buffers that live from its forward pass to the end of
 * its backward pass (every step's gates and states, the gate gradients); allocated afresh each step they were most
 * of what a training process allocated, they outlived young collections and were copied into the old generation,
 * and the heap, hence the process's resident memory, grew to its limit (about 1 GiB against 350 MB for PyTorch).
 *
 * <p>A buffer {@link #take taken} may be longer than asked for and holds whatever its last user left, unless taken
 * zeroed: callers use explicit sizes and offsets, never {@code length}. A buffer is {@link #give given back} only
 * when nothing can read it again (a sequence op gives its buffers back at the end of its backward pass, and refuses
 * to run that backward a second time). At most {@link #MAX_BYTES} are kept per thread; a buffer is reused only for
 * a request of at least half its length, so one long batch does not pin a huge buffer for short ones.
 */
final class Workspace {
  /** Kept per thread, at most: 256 MiB (the buffers of about three LSTM layers at the size above). */
  static final long MAX_BYTES = Long.getLong("recurrent.workspace.bytes", 256L << 20);

  private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

  private final ArrayList<float[]> free = new ArrayList<>();
  private long freeBytes;

  private Workspace() {}

  /** A buffer of at least {@code n} floats; its first {@code n} are zero when {@code zeroed}. */
  static float[] take(int n, boolean zeroed) {
    Workspace w = LOCAL.get();
    int best = -1;
    for (int i = 0; i < w.free.size(); i++) {
      int len = w.free.get(i).length;
      if (len >= n && len / 2 <= n && (best < 0 || len < w.free.get(best).length)) best = i;
    }
    if (best < 0) return new float[n];
    float[] buffer = w.free.remove(best);
    w.freeBytes -= 4L * buffer.length;
    if (zeroed) Arrays.fill(buffer, 0, n, 0f);
    return buffer;
  }

  /** Returns buffers nothing will read again to this thread's pool (nulls are skipped). */
  static void give(float[]... buffers) {
    Workspace w = LOCAL.get();
    for (float[] b : buffers) {
      if (b == null || 4L * b.length > MAX_BYTES || w.holds(b)) continue; // given twice: keep one, never share it
      while (w.freeBytes + 4L * b.length > MAX_BYTES) w.freeBytes -= 4L * w.free.remove(0).length; // oldest first
      w.free.add(b);
      w.freeBytes += 4L * b.length;
    }
  }

  private boolean holds(float[] b) {
    for (float[] f : free) if (f == b) return true;
    return false;
  }

  /** Forgets this thread's buffers (tests: a clean pool to compare against). */
  static void clear() {
    Workspace w = LOCAL.get();
    w.free.clear();
    w.freeBytes = 0;
  }

  /** Buffers held for reuse on this thread (tests). */
  static int held() {
    return LOCAL.get().free.size();
  }

  /**
   * The error for a second backward pass through one forward: its buffers went back to the workspace at the
   * end of the first and may already hold another pass's values.
   */
  static IllegalStateException secondBackward(String op) {
    return new IllegalStateException(op + ": backward ran a second time through the same forward pass; run the"
        + " forward again (its buffers were reused after the first backward)");
  }
}
