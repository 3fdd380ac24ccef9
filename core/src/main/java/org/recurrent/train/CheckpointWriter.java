package org.recurrent.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the run's checkpoints into one folder: {@value Trainer#LAST} at every epoch end and every
 * {@code everyBatches} batches inside an epoch (0: only at epoch ends), and {@value Trainer#BEST} when the
 * monitored value improves; and {@value Trainer#LAST} when a listener stops the run inside an epoch (a
 * {@link TimeBudget}), so that it resumes at the next batch (after the {@code stop} event, then). Not at a stop by
 * the NaN guard: the last good checkpoint stays as it was. Each holds everything a resumed run needs ({@link TrainingContext#checkpoint()}) and is
 * replaced atomically, so a crash leaves the previous one intact.
 */
public final class CheckpointWriter implements TrainingListener {
  private final Path folder;
  private final int everyBatches;
  private int batches;
  private long writtenAtStep = -1;

  public CheckpointWriter(Path folder, int everyBatches) {
    if (everyBatches < 0) throw new IllegalArgumentException("everyBatches must be >= 0, got " + everyBatches);
    this.folder = folder;
    this.everyBatches = everyBatches;
  }

  @Override
  public void onStart(TrainingContext run, TrainingEvent.Started e) {
    batches = e.batches();
  }

  @Override
  public void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone e) throws IOException {
    if (everyBatches > 0 && e.batch() % everyBatches == 0 && e.batch() < batches) write(run, Trainer.LAST);
  }

  @Override
  public void onEpochEnd(TrainingContext run, TrainingEvent.EpochDone e) throws IOException {
    if (e.improved()) write(run, Trainer.BEST);
    write(run, Trainer.LAST);
  }

  @Override
  public void onStop(TrainingContext run, TrainingEvent.Stopped e) throws IOException {
    boolean insideEpoch = run.state().batch() > 0;
    if (insideEpoch && !e.reason().startsWith(NonFiniteLossException.REASON_PREFIX)
        && run.state().step() != writtenAtStep) {
      write(run, Trainer.LAST);
    }
  }

  private void write(TrainingContext run, String name) throws IOException {
    Files.createDirectories(folder);
    Checkpoint c = run.checkpoint();
    c.write(folder.resolve(name));
    if (name.equals(Trainer.LAST)) writtenAtStep = c.state().step();
    run.checkpointWritten(folder.resolve(name), c);
  }
}
