package org.recurrent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector transcendentals of {@link VectorKernels}: exp, sigmoid and tanh over a range of an array, on the
 * preferred species. The equations and why exp is our own are in {@link VectorKernels}' class comment.
 * <pre>{@code
 * exp(x)     = 2^n p(r),  n = round(x / ln 2),  r = x - n ln 2,  p the Cephes expf polynomial
 * sigmoid(x) = 1 / (1 + exp(-x))
 * tanh(x)    = x + x^3 Q(x^2) for |x| < 0.625,  sign(x) (1 - 2 / (exp(2|x|) + 1)) otherwise
 * }</pre>
 * Only array-level loops live here, never a method that takes or returns a vector (see the note above the loops).
 */
final class VectorMath {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorMath() {}

  private static FloatVector c(float value) {
    return FloatVector.broadcast(S, value);
  }

  // The clamps below are a compare and a blend, not FloatVector.max/min: Java's min and max order -0.0 below 0.0
  // and propagate NaN, which AVX2 has no instruction for, and C2 builds each from several. Against a constant that
  // is neither zero nor NaN the two give the same bits (NaN fails both compares and passes through, as max/min
  // return it), and the sigmoid loop went from 9.6-9.8 to 7.8 ns per 8-lane vector on a Zen 3 (a stand-alone copy,
  // both forms alternated; outputs compared bit for bit, NaN, infinities and -0.0 included).
  // Every constant is a vector made once. Inline broadcasts (c(x), or the scalar forms add(1f), max(x), ...)
  // cost C2 a chain of inlined calls each; lstmForward inlines five transcendentals, and with ~90 broadcasts it
  // crossed NodeCountInliningCutoff: the broadcasts deep inside exp stayed calls, every vector was boxed, and
  // a step's gate kernel ran ~50x slower than its arithmetic (seen with -XX:+PrintInlining on JDK 25).
  private static final FloatVector ZERO = c(0f);
  private static final FloatVector ONE = c(1f);
  private static final FloatVector TWO = c(2f);
  private static final FloatVector POS_INF = c(Float.POSITIVE_INFINITY);
  private static final FloatVector EXP_LO = c(-87.33654f);
  private static final FloatVector EXP_OVERFLOW = c(88.7228391f);
  private static final FloatVector EXP_BELOW_88 = c(88.0f);
  private static final FloatVector MINUS_EXP_LO = c(87.33654f);
  private static final FloatVector MINUS_EXP_OVERFLOW = c(-88.7228391f);
  private static final FloatVector LOG2E = c(1.44269504088896341f);
  private static final FloatVector MINUS_LN2_HI = c(-0.693359375f);
  private static final FloatVector MINUS_LN2_LO = c(2.12194440e-4f);
  /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude < 2^22 to the nearest integer. */
  private static final FloatVector ROUNDER = c(12582912f);
  private static final FloatVector P0 = c(1.9875691500e-4f);
  private static final FloatVector P1 = c(1.3981999507e-3f);
  private static final FloatVector P2 = c(8.3334519073e-3f);
  private static final FloatVector P3 = c(4.1665795894e-2f);
  private static final FloatVector P4 = c(1.6666665459e-1f);
  private static final FloatVector P5 = c(5.0000001201e-1f);
  private static final FloatVector TANH_SMALL = c(0.625f);
  private static final FloatVector Q0 = c(-5.70498872745e-3f);
  private static final FloatVector Q1 = c(2.06390887954e-2f);
  private static final FloatVector Q2 = c(-5.37397155531e-2f);
  private static final FloatVector Q3 = c(1.33314422036e-1f);
  private static final FloatVector Q4 = c(-3.33332819422e-1f);
  private static final IntVector EXPONENT_BIAS = IntVector.broadcast(S.withLanes(int.class), 127);

  // The three array-level loops below are the only places vectors live in this section: each writes exp out in
  // full rather than calling a helper that takes or returns a vector. A vector helper is one more call for C2 to
  // inline, the gate kernels inline these loops and sit at its NodeCountInliningCutoff budget, and a helper left
  // as a call boxes every vector it passes (a power-of-two helper did: the LSTM gate step went from 70 to 95 us).
  // Past the budget, C2 now stops only at the calls of these loops, whose arguments are arrays. JDK Vector API
  // methods are @ForceInline and exempt from the budget.


