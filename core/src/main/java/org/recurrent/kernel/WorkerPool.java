package org.recurrent.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon threads that run the parts of one data-parallel job together with the calling thread.
 *
 * <p>Per-step GEMMs of a recurrent layer take a few hundred microseconds, and waking a parked thread costs a good
 * part of that, so idle workers first spin on {@link Thread#onSpinWait()} for {@code spinNanos} and only then park.
 * Parts are claimed from a shared counter: the caller starts at once, and a worker that wakes late simply finds
 * nothing left, so a slow wake-up never stalls the job. One job runs at a time; a caller that finds the pool busy
 * (another user thread, or a nested call) runs its whole job itself, so concurrent use cannot deadlock.
 */
final class WorkerPool implements AutoCloseable {
  /** Spin this long before parking: covers the gap between the GEMMs of consecutive time steps. */
  static final long DEFAULT_SPIN_NANOS = 500_000;

  private final Thread[] workers;
  private final boolean[] parked; // read and written only through PARKED, with volatile semantics
  private final long spinNanos;
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile Job current;
  private volatile boolean closed;

  /** One submitted job: parts are handed out by {@code next} and counted by {@code done}. */
  private static final class Job {
    final IntConsumer task;
    final int parts;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    volatile Throwable failure;

    Job(IntConsumer task, int parts) {
      this.task = task;
      this.parts = parts;
    }

    void work() {
      for (int part; (part = next.getAndIncrement()) < parts; ) {
        try {
          task.accept(part);
        } catch (Throwable t) {
          failure = t;
        } finally {
          done.incrementAndGet();
        }
      }
    }
  }

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

  /** Runs {@code task.accept(part)} for every part in [0, parts) and returns when all are done. */
  void run(int parts, IntConsumer task) {
    if (parts <= 1 || workers.length == 0 || closed || !busy.compareAndSet(false, true)) {
      for (int part = 0; part < parts; part++) task.accept(part);
      return;
    }
    try {
      Job job = new Job(task, parts);
      current = job;
      for (int w = 0; w < workers.length; w++) {
        if (parkedVolatile(w)) LockSupport.unpark(workers[w]);
      }
      job.work();
      while (job.done.get() < parts) Thread.onSpinWait();
      Throwable failure = job.failure;
      if (failure instanceof RuntimeException e) throw e;
      if (failure instanceof Error e) throw e;
      if (failure != null) throw new IllegalStateException("kernel task failed", failure);
    } finally {
      busy.set(false);
    }
  }

  private static final java.lang.invoke.VarHandle PARKED =
      java.lang.invoke.MethodHandles.arrayElementVarHandle(boolean[].class);

  private boolean parkedVolatile(int w) {
    return (boolean) PARKED.getVolatile(parked, w);
  }

  private void loop(int id) {
    Job seen = null;
    while (!closed) {
      Job job = current;
      if (job != seen) {
        seen = job;
        job.work();
        continue;
      }
      long start = System.nanoTime();
      int spins = 0;
      while ((job = current) == seen && !closed) {
        Thread.onSpinWait();
        if ((++spins & 255) == 0 && System.nanoTime() - start > spinNanos) {
          // Dekker handshake with run(): publish "parked" then re-check; run() publishes the job then reads it
          PARKED.setVolatile(parked, id, true);
          if (current == seen && !closed) LockSupport.park(this);
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
