package org.recurrent.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recurrent.optim.CosineWarmup;
import org.recurrent.optim.LrSchedule;
import org.recurrent.optim.Optimizer;
import org.recurrent.optim.ReduceLROnPlateau;
import org.recurrent.optim.ScheduleDriver;
import org.recurrent.optim.StepLR;

/**
 * The {@code training.schedule} section: how the learning rate changes during a run.
 * <pre>{@code
 * none     constant
 * step     lr = base * gamma^floor(epoch / step_size)                       (per epoch)
 * cosine   linear warm-up over warmup_steps optimizer steps, then cosine decay to min_lr at the last step
 * plateau  lr = lr * factor after `patience` epochs without improvement of the monitored value (min_lr floor)
 * }</pre>
 *
 * @param name        none (default), step, cosine, plateau
 * @param stepSize    step: epochs between decays (default 10)
 * @param gamma       step: decay factor (default 0.1)
 * @param warmupSteps cosine: warm-up length in optimizer steps (default 0)
 * @param minLr       cosine and plateau: floor (default 0)
 * @param factor      plateau: reduction factor (default 0.1)
 * @param patience    plateau: epochs without improvement tolerated (default 10)
 */
public record ScheduleConfig(String name, Integer stepSize, Double gamma, Long warmupSteps, Double minLr, Double factor,
                             Integer patience) {
  public static final List<String> NAMES = List.of("none", "step", "cosine", "plateau");

  public ScheduleConfig {
    name = name == null ? "none" : name.trim().toLowerCase(Locale.ROOT);
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown training.schedule.name '" + name + "'; expected one of " + NAMES);
    }
  }

  public static ScheduleConfig none() {
    return new ScheduleConfig("none", null, null, null, null, null, null);
  }

  /**
   * @param totalSteps optimizer steps of the whole run (cosine decays over them)
   * @param higherIsBetter direction of the monitored value (plateau)
   */
  /** step: epochs between decays when {@code step_size} is left out. */
  public static final int DEFAULT_STEP_SIZE = 10;

  public ScheduleDriver build(Optimizer optimizer, long totalSteps, boolean higherIsBetter) {
    return switch (name) {
      case "none" -> ScheduleDriver.constant();
      case "step" -> {
        // PyTorch's StepLR has no default step size; 10 epochs is this config's own choice
        StepLR s = new StepLR(optimizer, stepSize != null ? stepSize : DEFAULT_STEP_SIZE,
            gamma != null ? gamma : StepLR.DEFAULT_GAMMA);
        yield driver(s, s::step, null, null);
      }
      case "cosine" -> {
        CosineWarmup s = new CosineWarmup(optimizer, warmupSteps != null ? warmupSteps : 0, Math.max(1, totalSteps),
            minLr != null ? minLr : 0);
        yield driver(s, null, s::step, null);
      }
      case "plateau" -> {
        ReduceLROnPlateau s = new ReduceLROnPlateau(optimizer,
            higherIsBetter ? ReduceLROnPlateau.Mode.MAX : ReduceLROnPlateau.Mode.MIN,
            factor != null ? factor : ReduceLROnPlateau.DEFAULT_FACTOR,
            patience != null ? patience : ReduceLROnPlateau.DEFAULT_PATIENCE, ReduceLROnPlateau.DEFAULT_THRESHOLD,
            ReduceLROnPlateau.DEFAULT_THRESHOLD_MODE, ReduceLROnPlateau.DEFAULT_COOLDOWN,
            minLr != null ? minLr : ReduceLROnPlateau.DEFAULT_MIN_LR, ReduceLROnPlateau.DEFAULT_EPS);
        yield driver(s, null, null, s::step);
      }
      default -> throw new IllegalStateException(name);
    };
  }

  private static ScheduleDriver driver(LrSchedule schedule, Runnable perEpoch, Runnable perStep,
                                       java.util.function.DoubleConsumer withMetric) {
    return new ScheduleDriver() {
      @Override
      public void afterStep(long step) {
        if (perStep != null) perStep.run();
      }

      @Override
      public void afterEpoch(int epoch, double monitored) {
        if (perEpoch != null) perEpoch.run();
        if (withMetric != null) withMetric.accept(monitored);
      }

      @Override
      public Map<String, Double> state() {
        return schedule.stateDict();
      }

      @Override
      public void load(Map<String, Double> state) {
        schedule.loadStateDict(state);
      }
    };
  }
}
