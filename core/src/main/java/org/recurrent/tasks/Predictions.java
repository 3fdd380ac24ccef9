package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model said about a data set, one row per record (sequence outputs) or per real time step (per-step
 * outputs), in the order the batches came; {@link #record(int)} and {@link #step(int)} give each row's place.
 * Outputs are already turned into what the task reads: class probabilities (softmax), label probabilities
 * (sigmoid) or values. Truth rows are empty for unlabelled data.
 */
public final class Predictions {
  private final List<float[]> outputs = new ArrayList<>();
  private final List<float[]> truths = new ArrayList<>();
  private final List<int[]> places = new ArrayList<>();
  private final java.util.Map<Integer, int[]> decoded = new java.util.HashMap<>();
  private double nllSum;
  private double nllCount;

  public Predictions() {
  }

  public void add(int record, int step, float[] output, float[] truth) {
    outputs.add(output);
    truths.add(truth);
    places.add(new int[] {record, step});
  }

  /** The sequence a model wrote itself for record {@code record} (an encoder-decoder's greedy decode). */
  public void addDecoded(int record, int[] tokens) {
    decoded.put(record, tokens);
  }

  /** The decoded sequence of a record, or null when the model decodes nothing. */
  public int[] decoded(int record) {
    return decoded.get(record);
  }

  /** Whether any record has a decoded sequence. */
  public boolean hasDecoded() {
    return !decoded.isEmpty();
  }

  public void addLoss(double meanLoss, double weight) {
    nllSum += meanLoss * weight;
    nllCount += weight;
  }

  public int size() {
    return outputs.size();
  }

  public float[] output(int row) {
    return outputs.get(row);
  }

  public float[] truth(int row) {
    return truths.get(row);
  }

  /** Index of the row's record in its data set. */
  public int record(int row) {
    return places.get(row)[0];
  }

  /** Time step of the row, or -1 for a sequence output. */
  public int step(int row) {
    return places.get(row)[1];
  }

  /** Mean loss per target over the data set (for categorical tasks: cross-entropy in nats). */
  public double meanLoss() {
    return nllCount == 0 ? Double.NaN : nllSum / nllCount;
  }

  public double lossWeight() {
    return nllCount;
  }

  public boolean labelled() {
    return !truths.isEmpty() && truths.get(0).length > 0;
  }

  /** Argmax of a row's output. */
  public int predictedClass(int row) {
    float[] p = outputs.get(row);
    int best = 0;
    for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    return best;
  }
}
