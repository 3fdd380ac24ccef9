package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

  @Test
  void runsEveryPartExactlyOnceAcrossManyJobs() {
    try (WorkerPool pool = new WorkerPool(3, 1_000)) { // short spin: workers also park and wake between jobs
      for (int job = 0; job < 2000; job++) {
        int parts = 1 + job % 7;
        AtomicIntegerArray runs = new AtomicIntegerArray(parts);
        pool.run(parts, runs::incrementAndGet);
        for (int p = 0; p < parts; p++) assertEquals(1, runs.get(p), "job " + job + " part " + p);
      }
    }
  }

  @Test
  void rethrowsAFailureOfAnyPartToTheCaller() {
    try (WorkerPool pool = new WorkerPool(2, WorkerPool.DEFAULT_SPIN_NANOS)) {
      IllegalStateException boom = new IllegalStateException("part 1 failed");
      IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.run(2, part -> {
        if (part == 1) throw boom;
      }));
      assertSame(boom, thrown);
      AtomicIntegerArray runs = new AtomicIntegerArray(2);
      pool.run(2, runs::incrementAndGet); // still usable afterwards
      assertEquals(1, runs.get(0));
      assertEquals(1, runs.get(1));
    }
  }

  @Test
  void nestedRunExecutesOnTheCallerInsteadOfDeadlocking() {
    try (WorkerPool pool = new WorkerPool(2, WorkerPool.DEFAULT_SPIN_NANOS)) {
      AtomicIntegerArray runs = new AtomicIntegerArray(4);
      pool.run(2, outer -> pool.run(2, inner -> runs.incrementAndGet(outer * 2 + inner)));
      for (int i = 0; i < 4; i++) assertEquals(1, runs.get(i));
    }
  }

  @Test
  void rejectsFewerThanOneThread() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0, 0));
    assertEquals("worker pool needs at least 1 thread, got 0", e.getMessage());
  }
}
