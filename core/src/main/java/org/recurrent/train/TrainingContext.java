package org.recurrent.train;

import java.io.IOException;
import java.nio.file.Path;

/** What a {@link TrainingListener} may see of a run and ask of it. */
public interface TrainingContext {

  /** The options the run was started with. */
  TrainerOptions options();

  /**
   * Where the run stands: the position (epoch and next batch), steps taken, best value so far and the epoch's
   * running sums, as a checkpoint would save it.
   */
  TrainerState state();

  /**
   * Everything a resumed run needs to continue bit for bit from here: weights, optimizer buffers, the schedule's
   * state, the carried recurrent state and {@link #state()}. The tensors share the live data: write it before the
   * next step.
   */
  Checkpoint checkpoint();

  /** Tells the listeners ({@link TrainingListener#onCheckpoint}) and the NaN guard that a checkpoint was written. */
  void checkpointWritten(Path file, Checkpoint checkpoint) throws IOException;

  /**
   * Asks the trainer to stop, with {@code reason} as the stop reason: when asked during a batch, after that batch
   * (and, if it was the epoch's last, after the epoch's end: validation, checkpoints); when asked at an epoch's end,
   * there. A request at the end of the last epoch changes nothing (the run completed). The first request wins.
   */
  void requestStop(String reason);
}
