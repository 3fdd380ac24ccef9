package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * {@link HeapAllocation} counts what the caller and other threads alive at its start allocate, and next to nothing
 * for a loop that allocates nothing: the bench's {@code alloc_kb_per_batch} reads it. Fails if only the calling
 * thread were counted (the kernels' worker threads would go unseen) or if the counters were read wrongly.
 */
class HeapAllocationTest {
  private static volatile Object sink;

  @Test
  void anArrayAllocatedOnAnotherThreadIsCounted() throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1), done = new CountDownLatch(1), read = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      try {
        go.await();
        sink = new float[1 << 20];                                     // 4 MiB
        done.countDown();
        read.await();                  // alive until counted: an ended thread's counter is gone, as the class says
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    worker.setDaemon(true);
    worker.start();
    HeapAllocation counting = HeapAllocation.start();
    go.countDown();
    done.await();
    double bytes = counting.bytesSinceStart();
    read.countDown();
    assertTrue(bytes >= 4 << 20 && bytes < 5 << 20, "counted " + bytes + " bytes for a 4 MiB array");
  }

  @Test
  void theCallersOwnArrayIsCountedAndALoopWithoutAllocationCountsAlmostNothing() {
    HeapAllocation counting = HeapAllocation.start();
    sink = new byte[1 << 20];
    double bytes = counting.bytesSinceStart();
    assertTrue(bytes >= 1 << 20 && bytes < (1 << 20) + (64 << 10), "counted " + bytes + " bytes for 1 MiB");
    float[] a = new float[1000];
    HeapAllocation idle = HeapAllocation.start();
    for (int i = 0; i < 100_000; i++) a[i % 1000] += i;
    double none = idle.bytesSinceStart();
    assertTrue(none < 16 << 10, "counted " + none + " bytes for a loop that allocates nothing");
  }
}
