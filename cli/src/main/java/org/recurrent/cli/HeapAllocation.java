package org.recurrent.cli;

import java.lang.management.ManagementFactory;

/**
 * Bytes the JVM's threads allocated on the heap since {@link #start}, from HotSpot's per-thread counters
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}): the bench's evidence that a timed loop
 * allocates nothing but its outputs. The threads alive at the start are counted (the caller and the kernels'
 * workers, which the warm-up has started); a thread started later or one that ended is not. The count includes
 * the one array this class allocates to read the counters again (8 bytes per thread, a few hundred bytes).
 */
final class HeapAllocation {
  private final com.sun.management.ThreadMXBean threads;
  private final long[] ids;
  private final long[] before;

  private HeapAllocation(com.sun.management.ThreadMXBean threads, long[] ids, long[] before) {
    this.threads = threads;
    this.ids = ids;
    this.before = before;
  }

  /** Starts counting now; without the HotSpot counters every reading is NaN. */
  static HeapAllocation start() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
      long[] ids = t.getAllThreadIds();
      return new HeapAllocation(t, ids, t.getThreadAllocatedBytes(ids));
    }
    return new HeapAllocation(null, null, null);
  }

  /** Bytes allocated since {@link #start} by the threads alive then and still alive, or NaN without counters. */
  double bytesSinceStart() {
    if (threads == null) return Double.NaN;
    long[] now = threads.getThreadAllocatedBytes(ids);
    long sum = 0;
    for (int i = 0; i < ids.length; i++) {
      if (before[i] >= 0 && now[i] >= 0) sum += now[i] - before[i];   // -1: the thread has ended
    }
    return sum;
  }
}
