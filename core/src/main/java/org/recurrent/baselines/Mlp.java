package org.recurrent.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A multi-layer perceptron with one ReLU hidden layer and a sigmoid output, trained with the binary cross-entropy,
 * L2 weight decay and Adam on seeded mini-batches; scikit-learn's {@code MLPClassifier(hidden_layer_sizes=(H,),
 * activation="relu", solver="adam", alpha=lambda)} up to its per-batch scaling of alpha.
 *
 * <p>For a row x (I = d inputs) and H hidden units:
 * <pre>{@code
 * a = W1 x + b1        (H)        W1: (H, I)
 * h = relu(a)          (H)
 * z = w2 . h + b2                 w2: (H)
 * p = sigmoid(z)                  the score
 * J = (1/n) sum_i -[y_i log p_i + (1 - y_i) log(1 - p_i)] + lambda/2 (||W1||^2 + ||w2||^2)   biases not decayed
 * }</pre>
 * and its gradient for one mini-batch of size B, backward right under forward:
 * <pre>{@code
 * dz  = (p - y) / B
 * dw2 = sum dz h + lambda w2,   db2 = sum dz
 * dh  = dz w2,   da = dh * [a > 0]
 * dW1 = sum da x^T + lambda W1, db1 = sum da
 * }</pre>
 * Init (all from {@code seed}): W1 ~ U(-sqrt(6/I), sqrt(6/I)) (He), w2 ~ U(-sqrt(6/(H+1)), sqrt(6/(H+1))) (Glorot),
 * biases 0. Adam with beta1 = 0.9, beta2 = 0.999, eps = 1e-8 and bias correction. Each epoch shuffles the rows with
 * the same seeded generator.
 *
 * <p>Early stopping: when {@code validationFraction > 0}, the last {@code floor(n * validationFraction)} rows of a
 * seeded permutation of the training rows are held out (never trained on); after each epoch their mean
 * cross-entropy is measured, the weights with the lowest one are kept, and training stops after {@code patience}
 * epochs without improvement (or at {@code maxEpochs}). If that slice would be empty or leave a single class to
 * train on, all rows are trained on for {@code maxEpochs} epochs. The fit is deterministic for a seed.
 */
