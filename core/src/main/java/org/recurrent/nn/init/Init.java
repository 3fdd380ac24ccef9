package org.recurrent.nn.init;

import java.util.Arrays;
import java.util.Random;
import org.recurrent.tensor.Tensor;

/**
 * Weight initialisers matching {@code torch.nn.init}: each fills a tensor in place and returns it.
 *
 * <p>Fans follow {@code torch.nn.init._calculate_fan_in_and_fan_out}: for a weight of shape
 * (out, in, k1, k2, ...) with receptive field {@code r = k1 * k2 * ...}, {@code fanIn = in * r} and
 * {@code fanOut = out * r}; a recurrent weight (G*H, I) therefore has fanIn I and fanOut G*H.
 *
 * <pre>{@code
 * xavierUniform   U(-a, a),  a   = gain sqrt(6 / (fanIn + fanOut))
 * xavierNormal    N(0, s^2), s   = gain sqrt(2 / (fanIn + fanOut))
 * kaimingUniform  U(-b, b),  b   = sqrt(3) gain / sqrt(fanIn),  gain = sqrt(2 / (1 + a^2))   (leaky_relu, fan_in)
 * kaimingNormal   N(0, s^2), s   = gain / sqrt(fanIn)
 * recurrentDefault U(-k, k), k   = 1 / sqrt(H)        (every weight and bias of torch.nn.RNN/LSTM/GRU)
 * orthogonal      Q of the QR of a Gaussian matrix, columns signed by diag(R), times gain
 * }</pre>
 *
 * <p>Only leaf tensors can be initialised: filling a tensor computed by an op would silently break its
 * recorded gradient.
 */
public final class Init {
  private Init() {}

  /** Fan-in and fan-out of a weight, as PyTorch computes them. */
  public record Fans(int fanIn, int fanOut) {}

  /** {@code torch.nn.init._calculate_fan_in_and_fan_out}: needs at least 2 dimensions. */
  public static Fans fans(Tensor t) {
    return fans("fans", t);
  }

  private static Fans fans(String op, Tensor t) {
    if (t.dim() < 2) {
      throw new IllegalArgumentException(op + ": fan in and fan out need a tensor with at least 2 dimensions "
          + "(out, in, ...), got " + t.shapeString());
    }
    int receptive = 1;
    for (int d = 2; d < t.dim(); d++) receptive *= t.size(d);
    return new Fans(t.size(1) * receptive, t.size(0) * receptive);
  }

  /**
   * {@code torch.nn.init.calculate_gain}: 1 for linear/conv/sigmoid, 5/3 for tanh, sqrt(2) for relu,
   * sqrt(2 / (1 + slope^2)) for leaky_relu (slope {@code param}, 0.01 when NaN), 3/4 for selu.
   */
  public static double calculateGain(String nonlinearity, double param) {
    return switch (nonlinearity) {
      case "linear", "identity", "sigmoid", "conv1d", "conv2d", "conv3d",
          "conv_transpose1d", "conv_transpose2d", "conv_transpose3d" -> 1;
      case "tanh" -> 5.0 / 3;
      case "relu" -> Math.sqrt(2);
      case "leaky_relu" -> {
        double slope = Double.isNaN(param) ? 0.01 : param;
        yield Math.sqrt(2 / (1 + slope * slope));
      }
      case "selu" -> 0.75;
      default -> throw new IllegalArgumentException("calculateGain: unsupported nonlinearity '" + nonlinearity
          + "'; expected one of linear, identity, sigmoid, conv1d..3d, conv_transpose1d..3d, tanh, relu, "
          + "leaky_relu, selu");
    };
  }

  /** {@link #calculateGain(String, double)} with PyTorch's default parameter. */
  public static double calculateGain(String nonlinearity) {
    return calculateGain(nonlinearity, Double.NaN);
  }

