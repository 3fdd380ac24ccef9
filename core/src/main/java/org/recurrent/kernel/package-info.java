/**
 * The numerical primitives: GEMM, element-wise transcendentals and the fused per-step gate math of LSTM and GRU,
 * behind one {@link org.recurrent.kernel.Kernels} interface.
 *
 * <p>{@link org.recurrent.kernel.ScalarKernels} is the readable reference; {@link org.recurrent.kernel.VectorKernels}
 * (with its package-private helpers {@code VectorGemm}, {@code GemmPacking} and {@code WorkerPool}) is the fast
 * path on the incubating Vector API and the only code that imports {@code jdk.incubator.vector}.
 * {@link org.recurrent.kernel.KernelProvider} picks one once per JVM and says why.
 */
package org.recurrent.kernel;
