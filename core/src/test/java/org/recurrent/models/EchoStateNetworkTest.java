package org.recurrent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetLayout;
import org.recurrent.tensor.Tensor;

class EchoStateNetworkTest {

  private static EchoStateConfig config(int I, int N, int K, OutputMode output, int washout, List<Double> ridge) {
    return new EchoStateConfig(I, N, 0.5, 0.9, 0.8, 0.7, washout, ridge, output, K);
  }

  /** n records of 2..6 steps of I Gaussian values; y: K random values per record, or per step when perStep. */
  private static List<SequenceExample> records(int n, int I, int K, boolean perStep, boolean classes, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int T = 2 + r.nextInt(5);
      float[] x = new float[T * I];
      for (int j = 0; j < x.length; j++) x[j] = (float) r.nextGaussian();
      int width = classes ? 1 : K;
      float[] y = new float[(perStep ? T : 1) * width];
      for (int j = 0; j < y.length; j++) y[j] = classes ? r.nextInt(K) : (float) r.nextGaussian();
      out.add(new SequenceExample("r" + i, T, I, x, y, "test:" + i));
    }
    return out;
  }

  private static Batcher batches(List<SequenceExample> records, boolean perStep, int width) {
    return new Batcher(records, BatchPlan.of(16), new TargetLayout(perStep, width));
  }

  /** The reservoir's states of one record, in double, straight from the buffers: h_t for t < T, (T, N). */
  private static double[][] states(EchoStateNetwork esn, SequenceExample e) {
    EchoStateConfig c = esn.config();
    int N = c.reservoirSize(), I = c.inputSize();
    float[] wIn = esn.stateDict().get("weight_ih_l0").data(), w = esn.stateDict().get("weight_hh_l0").data();
    double a = c.leakRate();
    double[][] h = new double[e.length()][N];
    double[] prev = new double[N];
    for (int t = 0; t < e.length(); t++) {
      for (int i = 0; i < N; i++) {
        double pre = 0;
        for (int j = 0; j < I; j++) pre += wIn[i * I + j] * e.x(t, j);
        for (int j = 0; j < N; j++) pre += w[i * N + j] * prev[j];
        h[t][i] = (1 - a) * prev[i] + a * Math.tanh(pre);        // h_t = (1 - a) h_{t-1} + a tanh(W_in x_t + W h_{t-1})
      }
      prev = h[t];
    }
    return h;
  }

  /**
   * The ridge solution by the normal equations of the augmented design [z, 1]: (Z^T Z + n lambda D) beta = Z^T Y, D
   * the identity without its last (intercept) entry, by Gauss-Jordan elimination. Returns beta (N + 1, K).
   */
  private static double[][] normalEquations(List<double[]> z, List<double[]> y, double lambda) {
    int n = z.size(), P = z.get(0).length + 1, K = y.get(0).length;
    double[][] a = new double[P][P + K];
    for (int r = 0; r < n; r++) {
      double[] zr = Arrays.copyOf(z.get(r), P);
      zr[P - 1] = 1;
      for (int i = 0; i < P; i++) {
        for (int j = 0; j < P; j++) a[i][j] += zr[i] * zr[j];
        for (int k = 0; k < K; k++) a[i][P + k] += zr[i] * y.get(r)[k];
      }
    }
    for (int i = 0; i < P - 1; i++) a[i][i] += n * lambda;
    for (int col = 0; col < P; col++) {
      int pivot = col;
      for (int r = col + 1; r < P; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int r = 0; r < P; r++) {
        if (r == col) continue;
        double m = a[r][col] / a[col][col];
        for (int c = col; c < P + K; c++) a[r][c] -= m * a[col][c];
      }
    }
    double[][] beta = new double[P][K];
    for (int i = 0; i < P; i++) for (int k = 0; k < K; k++) beta[i][k] = a[i][P + k] / a[i][i];
    return beta;
  }

  private static void assertReadout(EchoStateNetwork esn, double[][] beta, double tolerance) {
    int N = esn.config().reservoirSize(), K = esn.config().outputSize();
    float[] w = esn.stateDict().get("readout.weight").data(), b = esn.stateDict().get("readout.bias").data();
    for (int k = 0; k < K; k++) {
      for (int j = 0; j < N; j++) assertEquals(beta[j][k], w[k * N + j], tolerance, "W_out[" + k + "][" + j + "]");
      assertEquals(beta[N][k], b[k], tolerance, "b_out[" + k + "]");
    }
  }

  @Test
  void theReadoutOfFinalStatesEqualsTheNormalEquationsSolution() {
    EchoStateConfig c = config(3, 7, 2, OutputMode.SEQUENCE, 0, List.of(1e-3));
    EchoStateNetwork esn = new EchoStateNetwork(c, new Random(4));
    List<SequenceExample> data = records(40, 3, 2, false, false, 1);        // 3 batches of 16, 16, 8, padded
    esn.fit(batches(data, false, 2), null, 0);
    List<double[]> z = new ArrayList<>(), y = new ArrayList<>();
    for (SequenceExample e : data) {
      double[][] h = states(esn, e);
      z.add(h[e.length() - 1]);
      y.add(new double[] {e.y()[0], e.y()[1]});
    }
    assertReadout(esn, normalEquations(z, y, 1e-3), 2e-5);
    assertEquals(1e-3, esn.chosenRidge(), 1e-10);
  }

  @Test
  void aPerStepClassReadoutAfterTheWashoutEqualsTheNormalEquationsOfOneHotTargets() {
    EchoStateConfig c = config(2, 5, 3, OutputMode.PER_STEP, 2, List.of(1e-2));
    EchoStateNetwork esn = new EchoStateNetwork(c, new Random(8));
    List<SequenceExample> data = records(30, 2, 3, true, true, 2);
    esn.fit(batches(data, true, 1), null, 0);
    List<double[]> z = new ArrayList<>(), y = new ArrayList<>();
    for (SequenceExample e : data) {
      double[][] h = states(esn, e);
      for (int t = 2; t < e.length(); t++) {                                 // the washout leaves out t = 0, 1
        z.add(h[t]);
        double[] oneHot = new double[3];
        oneHot[(int) e.y()[t]] = 1;
        y.add(oneHot);
      }
    }
    assertReadout(esn, normalEquations(z, y, 1e-2), 2e-5);
  }

  @Test
  void theReservoirHasTheSpectralRadiusAskedAndItsSparsity() {
    EchoStateConfig c = new EchoStateConfig(2, 150, 0.9, 0.95, 0.5, 1.0, 0, List.of(1e-6), OutputMode.SEQUENCE, 1);
    EchoStateNetwork esn = new EchoStateNetwork(c, new Random(3));
    float[] w = esn.stateDict().get("weight_hh_l0").data();
    double[][] a = new double[150][150];
    int zeros = 0;
    for (int i = 0; i < 150; i++) {
      for (int j = 0; j < 150; j++) {
        a[i][j] = w[i * 150 + j];
        if (w[i * 150 + j] == 0) zeros++;
      }
    }
    EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(a));
    double rho = 0;
    for (int i = 0; i < 150; i++) rho = Math.max(rho, Math.hypot(e.getRealEigenvalues()[i], e.getImagEigenvalues()[i]));
    assertEquals(0.95, rho, 1e-4);
    assertEquals(0.9, zeros / (150.0 * 150), 0.01);                         // 22500 draws: sd of the share 0.002
    for (float v : esn.stateDict().get("weight_ih_l0").data()) assertTrue(Math.abs(v) <= 0.5f);
  }

  @Test
  void theReservoirIsABufferDrawnFromTheSeed() {
    EchoStateConfig c = config(3, 20, 2, OutputMode.SEQUENCE, 0, List.of(1e-3));
    EchoStateNetwork a = new EchoStateNetwork(c, new Random(11)), b = new EchoStateNetwork(c, new Random(11));
    EchoStateNetwork other = new EchoStateNetwork(c, new Random(12));
    for (String key : List.of("weight_ih_l0", "weight_hh_l0")) {
      assertArrayEquals(a.stateDict().get(key).data(), b.stateDict().get(key).data(), key);
      assertFalse(Arrays.equals(a.stateDict().get(key).data(), other.stateDict().get(key).data()), key);
    }
    assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "ridge", "temperature"), List.copyOf(a.namedBuffers().keySet()));
    assertEquals(List.of("readout.weight", "readout.bias"), List.copyOf(a.namedParameters().keySet()));
    assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "ridge", "temperature", "readout.weight", "readout.bias"),
        List.copyOf(a.stateDict().keySet()));
  }

  @Test
  void theRidgeIsChosenOnValidationData() {
    EchoStateConfig c = config(3, 40, 1, OutputMode.SEQUENCE, 0, List.of(1e-8, 1e-4, 1e2));
    // pure noise: no penalty but the largest generalises (nearly the training mean)
    EchoStateNetwork noise = new EchoStateNetwork(c, new Random(1));
    noise.fit(batches(records(60, 3, 1, false, false, 3), false, 1),
        batches(records(200, 3, 1, false, false, 4), false, 1), 0);
    assertEquals(1e2, noise.chosenRidge(), 1e-3);
    // targets that are a linear read-out of the final state: the smallest penalty recovers it best
    EchoStateNetwork exact = new EchoStateNetwork(c, new Random(1));
    List<List<SequenceExample>> parts = new ArrayList<>();
    for (long seed : new long[] {5, 6}) {
      List<SequenceExample> part = new ArrayList<>();
      for (SequenceExample e : records(seed == 5 ? 80 : 100, 3, 1, false, false, seed)) {
        double[][] h = states(exact, e);
        double y = 0.5;
        for (int j = 0; j < 40; j++) y += Math.sin(j) * h[e.length() - 1][j];
        part.add(e.withTarget(new float[] {(float) y}));
      }
      parts.add(part);
    }
    exact.fit(batches(parts.get(0), false, 1), batches(parts.get(1), false, 1), 0);
    assertEquals(1e-8, exact.chosenRidge(), 1e-12);
  }

  @Test
  void classLogitsCarryTheTemperatureThatMinimisesTheValidationCrossEntropy() {
    EchoStateConfig c = config(3, 30, 3, OutputMode.SEQUENCE, 0, List.of(1e-4));
    EchoStateNetwork esn = new EchoStateNetwork(c, new Random(5));
    // the class is the sign pattern of the last input's first value: learnable from the final state, not perfectly
    List<List<SequenceExample>> parts = new ArrayList<>();
    for (long seed : new long[] {1, 2}) {
      List<SequenceExample> part = new ArrayList<>();
      for (SequenceExample e : records(200, 3, 3, false, true, seed)) {
        float v = e.x(e.length() - 1, 0);
        part.add(e.withTarget(new float[] {v < -0.5f ? 0 : v < 0.5f ? 1 : 2}));
      }
      parts.add(part);
    }
    esn.fit(batches(parts.get(0), false, 1), batches(parts.get(1), false, 1), 0);
    double tau = esn.temperature();
    assertTrue(tau > 1, "tau " + tau);                                       // least-squares outputs are too flat
    // the cross-entropy of softmax(t * y) on the validation rows is lowest at t = tau
    List<double[]> y = new ArrayList<>();
    List<Integer> label = new ArrayList<>();
    Batcher validation = batches(parts.get(1), false, 1);
    for (int i = 0; i < validation.batchesPerEpoch(); i++) {
      Batch batch = validation.batch(0, i);
      float[] logits = esn.forward(batch, null).logits().data();
      for (int b = 0; b < batch.size(); b++) {
        y.add(new double[] {logits[b * 3] / tau, logits[b * 3 + 1] / tau, logits[b * 3 + 2] / tau});
        label.add((int) batch.targets()[b]);
      }
    }
    double best = crossEntropy(tau, y, label);
    assertTrue(best < crossEntropy(0.95 * tau, y, label) && best < crossEntropy(1.05 * tau, y, label));
    assertTrue(best < Math.log(3), "cross-entropy " + best + " vs chance ln 3");
  }

  private static double crossEntropy(double t, List<double[]> y, List<Integer> label) {
    double sum = 0;
    for (int r = 0; r < y.size(); r++) {
      double max = Double.NEGATIVE_INFINITY, z = 0;
      for (double v : y.get(r)) max = Math.max(max, t * v);
      for (double v : y.get(r)) z += Math.exp(t * v - max);
      sum += Math.log(z) + max - t * y.get(r)[label.get(r)];
    }
    return sum / y.size();
  }

  @Test
  void theOutputsAreThoseOfTheEquationsAndPaddingKeepsTheState() {
    EchoStateConfig c = config(3, 6, 2, OutputMode.PER_STEP, 0, List.of(1e-3));
    EchoStateNetwork esn = new EchoStateNetwork(c, new Random(2));
    List<SequenceExample> data = records(5, 3, 2, true, false, 7);
    esn.fit(batches(data, true, 2), null, 0);
    Batch batch = batches(data, true, 2).batch(0, 0);
    Model.Output out = esn.forward(batch, null);
    int T = batch.steps(), B = batch.size();
    assertArrayEquals(new int[] {T, B, 2}, out.logits().shape());
    float[] w = esn.stateDict().get("readout.weight").data(), bias = esn.stateDict().get("readout.bias").data();
    for (int b = 0; b < B; b++) {
      SequenceExample e = data.get(batch.indices()[b]);
      double[][] h = states(esn, e);
      for (int t = 0; t < e.length(); t++) {
        for (int k = 0; k < 2; k++) {
          double y = bias[k];
          for (int j = 0; j < 6; j++) y += w[k * 6 + j] * h[t][j];
          assertEquals(y, out.logits().data()[(t * B + b) * 2 + k], 1e-5, "b=" + b + " t=" + t);
        }
      }
      for (int j = 0; j < 6; j++) {                                          // h_n is the state at the last real step
        assertEquals(h[e.length() - 1][j], out.state().hN().data()[b * 6 + j], 1e-6);
      }
    }
  }

  @Test
  void aSavedModelPredictsTheSame(@TempDir Path dir) throws IOException {
    EchoStateConfig c = config(3, 12, 2, OutputMode.SEQUENCE, 0, List.of(1e-6, 1e-2));
    EchoStateNetwork esn = new EchoStateNetwork(c, new Random(9));
    esn.fit(batches(records(50, 3, 2, false, false, 1), false, 2), batches(records(20, 3, 2, false, false, 2), false, 2), 0);
    ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, "regression",
        ModelManifest.describe(esn), ModelDirectory.JSON.createObjectNode().put("format", "synthetic"),
        List.of("a", "b", "c"), List.of(), List.of("y0", "y1"), Map.of());
    ModelDirectory.write(dir, manifest, esn);
    ModelDirectory.Loaded back = ModelDirectory.read(dir);
    assertEquals("esn", back.model().kind());
    assertEquals(c, back.model().spec());
    assertEquals(esn.chosenRidge(), ((EchoStateNetwork) back.model()).chosenRidge());
    Batch batch = batches(records(10, 3, 2, false, false, 3), false, 2).batch(0, 0);
    Tensor expected = esn.forward(batch, null).logits();
    assertArrayEquals(expected.data(), back.model().forward(batch, null).logits().data());
  }

  @Test
  void severalPenaltiesNeedValidationData() {
    EchoStateConfig c = config(3, 5, 1, OutputMode.SEQUENCE, 0, List.of(1e-6, 1e-2));
    EchoStateNetwork esn = new EchoStateNetwork(c, new Random(1));
    assertEquals("model.ridge lists 2 penalties [1.0E-6, 0.01] to choose from on validation data, but there are "
        + "none; give data.split.validation > 0 or one penalty, e.g. ridge: [1e-6]", assertThrows(
        IllegalArgumentException.class, () -> esn.fit(batches(records(10, 3, 1, false, false, 1), false, 1), null, 0))
        .getMessage());
  }
}