  /** U(lo, hi), like {@code uniform_(t, a, b)}. */
  public static Tensor uniform(Tensor t, double lo, double hi, Random rng) {
    checkLeaf("uniform", t);
    if (!(lo <= hi)) throw new IllegalArgumentException("uniform: need lo <= hi, got lo=" + lo + ", hi=" + hi);
    float[] w = t.data();
    for (int i = 0; i < w.length; i++) w[i] = (float) (lo + (hi - lo) * rng.nextDouble());
    return t;
  }

  /** N(mean, std^2), like {@code normal_(t, mean, std)}. */
  public static Tensor normal(Tensor t, double mean, double std, Random rng) {
    checkLeaf("normal", t);
    if (!(std >= 0)) throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
    float[] w = t.data();
    for (int i = 0; i < w.length; i++) w[i] = (float) (mean + std * rng.nextGaussian());
    return t;
  }

  public static Tensor constant(Tensor t, double value) {
    checkLeaf("constant", t);
    Arrays.fill(t.data(), (float) value);
    return t;
  }

  public static Tensor zeros(Tensor t) {
    return constant(t, 0);
  }

  public static Tensor ones(Tensor t) {
    return constant(t, 1);
  }

  /** Glorot uniform, {@code xavier_uniform_}: U(-a, a) with {@code a = gain sqrt(6 / (fanIn + fanOut))}. */
  public static Tensor xavierUniform(Tensor t, double gain, Random rng) {
    Fans f = fans("xavierUniform", t);
    double a = gain * Math.sqrt(6.0 / (f.fanIn() + f.fanOut()));
    return uniform(t, -a, a, rng);
  }

