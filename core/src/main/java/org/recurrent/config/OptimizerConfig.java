package org.recurrent.config;

import java.util.List;
import java.util.Locale;
import org.recurrent.optim.Adagrad;
import org.recurrent.optim.Adam;
import org.recurrent.optim.Optimizer;
import org.recurrent.optim.RMSprop;
import org.recurrent.optim.SGD;
import org.recurrent.tensor.Tensor;

/**
 * The {@code training.optimizer} section. Fields left out take PyTorch's defaults for the chosen optimizer; the
 * numbers live in the optimizer classes ({@link Adam#DEFAULT_BETA1} and so on), not here.
 *
 * @param name        {@code sgd}, {@code adam} (default), {@code adamw}, {@code rmsprop} or {@code adagrad}
 * @param lr          learning rate (adam and adamw {@value Adam#DEFAULT_LR}, sgd {@value SGD#DEFAULT_LR},
 *                    rmsprop {@value RMSprop#DEFAULT_LR}, adagrad {@value Adagrad#DEFAULT_LR})
 * @param momentum    sgd and rmsprop (default 0)
 * @param nesterov    sgd (default false)
 * @param weightDecay L2 penalty (adamw: decoupled decay, default {@value Adam#DEFAULT_ADAMW_WEIGHT_DECAY}; others 0)
 * @param beta1       adam/adamw (default {@value Adam#DEFAULT_BETA1})
 * @param beta2       adam/adamw (default {@value Adam#DEFAULT_BETA2})
 * @param eps         adam/adamw {@value Adam#DEFAULT_EPS}, rmsprop {@value RMSprop#DEFAULT_EPS}, adagrad
 *                    {@value Adagrad#DEFAULT_EPS}
 * @param alpha       rmsprop smoothing (default {@value RMSprop#DEFAULT_ALPHA})
 * @param centered    rmsprop (default false)
 * @param lrDecay     adagrad (default 0)
 */
public record OptimizerConfig(String name, Double lr, Double momentum, Boolean nesterov, Double weightDecay,
                              Double beta1, Double beta2, Double eps, Double alpha, Boolean centered, Double lrDecay) {
  public static final List<String> NAMES = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad");

  public OptimizerConfig {
    name = name == null ? "adam" : name.trim().toLowerCase(Locale.ROOT);
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown training.optimizer.name '" + name + "'; expected one of " + NAMES);
    }
    if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
      throw new IllegalArgumentException("training.optimizer.lr must be > 0, got " + lr);
    }
  }

  /** Adam with PyTorch's defaults: what {@code training.optimizer} is when the config has none. */
  public static OptimizerConfig defaults() {
    return new OptimizerConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  public static OptimizerConfig adam(double lr) {
    return new OptimizerConfig("adam", lr, null, null, null, null, null, null, null, null, null);
  }

  /** The rate the optimizer gets: {@code lr}, or the chosen optimizer's PyTorch default. */
  public float learningRate() {
    if (lr != null) return (float) (double) lr;
    return switch (name) {
      case "sgd" -> SGD.DEFAULT_LR;
      case "adam", "adamw" -> Adam.DEFAULT_LR;
      case "rmsprop" -> RMSprop.DEFAULT_LR;
      case "adagrad" -> Adagrad.DEFAULT_LR;
      default -> throw new IllegalStateException(name);
    };
  }

  public Optimizer build(List<Tensor> params) {
    float rate = learningRate();
    return switch (name) {
      case "sgd" -> new SGD(params, rate, f(momentum, SGD.DEFAULT_MOMENTUM), or(nesterov, SGD.DEFAULT_NESTEROV),
          f(weightDecay, SGD.DEFAULT_WEIGHT_DECAY));
      case "adam" -> new Adam(params, rate, f(beta1, Adam.DEFAULT_BETA1), f(beta2, Adam.DEFAULT_BETA2),
          f(eps, Adam.DEFAULT_EPS), f(weightDecay, Adam.DEFAULT_WEIGHT_DECAY), false);
      case "adamw" -> new Adam(params, rate, f(beta1, Adam.DEFAULT_BETA1), f(beta2, Adam.DEFAULT_BETA2),
          f(eps, Adam.DEFAULT_EPS), f(weightDecay, Adam.DEFAULT_ADAMW_WEIGHT_DECAY), true);
      case "rmsprop" -> new RMSprop(params, rate, f(alpha, RMSprop.DEFAULT_ALPHA), f(eps, RMSprop.DEFAULT_EPS),
          f(weightDecay, RMSprop.DEFAULT_WEIGHT_DECAY), f(momentum, RMSprop.DEFAULT_MOMENTUM),
          or(centered, RMSprop.DEFAULT_CENTERED));
      case "adagrad" -> new Adagrad(params, rate, f(lrDecay, Adagrad.DEFAULT_LR_DECAY),
          f(weightDecay, Adagrad.DEFAULT_WEIGHT_DECAY), Adagrad.DEFAULT_INITIAL_ACCUMULATOR_VALUE,
          f(eps, Adagrad.DEFAULT_EPS));
      default -> throw new IllegalStateException(name);
    };
  }

  private static float f(Double v, float fallback) {
    return v != null ? (float) (double) v : fallback;
  }

  private static boolean or(Boolean v, boolean fallback) {
    return v != null ? v : fallback;
  }
}
