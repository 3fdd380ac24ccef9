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
  private static final IntVector SIGN_BIT = IntVector.broadcast(S.withLanes(int.class), 0x80000000);
  private static final IntVector EXPONENT_BIAS_SHIFTED = IntVector.broadcast(S.withLanes(int.class), 127 << 23);
  /** The bits of ROUNDER: a rounded t = x / ln 2 + ROUNDER has the bits ROUNDER_BITS + n (see below). */
  private static final IntVector ROUNDER_BITS =
      IntVector.broadcast(S.withLanes(int.class), Float.floatToRawIntBits(12582912f));
  /** ROUNDER_BITS + 127: the largest n whose 2^n is a float, as the rounded t's bits. */
  private static final IntVector ROUNDED_127 =
      IntVector.broadcast(S.withLanes(int.class), Float.floatToRawIntBits(12582912f) + 127);

  // The three array-level loops below are the only places vectors live in this section: each writes exp out in
  // full rather than calling a helper that takes or returns a vector. A vector helper is one more call for C2 to
  // inline, the gate kernels inline these loops and sit at its NodeCountInliningCutoff budget, and a helper left
  // as a call boxes every vector it passes (a power-of-two helper did: the LSTM gate step went from 70 to 95 us).
  // Past the budget, C2 now stops only at the calls of these loops, whose arguments are arrays. JDK Vector API
  // methods are @ForceInline and exempt from the budget.
  //
  // n is read from the bits of t = x / ln 2 + ROUNDER, not converted from the float n: t lies in [2^23, 2^24),
  // where the floats are the integers, so its bits are ROUNDER_BITS + n, and (bits << 23) + (127 << 23) is the
  // float 2^n (the shift keeps the low nine bits, and ROUNDER_BITS' are zero). Java's float-to-int conversion is
  // several instructions on x86 (NaN to 0, overflow to MAX_VALUE); this is one shift, for the same n. The upper
  // clamp of sigmoid and tanh is on those bits too, an integer min (one instruction) where a float clamp is a
  // compare and a blend; the loops say why a large r past the clamp still gives the right answer. Together the
  // sigmoid loop went from 10.7-12.9 to 7.4-9.1 ns per 16-lane vector and from 6.9-9.8 to 5.2-6.4 per 8-lane one
  // (a stand-alone copy on a Zen 4, -XX:UseAVX=2 for 8 lanes, both forms alternated in one process), with the
  // same bits everywhere but sigmoid(x < -88), the subnormals now 1 / exp(-x) instead of one constant.


  /** tanh on [from, to): the Cephes polynomial below |x| = 0.625, 1 - 2 / (exp(2|x|) + 1) above. */
  static void tanhRange(int from, int to, float[] x, int xOff, float[] y, int yOff) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i);
      FloatVector ax = v.abs();
      FloatVector xc = ax.add(ax);                                    // exp(2|x|)
      // n <= 127 so that 2^n is a float; past it r = xc - 127 ln 2 > 0 grows with xc and so does p(r), e is
      // above exp(88) or +inf, and 2 / (e + 1) rounds to 0: tanh is +-1 exactly, as it is in float from 9 on
      IntVector t = ((IntVector) xc.fma(LOG2E, ROUNDER).reinterpretAsInts()).min(ROUNDED_127);
      FloatVector n = t.reinterpretAsFloats().sub(ROUNDER);            // round(x / ln 2)
      FloatVector r = n.fma(MINUS_LN2_HI, xc);
      r = n.fma(MINUS_LN2_LO, r);
      FloatVector p = r.fma(P0, P1);
      p = p.fma(r, P2);
      p = p.fma(r, P3);
      p = p.fma(r, P4);
      p = p.fma(r, P5);
      p = p.mul(r.mul(r)).add(r).add(ONE);
      FloatVector e = p.mul(t.lanewise(VectorOperators.LSHL, 23).add(EXPONENT_BIAS_SHIFTED).reinterpretAsFloats());
      FloatVector big = ONE.sub(TWO.div(e.add(ONE)));
      // big >= 0: x's sign bit or-ed in is sign(x) big, two integer ops where a compare and a blend cost ~8% more
      big = ((IntVector) big.reinterpretAsInts()).or(((IntVector) v.reinterpretAsInts()).and(SIGN_BIT))
          .reinterpretAsFloats();
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
   * sigmoid on [from, to): 1 / (1 + exp(-x)); exp(-x) is +inf past its overflow, so sigmoid(x < -88.72) is 0, not
   * NaN, and a subnormal 1 / exp(-x) between -88.72 and -87.34.
   */
  static void sigmoidRange(int from, int to, float[] x, int xOff, float[] y, int yOff) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i);
      FloatVector xc = v.neg();                                        // n >= -126: 2^n a normal float
      xc = xc.blend(EXP_LO, xc.compare(VectorOperators.LT, EXP_LO));  // 1 + exp(-87.34) is 1: sigmoid 1
      // n <= 127 as in tanh: past it r = xc - 127 ln 2 > 0 and p(r) grow with xc, so e is exp(xc) up to 88.72
      // (p still within a few ulp at r = ln 2) and +inf beyond, and sigmoid the subnormal 1 / e, then 0
      IntVector t = ((IntVector) xc.fma(LOG2E, ROUNDER).reinterpretAsInts()).min(ROUNDED_127);
      FloatVector n = t.reinterpretAsFloats().sub(ROUNDER);            // round(x / ln 2)
      FloatVector r = n.fma(MINUS_LN2_HI, xc);
      r = n.fma(MINUS_LN2_LO, r);
      FloatVector p = r.fma(P0, P1);
      p = p.fma(r, P2);
      p = p.fma(r, P3);
      p = p.fma(r, P4);
      p = p.fma(r, P5);
      p = p.mul(r.mul(r)).add(r).add(ONE);
      FloatVector e = p.mul(t.lanewise(VectorOperators.LSHL, 23).add(EXPONENT_BIAS_SHIFTED).reinterpretAsFloats());
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
      FloatVector t = xc.fma(LOG2E, ROUNDER);
      FloatVector n = t.sub(ROUNDER);                                  // round(x / ln 2)
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
      IntVector ni = ((IntVector) t.reinterpretAsInts()).sub(ROUNDER_BITS);
      IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
      FloatVector twoHalf = half.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector twoRest = ni.sub(half).add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector e = p.mul(twoRest).mul(twoHalf);
      e = e.blend(POS_INF, v.compare(VectorOperators.GT, EXP_OVERFLOW));
      e.blend(ZERO, v.compare(VectorOperators.LT, EXP_LO)).intoArray(y, yOff + i, inRange);
    }
  }
}
