package org.recurrent.rnn;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * Float buffers reused from one pass of a sequence op to the next, per thread. A training step of an LSTM
 * layer at (B, T, H) = (64, 100, 256) needs about 47 MB of buffers that live from its forward pass to the end of
 * its backward pass (every step's gates, overwritten by their gradients, states and tanh(c), the packing of W_hh);
 * allocated afresh each step they were most of what a training process allocated, they outlived young collections
 * and were copied into the old generation, and the heap, hence the process's resident memory, grew to its limit
 * (about 1 GiB against 350 MB for PyTorch). Inference passes take their scratch (a chunk of projected gates, the
 * running c, a ragged batch's sorted states) from here too, and give it back before they return, so a pass
 * allocates only the outputs it returns.
 *
 * <p>A buffer {@link #take taken} may be longer than asked for and holds whatever its last user left, unless taken
 * zeroed: callers use explicit sizes and offsets, never {@code length}. A buffer is {@link #give given back} only
 * when nothing can read it again (a sequence op gives its buffers back at the end of its backward pass, and refuses
 * to run that backward a second time). A buffer is reused only for a request of at least half its length, so one
 * long batch does not pin a huge buffer for short ones.
 *
 * <p>What the pool keeps, and why no more: at most {@link #MAX_BYTES} per thread ({@code -Drecurrent.workspace.bytes},
 * 256 MiB by default; 0 turns reuse off), oldest dropped first; a buffer that lies unused while the thread takes
 * {@link #IDLE_TAKES} others ({@code -Drecurrent.workspace.idleTakes}, 256 by default) is dropped, since the shapes it
 * served are gone (a model's training step takes every buffer it gave back, about 6 per layer and direction, so
 * only a shape that stopped coming back ages out; the bench's 18 cases, or training then evaluating at another
 * batch size, left up to 256 MiB of dead shapes' buffers pinned before); and {@link #release} drops them all, which
 * {@code TrainingRun} calls when {@code Trainer.fit} returns, so a process that trains and then predicts does not keep
 * them.
 */
public final class Workspace {
  /** Kept per thread, at most: 256 MiB (the buffers of about three LSTM layers at the size above). */
  static final long MAX_BYTES = Long.getLong("recurrent.workspace.bytes", 256L << 20);

  /** Takes on this thread after which a buffer not taken again is dropped. */
  static final long IDLE_TAKES = Long.getLong("recurrent.workspace.idleTakes", 256);

  private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

  /** A buffer in the pool and the value of {@link #takes} when it came back. */
  private record Idle(float[] buffer, long since) {}

  private final ArrayList<Idle> free = new ArrayList<>();
  private long freeBytes;
  private long takes;
  private long releases;

  private Workspace() {}

  /** A buffer of at least {@code n} floats; its first {@code n} are zero when {@code zeroed}. */
  static float[] take(int n, boolean zeroed) {
    Workspace w = LOCAL.get();
    w.takes++;
    w.dropIdle();
    int best = -1;
    for (int i = 0; i < w.free.size(); i++) {
      int len = w.free.get(i).buffer.length;
      if (len >= n && len / 2 <= n && (best < 0 || len < w.free.get(best).buffer.length)) best = i;
    }
    if (best < 0) return new float[n];
    float[] buffer = w.free.remove(best).buffer;
    w.freeBytes -= 4L * buffer.length;
    if (zeroed) Arrays.fill(buffer, 0, n, 0f);
    return buffer;
  }

  /** Returns buffers nothing will read again to this thread's pool (nulls are skipped). */
  static void give(float[]... buffers) {
    Workspace w = LOCAL.get();
    for (float[] b : buffers) {
      if (b == null || 4L * b.length > MAX_BYTES || w.holds(b)) continue; // given twice: keep one, never share it
      while (w.freeBytes + 4L * b.length > MAX_BYTES) w.drop(0);   // oldest first
      w.free.add(new Idle(b, w.takes));
      w.freeBytes += 4L * b.length;
    }
  }

  /**
   * Drops every buffer this thread's pool holds, for the collector to reclaim: call it when this thread's
   * training is over (the next training pass allocates its buffers afresh, then reuses them again).
   */
  public static void release() {
    Workspace w = LOCAL.get();
    w.free.clear();
    w.freeBytes = 0;
    w.releases++;
  }

  /** Times this thread's pool was {@link #release}d: lets a caller that must release it be checked. */
  public static long releases() {
    return LOCAL.get().releases;
  }

  /** The free list is in the order buffers came back, so the idle ones are at its head. */
  private void dropIdle() {
    while (!free.isEmpty() && takes - free.get(0).since > IDLE_TAKES) drop(0);
  }

  private void drop(int i) {
    freeBytes -= 4L * free.remove(i).buffer.length;
  }

  private boolean holds(float[] b) {
    for (Idle f : free) if (f.buffer == b) return true;
    return false;
  }

  /** Buffers held for reuse on this thread (tests). */
  static int held() {
    return LOCAL.get().free.size();
  }

  /** Bytes held for reuse on this thread (tests). */
  static long heldBytes() {
    return LOCAL.get().freeBytes;
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
