/**
 * Training without writing a training loop: the task objectives, the {@link org.recurrent.train.Trainer} fit loop
 * (validation, early stopping, checkpoints, exact resume, non-finite guard, truncated BPTT), evaluation, progress
 * reporting and the events log.
 */
package org.recurrent.train;