public final class Mlp implements BinaryClassifier {
  /**
   * The hyper-parameters.
   *
   * @param hiddenSize         H >= 1 hidden units
   * @param weightDecay        lambda >= 0 on the weights (not the biases)
   * @param learningRate       Adam's step size > 0
   * @param batchSize          rows per step >= 1
   * @param maxEpochs          epochs at most >= 1
   * @param validationFraction the held-out slice of the training rows for early stopping, in [0, 0.5]
   * @param patience           epochs without improvement before stopping >= 1
   * @param seed               the seed of the init, the held-out slice and the shuffles
   */
  public record Options(int hiddenSize, double weightDecay, double learningRate, int batchSize, int maxEpochs,
      double validationFraction, int patience, long seed) {
    public Options {
      if (hiddenSize < 1) throw new IllegalArgumentException("Mlp: hiddenSize must be >= 1, got " + hiddenSize);
      if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
        throw new IllegalArgumentException("Mlp: weightDecay must be a finite number >= 0, got " + weightDecay);
      }
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw new IllegalArgumentException("Mlp: learningRate must be a finite number > 0, got " + learningRate);
      }
      if (batchSize < 1) throw new IllegalArgumentException("Mlp: batchSize must be >= 1, got " + batchSize);
      if (maxEpochs < 1) throw new IllegalArgumentException("Mlp: maxEpochs must be >= 1, got " + maxEpochs);
      if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
        throw new IllegalArgumentException("Mlp: validationFraction must be in [0, 0.5], got " + validationFraction);
      }
      if (patience < 1) throw new IllegalArgumentException("Mlp: patience must be >= 1, got " + patience);
    }

    /** H = 32, this lambda, learning rate 1e-3, batches of 32, up to 200 epochs, 10% held out, patience 10. */
    public static Options withWeightDecay(double weightDecay, long seed) {
      return new Options(32, weightDecay, 1e-3, 32, 200, 0.1, 10, seed);
    }
  }

  private final Options options;
  private int inputSize;
  private double[] theta;                                               // [W1 (H, I) | b1 (H) | w2 (H) | b2]
  private int epochs;

  public Mlp(Options options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "mlp";
  }

  public Options options() {
    return options;
  }

  @Override
  public Map<String, Double> hyperParameters() {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put("weight_decay", options.weightDecay());
    p.put("hidden_size", (double) options.hiddenSize());
    return p;
  }

  @Override
  public boolean scoresAreProbabilities() {
    return true;
  }

  @Override
  public Mlp fit(BinaryData data) {
    return fit(data.x(), data.y());
  }

  @Override
  public Mlp fit(FeatureMatrix x, int[] y) {
    BinaryData.checkTrainingLabels("Mlp.fit", x, y);
    int n = x.rows(), I = x.cols(), H = options.hiddenSize();
    inputSize = I;
    Random random = new Random(options.seed());
    double[] params = new double[H * I + 3 * H + 1];
    double bound1 = Math.sqrt(6.0 / I), bound2 = Math.sqrt(6.0 / (H + 1));
    for (int k = 0; k < H * I; k++) params[k] = (2 * random.nextDouble() - 1) * bound1;
    for (int k = 0; k < H; k++) params[H * I + H + k] = (2 * random.nextDouble() - 1) * bound2;

    int[] rows = permutation(n, random);
    int held = (int) Math.floor(n * options.validationFraction());
    int[] fitRows = rows;
    int[] heldRows = new int[0];
    if (held > 0 && bothClasses(y, rows, 0, n - held)) {
      fitRows = java.util.Arrays.copyOfRange(rows, 0, n - held);
      heldRows = java.util.Arrays.copyOfRange(rows, n - held, n);
    }

    double[] grad = new double[params.length];
    double[] m = new double[params.length];
    double[] v = new double[params.length];
    double[] best = params.clone();
    double bestLoss = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    long step = 0;
    double[] a = new double[H];
    double[] X = x.data();
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8, lr = options.learningRate(), lambda = options.weightDecay();
    epochs = 0;
    while (epochs < options.maxEpochs()) {
      shuffle(fitRows, random);
      for (int start = 0; start < fitRows.length; start += options.batchSize()) {
        int end = Math.min(start + options.batchSize(), fitRows.length);
        batchObjective(params, X, y, fitRows, start, end, I, H, lambda, a, grad);
        step++;
        double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
        for (int k = 0; k < params.length; k++) {
          m[k] = beta1 * m[k] + (1 - beta1) * grad[k];
          v[k] = beta2 * v[k] + (1 - beta2) * grad[k] * grad[k];
          params[k] -= lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + eps);
        }
      }
      epochs++;
      if (heldRows.length > 0) {
        double loss = 0;
        for (int i : heldRows) {
          double z = logit(params, X, i * I, I, H, a);
          loss += LogisticRegression.softplus(y[i] == 1 ? -z : z);                     // -log p(y | x)
        }
        loss /= heldRows.length;
        if (loss < bestLoss) {
          bestLoss = loss;
          System.arraycopy(params, 0, best, 0, params.length);
          sinceBest = 0;
        } else if (++sinceBest >= options.patience()) {
          break;
        }
      }
    }
    theta = heldRows.length > 0 ? best : params;
    return this;
  }

  /**
   * J of the class comment on the rows {@code rows[from..to)} (the mini-batch, B = to - from), with its gradient
   * written into {@code grad} in the layout {@code [W1 (H, I) | b1 (H) | w2 (H) | b2]}.
   */
  static double batchObjective(double[] params, double[] X, int[] y, int[] rows, int from, int to, int I, int H,
      double lambda, double[] a, double[] grad) {
    java.util.Arrays.fill(grad, 0);
    int B = to - from;
    double loss = 0;
    for (int r = from; r < to; r++) {
      int i = rows[r];
      double z = logit(params, X, i * I, I, H, a);
      loss += LogisticRegression.softplus(y[i] == 1 ? -z : z);                       // -log p(y | x)
      backward(params, X, i * I, I, H, a, (LogisticRegression.sigmoid(z) - y[i]) / B, grad);
    }
    double penalty = 0;
    for (int k = 0; k < H * I; k++) {
      penalty += params[k] * params[k];
      grad[k] += lambda * params[k];                                                // dW1 += lambda W1
    }
    for (int k = H * I + H; k < H * I + 2 * H; k++) {
      penalty += params[k] * params[k];
      grad[k] += lambda * params[k];                                                // dw2 += lambda w2
    }
    return loss / B + 0.5 * lambda * penalty;
  }

  /** z = w2 . relu(W1 x + b1) + b2 for the row at offset {@code xo}; leaves a = W1 x + b1. */
  private static double logit(double[] params, double[] X, int xo, int I, int H, double[] a) {
    int b1 = H * I, w2 = b1 + H, b2 = w2 + H;
    double z = params[b2];
    for (int h = 0; h < H; h++) {
      double s = params[b1 + h];
      for (int j = 0, o = h * I; j < I; j++) s += params[o + j] * X[xo + j];
      a[h] = s;                                                                     // a = W1 x + b1
      if (s > 0) z += params[w2 + h] * s;                                           // z = w2 . relu(a) + b2
    }
    return z;
  }

  /** Adds this row's gradient to {@code grad}, given dz = (p - y) / B and a from {@link #logit}. */
  private static void backward(double[] params, double[] X, int xo, int I, int H, double[] a, double dz,
      double[] grad) {
    int b1 = H * I, w2 = b1 + H, b2 = w2 + H;
    grad[b2] += dz;                                                                 // db2 = sum dz
    for (int h = 0; h < H; h++) {
      if (!(a[h] > 0)) continue;                                                    // relu'(a) = [a > 0]
      grad[w2 + h] += dz * a[h];                                                    // dw2 = sum dz h
      double da = dz * params[w2 + h];                                              // da = dz w2 [a > 0]
      grad[b1 + h] += da;                                                           // db1 = sum da
      for (int j = 0, o = h * I; j < I; j++) grad[o + j] += da * X[xo + j];        // dW1 = sum da x^T
    }
  }

  /** p = sigmoid(z) per row. */
  @Override
  public double[] score(FeatureMatrix x) {
    if (theta == null) throw new IllegalStateException("Mlp.score: call fit first");
    x.requireCols("Mlp.score", inputSize);
    int H = options.hiddenSize();
    double[] a = new double[H];
    double[] out = new double[x.rows()];
    for (int i = 0; i < out.length; i++) out[i] = LogisticRegression.sigmoid(logit(theta, x.data(), i * inputSize, inputSize, H, a));
    return out;
  }

  /** Epochs the last fit ran (including the patience epochs after the best one). */
  public int epochs() {
    return epochs;
  }

  private static boolean bothClasses(int[] y, int[] rows, int from, int to) {
    int positives = 0;
    for (int r = from; r < to; r++) positives += y[rows[r]];
    return positives > 0 && positives < to - from;
  }

  private static int[] permutation(int n, Random random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    shuffle(p, random);
    return p;
  }

  private static void shuffle(int[] p, Random random) {
    for (int i = p.length - 1; i > 0; i--) {                                        // Fisher-Yates
      int r = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[r];
      p[r] = t;
    }
  }
}
