// Times LogisticRegression.fit on dense vs sparse rows of the same data (bag-of-words-like and fully dense).
// Run from the repository root after ./recurrent has built the jar:
//   $(bin/find-jdk)/bin/java -Xmx2g -cp cli/target/recurrent.jar tools/sparse-lr-timing/SparseLogisticRegressionTiming.java
// Figures and the machine: docs/sentiment.md. Not a unit test (timings never are).
import org.recurrent.baselines.*;
import java.util.*;
public class SparseLogisticRegressionTiming {
  static double time(Runnable r) { long best = Long.MAX_VALUE; for (int k = 0; k < 5; k++) { long t = System.nanoTime(); r.run(); best = Math.min(best, System.nanoTime() - t); } return best / 1e6; }
  public static void main(String[] a) {
    Random r = new Random(1);
    // bag-of-words-like: n x d, ~12 ones per row
    for (int[] nd : new int[][] {{800, 1800}, {3000, 5000}}) {
      int n = nd[0], d = nd[1];
      double[][] x = new double[n][d]; int[] y = new int[n];
      for (int i = 0; i < n; i++) { double s = 0; for (int k = 0; k < 12; k++) { int j = (int) Math.min(d - 1, Math.abs(r.nextGaussian()) * d / 4); x[i][j] = 1; s += (j % 2 == 0 ? 1 : -1); } y[i] = s + r.nextGaussian() > 0 ? 1 : 0; }
      FeatureMatrix dm = FeatureMatrix.of(x); SparseFeatures sm = SparseFeatures.of(dm);
      System.out.printf("bag of words n=%d d=%d nnz=%d: dense %.1f ms, sparse %.1f ms (C=1 fit, best of 5)%n", n, d, sm.nonZeros(),
        time(() -> new LogisticRegression(1).fit(dm, y)), time(() -> new LogisticRegression(1).fit(sm, y)));
    }
    int n = 2000, d = 178; double[][] x = new double[n][d]; int[] y = new int[n];
    for (int i = 0; i < n; i++) { double s = 0; for (int j = 0; j < d; j++) { x[i][j] = r.nextGaussian(); s += (j < 5 ? x[i][j] : 0); } y[i] = s > 0 ? 1 : 0; }
    FeatureMatrix dm = FeatureMatrix.of(x); SparseFeatures sm = SparseFeatures.of(dm);
    System.out.printf("dense samples n=%d d=%d nnz=%d: dense %.1f ms, sparse %.1f ms (C=1 fit, best of 5)%n", n, d, sm.nonZeros(),
      time(() -> new LogisticRegression(1).fit(dm, y)), time(() -> new LogisticRegression(1).fit(sm, y)));
  }
}
