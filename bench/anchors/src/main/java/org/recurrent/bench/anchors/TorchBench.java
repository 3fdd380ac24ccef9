package org.recurrent.bench.anchors;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch 2.7.1 (the official libtorch build: MKL, oneDNN) through DJL, on the cases of {@code recurrent bench},
 * printing the JSON lines of {@code bench/pytorch_bench.py} with {@code "impl": "torch-djl"}.
 *
 * <p>DJL's {@code LSTM}/{@code GRU}/{@code RNN} blocks call the fused ATen entry points ({@code torch::lstm},
 * {@code torch::gru}, {@code torch::rnn_tanh}) that Python's {@code nn.LSTM} calls, with the same parameter list
 * (W_ih, W_hh, b_ih, b_hh) and PyTorch's init, U(-1/sqrt(H), 1/sqrt(H)). A training step is forward, mean of the
 * output, backward, SGD update (lr 0.01) and zeroing of the gradients; inference is forward with grad mode off.
 * Streaming ({@code --mode stream}) feeds the T steps one at a time: each step is one call of the block on an input
 * of T = 1 with the carried state. DJL's blocks take the initial state as further inputs, {@code NDList(x, h)} for
 * GRU/RNN and {@code NDList(x, h, c)} for LSTM (states (layers, B, H); with x alone they start from zeros), and
 * return the final state after the output when built with {@code optReturnState(true)}; this is what
 * {@code torch::lstm(x, {h, c}, ...)} is called with for each step. Each step (or sequence) runs in its own
 * sub-manager, so no native memory accumulates across iterations.
 *
 * <p>Run offline with {@code -Dai.djl.offline=true} (libtorch is unpacked from the pytorch-native-cpu jar);
 * {@code --threads N} sets libtorch's intra-op threads (default: DJL's, all cores).
 */
public final class TorchBench {
  private static final float LR = 0.01f;

  private TorchBench() {}

  public static void main(String[] args) {
    BenchCases.main("torch-djl", args, TorchBench::run);
  }

  static void run(BenchCases cases) {
    if (cases.threads() != null) System.setProperty("ai.djl.pytorch.num_threads", cases.threads().toString());
    Engine engine = Engine.getEngine("PyTorch");
    String version = engine.getVersion();
    int threads = JniUtils.getNumThreads();
    System.err.println("torch-djl: PyTorch " + version + " (DJL " + Engine.getDjlVersion() + "), " + threads
        + " intra-op threads");
    for (BenchCases.Case c : cases.cases()) {
      double ms;
      try (NDManager manager = NDManager.newBaseManager()) {
        ms = time(engine, manager, cases, c);
      }
      System.out.println(BenchCases.jsonLine("torch-djl", version, c, threads, ms));
      System.out.flush();
    }
  }

  /** Median ms per sequence of T block calls at T = 1, each given the state the previous call returned. */
  private static double timeStream(NDManager manager, BenchCases cases, BenchCases.Case c, RecurrentBlock layer) {
    Shape stepShape = new Shape(1, c.B(), c.I());                                // (1, B, I)
    layer.initialize(manager, DataType.FLOAT32, stepShape);
    ParameterStore store = new ParameterStore(manager, false);
    NDArray[] xs = new NDArray[c.T()];
    for (int t = 0; t < c.T(); t++) xs[t] = manager.randomUniform(-1, 1, stepShape);
    boolean lstm = c.cell().equals("lstm");
    Runnable sequence = () -> {
      try (NDManager scratch = manager.newSubManager()) {
        NDList state = new NDList();                                             // empty: DJL starts from zeros
        for (int t = 0; t < c.T(); t++) {
          xs[t].tempAttach(scratch);                                             // outputs land on the scratch
          NDList in = new NDList(xs[t]);
          in.addAll(state);
          NDList out = layer.forward(store, in, false);                          // (y, h) or (y, h, c)
          state = lstm ? new NDList(out.get(1), out.get(2)) : new NDList(out.get(1));
        }
      }
    };
    if (JniUtils.isGradMode()) throw new IllegalStateException("libtorch grad mode is on outside a collector");
    return cases.medianMs(sequence);
  }

  private static double time(Engine engine, NDManager manager, BenchCases cases, BenchCases.Case c) {
    manager.getEngine().setRandomSeed(1);
    RecurrentBlock layer = switch (c.cell()) {
      case "lstm" -> LSTM.builder().setStateSize(c.H()).setNumLayers(1).optBatchFirst(false)
          .optReturnState(c.stream()).build();
      case "gru" -> GRU.builder().setStateSize(c.H()).setNumLayers(1).optBatchFirst(false)
          .optReturnState(c.stream()).build();
      default -> RNN.builder().setStateSize(c.H()).setNumLayers(1).optBatchFirst(false)
          .setActivation(RNN.Activation.TANH).optReturnState(c.stream()).build();
    };
    float bound = (float) (1 / Math.sqrt(c.H()));
    layer.setInitializer(new UniformInitializer(bound), Parameter.Type.WEIGHT);
    layer.setInitializer(new UniformInitializer(bound), Parameter.Type.BIAS);
    if (c.stream()) return timeStream(manager, cases, c, layer);
    Shape xShape = new Shape(c.T(), c.B(), c.I());                               // (T, B, I)
    layer.initialize(manager, DataType.FLOAT32, xShape);
    NDArray x = manager.randomUniform(-1, 1, xShape);
    ParameterStore store = new ParameterStore(manager, false);
    List<NDArray> weights = new ArrayList<>();
    layer.getParameters().values().forEach(p -> weights.add(p.getArray()));

    Runnable step = c.train() ? () -> {
      try (NDManager scratch = manager.newSubManager()) {
        x.tempAttach(scratch);                      // outputs land on x's manager: free them with the step
        try (GradientCollector collector = engine.newGradientCollector()) {
          NDArray loss = layer.forward(store, new NDList(x), true).head().mean();
          collector.backward(loss);
        }
        for (NDArray w : weights) {
          NDArray dw = w.getGradient();
          dw.attach(scratch);
          w.subi(dw.mul(LR));                         // w -= lr * dw
          dw.subi(dw);                                // zero_grad (DJL's own way)
        }
      }
    } : () -> {
      try (NDManager scratch = manager.newSubManager()) {
        x.tempAttach(scratch);
        layer.forward(store, new NDList(x), false);  // grad mode is off outside a collector
      }
    };
    if (JniUtils.isGradMode()) throw new IllegalStateException("libtorch grad mode is on outside a collector");
    return cases.medianMs(step);
  }
}
