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
import org.recurrent.models.EchoStateNetwork;
import org.recurrent.models.MultiScaleModel;
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
    Model trained = loaded.model();
    if (!(trained instanceof SequenceModel || trained instanceof MultiScaleModel
        || trained instanceof EchoStateNetwork)) {
      throw new IllegalArgumentException(dir + ": diagnose measures the state gradients of model.kind sequence, "
          + "multiscale and esn; this model is kind " + trained.kind());
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
    if (trained instanceof EchoStateNetwork) {
      initSource = "not measured: the reservoir is fixed (never trained) and the read-out was fitted in closed form, "
          + "so there is no training gradient; the curve is how far back the fitted read-out's loss depends on the "
          + "reservoir's state (its fading memory)";
    } else if (train.initFrom() != null) {
      initSource = "not measured: the run warm-started from " + train.initFrom();
    } else {
      Model init = TrainingRun.initialModel(ModelRegistry.standard().get(trained.kind()), trained.spec(),
          provenance.seed());
      atInit = GradientFlow.measure(init, task, batch);
      initSource = "rebuilt from config.json and the run's seed " + provenance.seed();
    }
    GradientFlow.Trace trace = new GradientFlow.Trace(new LinkedHashMap<>(), new LinkedHashMap<>());
    GradientFlow.Curves atEnd = GradientFlow.measure(trained, task, batch, null, trace);
    Diagnosis.Clipping clipping = clipping(dir.resolve(ModelDirectory.EVENTS));
    return new Diagnosis(dir.toAbsolutePath().normalize().getFileName().toString(), trained.kind(), cellOf(trained),
        batch.steps(), batch.size(), initSource, atInit, atEnd, matrices(trained),
        trained instanceof SequenceModel m ? saturation(m, trace) : Map.of(), clipping,
        Diagnosis.read(atInit, atEnd, clipping, trained instanceof EchoStateNetwork));
  }

  /** The recurrence in a word: the cell, the multiscale nonlinearity, or {@code reservoir}. */
  static String cellOf(Model m) {
    return switch (m) {
      case SequenceModel s -> s.config().cell().configName() + (s.config().bidirectional() ? ", bidirectional" : "");
      case MultiScaleModel s -> s.spec().nonlinearity() + ", delays " + s.spec().delays();
      default -> "reservoir";
    };
  }

  /** Writes {@code DIR/diagnose/gradient_flow.json} atomically and returns its path. */
  public static Path write(Path dir, Diagnosis d) throws IOException {
    Path folder = dir.resolve(FOLDER);
    Files.createDirectories(folder);
    Path file = folder.resolve(FILE);
    ModelDirectory.writeJson(file, d);
    return file;
  }

  /**
   * The recurrent matrices: every {@code weight_hh} block (H, H) of a {@code sequence} stack, per direction and
   * gate; of a {@code multiscale} model each group's rows (H_g, H) (its spectral radius that of the group's own
   * (H_g, H_g) block, the part that feeds the group back to itself); an {@code esn}'s reservoir W (N, N).
   */
  static List<Diagnosis.Matrix> matrices(Model model) {
    List<Diagnosis.Matrix> out = new ArrayList<>();
    if (model instanceof MultiScaleModel m) {
      int H = m.recurrent().hiddenSize(), Hg = m.spec().groupSize();
      float[] w = m.recurrent().weightHh().data();
      for (int g = 0; g < m.spec().delays().size(); g++) {
        float[] rows = Arrays.copyOfRange(w, g * Hg * H, (g + 1) * Hg * H);
        float[] own = new float[Hg * Hg];
        for (int i = 0; i < Hg; i++) System.arraycopy(rows, i * H + g * Hg, own, i * Hg, Hg);
        double[] sv = singularValues(transpose(rows, Hg, H), H, Hg);   // of W^T: the same non-zero values
        out.add(new Diagnosis.Matrix("rnn.weight_hh_l0 [delay " + m.spec().delays().get(g) + ", units " + g * Hg
            + ".." + ((g + 1) * Hg - 1) + "]", Arrays.copyOf(sv, Math.min(5, sv.length)),
            SpectralRadius.of(own, Hg, new java.util.Random(1))));
      }
      return out;
    }
    if (model instanceof EchoStateNetwork e) {
      int N = e.spec().reservoirSize();
      float[] w = e.stateDict().get("weight_hh_l0").data();
      double[] sv = singularValues(w, N);
      out.add(new Diagnosis.Matrix("weight_hh_l0 (reservoir, fixed)", Arrays.copyOf(sv, Math.min(5, sv.length)),
          SpectralRadius.of(w, N, new java.util.Random(1))));
      return out;
    }
    SequenceModel m = (SequenceModel) model;
    int H = m.config().hiddenSize();
    String[] gates = switch (m.config().cell()) {
      case LSTM -> new String[] {"i", "f", "g", "o"};
      case GRU, GRU_RESET_BEFORE -> new String[] {"r", "z", "n"};
      case RNN_TANH, RNN_RELU, IRNN -> new String[] {""};
    };
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

  private static float[] transpose(float[] a, int rows, int cols) {
    float[] t = new float[rows * cols];
    for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
    return t;
  }

  /** The singular values of a square (n, n) matrix, descending; see {@link #singularValues(float[], int, int)}. */
  static double[] singularValues(float[] a, int n) {
    return singularValues(a, n, n);
  }

  /**
   * The singular values of an (r, n) matrix, descending: the square roots of the eigenvalues of A^T A (n, n), found
   * by cyclic Jacobi rotations in double (converges for any symmetric matrix; n is a hidden size, a few hundred at
   * most).
   */
  static double[] singularValues(float[] a, int r, int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < r; k++) s += (double) a[k * n + i] * a[k * n + j];
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
   * Per layer, direction and sigmoid gate, the share of the batch's gate values (all steps, sequences and units)
   * within {@value #SATURATION} of 0 or 1, recomputed from the inputs and states each step of the replay read
   * ({@link GradientFlow.Trace}): LSTM i, f, o; GRU r, z.
   */
  static Map<String, Double> saturation(SequenceModel m, Task task, Batch batch) {
    GradientFlow.Trace trace = new GradientFlow.Trace(new LinkedHashMap<>(), new LinkedHashMap<>());
    GradientFlow.measure(m, task, batch, null, trace);
    return saturation(m, trace);
  }

  static Map<String, Double> saturation(SequenceModel m, GradientFlow.Trace trace) {
    Cell cell = m.config().cell();
    Map<String, Double> out = new LinkedHashMap<>();
    if (cell.gates() == 1) return out;
    int H = m.config().hiddenSize();
    int[] sigmoidGates = cell == Cell.LSTM ? new int[] {0, 1, 3} : new int[] {0, 1};
    String[] names = cell == Cell.LSTM ? new String[] {"i", "f", "g", "o"} : new String[] {"r", "z", "n"};
    var sd = m.stateDict();
    for (String layer : trace.inputs().keySet()) {                // "layer 0", "layer 0 reverse"
      String suffix = "_l" + layer.split(" ")[1] + (layer.endsWith("reverse") ? "_reverse" : "");
      float[] wIh = sd.get("rnn.weight_ih" + suffix).data(), wHh = sd.get("rnn.weight_hh" + suffix).data();
      float[] bIh = sd.get("rnn.bias_ih" + suffix).data(), bHh = sd.get("rnn.bias_hh" + suffix).data();
      List<float[]> inputs = trace.inputs().get(layer), states = trace.states().get(layer);
      int in = wIh.length / (cell.gates() * H), B = states.get(0).length / H;
      long[] saturated = new long[cell.gates()];
      for (int j = 0; j < inputs.size(); j++) {
        float[] x = inputs.get(j), h = states.get(j);
        for (int b = 0; b < B; b++) {
          for (int gate : sigmoidGates) {
            for (int u = 0; u < H; u++) {
              int row = gate * H + u;
              double a = bIh[row] + bHh[row];
              for (int i = 0; i < in; i++) a += wIh[row * in + i] * x[b * in + i];
              for (int k = 0; k < H; k++) a += wHh[row * H + k] * h[b * H + k];
              double s = 1 / (1 + Math.exp(-a));
              if (s < SATURATION || s > 1 - SATURATION) saturated[gate]++;
            }
          }
        }
      }
      for (int gate : sigmoidGates) {
        out.put(layer + " " + names[gate], saturated[gate] / (double) ((long) inputs.size() * B * H));
      }
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
