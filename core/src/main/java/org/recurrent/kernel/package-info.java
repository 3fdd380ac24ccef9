/** Numerical primitives (GEMM, element-wise transcendentals, fused recurrent gate steps): a readable scalar reference and a Vector API implementation, chosen once at start-up by {@link org.recurrent.kernel.KernelProvider}. */
package org.recurrent.kernel;
