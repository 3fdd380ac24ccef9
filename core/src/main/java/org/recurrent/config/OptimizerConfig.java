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
 * The {@code training.optimizer} section. Fields left out take PyTorch's defaults for the chosen optimizer.
 *
 * @param name        {@code sgd}, {@code adam}, {@code adamw}, {@code rmsprop} or {@code adagrad}
 * @param lr          learning rate (default 0.001; sgd 0.01; adagrad 0.01)
 * @param momentum    sgd and rmsprop (default 0)
 * @param nesterov    sgd (default false)
 * @param weightDecay L2 penalty (adamw: decoupled decay, default 0.01; others 0)
 * @param beta1       adam/adamw (default 0.9)
 * @param beta2       adam/adamw (default 0.999)
 * @param eps         adam/adamw/rmsprop 1e-8, adagrad 1e-10
 * @param alpha       rmsprop smoothing (default 0.99)
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

  public static OptimizerConfig adam(double lr) {
    return new OptimizerConfig("adam", lr, null, null, null, null, null, null, null, null, null);
  }

  public double learningRate() {
    return lr != null ? lr : name.equals("sgd") || name.equals("adagrad") ? 0.01 : 0.001;
  }

  public Optimizer build(List<Tensor> params) {
    float rate = (float) learningRate();
    return switch (name) {
      case "sgd" -> new SGD(params, rate, f(momentum, 0), nesterov != null && nesterov, f(weightDecay, 0));
      case "adam" -> new Adam(params, rate, f(beta1, 0.9), f(beta2, 0.999), f(eps, 1e-8), f(weightDecay, 0), false);
      case "adamw" -> new Adam(params, rate, f(beta1, 0.9), f(beta2, 0.999), f(eps, 1e-8), f(weightDecay, 0.01), true);
      case "rmsprop" -> new RMSprop(params, rate, f(alpha, 0.99), f(eps, 1e-8), f(weightDecay, 0), f(momentum, 0),
          centered != null && centered);
      case "adagrad" -> new Adagrad(params, rate, f(lrDecay, 0), f(weightDecay, 0), 0f, f(eps, 1e-10));
      default -> throw new IllegalStateException(name);
    };
  }

  private static float f(Double v, double fallback) {
    return (float) (v != null ? v : fallback);
  }
}
