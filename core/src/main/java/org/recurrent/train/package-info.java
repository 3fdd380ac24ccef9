/**
 * The training loop: {@link org.recurrent.train.Trainer#fit} over batches, truncated BPTT chunks, gradient
 * clipping, checkpoints that make a resumed run bit-identical, and progress output.
 */
package org.recurrent.train;
