package org.recurrent.train;

/**
 * One batch's optimizer steps summed (one step, or one per chunk with truncated BPTT): its mean loss over its
 * targets, the largest gradient norm, whether any step clipped, and the rate of the last step.
 */
final class BatchSums {
  private double lossSum, weight, gradNorm, lr;
  private boolean clipped;

  void add(Trainer.Backward b, Trainer.Update u) {
    lossSum += b.loss() * b.weight();
    weight += b.weight();
    gradNorm = Math.max(gradNorm, u.gradNorm());
    clipped |= u.clipped();
    lr = u.lr();
  }

  /** Targets the batch's loss averages over. */
  double weight() {
    return weight;
  }

  double meanLoss() {
    return weight == 0 ? 0 : lossSum / weight;
  }

  TrainingEvent.BatchDone event(int epoch, int batch, long step) {
    return new TrainingEvent.BatchDone(epoch, batch, step, meanLoss(), lr, gradNorm, clipped);
  }
}