  /** Glorot normal, {@code xavier_normal_}: N(0, s^2) with {@code s = gain sqrt(2 / (fanIn + fanOut))}. */
  public static Tensor xavierNormal(Tensor t, double gain, Random rng) {
    Fans f = fans("xavierNormal", t);
    return normal(t, 0, gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut())), rng);
  }

  /**
   * He uniform, {@code kaiming_uniform_(t, a, mode='fan_in', nonlinearity='leaky_relu')}: U(-b, b) with
   * {@code b = sqrt(3) sqrt(2 / (1 + a^2)) / sqrt(fanIn)}. {@code a = sqrt(5)} gives torch.nn.Linear's
   * default weight, U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
   */
  public static Tensor kaimingUniform(Tensor t, double a, Random rng) {
    Fans f = fans("kaimingUniform", t);
    if (f.fanIn() == 0) return t; // zero elements: PyTorch warns and does nothing
    double bound = Math.sqrt(3) * calculateGain("leaky_relu", a) / Math.sqrt(f.fanIn());
    return uniform(t, -bound, bound, rng);
  }

  /** He normal, {@code kaiming_normal_(t, a, 'fan_in', 'leaky_relu')}: N(0, s^2), s = gain / sqrt(fanIn). */
  public static Tensor kaimingNormal(Tensor t, double a, Random rng) {
    Fans f = fans("kaimingNormal", t);
    if (f.fanIn() == 0) return t;
    return normal(t, 0, calculateGain("leaky_relu", a) / Math.sqrt(f.fanIn()), rng);
  }

  /**
   * {@code orthogonal_(t, gain)}: t viewed as (size(0), numel / size(0)) gets orthonormal rows when wide or
   * orthonormal columns when tall, times {@code gain}; see {@link Orthogonal} for the algorithm.
   */
  public static Tensor orthogonal(Tensor t, double gain, Random rng) {
    checkLeaf("orthogonal", t);
    if (t.dim() < 2) {
      throw new IllegalArgumentException("orthogonal: needs a tensor with at least 2 dimensions, got " + t.shapeString());
    }
    if (t.numel() == 0) return t;
    int rows = t.size(0);
    float[] q = Orthogonal.sample(rows, t.numel() / rows, gain, rng);
    System.arraycopy(q, 0, t.data(), 0, q.length);
    return t;
  }

  /** {@code scale * I} on a square 2-D tensor: the IRNN recurrent weight (Le et al. 2015). */
  public static Tensor identity(Tensor t, double scale) {
    checkLeaf("identity", t);
    if (t.dim() != 2 || t.size(0) != t.size(1)) {
      throw new IllegalArgumentException("identity: needs a square 2-D tensor (H, H), got " + t.shapeString());
    }
    float[] w = t.data();
    Arrays.fill(w, 0f);
    int h = t.size(0);
    for (int i = 0; i < h; i++) w[i * h + i] = (float) scale;
    return t;
  }

  /**
   * PyTorch's default for every weight and bias of {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU}:
   * U(-k, k) with {@code k = 1 / sqrt(hiddenSize)}.
   */
  public static Tensor recurrentDefault(Tensor t, int hiddenSize, Random rng) {
    if (hiddenSize <= 0) throw new IllegalArgumentException("recurrentDefault: hiddenSize must be > 0, got " + hiddenSize);
    double k = 1 / Math.sqrt(hiddenSize);
    return uniform(t, -k, k, rng);
  }

  /**
   * Sets the forget-gate block [H, 2H) of an LSTM bias (4H) to {@code value}, leaving the others; PyTorch's
   * gate order is i, f, g, o. The effective forget bias is {@code bias_ih + bias_hh}, so set it on one of them
   * and zero it on the other to get exactly {@code value} (Jozefowicz et al. 2015 recommend 1).
   */
  public static Tensor lstmForgetGateBias(Tensor bias, int hiddenSize, double value) {
    checkLeaf("lstmForgetGateBias", bias);
    if (hiddenSize <= 0 || bias.dim() != 1 || bias.size(0) != 4 * hiddenSize) {
      throw new IllegalArgumentException("lstmForgetGateBias: bias must be (4H) = (" + 4L * hiddenSize
          + ") for hiddenSize " + hiddenSize + ", got " + bias.shapeString());
    }
    Arrays.fill(bias.data(), hiddenSize, 2 * hiddenSize, (float) value);
    return bias;
  }

  /**
   * {@link #orthogonal} applied to each of the {@code gates} row blocks of a stacked (G*H, H) matrix, so every
   * gate's recurrent matrix is itself orthogonal (a plain orthogonal (4H, H) matrix only has orthonormal columns
   * overall).
   */
  public static Tensor orthogonalPerGate(Tensor weight, int gates, double gain, Random rng) {
    int blockRows = gateRows("orthogonalPerGate", weight, gates);
    int cols = weight.size(1);
    for (int g = 0; g < gates; g++) {
      float[] q = Orthogonal.sample(blockRows, cols, gain, rng);
      System.arraycopy(q, 0, weight.data(), g * blockRows * cols, q.length); // rows [g H, (g+1) H)
    }
    return weight;
  }

  /**
   * {@link #xavierUniform} with each of the {@code gates} row blocks of a stacked (G*H, I) matrix taken as its
   * own weight: fanIn I, fanOut H (not G*H), so {@code a = gain sqrt(6 / (I + H))}.
   */
  public static Tensor xavierUniformPerGate(Tensor weight, int gates, double gain, Random rng) {
    int blockRows = gateRows("xavierUniformPerGate", weight, gates);
    double a = gain * Math.sqrt(6.0 / (weight.size(1) + blockRows));
    // every block has the same bound and blocks are contiguous rows, so one pass fills them all
    return uniform(weight, -a, a, rng);
  }

  private static int gateRows(String op, Tensor weight, int gates) {
    checkLeaf(op, weight);
    if (gates <= 0 || weight.dim() != 2 || weight.size(0) % gates != 0) {
      throw new IllegalArgumentException(op + ": weight must be a 2-D (G*H, cols) matrix with rows divisible by "
          + "gates=" + gates + ", got " + weight.shapeString());
    }
    return weight.size(0) / gates;
  }

  private static void checkLeaf(String op, Tensor t) {
    if (!t.isLeaf()) {
      throw new IllegalArgumentException(op + ": cannot initialise a tensor computed by an op (" + t.gradFn().name()
          + "); initialise parameters, or detach() first");
    }
  }
}
