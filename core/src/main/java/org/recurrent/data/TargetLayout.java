package org.recurrent.data;

/**
 * Where a record's targets sit in its {@code y}: {@code width} K values per record, or per step
 * ({@code y[t * K + k]}); K = 0 for unlabelled records.
 */
public record TargetLayout(boolean perStep, int width) {
  public TargetLayout {
    if (width < 0) throw new IllegalArgumentException("target width must be >= 0, got " + width);
  }

  public static TargetLayout perRecord(int width) {
    return new TargetLayout(false, width);
  }

  public static TargetLayout perStep(int width) {
    return new TargetLayout(true, width);
  }

  public static TargetLayout none() {
    return new TargetLayout(false, 0);
  }
}