  /** tanh on [from, to): the Cephes polynomial below |x| = 0.625, 1 - 2 / (exp(2|x|) + 1) above. */
  static void tanhRange(int from, int to, float[] x, int xOff, float[] y, int yOff) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i);
      FloatVector ax = v.abs();
      FloatVector xc = ax.add(ax);                                    // exp(2|x|), n <= 127: no overflow to fix
      xc = xc.blend(EXP_BELOW_88, xc.compare(VectorOperators.GT, EXP_BELOW_88));
      FloatVector n = xc.fma(LOG2E, ROUNDER).sub(ROUNDER);            // round(x / ln 2)
      FloatVector r = n.fma(MINUS_LN2_HI, xc);
      r = n.fma(MINUS_LN2_LO, r);
      FloatVector p = r.fma(P0, P1);
      p = p.fma(r, P2);
      p = p.fma(r, P3);
      p = p.fma(r, P4);
      p = p.fma(r, P5);
      p = p.mul(r.mul(r)).add(r).add(ONE);
      FloatVector e = p.mul(((IntVector) n.convert(VectorOperators.F2I, 0)).add(EXPONENT_BIAS)
          .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
      FloatVector big = ONE.sub(TWO.div(e.add(ONE)));                  // 2 / (e + 1) is 0 for e = exp(88): +-1
      big = big.blend(big.neg(), v.compare(VectorOperators.LT, ZERO));
      FloatVector z = v.mul(v);
      FloatVector q = z.fma(Q0, Q1); // Cephes tanhf, |x| < 0.625
      q = q.fma(z, Q2);
      q = q.fma(z, Q3);
      q = q.fma(z, Q4);
      FloatVector small = q.mul(z).fma(v, v);
      big.blend(small, ax.compare(VectorOperators.LT, TANH_SMALL)).intoArray(y, yOff + i);
    }
    for (; i < to; i++) y[yOff + i] = ScalarKernels.tanh(x[xOff + i]);
  }


  /**
   * sigmoid on [from, to): 1 / (1 + exp(-x)); exp(-x) clamped at exp(88) (1 / (1 + e) is a subnormal there) and
   * +inf past the overflow, so sigmoid(x < -88.72) is 0, not NaN.
   */
  static void sigmoidRange(int from, int to, float[] x, int xOff, float[] y, int yOff) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i);
      FloatVector xc = v.neg();                                        // n in [-126, 127]: 2^n a normal float
      xc = xc.blend(EXP_LO, xc.compare(VectorOperators.LT, EXP_LO));
      xc = xc.blend(EXP_BELOW_88, xc.compare(VectorOperators.GT, EXP_BELOW_88));
      FloatVector n = xc.fma(LOG2E, ROUNDER).sub(ROUNDER);            // round(x / ln 2)
      FloatVector r = n.fma(MINUS_LN2_HI, xc);
      r = n.fma(MINUS_LN2_LO, r);
      FloatVector p = r.fma(P0, P1);
      p = p.fma(r, P2);
      p = p.fma(r, P3);
      p = p.fma(r, P4);
      p = p.fma(r, P5);
      p = p.mul(r.mul(r)).add(r).add(ONE);
      FloatVector e = p.mul(((IntVector) n.convert(VectorOperators.F2I, 0)).add(EXPONENT_BIAS)
          .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
      e = e.blend(POS_INF, v.compare(VectorOperators.LT, MINUS_EXP_OVERFLOW)); // exp(-x) = inf: sigmoid 0
      e = e.blend(ZERO, v.compare(VectorOperators.GT, MINUS_EXP_LO));  // exp(-x) below the normal floats
      ONE.div(e.add(ONE)).intoArray(y, yOff + i);
    }
    for (; i < to; i++) y[yOff + i] = ScalarKernels.sigmoid(x[xOff + i]);
  }

  /**
   * exp on [0, n) over the whole float range: x > 88.72 gives +inf, x < -87.33 gives 0 (no subnormals). The tail
   * runs the same vector code, masked, so a value's exp does not depend on where it sits (a Math.exp tail gave
   * subnormals where the body gives 0: exp(-100) depended on the lane count).
   */
  static void expRange(int count, float[] x, int xOff, float[] y, int yOff) {
    for (int i = 0; i < count; i += L) {
      VectorMask<Float> inRange = S.indexInRange(i, count);
      FloatVector v = FloatVector.fromArray(S, x, xOff + i, inRange);
      FloatVector xc = v.blend(EXP_LO, v.compare(VectorOperators.LT, EXP_LO)); // n in [-126, 128]
      xc = xc.blend(EXP_OVERFLOW, xc.compare(VectorOperators.GT, EXP_OVERFLOW));
      FloatVector n = xc.fma(LOG2E, ROUNDER).sub(ROUNDER);            // round(x / ln 2)
      FloatVector r = n.fma(MINUS_LN2_HI, xc);
      r = n.fma(MINUS_LN2_LO, r);
      FloatVector p = r.fma(P0, P1);
      p = p.fma(r, P2);
      p = p.fma(r, P3);
      p = p.fma(r, P4);
      p = p.fma(r, P5);
      p = p.mul(r.mul(r)).add(r).add(ONE);
      // 2^n as 2^(n - n/2) * 2^(n/2): both factors stay normal floats for n = 128 (x up to 88.72), and
      // multiplying by powers of two is exact
      IntVector ni = (IntVector) n.convert(VectorOperators.F2I, 0);
      IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
      FloatVector twoHalf = half.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector twoRest = ni.sub(half).add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector e = p.mul(twoRest).mul(twoHalf);
      e = e.blend(POS_INF, v.compare(VectorOperators.GT, EXP_OVERFLOW));
      e.blend(ZERO, v.compare(VectorOperators.LT, EXP_LO)).intoArray(y, yOff + i, inRange);
    }
  }
}
