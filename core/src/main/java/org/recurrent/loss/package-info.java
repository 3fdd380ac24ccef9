/**
 * Loss functions with PyTorch's semantics ({@code torch.nn.CrossEntropyLoss}, {@code BCEWithLogitsLoss},
 * {@code MSELoss}, {@code L1Loss}, {@code HuberLoss}), each one fused autograd op, all mask-aware.
 *
 * <p>Common contract:
 * <ul>
 *   <li>{@link org.recurrent.loss.Reduction} picks the output: a scalar mean or sum, or one value per element
 *       (per row for cross-entropy).
 *   <li>An optional {@code float[] mask} (0/1, or non-negative weights) enters like a weight in numerator and
 *       denominator: {@code MEAN = sum(m * l) / sum(m)}. With no mask (or all ones) the result is PyTorch's.
 *       Masked-out positions are not evaluated, so padding may hold any value, even NaN.
 *   <li>A mean over nothing (every position masked or ignored) is 0 with zero gradients, where PyTorch
 *       returns NaN (0/0); see {@link org.recurrent.loss.Reduction#MEAN}.
 *   <li>Values are accumulated in double and stored as float32.
 * </ul>
 */
package org.recurrent.loss;
