package org.recurrent.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchInput;
import org.recurrent.data.BatchSource;
import org.recurrent.data.timeseries.Windowing;
import org.recurrent.nn.Linear;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.nn.init.SpectralRadius;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Kind {@code esn}: an echo-state network (Jaeger 2001; Lukoševičius, "A practical guide to applying echo state
 * networks", 2012). A fixed random reservoir, never trained, and a linear read-out fitted in closed form by ridge
 * regression on the reservoir's states:
 * <pre>{@code
 * h_0 = 0 (or the carried state)
 * h_t = (1 - a) h_{t-1} + a tanh(W_in x_t + W h_{t-1})            (N) reservoir, leak rate a in (0, 1]
 * y_t = W_out h_t + b_out                                          (K) read-out
 * }</pre>
 * Shapes: x_t (I), W_in (N, I) with entries U(-s, s) (s = input scaling), W (N, N) with a share {@code sparsity} of
 * zeros and the others U(-1, 1), then scaled so that its spectral radius, found by power iteration
 * ({@link SpectralRadius}), is rho. W_in and W are buffers {@code weight_ih_l0} and {@code weight_hh_l0} (PyTorch's
 * RNN names): saved with the model, never trained, drawn from the run's seed, so the same seed gives the same
 * reservoir. Padding steps leave the state as it was.
 *
 * <p>The read-out {@code readout.weight} (K, N) and {@code readout.bias} (K) minimise, over the training rows
 * z_i = h (the final state of each sequence, or each step t >= washout of each sequence for per-step outputs) with
 * targets y_i (K values, or the one-hot vector of a class),
 * <pre>{@code
 * (1/n) sum_i ||y_i - W_out z_i - b_out||^2 + lambda ||W_out||_F^2          (the intercept is not penalised)
 * W_out^T = (C_zz + lambda I)^-1 C_zy,   b_out = mean(y) - W_out mean(z)
 * C_zz = (1/n) sum (z_i - mean z)(z_i - mean z)^T,   C_zy = (1/n) sum (z_i - mean z)(y_i - mean y)^T
 * }</pre>
 * solved by Cholesky in double precision for each lambda of the {@code ridge} list; the one with the lowest
 * validation error is kept (regression: the mean squared error; classes: the error rate of the argmax, ties broken
 * by the squared error) and saved as the buffer {@code ridge}. A class target is told from values by its width: one
 * value per row while the model answers K > 1 (the task's class index); otherwise the K values are regressed.
 *
 * <p>Classes are read out by the argmax of y. Least squares on one-hot targets gives y near 0 and 1, whose softmax
 * is nearly uniform, so the task's cross-entropy would look worse than chance even at a high accuracy; the logits
 * are therefore {@code tau * y} with one temperature {@code tau > 0} (Guo et al. 2017), the minimiser of the mean
 * cross-entropy of {@code softmax(tau * y)} on the validation rows (the training rows without validation data),
 * found by bisection on its derivative {@code mean(sum_k p_k y_k - y_c)}, which increases with tau. It changes no
 * argmax. Saved as the buffer {@code temperature}; 1 for regression.
 */
public final class EchoStateNetwork extends Model implements ClosedFormFit {
  /** The largest temperature: rows the read-out separates perfectly would otherwise push tau without bound. */
  static final double MAX_TEMPERATURE = 1000;
  private final EchoStateConfig spec;
  private final Tensor weightIh;   // (N, I) W_in
  private final Tensor weightHh;   // (N, N) W
  private final Tensor ridge;      // (1) the penalty the last fit chose; 0 before any fit
  private final Tensor temperature; // (1) tau: logits = tau * y for classes; 1 for regression
  private final Linear readout;    // W_out (K, N), b_out (K)

  EchoStateNetwork(EchoStateConfig spec, Random rng) {
    this.spec = spec;
    int N = spec.reservoirSize(), I = spec.inputSize();
    float s = (float) spec.inputScaling();
    Tensor wIn = Tensor.uniform(rng, -s, s, N, I);
    float[] w = new float[N * N];
    for (int i = 0; i < w.length; i++) {
      if (rng.nextDouble() >= spec.sparsity()) w[i] = rng.nextFloat() * 2 - 1;
    }
    try {
      SpectralRadius.scaleTo(w, N, spec.spectralRadius(), rng);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("esn: the reservoir drawn (N = " + N + ", sparsity " + spec.sparsity()
          + ") has spectral radius 0 and cannot be scaled to " + spec.spectralRadius() + "; lower model.sparsity or "
          + "raise model.reservoir_size");
    }
    this.weightIh = registerBuffer("weight_ih_l0", wIn);
    this.weightHh = registerBuffer("weight_hh_l0", Tensor.of(w, N, N));
    this.ridge = registerBuffer("ridge", Tensor.zeros(1));
    this.temperature = registerBuffer("temperature", Tensor.of(new float[] {1f}, 1));
    this.readout = registerModule("readout", new Linear(N, spec.outputSize(), rng));
    Arrays.fill(readout.weight().data(), 0f);                                // y = 0 until fitted
    Arrays.fill(readout.bias().data(), 0f);
  }

  @Override
  public String kind() {
    return EchoStateKind.NAME;
  }

  @Override
  public EchoStateConfig spec() {
    return spec;
  }

  public EchoStateConfig config() {
    return spec;
  }

  @Override
  public DataSignature signature() {
    return new DataSignature(false, spec.inputSize(), 0, -1, spec.outputSize(), spec.perStep());
  }

  /** The ridge penalty the last {@link #fit} chose (0 before any). */
  public double chosenRidge() {
    return ridge.data()[0];
  }

  /** tau of the class logits {@code tau * y} (1 for regression and before any fit). */
  public double temperature() {
    return temperature.data()[0];
  }

  /** y = W_out h + b_out, times tau for classes: the logits of reservoir states h (B, N). */
  public Tensor logits(Tensor h) {
    Tensor y = readout.forward(h);
    float tau = temperature.data()[0];
    return tau == 1f ? y : Ops.scale(y, tau);
  }

  @Override
  public Output forward(Batch batch, RecurrentOutput state) {
    int T = batch.steps(), B = batch.size(), N = spec.reservoirSize(), K = spec.outputSize();
    float[] h0 = state == null || state.hN() == null ? null : state.hN().data();
    States s = states(batch, h0, spec.perStep());
    Tensor hN = Tensor.of(s.last(), 1, B, N);                                 // (1, B, N) as an RNN's h_n
    if (spec.perStep()) {
      Tensor y = logits(Tensor.of(s.all(), T * B, N));                        // (T*B, K)
      return new Output(Ops.reshape(y, T, B, K), new RecurrentOutput(null, hN, null));   // (T, B, K)
    }
    return new Output(logits(Tensor.of(s.last().clone(), B, N)), new RecurrentOutput(null, hN, null));
  }

  /** The reservoir's states: every step's (T, B, N), or null when not kept, and each sequence's last real one (B, N). */
  record States(float[] all, float[] last) {}

  /**
   * Runs the reservoir over the batch from {@code h0} (B, N), or zeros; padding steps keep the state. Every step's
   * state is kept when {@code keepAll} (per-step outputs), else only the last.
   */
  States states(Batch batch, float[] h0, boolean keepAll) {
    Tensor x = batch.features();                                              // (T, B, I)
    int T = batch.steps(), B = batch.size(), N = spec.reservoirSize(), I = spec.inputSize();
    if (x == null || x.shape()[2] != I) {
      throw new IllegalArgumentException("esn input must be dense (T, B, I=" + I + "), got "
          + (x == null ? batch.primary().getClass().getSimpleName() : Arrays.toString(x.shape())));
    }
    if (h0 != null && h0.length != B * N) {
      throw new IllegalArgumentException("esn state must be (1, B=" + B + ", N=" + N + "), got " + h0.length + " values");
    }
    float a = (float) spec.leakRate();
    float[] h = h0 == null ? new float[B * N] : h0.clone();                  // (B, N)
    float[] all = keepAll ? new float[T * B * N] : null;                      // (T, B, N)
    int[] lengths = batch.lengths();
    try (var g = Autograd.noGrad()) {
      for (int t = 0; t < T; t++) {
        Tensor xt = Tensor.of(Arrays.copyOfRange(x.data(), t * B * I, (t + 1) * B * I), B, I);
        float[] pre = Ops.add(Ops.linear(xt, weightIh, null), Ops.linear(Tensor.of(h, B, N), weightHh, null)).data();
        for (int b = 0; b < B; b++) {
          if (t >= lengths[b]) continue;                                     // padding: the state stays
          for (int j = b * N; j < (b + 1) * N; j++) h[j] = (1 - a) * h[j] + a * (float) Math.tanh(pre[j]);
        }
        if (keepAll) System.arraycopy(h, 0, all, t * B * N, B * N);
      }
    }
    return new States(all, h);
  }

  // ---- the closed-form read-out -----------------------------------------------------------------------------

  /**
   * Fits the read-out by ridge regression on the training batches, for each penalty of the spec's {@code ridge}
   * list, and keeps the one with the lowest validation error (see the class comment). The reservoir is not changed.
   *
   * @throws IllegalArgumentException when several penalties are listed but there are no validation data, or the
   *     washout leaves no step to fit
   */
  @Override
  public void fit(BatchSource train, BatchSource validation, long seed) {
    int N = spec.reservoirSize(), K = spec.outputSize();
    boolean validating = validation != null && validation.batchesPerEpoch() > 0;
    if (!validating && spec.ridge().size() > 1) {
      throw new IllegalArgumentException("model.ridge lists " + spec.ridge().size() + " penalties " + spec.ridge()
          + " to choose from on validation data, but there are none; give data.split.validation > 0 or one "
          + "penalty, e.g. ridge: [1e-6]");
    }
    Moments m = new Moments(N, K);
    for (int i = 0; i < train.batchesPerEpoch(); i++) m.add(rows(train.batch(0, i)));
    if (m.n == 0) {
      throw new IllegalArgumentException("esn: no training rows to fit: model.washout " + spec.washout()
          + " leaves out every step of the training sequences; lower it");
    }
    List<Readout> fitted = new ArrayList<>();
    for (double lambda : spec.ridge()) fitted.add(m.solve(lambda));
    Readout best = fitted.get(0);
    if (fitted.size() > 1) {
      double[][] scores = new double[fitted.size()][];                        // (errors, squared error) per penalty
      for (int r = 0; r < fitted.size(); r++) scores[r] = new double[2];
      for (int i = 0; i < validation.batchesPerEpoch(); i++) {
        Rows rows = rows(validation.batch(0, i));
        for (int r = 0; r < fitted.size(); r++) fitted.get(r).score(rows, scores[r]);
      }
      int chosen = 0;
      for (int r = 1; r < fitted.size(); r++) {
        boolean fewerErrors = scores[r][0] < scores[chosen][0];
        if (fewerErrors || scores[r][0] == scores[chosen][0] && scores[r][1] < scores[chosen][1]) chosen = r;
      }
      best = fitted.get(chosen);
    }
    float[] w = readout.weight().data(), b = readout.bias().data();           // (K, N), (K)
    for (int k = 0; k < K; k++) {
      for (int j = 0; j < N; j++) w[k * N + j] = (float) best.w[j * K + k];
      b[k] = (float) best.b[k];
    }
    ridge.data()[0] = (float) best.lambda;
    temperature.data()[0] = 1f;
    if (K > 1 && train.batchesPerEpoch() > 0 && train.batch(0, 0).targetWidth() == 1) {
      temperature.data()[0] = (float) temperatureFor(best, validating ? validation : train);
    }
  }

  /** The tau > 0 that minimises the mean cross-entropy of softmax(tau * y) on the rows of {@code source}. */
  private double temperatureFor(Readout readout, BatchSource source) {
    List<double[]> outputs = new ArrayList<>();
    List<int[]> labels = new ArrayList<>();
    for (int i = 0; i < source.batchesPerEpoch(); i++) {
      Rows rows = rows(source.batch(0, i));
      outputs.add(readout.outputs(rows));
      labels.add(rows.label());
    }
    int K = spec.outputSize();
    double lo = 0, hi = 1;
    while (slope(hi, outputs, labels, K) < 0 && hi < MAX_TEMPERATURE) {      // bracket the root of the slope
      lo = hi;
      hi *= 2;
    }
    for (int it = 0; it < 60; it++) {
      double mid = (lo + hi) / 2;
      if (slope(mid, outputs, labels, K) < 0) lo = mid; else hi = mid;
    }
    return Math.min(MAX_TEMPERATURE, Math.max((lo + hi) / 2, 1e-6));
  }

  /** d/dtau of the mean cross-entropy of softmax(tau * y): mean(sum_k p_k y_k - y_c), increasing in tau. */
  private static double slope(double tau, List<double[]> outputs, List<int[]> labels, int K) {
    double sum = 0;
    long n = 0;
    for (int part = 0; part < outputs.size(); part++) {
      double[] y = outputs.get(part);
      int[] label = labels.get(part);
      for (int r = 0; r < label.length; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) max = Math.max(max, tau * y[r * K + k]);
        double z = 0, expected = 0;
        for (int k = 0; k < K; k++) {
          double e = Math.exp(tau * y[r * K + k] - max);
          z += e;
          expected += e * y[r * K + k];
        }
        sum += expected / z - y[r * K + label[r]];
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /**
   * The read-out's rows of a batch: z (R, N) and targets y (R, K), one-hot for class targets; {@code label} the
   * class of each row for class targets, null for regression.
   */
  record Rows(int count, float[] z, double[] y, int[] label) {}

  /** The rows of one batch: each sequence's final state, or each of its steps from the washout on. */
  Rows rows(Batch batch) {
    int B = batch.size(), N = spec.reservoirSize(), K = spec.outputSize(), width = batch.targetWidth();
    boolean classes = width == 1 && K > 1;
    if (!classes && width != K) {
      throw new IllegalArgumentException("esn: targets of " + width + " values per row for an output of K=" + K
          + "; expected K values (regression) or one class index");
    }
    States s = states(batch, null, spec.perStep());
    int[] lengths = batch.lengths();
    int R = 0;
    if (spec.perStep()) {
      for (int len : lengths) R += Math.max(0, len - spec.washout());
    } else {
      R = B;
    }
    float[] z = new float[R * N];
    double[] y = new double[R * K];
    int[] label = classes ? new int[R] : null;
    int r = 0;
    float[] targets = batch.targets();
    // a residual forecaster's read-out learns the change from the window's last value a: y - a (the task adds a back)
    BatchInput last = spec.perStep() || classes ? null : batch.input(Windowing.LAST_VALUE);
    float[] a = last instanceof BatchInput.Dense d && d.values().size(2) == K ? d.values().data() : null;
    if (last != null && a == null) {
      throw new IllegalArgumentException("esn: the last-value input must hold K=" + K + " values per sequence");
    }
    for (int b = 0; b < B; b++) {
      int from = spec.perStep() ? spec.washout() : lengths[b] - 1, to = lengths[b];
      for (int t = from; t < to; t++, r++) {
        float[] source = spec.perStep() ? s.all() : s.last();
        System.arraycopy(source, (spec.perStep() ? t * B + b : b) * N, z, r * N, N);
        int at = (spec.perStep() ? t * B + b : b) * width;                  // per step (T, B, K), else (B, K)
        if (classes) {
          int c = (int) targets[at];
          if (c < 0 || c >= K) throw new IllegalArgumentException("esn: class index " + c + " outside 0.." + (K - 1));
          label[r] = c;
          y[r * K + c] = 1;                                                   // one-hot
        } else {
          for (int k = 0; k < K; k++) y[r * K + k] = targets[at + k] - (a == null ? 0 : a[b * K + k]);
        }
      }
    }
    return new Rows(R, z, y, label);
  }

  /** Sums over the training rows: n, sum z, sum y, sum z z^T, sum z y^T, in double. */
  private static final class Moments {
    final int N, K;
    long n;
    final double[] sz, sy, szz, szy;                                          // (N), (K), (N, N) upper, (N, K)

    Moments(int N, int K) {
      this.N = N;
      this.K = K;
      sz = new double[N];
      sy = new double[K];
      szz = new double[N * N];
      szy = new double[N * K];
    }

    void add(Rows rows) {
      float[] z = rows.z();
      double[] y = rows.y();
      double[] zi = new double[N];
      for (int r = 0; r < rows.count(); r++) {
        for (int j = 0; j < N; j++) zi[j] = z[r * N + j];
        for (int j = 0; j < N; j++) {
          double zj = zi[j];
          sz[j] += zj;
          int row = j * N;
          for (int l = j; l < N; l++) szz[row + l] += zj * zi[l];             // upper triangle
          for (int k = 0; k < K; k++) szy[j * K + k] += zj * y[r * K + k];
        }
        for (int k = 0; k < K; k++) sy[k] += y[r * K + k];
      }
      n += rows.count();
    }

    /** The ridge solution for {@code lambda}: W (N, K) from (C_zz + lambda I) W = C_zy, and b = mean y - W^T mean z. */
    Readout solve(double lambda) {
      double[] mz = new double[N], my = new double[K];
      for (int j = 0; j < N; j++) mz[j] = sz[j] / n;
      for (int k = 0; k < K; k++) my[k] = sy[k] / n;
      double[] a = new double[N * N], c = new double[N * K];
      for (int j = 0; j < N; j++) {
        for (int l = j; l < N; l++) a[j * N + l] = a[l * N + j] = szz[j * N + l] / n - mz[j] * mz[l];
        a[j * N + j] += lambda;
        for (int k = 0; k < K; k++) c[j * K + k] = szy[j * K + k] / n - mz[j] * my[k];
      }
      choleskySolve(a, c, N, K, lambda);
      double[] b = new double[K];
      for (int k = 0; k < K; k++) {
        double s = my[k];
        for (int j = 0; j < N; j++) s -= c[j * K + k] * mz[j];
        b[k] = s;
      }
      return new Readout(lambda, c, b, N, K);
    }
  }

  /**
   * Solves A X = C in place (C becomes X) for a symmetric positive definite A (n x n, overwritten by its Cholesky
   * factor L, A = L L^T) and C (n x k).
   */
  static void choleskySolve(double[] a, double[] c, int n, int k, double lambda) {
    for (int j = 0; j < n; j++) {
      double d = a[j * n + j];
      for (int p = 0; p < j; p++) d -= a[j * n + p] * a[j * n + p];
      if (!(d > 0)) {
        throw new IllegalArgumentException("esn: the read-out's normal equations are not positive definite with ridge "
            + lambda + " (non-finite reservoir states?); use a larger penalty");
      }
      double ljj = Math.sqrt(d);
      a[j * n + j] = ljj;
      for (int i = j + 1; i < n; i++) {
        double s = a[i * n + j];
        for (int p = 0; p < j; p++) s -= a[i * n + p] * a[j * n + p];
        a[i * n + j] = s / ljj;
      }
    }
    for (int col = 0; col < k; col++) {
      for (int i = 0; i < n; i++) {                                           // L u = c
        double s = c[i * k + col];
        for (int p = 0; p < i; p++) s -= a[i * n + p] * c[p * k + col];
        c[i * k + col] = s / a[i * n + i];
      }
      for (int i = n - 1; i >= 0; i--) {                                      // L^T x = u
        double s = c[i * k + col];
        for (int p = i + 1; p < n; p++) s -= a[p * n + i] * c[p * k + col];
        c[i * k + col] = s / a[i * n + i];
      }
    }
  }

  /** A fitted read-out y = W^T z + b, W (N, K). */
  private record Readout(double lambda, double[] w, double[] b, int N, int K) {

    /** y = W^T z + b of every row, (R, K). */
    double[] outputs(Rows rows) {
      double[] y = new double[rows.count() * K];
      for (int r = 0; r < rows.count(); r++) {
        System.arraycopy(b, 0, y, r * K, K);
        for (int j = 0; j < N; j++) {
          double z = rows.z()[r * N + j];
          for (int k = 0; k < K; k++) y[r * K + k] += w[j * K + k] * z;
        }
      }
      return y;
    }

    /** Adds this read-out's errors (argmax against the class; 0 for regression) and squared error on the rows. */
    void score(Rows rows, double[] into) {
      double[] y = outputs(rows);
      for (int r = 0; r < rows.count(); r++) {
        int argmax = 0;
        for (int k = 0; k < K; k++) {
          double d = y[r * K + k] - rows.y()[r * K + k];
          into[1] += d * d;
          if (y[r * K + k] > y[r * K + argmax]) argmax = k;
        }
        if (rows.label() != null && argmax != rows.label()[r]) into[0]++;
      }
    }
  }
}
