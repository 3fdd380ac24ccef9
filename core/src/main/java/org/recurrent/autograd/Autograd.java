package org.recurrent.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.tensor.Tensor;

/**
 * Reverse-mode automatic differentiation over coarse ops.
 *
 * <p>An op computes its outputs eagerly and calls {@link #record} with a backward step. When gradients are
 * enabled and any input requires one, a {@link Node} is attached to the outputs. {@link #backward} orders the
 * nodes reachable from the root topologically and runs their backward steps in reverse order. Before a node's
 * step runs, every output has a gradient buffer (zeros if nothing flowed into it), so backward steps never
 * test for null; after it runs, intermediate gradients are released to save memory.
 */
public final class Autograd {
  private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);

  private Autograd() {}

  /** True unless inside a {@link #noGrad()} scope on this thread. */
  public static boolean isEnabled() {
    return DISABLED.get()[0] == 0;
  }

  /**
   * Disables recording on this thread until closed (like {@code torch.no_grad()}):
   * {@code try (var g = Autograd.noGrad()) { ... }}. Scopes nest.
   */
  public static Scope noGrad() {
    int[] depth = DISABLED.get();
    depth[0]++;
    return () -> depth[0]--;
  }

  /** A scope that can be closed without a checked exception. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** True when an op with these inputs must record itself. */
  public static boolean needsGrad(Tensor... inputs) {
    if (!isEnabled()) return false;
    for (Tensor t : inputs) if (t != null && t.requiresGrad()) return true;
    return false;
  }

  /**
   * Records an op if any input requires a gradient (and recording is on). Null inputs are allowed (optional
   * arguments such as a missing bias) and ignored. Returns the first output for convenience.
   */
  public static Tensor record(String name, Tensor[] inputs, Tensor[] outputs, Runnable backward) {
    if (needsGrad(inputs)) {
      List<Tensor> present = new ArrayList<>(inputs.length);
      for (Tensor t : inputs) if (t != null) present.add(t);
      Node node = new Node(name, present.toArray(new Tensor[0]), outputs, backward);
      for (Tensor out : outputs) out.attach(node);
    }
    return outputs[0];
  }

  /** Single-output form of {@link #record(String, Tensor[], Tensor[], Runnable)}. */
  public static Tensor record(String name, Tensor output, Runnable backward, Tensor... inputs) {
    return record(name, inputs, new Tensor[] {output}, backward);
  }

  /** Runs backward from {@code root} seeded with {@code seed} (same length as the root's data). */
  public static void backward(Tensor root, float[] seed) {
    if (!root.requiresGrad()) {
      throw new IllegalStateException("backward() on a tensor that does not require a gradient: "
          + "no parameter or input in its history has requiresGrad(true), or it was computed under noGrad()");
    }
    float[] g = root.gradForAccumulation();
    for (int i = 0; i < g.length; i++) g[i] += seed[i];
    if (root.isLeaf()) return;

    List<Node> order = topologicalOrder(root.gradFn());
    for (int k = order.size() - 1; k >= 0; k--) {
      Node node = order.get(k);
      for (Tensor out : node.outputs()) out.gradForAccumulation();
      node.runBackward();
      for (Tensor out : node.outputs()) if (out != root) out.clearGrad();
    }
  }

  /** The nodes reachable from {@code start}, each after the producers of its inputs. */
  private static List<Node> topologicalOrder(Node start) {
    // Iterative post-order DFS: a node is emitted after all nodes it depends on (its inputs' producers),
    // so iterating the list backwards visits consumers before producers.
    List<Node> order = new ArrayList<>();
    Map<Node, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {start, 0});
    seen.put(start, Boolean.TRUE);
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      Node node = (Node) frame[0];
      int next = (Integer) frame[1];
      Tensor[] inputs = node.inputs();
      boolean descended = false;
      while (next < inputs.length) {
        Node producer = inputs[next++].gradFn();
        if (producer != null && seen.put(producer, Boolean.TRUE) == null) {
          frame[1] = next;
          stack.push(new Object[] {producer, 0});
          descended = true;
          break;
        }
      }
      if (!descended) {
        stack.pop();
        order.add(node);
      }
    }
    return Collections.unmodifiableList(order);
  }
}
