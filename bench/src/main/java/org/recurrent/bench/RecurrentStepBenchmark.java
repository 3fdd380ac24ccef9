package org.recurrent.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recurrent.autograd.Autograd;
import org.recurrent.nn.GRU;
import org.recurrent.nn.LSTM;
import org.recurrent.nn.RNN;
import org.recurrent.nn.RecurrentConfig;
import org.recurrent.nn.RecurrentLayer;
import org.recurrent.ops.Ops;
import org.recurrent.optim.SGD;
import org.recurrent.tensor.Tensor;

/**
 * One whole recurrent layer step, as {@code recurrent bench} times it and {@code bench/pytorch_bench.py} times
 * PyTorch: training = forward over T steps + BPTT backward + SGD update; inference = forward without the tape.
 * <pre>{@code
 * FLOPs (train) = 3 x 2 T B G H (I + H),  G = 4 (LSTM), 3 (GRU), 1 (RNN);  inference a third of that
 * }</pre>
 * Shapes are {@code BxTxIxH}. Run: {@code java -jar bench/target/benchmarks.jar RecurrentStepBenchmark
 * -p cell=lstm -p shape=64x100x128x256}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RecurrentStepBenchmark {

  @Param({"lstm", "gru", "rnn"})
  public String cell;

  @Param({"train", "infer"})
  public String mode;

  @Param({"64x100x128x256", "32x50x64x128", "1x100x128x256"})
  public String shape;

  private RecurrentLayer layer;
  private Tensor x;
  private SGD sgd;

  @Setup
  public void setUp() {
    String[] p = shape.split("x");
    int B = Integer.parseInt(p[0]), T = Integer.parseInt(p[1]), I = Integer.parseInt(p[2]), H = Integer.parseInt(p[3]);
    Random rng = new Random(1);
    RecurrentConfig config = RecurrentConfig.of(I, H);
    layer = switch (cell) {
      case "lstm" -> new LSTM(config, rng);
      case "gru" -> new GRU(config, rng);
      case "rnn" -> new RNN(config, rng);
      default -> throw new IllegalArgumentException("cell must be lstm, gru or rnn: " + cell);
    };
    x = Tensor.uniform(rng, -1, 1, T, B, I);                                      // (T, B, I)
    sgd = new SGD(layer.parameters(), 0.01f);
  }

  @Benchmark
  public float step() {
    if (mode.equals("infer")) {
      try (var g = Autograd.noGrad()) {
        return layer.forward(x, null, null, null).output().data()[0];
      }
    }
    Tensor loss = Ops.mean(layer.forward(x, null, null, null).output());
    sgd.zeroGrad();
    loss.backward();
    sgd.step();
    return loss.item();
  }
}
