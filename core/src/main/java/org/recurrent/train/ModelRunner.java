package org.recurrent.train;

import org.recurrent.nn.RecurrentOutput;

/** The carried state between truncated-BPTT chunks. */
public final class ModelRunner {
  private ModelRunner() {}

  /** The state to carry into the next chunk, cut from the graph: truncated BPTT stops here. */
  static RecurrentOutput detached(RecurrentOutput state) {
    return new RecurrentOutput(null, state.hN().detach(), state.cN() == null ? null : state.cN().detach());
  }
}
