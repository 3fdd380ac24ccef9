package org.recurrent.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Cuts a list of variable-length records into padded batches.
 *
 * <p>Order: with {@code shuffle}, the records of epoch e are permuted by a generator seeded from
 * (seed, e) alone, so an epoch's batches can be rebuilt after a restart. With {@code bucketByLength}, records of
 * similar length share a batch (less padding, less wasted compute): the permuted records are taken in pools of
 * 50 batches, each pool is sorted by length, cut into batches, and the batch order is permuted again. Without
 * shuffling, records keep file order (or, when bucketing, are sorted by length once); evaluation and prediction
 * use this and put results back with {@link Batch#indices()}.
 *
 * <p>Every batch but possibly the last has exactly {@code batchSize} records; no record is dropped.
 */
public final class Batcher implements BatchSource {
  private static final int POOL_BATCHES = 50;

  private final List<SequenceExample> examples;
  private final int batchSize;
  private final boolean perStep;
  private final int targetWidth;
  private final boolean shuffle;
  private final boolean bucketByLength;
  private final long seed;
  private int cachedEpoch = -1;
  private List<int[]> cachedPlan;

  /** Records batched as {@code plan} says (its steps are not used: records are not streams). */
  public Batcher(List<SequenceExample> records, BatchPlan plan, TargetLayout targets) {
    this(records, plan.batchSize(), targets.perStep(), targets.width(), plan.shuffle(), plan.bucketByLength(),
        plan.seed());
  }

  private Batcher(List<SequenceExample> examples, int batchSize, boolean perStep, int targetWidth, boolean shuffle,
                  boolean bucketByLength, long seed) {
    if (examples.isEmpty()) throw new IllegalArgumentException("cannot make batches from an empty data set");
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    if (targetWidth < 0) throw new IllegalArgumentException("target width must be >= 0, got " + targetWidth);
    SequenceExample first = examples.get(0);
    for (SequenceExample e : examples) {
      if (!e.inputs().keySet().equals(first.inputs().keySet())) {
        throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' has inputs " + e.inputs().keySet()
            + ", the first record has " + first.inputs().keySet());
      }
      for (var in : e.inputs().entrySet()) {
        StepInput other = first.inputs().get(in.getKey());
        if (in.getValue().getClass() != other.getClass()) {
          throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' input '" + in.getKey()
              + "' is of another type than the first record's");
        }
        if (in.getValue() instanceof StepInput.Dense d && d.features() != ((StepInput.Dense) other).features()) {
          throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' has " + d.features()
              + (in.getKey().equals(SequenceExample.PRIMARY) ? "" : " '" + in.getKey() + "'")
              + " features per step, the first record has " + ((StepInput.Dense) other).features());
        }
      }
      int expected = perStep ? e.length() * targetWidth : targetWidth;
      if (targetWidth > 0 && e.y().length != expected) {
        throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' has " + e.y().length
            + " target values, expected " + expected + (perStep ? " (" + e.length() + " steps x " + targetWidth + ")" : ""));
      }
    }
    this.examples = List.copyOf(examples);
    this.batchSize = batchSize;
    this.perStep = perStep;
    this.targetWidth = targetWidth;
    this.shuffle = shuffle;
    this.bucketByLength = bucketByLength;
    this.seed = seed;
  }

  @Override
  public int batchesPerEpoch() {
    return (examples.size() + batchSize - 1) / batchSize;
  }

  @Override
  public long recordsPerEpoch() {
    return examples.size();
  }

  @Override
  public Batch batch(int epoch, int index) {
    List<int[]> plan = plan(epoch);
    if (index < 0 || index >= plan.size()) {
      throw new IndexOutOfBoundsException("batch " + index + " of an epoch with " + plan.size() + " batches");
    }
    return assemble(plan.get(index));
  }

  /** The record indices of every batch of an epoch, in order. */
  public synchronized List<int[]> plan(int epoch) {
    if (epoch != cachedEpoch) {
      cachedPlan = makePlan(epoch);
      cachedEpoch = epoch;
    }
    return cachedPlan;
  }

  private List<int[]> makePlan(int epoch) {
    int n = examples.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Random rng = new Random(seed * 1_000_003L + epoch);
    if (shuffle) shuffle(order, rng);
    Comparator<Integer> byLength = Comparator.comparingInt(i -> examples.get(i).length());
    if (bucketByLength) {
      int pool = shuffle ? (int) Math.min(n, (long) POOL_BATCHES * batchSize) : n;   // long: no overflow
      for (int from = 0; from < n; from += pool) Arrays.sort(order, from, Math.min(n, from + pool), byLength);
    }
    List<int[]> batches = new ArrayList<>(batchesPerEpoch());
    for (int from = 0; from < n; from += batchSize) {
      int[] members = new int[Math.min(batchSize, n - from)];
      for (int j = 0; j < members.length; j++) members[j] = order[from + j];
      batches.add(members);
    }
    if (shuffle && bucketByLength) {
      int[][] arr = batches.toArray(new int[0][]);
      for (int i = arr.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int[] t = arr[i]; arr[i] = arr[j]; arr[j] = t;
      }
      batches = Arrays.asList(arr);
    }
    return List.copyOf(batches);
  }

  private static void shuffle(Integer[] a, Random rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      Integer t = a[i]; a[i] = a[j]; a[j] = t;
    }
  }

  /** Pads the given records into one batch: each input as its type pads ({@link BatchInput}), then the targets. */
  public Batch assemble(int[] members) {
    int B = members.length;
    int[] lengths = new int[B];
    int T = 0;
    for (int b = 0; b < B; b++) {
      lengths[b] = examples.get(members[b]).length();
      T = Math.max(T, lengths[b]);
    }
    Map<String, BatchInput> inputs = new LinkedHashMap<>();
    for (String name : examples.get(members[0]).inputs().keySet()) {
      List<StepInput> column = new ArrayList<>(B);
      for (int m : members) column.add(examples.get(m).input(name));
      inputs.put(name, BatchInput.pad(name, column));
    }
    int K = targetWidth;
    float[] targets = new float[K == 0 ? 0 : perStep ? T * B * K : B * K];
    for (int b = 0; b < B; b++) {
      SequenceExample e = examples.get(members[b]);
      if (K == 0) continue;
      if (perStep) {
        for (int t = 0; t < e.length(); t++) System.arraycopy(e.y(), t * K, targets, (t * B + b) * K, K);
      } else {
        System.arraycopy(e.y(), 0, targets, b * K, K);
      }
    }
    return new Batch(members.clone(), T, inputs, lengths, targets, K, perStep, false);
  }

  public List<SequenceExample> examples() {
    return examples;
  }
}
