package org.recurrent.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon threads that run the parts of one data-parallel job together with the calling thread.
 *
 * <p>Per-step GEMMs of a recurrent layer take a few hundred microseconds, and waking a parked thread costs a good
 * part of that, so idle workers first spin on {@link Thread#onSpinWait()} for {@code spinNanos} and only then park.
 * Each thread first claims its own part (the caller part 0, worker w part w + 1), then any part still unclaimed: a
 * worker that wakes late simply finds nothing left, so a slow wake-up never stalls the job. Keeping part p on thread
 * p keeps the data of part p in that core's cache from one job to the next: claimed from a shared counter, the two
 * halves of a batch-1 step's W_hh (512 KiB each) changed cores at random from step to step, and an LSTM inference
 * pass at (B, T, I, H) = (1, 100, 128, 256) took 4.4-7.1 ms on two threads of a 2-core Intel Xeon against 2.4-3.2
 * on one. One job runs at a time; a caller that finds the pool busy (another user thread, or a nested call) runs
 * its whole job itself, so concurrent use cannot deadlock.
 */
final class WorkerPool implements AutoCloseable {
  /** Spin this long before parking: covers the gap between the GEMMs of consecutive time steps. */
  static final long DEFAULT_SPIN_NANOS = 500_000;

  private final Thread[] workers;
  private final boolean[] parked; // read and written only through PARKED, with volatile semantics
  private final long spinNanos;
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile boolean closed;

  // The one job in flight, in fields reused by every job: a time step runs several parallel calls, and a Job
  // object with two counters per call was most of what a streaming step allocated. The caller writes the task,
  // then publishes the job with one volatile write of the ticket: (generation << 32) | (parts << 16) | claims,
  // claims being a bit per claimed part for jobs of up to MASK_PARTS parts and the next part to claim above that.
  // A part is claimed by a CAS on the ticket, so a worker still holding a finished job's ticket fails its CAS and
  // can never run the old task as a part of the new job. The part count travels in the ticket itself: read from a
  // plain field, a worker holding the old job's exhausted ticket could see the next job's larger count, claim one
  // more part of the old generation just before the new ticket was written, and run it with the new task, which
  // the new job then ran again (WorkerPoolTest saw a part run twice). The caller moves on only when every claimed
  // part is done, so a worker that has claimed a part reads the task of that same job.
  private static final int MAX_PARTS = 0xFFFF;
  /** Jobs of up to this many parts claim by bit mask (home parts first); larger ones from a counter, in order. */
  private static final int MASK_PARTS = 16;
  private final AtomicLong ticket = new AtomicLong();
  private final AtomicInteger done = new AtomicInteger();
  private IntConsumer task;
  private volatile Throwable failure;
  private long generation; // written by the caller holding busy only; wraps after 2^32 jobs, harmlessly

  /** A pool of {@code threads} in all, the caller included, so {@code threads - 1} workers are started. */
  WorkerPool(int threads, long spinNanos) {
    if (threads < 1) throw new IllegalArgumentException("worker pool needs at least 1 thread, got " + threads);
    this.spinNanos = spinNanos;
    this.workers = new Thread[threads - 1];
    this.parked = new boolean[threads - 1];
    for (int w = 0; w < workers.length; w++) {
      int id = w;
      workers[w] = new Thread(() -> loop(id), "recurrent-kernel-" + (w + 1));
      workers[w].setDaemon(true);
      workers[w].start();
    }
  }

  /** Threads that share a job, the caller included. */
  int threads() {
    return workers.length + 1;
  }

  /**
   * Runs {@code task.accept(part)} for every part in [0, parts) and returns when all are done. Allocates nothing:
   * the job's state lives in the pool's fields.
   */
  void run(int parts, IntConsumer task) {
    if (parts <= 1 || parts > MAX_PARTS || workers.length == 0 || closed || !busy.compareAndSet(false, true)) {
      for (int part = 0; part < parts; part++) task.accept(part);
      return;
    }
    try {
      this.task = task;
      failure = null;
      done.set(0);
      long gen = (generation + 1) & 0xFFFF_FFFFL;
      generation = gen;
      ticket.set(gen << 32 | (long) parts << 16);            // publishes the task, the count and the reset claims
      for (int w = 0; w < workers.length; w++) {
        if (parkedVolatile(w)) LockSupport.unpark(workers[w]);
      }
      work(gen, 0);
      while (done.get() < parts) Thread.onSpinWait();
      this.task = null;                                      // every part is done: keep no reference to it
      Throwable failure = this.failure;
      if (failure instanceof RuntimeException e) throw e;
      if (failure instanceof Error e) throw e;
      if (failure != null) throw new IllegalStateException("kernel task failed", failure);
    } finally {
      busy.set(false);
    }
  }

  /**
   * Claims and runs parts of job {@code gen} until none is left or another job has replaced it, part {@code home}
   * first if it is unclaimed.
   */
  private void work(long gen, int home) {
    while (true) {
      long s = ticket.get();
      int claims = (int) (s & MAX_PARTS), parts = (int) ((s >>> 16) & MAX_PARTS);
      if (s >>> 32 != gen) return;
      int part;
      long next;
      if (parts <= MASK_PARTS) {
        int free = ~claims & ((1 << parts) - 1);
        if (free == 0) return;
        part = home < parts && (free & 1 << home) != 0 ? home : Integer.numberOfTrailingZeros(free);
        next = s | 1L << part;
      } else {
        if (claims >= parts) return;
        part = claims;
        next = s + 1;
      }
      if (!ticket.compareAndSet(s, next)) continue;
      try {
        task.accept(part);
      } catch (Throwable t) {
        failure = t;
      } finally {
        done.incrementAndGet();
      }
    }
  }

  private static final java.lang.invoke.VarHandle PARKED =
      java.lang.invoke.MethodHandles.arrayElementVarHandle(boolean[].class);

  private boolean parkedVolatile(int w) {
    return (boolean) PARKED.getVolatile(parked, w);
  }

  private long currentGeneration() {
    return ticket.get() >>> 32;
  }

  private void loop(int id) {
    long seen = 0;
    while (!closed) {
      long gen = currentGeneration();
      if (gen != seen) {
        seen = gen;
        work(gen, id + 1);
        continue;
      }
      long start = System.nanoTime();
      int spins = 0;
      while (currentGeneration() == seen && !closed) {
        Thread.onSpinWait();
        if ((++spins & 255) == 0 && System.nanoTime() - start > spinNanos) {
          // Dekker handshake with run(): publish "parked" then re-check; run() publishes the job then reads it
          PARKED.setVolatile(parked, id, true);
          if (currentGeneration() == seen && !closed) LockSupport.park(this);
          PARKED.setVolatile(parked, id, false);
          start = System.nanoTime();
        }
      }
    }
  }

  /** Stops the workers (they finish the current job first). The pool then runs every job on the caller. */
  @Override
  public void close() {
    closed = true;
    for (Thread w : workers) LockSupport.unpark(w);
  }
}
