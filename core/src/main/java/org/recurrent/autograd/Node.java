package org.recurrent.autograd;

import org.recurrent.tensor.Tensor;

/**
 * One recorded op in the graph: its inputs (edges for the traversal), its outputs, and the backward step
 * that reads the outputs' gradients and accumulates into the inputs' gradients.
 */
public final class Node {
  private final String name;
  private final Tensor[] inputs;
  private final Tensor[] outputs;
  private final Runnable backward;

  Node(String name, Tensor[] inputs, Tensor[] outputs, Runnable backward) {
    this.name = name;
    this.inputs = inputs;
    this.outputs = outputs;
    this.backward = backward;
  }

  public String name() {
    return name;
  }

  Tensor[] inputs() {
    return inputs;
  }

  Tensor[] outputs() {
    return outputs;
  }

  void runBackward() {
    backward.run();
  }
}
