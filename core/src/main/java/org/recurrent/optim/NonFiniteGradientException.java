package org.recurrent.optim;

/**
 * Thrown by {@link GradClip#clipGradNorm(java.util.List, double, boolean)} when the total gradient norm is NaN or
 * infinite, like the RuntimeError of {@code torch.nn.utils.clip_grad_norm_(..., error_if_nonfinite=True)}. Says
 * where the first non-finite gradient entry is, since that is where debugging starts.
 */
public final class NonFiniteGradientException extends ArithmeticException {
  private final double totalNorm;
  private final int parameterIndex;
  private final int elementIndex;

  public NonFiniteGradientException(double totalNorm, int parameterIndex, int elementIndex, float value) {
    super("total gradient norm is " + totalNorm + ", so the gradients cannot be clipped; first non-finite gradient: "
        + "parameter " + parameterIndex + ", element " + elementIndex + " = " + value
        + ". HINT: lower the learning rate, look for log(0) or overflow in the loss, or skip this step when "
        + "GradClip.allFinite(params) is false");
    this.totalNorm = totalNorm;
    this.parameterIndex = parameterIndex;
    this.elementIndex = elementIndex;
  }

  public double totalNorm() {
    return totalNorm;
  }

  /** Index in the parameter list of the first parameter with a non-finite gradient entry. */
  public int parameterIndex() {
    return parameterIndex;
  }

  /** Flat index of that entry within the parameter. */
  public int elementIndex() {
    return elementIndex;
  }
}
