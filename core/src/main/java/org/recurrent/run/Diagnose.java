package org.recurrent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.autograd.Autograd;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.ConfigOverrides;
import org.recurrent.config.TrainConfig;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.models.Cell;
import org.recurrent.models.Model;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelRegistry;
import org.recurrent.models.SequenceModel;
import org.recurrent.nn.init.SpectralRadius;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.pipeline.DataPreparation;
import org.recurrent.pipeline.PreparedData;
import org.recurrent.tasks.DataPart;
import org.recurrent.tasks.Task;
import org.recurrent.tensor.Tensor;
import org.recurrent.train.EventLog;
import org.recurrent.train.TrainingEvent;

/**
 * {@code recurrent diagnose DIR}: the gradient flow ({@link GradientFlow}) of a trained {@code sequence} model at
 * initialisation and after training, its recurrent matrices' singular values and spectral radius, its gates'
 * saturation, and the clipping its events file records.
 *
 * <p>"At initialisation" is rebuilt, not stored: a run draws every initial weight from {@code new Random(seed)}
 * ({@link TrainingRun#initialModel}) with the seed in {@code provenance.json}, so config.json's spec and that seed
 * give the initial weights bit for bit, and no model directory has to carry a second weights file. A run that
 * warm-started ({@code init_from}) began elsewhere; its initial curve is then left out and the JSON says so.
 *
 * <p>The data are the run's own: the config file named in {@code provenance.json} with the same {@code --set}
 * overrides (refused when the file has changed since), or a config given instead.
 */
public final class Diagnose {
  /** Where the diagnosis goes inside a model directory. */
  public static final String FOLDER = "diagnose";
  public static final String FILE = "gradient_flow.json";
  /** A gate value this close to 0 or 1 counts as saturated. */
  public static final double SATURATION = 0.05;

  private Diagnose() {}

  /**
   * @param config the training config to read the data with, or null for the run's own
   * @param sequences B, the records measured
   */
  public static Diagnosis of(Path dir, Path config, int sequences) throws IOException {
    if (sequences < 1) throw new IllegalArgumentException("--sequences must be >= 1, got " + sequences);
    ModelDirectory.Loaded loaded = ModelDirectory.read(dir);
    if (!(loaded.model() instanceof SequenceModel trained)) {
      throw new IllegalArgumentException(dir + ": diagnose measures the state gradients of model.kind sequence; this "
          + "model is kind " + loaded.model().kind());
    }
    Provenance provenance = Provenance.read(dir.resolve(ModelDirectory.PROVENANCE));
    Path configFile = config != null ? config : Path.of(provenance.configFile());
    if (config == null) {
      if (!Files.isRegularFile(configFile)) {
        throw new IOException(dir + " was trained from " + configFile + ", which no longer exists; pass --config FILE");
      }
      if (!ConfigFiles.readText(configFile).equals(provenance.config())) {
        throw new IOException(dir + " was trained from " + configFile + ", which has changed since; pass --config FILE");
      }
    }
    TrainConfig train = ConfigOverrides.parse(config == null ? provenance.overrides() : List.of())
        .readTrainConfig(configFile);
    Task task = train.parsedTask();
    PreparedData data = DataPreparation.prepare(train, configFile.toAbsolutePath().getParent());
    DataPart part = data.part(PreparedData.Part.TEST);
    if (part.isEmpty()) part = data.part(PreparedData.Part.VALIDATION);
    if (part.isEmpty()) part = data.part(PreparedData.Part.TRAIN);
    BatchSource source = task.batches(part, BatchPlan.of(Math.min(sequences, part.size())));
    Batch batch = source.batch(0, 0);

    String initSource;
    GradientFlow.Curves atInit = null;
    if (train.initFrom() != null) {
      initSource = "not measured: the run warm-started from " + train.initFrom();
    } else {
      Model init = TrainingRun.initialModel(ModelRegistry.standard().get(trained.kind()), trained.spec(),
          provenance.seed());
      atInit = GradientFlow.measure((SequenceModel) init, task, batch);
      initSource = "rebuilt from config.json and the run's seed " + provenance.seed();
    }
    GradientFlow.Curves atEnd = GradientFlow.measure(trained, task, batch);
    Diagnosis.Clipping clipping = clipping(dir.resolve(ModelDirectory.EVENTS));
    return new Diagnosis(dir.toAbsolutePath().normalize().getFileName().toString(), trained.kind(),
        trained.config().cell().configName(), batch.steps(), batch.size(), initSource, atInit, atEnd,
        matrices(trained), saturation(trained, batch), clipping, Diagnosis.read(atInit, atEnd, clipping));
  }

  /** Writes {@code DIR/diagnose/gradient_flow.json} atomically and returns its path. */
  public static Path write(Path dir, Diagnosis d) throws IOException {
    Path folder = dir.resolve(FOLDER);
    Files.createDirectories(folder);
    Path file = folder.resolve(FILE);
    ModelDirectory.writeJson(file, d);
    return file;
  }

