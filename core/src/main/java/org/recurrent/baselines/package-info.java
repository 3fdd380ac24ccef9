/**
 * Classical baselines on fixed-length feature vectors, the comparison an RNN has to win: L2-regularised
 * {@link org.recurrent.baselines.LogisticRegression}, a one-hidden-layer {@link org.recurrent.baselines.Mlp},
 * {@link org.recurrent.baselines.KNearestNeighbours} and a {@link org.recurrent.baselines.LinearSvm}, each a
 * {@link org.recurrent.baselines.BinaryClassifier}, tuned on validation ROC-AUC by
 * {@link org.recurrent.baselines.Tuning} and run together by {@link org.recurrent.baselines.BaselineSuite};
 * {@link org.recurrent.baselines.OneVsRest} makes a multi-class classifier of any of them.
 *
 * <p>Typical inputs are aggregated per-record features: code counts per patient (the "one-to-one view" of Choi et
 * al. 2017), bag-of-words counts per document, band powers per EEG window.
 *
 * <p>Common contract:
 * <ul>
 *   <li>Features are a {@link org.recurrent.baselines.FeatureMatrix}: dense (n, d) doubles, checked once for
 *       shape and finiteness. Labels are {@code int} 0/1; fitting needs both classes. Bags of words and n-grams
 *       ({@link org.recurrent.baselines.NgramFeatures}) are a {@link org.recurrent.baselines.SparseFeatures}
 *       (compressed sparse rows), which {@link org.recurrent.baselines.LogisticRegression} also fits.
 *   <li>Transforms ({@link org.recurrent.baselines.FeatureTransform}: log1p, standardisation) are fitted on the
 *       training rows only and applied unchanged to validation and test rows.
 *   <li>Hyper-parameters are chosen on validation only, the chosen model is the one fitted on the training rows,
 *       and test rows are only ever scored.
 *   <li>Everything is deterministic: the same data, options and seed give the same scores bit for bit.
 *   <li>Bad input throws {@link java.lang.IllegalArgumentException} saying what was expected; scoring before
 *       fitting throws {@link java.lang.IllegalStateException}.
 * </ul>
 *
 * <p>This package uses only the JDK and {@code metrics} (for ROC-AUC); {@code tasks} may build on it.
 */
package org.recurrent.baselines;
