package org.recurrent.data.synthetic;

import java.util.List;
import java.util.Random;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

/**
 * The adding problem (Hochreiter and Schmidhuber 1997; in the form of Le, Jaitly and Hinton 2015 and Arjovsky et
 * al. 2016): T steps of two channels,
 * <pre>{@code
 * x_t = (u_t, m_t),  u_t ~ U(0, 1) independently,  m_t = 1 at t = a and t = b, else 0,
 * a ~ U{0 .. floor(T/2) - 1},  b ~ U{floor(T/2) .. T - 1},
 * y = u_a + u_b                                   (one regression target per sequence)
 * }</pre>
 * The first marker falls in the first half, the second in the second half, so the first marked value must be
 * held for {@code b - a} steps, {@code T/2} on average (exactly, for even T).
 *
 * <p>Chance: the best constant is the mean, {@code E[y] = 1}, and its squared error is
 * {@code Var(u_a + u_b) = 2 * Var(U(0,1)) = 2/12 = 1/6 = 0.1667} exactly.
 *
 * @param length T >= 2
 */
public record AddingProblem(int length) implements LongMemoryTask {
  public static final String NAME = "adding";
  /** The mean squared error of predicting the mean, 1: Var(U1 + U2) = 1/6. */
  public static final double CHANCE_MSE = 1.0 / 6.0;

  public AddingProblem {
    if (length < 2) throw new IllegalArgumentException("adding: length must be >= 2 (one marker per half), got " + length);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int steps() {
    return length;
  }

  @Override
  public int features() {
    return 2;
  }

  @Override
  public List<String> featureNames() {
    return List.of("value", "marker");
  }

  @Override
  public TargetKind targetKind() {
    return TargetKind.REGRESSION;
  }

  @Override
  public List<String> classes() {
    return List.of();
  }

  @Override
  public int targetWidth() {
    return 1;
  }

  @Override
  public SequenceExample example(int index, Random rng) {
    int T = length, half = T / 2;
    float[] x = new float[T * 2];                                             // (T, 2): value, marker
    for (int t = 0; t < T; t++) x[t * 2] = rng.nextFloat();
    int a = rng.nextInt(half), b = half + rng.nextInt(T - half);
    x[a * 2 + 1] = 1f;
    x[b * 2 + 1] = 1f;
    float y = x[a * 2] + x[b * 2];                                            // y = u_a + u_b
    return new SequenceExample("adding-" + index, T, 2, x, new float[] {y}, LongMemoryTask.source(NAME, index));
  }

  @Override
  public ChanceLevel chance() {
    return new ChanceLevel("mse", CHANCE_MSE, Double.NaN, "the mean, y = 1");
  }
}
