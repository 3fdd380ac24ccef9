/**
 * Differentiable tensor operations, the counterpart of {@code torch.nn.functional}: each op checks its
 * shapes, computes its result eagerly and records its backward step with
 * {@link org.recurrent.autograd.Autograd#record} right under the forward code.
 *
 * <p>{@link org.recurrent.ops.Ops} is the single entry point; the work lives in one class per family
 * (matrix products, point-wise arithmetic, activations, softmax, reductions, shape changes, embedding lookup,
 * embedding bags, dropout, sequence pooling, attention). Gradients accumulate into the inputs' buffers, so a
 * tensor used twice receives the sum of both paths.
 */
package org.recurrent.ops;
