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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.recurrent.autograd.Autograd;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.PackedMatrix;
import org.recurrent.nn.GRUCell;
import org.recurrent.nn.LSTMCell;
import org.recurrent.nn.RNNCell;
import org.recurrent.tensor.Tensor;

/**
 * One time step of streaming inference, for the time and (with {@code -prof gc}) the bytes allocated per step:
 * <ul>
 *   <li>{@code cellStep}: one call of the cell API with the carried state, {@code api=into} through
 *       {@code forwardInto} into the other of two state buffers (what {@code recurrent bench --mode stream} times),
 *       {@code api=forward} through {@code forward} (which returns new state tensors: their bytes are the floor);
 *   <li>{@code layerStep}: the per-step body of a layer's forward loop ({@code LstmSequence} and the others): the
 *       recurrent product with the packed W_hh, {@code gates += h W_hh^T}, then the fused gate kernel.
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar StreamStepBenchmark -prof gc} and read
 * {@code gc.alloc.rate.norm} (bytes per step). Shapes: I = 128, H = 256, B = {@code batch}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class StreamStepBenchmark {
  private static final int I = 128, H = 256;

  @Param({"lstm", "gru", "rnn"})
  public String cell;

  @Param({"1", "64"})
  public int batch;

  @Param({"into", "forward"})
  public String api;

  private LSTMCell lstm;
  private GRUCell gru;
  private RNNCell rnn;
  private Tensor x;
  private Tensor[] h;
  private LSTMCell.State[] s;
  private int t;
  private Autograd.Scope noGrad;

  private Kernels kernels;
  private PackedMatrix wHhPacked;
  private float[] hs, cs, gates, gh, tanhC;

  @Setup
  public void setUp() {
    Random rng = new Random(1);
    x = Tensor.uniform(rng, -1, 1, batch, I);
    h = new Tensor[] {Tensor.uniform(rng, -1, 1, batch, H), Tensor.zeros(batch, H)};
    s = new LSTMCell.State[] {new LSTMCell.State(h[0], Tensor.uniform(rng, -1, 1, batch, H)),
        new LSTMCell.State(Tensor.zeros(batch, H), Tensor.zeros(batch, H))};
    lstm = new LSTMCell(I, H, rng);
    gru = new GRUCell(I, H, rng);
    rnn = new RNNCell(I, H, rng);
    noGrad = Autograd.noGrad();                                   // this thread runs every invocation

    kernels = KernelProvider.get();
    int G = switch (cell) {
      case "lstm" -> 4 * H;
      case "gru" -> 3 * H;
      default -> H;
    };
    float[] wHh = Tensor.uniform(rng, -0.06f, 0.06f, G, H).data();
    wHhPacked = kernels.packB(true, H, G, wHh, 0, H);             // as StepMatmul packs W_hh^T for T > 1
    hs = Tensor.uniform(rng, -1, 1, 2, batch, H).data();          // rows 0 and 1: h_{t-1}, h_t
    cs = Tensor.uniform(rng, -1, 1, 2, batch, H).data();
    gates = Tensor.uniform(rng, -1, 1, batch, G).data();
    gh = new float[batch * G];
    tanhC = new float[batch * H];
  }

  @TearDown
  public void tearDown() {
    noGrad.close();
  }

  @Benchmark
  public Object cellStep() {
    int from = t & 1, to = from ^ 1;
    t++;
    boolean into = api.equals("into");
    return switch (cell) {
      case "lstm" -> into ? lstm.forwardInto(x, s[from], s[to]) : lstm.forward(x, s[from]);
      case "gru" -> into ? gru.forwardInto(x, h[from], h[to]) : gru.forward(x, h[from]);
      default -> into ? rnn.forwardInto(x, h[from], h[to]) : rnn.forward(x, h[from]);
    };
  }

  /** The layer loop's step body (api is ignored). Values stay bounded: the gate kernels squash them. */
  @Benchmark
  public float layerStep() {
    int B = batch, n = B * H;
    switch (cell) {
      case "lstm" -> {
        kernels.gemmPacked(B, 1f, hs, 0, H, wHhPacked, 1f, gates, 0, 4 * H);       // gates += h W_hh^T
        kernels.lstmForward(B, H, gates, 0, cs, 0, cs, n, tanhC, 0, hs, n);
      }
      case "gru" -> {
        kernels.gemmPacked(B, 1f, hs, 0, H, wHhPacked, 0f, gh, 0, 3 * H);          // gh = h W_hh^T
        kernels.gruForward(B, H, gates, 0, gh, 0, hs, 0, hs, n);
      }
      default -> {
        kernels.gemmPacked(B, 1f, hs, 0, H, wHhPacked, 1f, hs, n, H);              // pre += h W_hh^T
        kernels.tanh(n, hs, n, hs, n);
      }
    }
    return hs[n];
  }
}
