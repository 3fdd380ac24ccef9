package org.recurrent.models;

import org.recurrent.data.Batch;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentOutput;

/**
 * A network the trainer, the evaluator and the model directory handle without knowing its kind: a
 * {@link Module} (parameters, buffers, state dict under PyTorch names) that reads a {@link Batch} and may start
 * from a carried state (truncated BPTT, streaming, generation). Each kind is one subclass plus one
 * {@link ModelKind} registered in {@link ModelRegistry}.
 */
public abstract class Model extends Module {

  /**
   * What a forward pass returns.
   *
   * @param logits (B, K) for one output per sequence, (T, B, K) for one per step
   * @param state  the recurrent state after the last step, to carry into the next chunk (hN, cN)
   */
  public record Output(org.recurrent.tensor.Tensor logits, RecurrentOutput state) {}

  /** The kind's name, {@code model.kind} in configs and {@code config.json}. */
  public abstract String kind();

  /** The architecture, everything needed with the weights to rebuild this model (config.json's {@code model}). */
  public abstract ModelSpec spec();

  /**
   * Runs the batch's inputs.
   *
   * @param state where to start (the previous chunk's state, detached), or null for zeros
   */
  public abstract Output forward(Batch batch, RecurrentOutput state);

  /** What the model reads: checked against data before anything runs. */
  public abstract DataSignature signature();

  /** Whether the output has one row per time step (T, B, K) rather than one per sequence (B, K). */
  public final boolean perStep() {
    return signature().perStep();
  }
}
