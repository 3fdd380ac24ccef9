package org.recurrent.ops;

/** How {@link Ops#embeddingBag} reduces the rows of one bag: {@code mode="sum"} or {@code "mean"} in PyTorch. */
public enum EmbeddingBagMode {
  /** The (optionally per-sample weighted) sum of the bag's rows. */
  SUM,
  /** The sum divided by the number of ids in the bag that are not the padding index. */
  MEAN
}
