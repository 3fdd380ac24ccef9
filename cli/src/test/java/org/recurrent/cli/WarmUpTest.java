package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link WarmUp} on a fake clock (each run takes 10 ms) and a fake JIT: it stops only after the minimum count, the
 * minimum second and 0.3 s without a compilation, and at the cap when the JIT never settles. Catches a warm-up that
 * stops at the first second while compilations still finish (the defect it was written for), one that ignores the
 * count, and one that never ends.
 */
class WarmUpTest {
  private static final long RUN = 10_000_000L;

  @Test
  void goesOnWhileTheJitStillCompiles() {
    AtomicLong now = new AtomicLong(), compiled = new AtomicLong();
    // compilations finish until 2.5 s, then none
    WarmUp w = new WarmUp(now::get, compiled::get);
    int runs = w.run(() -> {
      now.addAndGet(RUN);
      if (now.get() <= 2_500_000_000L) compiled.incrementAndGet();
    }, 5);
    assertEquals(250 + 30, runs, "2.5 s of compiling, then 0.3 s settled");
  }

  @Test
  void aSettledJitStopsAtTheMinimumSecondOrCount() {
    AtomicLong now = new AtomicLong();
    WarmUp w = new WarmUp(now::get, () -> 7L);
    assertEquals(100, w.run(() -> now.addAndGet(RUN), 5), "one second of 10 ms runs");
    now.set(0);
    assertEquals(300, w.run(() -> now.addAndGet(RUN), 300), "the count when it is longer");
    assertEquals(0, w.run(() -> now.addAndGet(RUN), 0), "--warmup 0: none");
  }

  @Test
  void aJitThatNeverSettlesIsCutAtTheCap() {
    AtomicLong now = new AtomicLong(), compiled = new AtomicLong();
    WarmUp w = new WarmUp(now::get, compiled::get);
    int runs = w.run(() -> {
      now.addAndGet(RUN);
      compiled.incrementAndGet();
    }, 5);
    assertEquals((int) (WarmUp.MAX_NANOS / RUN), runs);
  }

  @Test
  void withoutCompilationTimesItIsTheMinimumSecond() {
    AtomicLong now = new AtomicLong();
    WarmUp w = new WarmUp(now::get, () -> -1L);
    assertEquals(100, w.run(() -> now.addAndGet(RUN), 3));
  }
}
