package org.recurrent.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the {@link Workspace} pool keeps: a buffer comes back for a request it fits, until it has lain unused for
 * {@link Workspace#IDLE_TAKES} takes of other sizes (its shape is gone) or the thread {@link Workspace#release}s
 * the pool. The bit-identity of reuse inside the sequence ops is {@link WorkspaceReuseTest}'s.
 */
class WorkspaceTest {

  @BeforeEach
  @AfterEach
  void emptyThePool() {
    Workspace.release();
  }

  /** {@code count} takes of a size that the 1000-float buffer cannot serve (under half its length). */
  private static void takeOthers(long count) {
    for (long i = 0; i < count; i++) Workspace.give(Workspace.take(10, false));
  }

  @Test
  void aBufferComesBackUntilItHasBeenIdleForIdleTakes() {
    float[] big = new float[1000];
    Workspace.give(big);
    takeOthers(Workspace.IDLE_TAKES - 1);                         // the take below is its IDLE_TAKES-th
    assertSame(big, Workspace.take(1000, false));
  }

  @Test
  void aBufferIdleForMoreThanIdleTakesIsDropped() {
    float[] big = new float[1000];
    Workspace.give(big);
    takeOthers(Workspace.IDLE_TAKES);
    assertNotSame(big, Workspace.take(1000, false));
    assertEquals(1, Workspace.held(), "only the small buffer the loop keeps reusing is left");
    assertEquals(4L * 10, Workspace.heldBytes());
  }

  @Test
  void aBufferInUseNeverAgesOut() {
    float[] big = new float[1000];
    Workspace.give(big);
    for (int round = 0; round < 4; round++) {
      takeOthers(Workspace.IDLE_TAKES - 1);
      float[] again = Workspace.take(1000, false);
      assertSame(big, again, "round " + round);
      Workspace.give(again);
    }
  }

  @Test
  void releaseDropsEveryBuffer() {
    float[] a = new float[1000], b = new float[300];
    Workspace.give(a, b);
    assertEquals(2, Workspace.held());
    Workspace.release();
    assertEquals(0, Workspace.held());
    assertEquals(0, Workspace.heldBytes());
    assertNotSame(a, Workspace.take(1000, false));
    assertNotSame(b, Workspace.take(300, false));
  }
}
