package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link WarmUp} on a fake clock (each run takes 10 ms) and a fake JIT: it stops only after the minimum count, the
 * minimum second and 0.3 s without a compilation, with none queued or running, and at the cap when the JIT never
 * settles. Catches a warm-up that stops at the first second while compilations still finish (the defect it was
 * written for), one that stops while a long compilation runs, one that ignores the count, and one that never ends.
 */
class WarmUpTest {
  private static final long RUN = 10_000_000L;

  @Test
  void goesOnWhileTheJitStillCompiles() {
    AtomicLong now = new AtomicLong(), compiled = new AtomicLong();
    // compilations finish until 2.5 s, then none
    WarmUp w = new WarmUp(now::get, compiled::get, () -> false);
    int runs = w.run(() -> {
      now.addAndGet(RUN);
      if (now.get() <= 2_500_000_000L) compiled.incrementAndGet();
    }, 5);
    assertEquals(250 + 30, runs, "2.5 s of compiling, then 0.3 s settled");
  }

  @Test
  void aSettledJitStopsAtTheMinimumSecondOrCount() {
    AtomicLong now = new AtomicLong();
    WarmUp w = new WarmUp(now::get, () -> 7L, () -> false);
    assertEquals(100, w.run(() -> now.addAndGet(RUN), 5), "one second of 10 ms runs");
    now.set(0);
    assertEquals(300, w.run(() -> now.addAndGet(RUN), 300), "the count when it is longer");
    assertEquals(0, w.run(() -> now.addAndGet(RUN), 0), "--warmup 0: none");
  }

  @Test
  void aJitThatNeverSettlesIsCutAtTheCap() {
    AtomicLong now = new AtomicLong(), compiled = new AtomicLong();
    WarmUp w = new WarmUp(now::get, compiled::get, () -> false);
    int runs = w.run(() -> {
      now.addAndGet(RUN);
      compiled.incrementAndGet();
    }, 5);
    assertEquals((int) (WarmUp.MAX_NANOS / RUN), runs);
  }

  @Test
  void withoutCompilationTimesItIsTheMinimumSecond() {
    AtomicLong now = new AtomicLong();
    WarmUp w = new WarmUp(now::get, () -> -1L, () -> false);
    assertEquals(100, w.run(() -> now.addAndGet(RUN), 3));
  }

  @Test
  void goesOnWhileACompilationIsQueuedOrRunning() {
    AtomicLong now = new AtomicLong();
    // no compilation finishes (the total time stands still), but one runs until 3 s
    WarmUp w = new WarmUp(now::get, () -> 7L, () -> now.get() < 3_000_000_000L);
    assertEquals(300, w.run(() -> now.addAndGet(RUN), 5), "stops at the first poll that finds the queue empty");
  }

  @Test
  void asksTheQueueAtMostEveryTwentyMilliseconds() {
    AtomicLong now = new AtomicLong();
    AtomicInteger polls = new AtomicInteger();
    WarmUp w = new WarmUp(now::get, () -> 7L, () -> {
      polls.incrementAndGet();
      return true;
    });
    int runs = w.run(() -> now.addAndGet(1_000_000L), 5); // 1 ms runs: a poll per run would be 19,000
    assertEquals((int) (WarmUp.MAX_NANOS / 1_000_000L), runs, "a JIT that never idles is cut at the cap");
    long expected = (WarmUp.MAX_NANOS - WarmUp.MIN_NANOS) / WarmUp.QUEUE_POLL_NANOS;
    assertTrue(Math.abs(polls.get() - expected) <= 1, "polls " + polls.get() + ", expected about " + expected);
  }

  /** The text of {@code Compiler.queue} as HotSpot 25 prints it (taken from {@code jcmd PID Compiler.queue}). */
  @Test
  void readsTheCompilerQueue() {
    String running = "Current compiles: \nC2 CompilerThread0  2175       4       "
        + "org.recurrent.rnn.LstmInference::forward (562 bytes)\n\nC1 compile queue:\nEmpty\n\n"
        + "C2 compile queue:\nEmpty\n";
    String queued = "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\n"
        + "1929       4       jdk.incubator.vector.FloatVector::max (9 bytes)\n";
    String idle = "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n";
    assertTrue(WarmUp.compiling(running), "a compilation running");
    assertTrue(WarmUp.compiling(queued), "a compilation queued");
    assertFalse(WarmUp.compiling(idle), "nothing queued or running");
  }

  /**
   * The diagnostic command answers in this JVM with the sections {@link WarmUp#compiling} reads: a wrong operation
   * name or signature would leave the queue unread (always "not compiling") and the warm-up as it was before.
   */
  @Test
  void theRunningJvmAnswersTheCompilerQueueCommand() {
    String queue = WarmUp.compilerQueueText();
    assertTrue(queue != null && queue.contains("C1 compile queue:") && queue.contains("C2 compile queue:"),
        "Compiler.queue gave: " + queue);
  }
}