  /** Every {@code weight_hh} block (H, H) of the stack, per gate, with its top singular values and spectral radius. */
  static List<Diagnosis.Matrix> matrices(SequenceModel m) {
    int H = m.config().hiddenSize();
    String[] gates = switch (m.config().cell()) {
      case LSTM -> new String[] {"i", "f", "g", "o"};
      case GRU, GRU_RESET_BEFORE -> new String[] {"r", "z", "n"};
      case RNN_TANH, RNN_RELU, IRNN -> new String[] {""};
    };
    List<Diagnosis.Matrix> out = new ArrayList<>();
    for (var e : m.stateDict().entrySet()) {
      if (!e.getKey().contains("weight_hh")) continue;
      float[] w = e.getValue().data();
      for (int g = 0; g < gates.length; g++) {
        float[] block = Arrays.copyOfRange(w, g * H * H, (g + 1) * H * H);
        double[] sv = singularValues(block, H);
        double radius = SpectralRadius.of(block, H, new java.util.Random(1));
        out.add(new Diagnosis.Matrix(e.getKey() + (gates[g].isEmpty() ? "" : " [" + gates[g] + "]"),
            Arrays.copyOf(sv, Math.min(5, sv.length)), radius));
      }
    }
    return out;
  }

  /**
   * The singular values of an (n, n) matrix, descending: the square roots of the eigenvalues of A^T A, found by
   * cyclic Jacobi rotations in double (converges for any symmetric matrix; n is a hidden size, a few hundred at most).
   */
  static double[] singularValues(float[] a, int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) s += (double) a[k * n + i] * a[k * n + j];
        m[i][j] = s;
      }
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += m[p][q] * m[p][q];
      if (off < 1e-22) break;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (Math.abs(m[p][q]) < 1e-300) continue;
          double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
          double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          double c = 1 / Math.sqrt(t * t + 1), s = t * c;
          for (int k = 0; k < n; k++) {                    // rotate columns p, q
            double mkp = m[k][p], mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < n; k++) {                    // and rows p, q
            double mpk = m[p][k], mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
          }
        }
      }
    }
    double[] sv = new double[n];
    for (int i = 0; i < n; i++) sv[i] = Math.sqrt(Math.max(0, m[i][i]));
    Arrays.sort(sv);
    for (int i = 0; i < n / 2; i++) {
      double tmp = sv[i];
      sv[i] = sv[n - 1 - i];
      sv[n - 1 - i] = tmp;
    }
    return sv;
  }

  /**
   * Per layer and sigmoid gate, the share of the batch's gate values (all steps, sequences and units) within
   * {@value #SATURATION} of 0 or 1, recomputed from each step's states: LSTM i, f, o; GRU r, z.
   */
  static Map<String, Double> saturation(SequenceModel m, Batch batch) {
    Cell cell = m.config().cell();
    Map<String, Double> out = new LinkedHashMap<>();
    if (cell.gates() == 1) return out;
    int T = batch.steps(), B = batch.size(), H = m.config().hiddenSize(), L = m.config().numLayers();
    int[] sigmoidGates = cell == Cell.LSTM ? new int[] {0, 1, 3} : new int[] {0, 1};
    String[] names = cell == Cell.LSTM ? new String[] {"i", "f", "g", "o"} : new String[] {"r", "z", "n"};
    long[][] saturated = new long[L][cell.gates()];
    var sd = m.stateDict();
    try (var g = Autograd.noGrad()) {
      RecurrentOutput prev = null;
      Tensor x = batch.features();                                    // (T, B, F)
      int F = x.size(2);
      for (int t = 0; t < T; t++) {
        RecurrentOutput next = m.forward(GradientFlow.slice(batch, t, 1), prev).state();
        for (int l = 0; l < L; l++) {
          float[] wIh = sd.get("rnn.weight_ih_l" + l).data(), wHh = sd.get("rnn.weight_hh_l" + l).data();
          float[] bIh = sd.get("rnn.bias_ih_l" + l).data(), bHh = sd.get("rnn.bias_hh_l" + l).data();
          int in = l == 0 ? F : H;
          for (int b = 0; b < B; b++) {
            for (int gate : sigmoidGates) {
              for (int u = 0; u < H; u++) {
                int row = gate * H + u;
                double a = bIh[row] + bHh[row];
                for (int i = 0; i < in; i++) {
                  float v = l == 0 ? x.data()[(t * B + b) * F + i] : next.hN().data()[((l - 1) * B + b) * H + i];
                  a += wIh[row * in + i] * v;
                }
                if (prev != null) {
                  for (int j = 0; j < H; j++) a += wHh[row * H + j] * prev.hN().data()[(l * B + b) * H + j];
                }
                double s = 1 / (1 + Math.exp(-a));
                if (s < SATURATION || s > 1 - SATURATION) saturated[l][gate]++;
              }
            }
          }
        }
        prev = next;
      }
    }
    for (int l = 0; l < L; l++) {
      for (int gate : sigmoidGates) out.put("layer " + l + " " + names[gate], saturated[l][gate] / (double) (T * B * H));
    }
    return out;
  }

  /** The gradient norms and clipping of the events file's {@code batch} lines; null when there is no file. */
  static Diagnosis.Clipping clipping(Path events) throws IOException {
    if (!Files.isRegularFile(events)) return null;
    List<Double> norms = new ArrayList<>();
    int clipped = 0;
    for (TrainingEvent e : EventLog.read(events)) {
      if (e instanceof TrainingEvent.BatchDone b) {
        norms.add(b.gradNorm());
        if (b.clipped()) clipped++;
      }
    }
    if (norms.isEmpty()) return new Diagnosis.Clipping(0, 0, new double[0]);
    double[] v = norms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] q = new double[5];
    double[] at = {0, 0.1, 0.5, 0.9, 1};
    for (int i = 0; i < 5; i++) q[i] = v[(int) Math.round(at[i] * (v.length - 1))];
    return new Diagnosis.Clipping(v.length, clipped, q);
  }
}
