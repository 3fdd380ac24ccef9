/**
 * Weight initialisers with PyTorch's formulas and names ({@code torch.nn.init}): uniform, normal, Xavier
 * (Glorot), Kaiming (He), orthogonal, identity, plus the recurrent-specific ones: PyTorch's RNN default
 * U(-1/sqrt(H), 1/sqrt(H)), the LSTM forget-gate bias, and per-gate variants for stacked (G*H, H) matrices;
 * {@link org.recurrent.nn.init.SpectralRadius} measures a square matrix's spectral radius by power iteration and
 * scales it to a chosen one (an echo-state network's reservoir).
 *
 * <p>Every initialiser works in place, returns its tensor, and takes an explicit {@link java.util.Random}
 * where it draws numbers, so a run is reproduced from one seed. The formulas match PyTorch; the random
 * streams do not (Java's generator is not PyTorch's), so equal seeds give equal distributions, not equal values.
 */
package org.recurrent.nn.init;
