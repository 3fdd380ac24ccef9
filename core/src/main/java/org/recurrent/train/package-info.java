/**
 * The training loop: {@link org.recurrent.train.Trainer#fit} over batches and truncated BPTT chunks, split into
 * computing gradients and applying them (clip, step, schedule); the model and task behind one seam
 * ({@link org.recurrent.train.ForwardPass}, or a {@link org.recurrent.models.ClosedFormFit}); listeners for
 * progress, events ({@link org.recurrent.train.TrainingEvent}, written to {@code events.jsonl} by
 * {@link org.recurrent.train.EventLog}), checkpoints that make a resumed run bit-identical,
 * early stopping and gradient hooks.
 */
package org.recurrent.train;
