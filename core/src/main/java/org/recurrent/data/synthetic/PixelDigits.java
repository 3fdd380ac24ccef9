package org.recurrent.data.synthetic;

import java.util.List;
import java.util.Random;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

/**
 * Sequential (pixel-by-pixel) classification of drawn digits, the project's own small stand-in for sequential
 * MNIST (Le, Jaitly and Hinton 2015): a seven-segment digit 0-9 drawn on a side x side grey image with random
 * size, position, slant, stroke width and endpoint jitter, plus Gaussian pixel noise, read one pixel per step in
 * row-major order, {@code T = side * side} steps of one value; one class per sequence.
 * <pre>{@code
 *  aaa     segments: a top, b top right, c bottom right, d bottom, e bottom left, f top left, g middle
 * f   b    0 abcdef  1 bc  2 abdeg  3 abcdg  4 bcfg  5 acdfg  6 acdefg  7 abc  8 abcdefg  9 abcdfg
 *  ggg
 * e   c    pixel = clip(r + 1/2 - distance to the nearest drawn segment, 0, 1) + N(0, noise^2), clipped to [0, 1]
 *  ddd
 * }</pre>
 * Record i shows digit {@code i mod 10}, so the classes are balanced to within one record.
 *
 * <p>Chance: without the pixels the best is any one class, accuracy 1/10 (to within the balance of the part
 * scored), and the uniform prediction's cross-entropy is {@code ln 10 = 2.3026}.
 *
 * @param side  the image's side in pixels, 6..64 (T = side^2: 7 -> 49, 10 -> 100, 14 -> 196, 16 -> 256, 20 -> 400)
 * @param noise the pixel noise's standard deviation, >= 0 (default 0.1)
 */
public record PixelDigits(int side, double noise) implements LongMemoryTask {
  public static final String NAME = "pixels";
  public static final int CLASSES = 10;
  /** The segments a..g of each digit 0..9, as bits a = 1, b = 2, ..., g = 64. */
  private static final int[] DIGIT_SEGMENTS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};
  /** Segment a..g as (x0, y0, x1, y1) in the digit's unit box, y down. */
  private static final double[][] SEGMENTS = {
      {0, 0, 1, 0}, {1, 0, 1, 0.5}, {1, 0.5, 1, 1}, {0, 1, 1, 1}, {0, 0.5, 0, 1}, {0, 0, 0, 0.5}, {0, 0.5, 1, 0.5}};

  public PixelDigits {
    if (side < 6 || side > 64) {
      throw new IllegalArgumentException("pixels: the image side must be in 6..64 (T = side^2 in 36..4096), got " + side);
    }
    if (!(noise >= 0 && noise <= 1)) throw new IllegalArgumentException("pixels: noise must be in [0, 1], got " + noise);
  }

  /** The images of {@code length} = side^2 pixels. */
  public static PixelDigits ofLength(int length, double noise) {
    int side = (int) Math.round(Math.sqrt(length));
    if (side * side != length) {
      int below = (int) Math.floor(Math.sqrt(length)), above = below + 1;
      throw new IllegalArgumentException("pixels: length must be a square number of pixels (side x side), got "
          + length + "; the nearest are " + below * below + " and " + above * above);
    }
    return new PixelDigits(side, noise);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int steps() {
    return side * side;
  }

  @Override
  public int features() {
    return 1;
  }

  @Override
  public List<String> featureNames() {
    return List.of("pixel");
  }

  @Override
  public TargetKind targetKind() {
    return TargetKind.CLASS;
  }

  @Override
  public List<String> classes() {
    return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  }

  @Override
  public int targetWidth() {
    return 1;
  }

  @Override
  public SequenceExample example(int index, Random rng) {
    int digit = index % CLASSES;
    return new SequenceExample("pixels-" + index, side * side, 1, draw(digit, rng), new float[] {digit},
        LongMemoryTask.source(NAME, index));
  }

  /** The image (side * side, row-major) of {@code digit}, its jitter and noise drawn from {@code rng}. */
  float[] draw(int digit, Random rng) {
    double s = side;
    double w = s * (0.30 + 0.25 * rng.nextDouble()), h = s * (0.55 + 0.25 * rng.nextDouble());
    double r = Math.max(0.5, s / 16 * (0.5 + 0.6 * rng.nextDouble()));       // stroke half-width in pixels
    double margin = r + 0.5;
    double slant = 0.25 * (rng.nextDouble() * 2 - 1);                         // x shift per unit of height
    double left = margin + Math.abs(slant) * h / 2 + rng.nextDouble() * Math.max(0, s - w - 2 * margin - Math.abs(slant) * h);
    double top = margin + rng.nextDouble() * Math.max(0, s - h - 2 * margin);
    double[][] drawn = new double[7][];
    int n = 0;
    for (int k = 0; k < 7; k++) {
      double[] seg = SEGMENTS[k];
      double[] p = new double[4];
      for (int e = 0; e < 2; e++) {
        double u = seg[2 * e] + 0.05 * rng.nextGaussian(), v = seg[2 * e + 1] + 0.05 * rng.nextGaussian();
        p[2 * e] = left + u * w + slant * (0.5 - v) * h;                      // slanted to the right going up
        p[2 * e + 1] = top + v * h;
      }
      if ((DIGIT_SEGMENTS[digit] >> k & 1) == 1) drawn[n++] = p;
    }
    float[] image = new float[side * side];
    for (int row = 0; row < side; row++) {
      for (int col = 0; col < side; col++) {
        double px = col + 0.5, py = row + 0.5, d = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) d = Math.min(d, distance(px, py, drawn[k]));
        double v = Math.min(1, Math.max(0, r + 0.5 - d)) + noise * rng.nextGaussian();
        image[row * side + col] = (float) Math.min(1, Math.max(0, v));
      }
    }
    return image;
  }

  /** The distance from (x, y) to the segment p = (x0, y0, x1, y1). */
  private static double distance(double x, double y, double[] p) {
    double dx = p[2] - p[0], dy = p[3] - p[1], len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - p[0]) * dx + (y - p[1]) * dy) / len2));
    return Math.hypot(x - (p[0] + t * dx), y - (p[1] + t * dy));
  }

  @Override
  public ChanceLevel chance() {
    return new ChanceLevel("accuracy", 1.0 / CLASSES, Math.log(CLASSES), "any one class (uniform probabilities)");
  }
}
