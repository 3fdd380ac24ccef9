package org.recurrent.kernel;

import static org.recurrent.kernel.BitTestKernels.assertBits;
import static org.recurrent.kernel.BitTestKernels.fill;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bias kernels ({@link Kernels#addRowVector}, {@link Kernels#addColumnSums}, {@link Kernels#addColumnSumsTwice}) give the scalar reference's bits on
 * one thread and split over two, at widths off the vector lanes, with offsets and a leading dimension wider than
 * the columns summed. Bit for bit because the sequence ops' results are compared bit for bit elsewhere (inference
 * against the training forward) and a bias gradient summed in another order would move every documented figure.
 * Fails on a column split that sums a column twice or skips one, a vector tail that misses the last columns, a
 * row split that adds the bias twice, and on any reordering of the row sum.
 */
class RowKernelsTest {
  private static final Kernels SCALAR = BitTestKernels.SCALAR;
  private static final Kernels[] VECTOR = {BitTestKernels.VECTOR_ONE_THREAD, BitTestKernels.VECTOR_TWO_THREADS};

  @Test
  void biasRowsAndColumnSumsHaveTheScalarBitsWhateverTheSplit() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (Kernels k : VECTOR) {
      for (int rows : new int[] {1, 2, 3, 64, 700, 6000}) {
        for (int width : new int[] {1, 7, 16, 17, 33, 768}) {
          int off = 5, ld = width + 3, vOff = 2;
          float[] m = fill(rnd, off + rows * ld), v = fill(rnd, vOff + width);
          // values of mixed magnitude, so that summing in another order changes the rounding
          for (int i = 0; i < m.length; i += 7) m[i] *= 1e4f;
          float[] expected = m.clone(), actual = m.clone();
          SCALAR.addRowVector(rows, width, expected, off, v, vOff);
          k.addRowVector(rows, width, actual, off, v, vOff);
          assertBits(expected, actual, k.name() + " addRowVector rows=" + rows + " width=" + width);

          float[] sumsExpected = fill(rnd, 1 + width), sumsActual = sumsExpected.clone();
          SCALAR.addColumnSums(rows, width, m, off, ld, sumsExpected, 1);
          k.addColumnSums(rows, width, m, off, ld, sumsActual, 1);
          assertBits(sumsExpected, sumsActual, k.name() + " addColumnSums rows=" + rows + " width=" + width);

          // two outputs at once: each gets the bits of its own call (they start apart, so a shared sum would show)
          float[] first = fill(rnd, 2 + width), second = fill(rnd, 3 + width);
          float[] firstExpected = first.clone(), secondExpected = second.clone();
          SCALAR.addColumnSums(rows, width, m, off, ld, firstExpected, 2);
          SCALAR.addColumnSums(rows, width, m, off, ld, secondExpected, 3);
          k.addColumnSumsTwice(rows, width, m, off, ld, first, 2, second, 3);
          assertBits(firstExpected, first, k.name() + " addColumnSumsTwice, first, rows=" + rows + " width=" + width);
          assertBits(secondExpected, second, k.name() + " addColumnSumsTwice, second, rows=" + rows + " width="
              + width);
        }
      }
    }
  }


}
