package org.recurrent.train;

import java.io.IOException;

/**
 * Told by the {@link Trainer} what happens, in this order:
 * <pre>{@code
 * onStart [onResume]
 * per epoch:  per batch: per step: afterBackward          (not for a closed-form fit)
 *                        onBatchEnd
 *             onEpochEnd  (onCheckpoint for each checkpoint a listener writes)
 * onStop
 * }</pre>
 * Every method does nothing unless overridden. Listeners are called in the order they were added to the trainer.
 * Progress output ({@link ProgressListener}), the events file ({@code EventLog}), checkpoints
 * ({@link CheckpointWriter}) and early stopping ({@link EarlyStopping}) are listeners. A listener steers the run
 * only through {@link TrainingContext#requestStop} and, in {@link #afterBackward}, the gradients.
 */
public interface TrainingListener {

  /** The run begins (fresh or resumed; before {@link #onResume}). */
  default void onStart(TrainingContext run, TrainingEvent.Started event) throws IOException {
  }

  /** The run continues from a checkpoint; the weights, optimizer and position are loaded. */
  default void onResume(TrainingContext run, TrainingEvent.Resumed event) throws IOException {
  }

  /**
   * Backward is done and the gradients are in the parameters, not yet checked, clipped or applied. A listener may
   * read them (gradient diagnostics) or change them in place (e.g. sum them across workers); the trainer checks
   * them for NaN/Inf, clips and steps with what is there when every listener has returned.
   */
  default void afterBackward(TrainingContext run, StepGradients gradients) throws IOException {
  }

  /** A batch was trained (all its steps taken). */
  default void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone event) throws IOException {
  }

  /**
   * An epoch was trained and evaluated; the run's state has moved to the next epoch (so a checkpoint taken now
   * resumes there), and the schedule has had its epoch step.
   */
  default void onEpochEnd(TrainingContext run, TrainingEvent.EpochDone event) throws IOException {
  }

  /** A listener wrote a checkpoint and said so with {@link TrainingContext#checkpointWritten}. */
  default void onCheckpoint(TrainingContext run, TrainingEvent.CheckpointWritten event) throws IOException {
  }

  /** The run ends: completed, stopped early, or stopped by a non-finite value (then an exception follows). */
  default void onStop(TrainingContext run, TrainingEvent.Stopped event) throws IOException {
  }
}
