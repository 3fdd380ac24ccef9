package org.recurrent.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recurrent.io.SafeTensors;
import org.recurrent.io.SafeTensorsFile;
import org.recurrent.loss.CrossEntropyLoss;
import org.recurrent.nn.GRU;
import org.recurrent.nn.GRUCell;
import org.recurrent.nn.LSTM;
import org.recurrent.nn.LSTMCell;
import org.recurrent.nn.Linear;
import org.recurrent.nn.Module;
import org.recurrent.nn.RNN;
import org.recurrent.nn.RNNCell;
import org.recurrent.nn.RecurrentConfig;
import org.recurrent.nn.RecurrentLayer;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Our layers against numbers written by PyTorch 1.13 (tools/make_parity_fixtures.py): outputs and final states
 * within 1e-5, every gradient (input, initial states, all parameters) within 1e-4, max absolute difference.
 * The observed maxima over all fixtures are printed after the run.
 */
class PyTorchParityTest {
  static final Path DIR = Path.of("src/test/resources/parity");
  static final float OUT_TOL = 1e-5f, GRAD_TOL = 1e-4f;
  static double maxOut, maxGrad;

  static Stream<String> sequenceCases() throws IOException {
    return cases("sequence");
  }

  static Stream<String> cellCases() throws IOException {
    return cases("cell");
  }

  static Stream<String> headCases() throws IOException {
    return cases("head");
  }

  private static Stream<String> cases(String kind) throws IOException {
    List<String> names = new ArrayList<>();
    try (var files = Files.list(DIR)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".safetensors")).sorted().toList()) {
        if (kind.equals(SafeTensors.read(p).metadata().get("kind"))) names.add(p.getFileName().toString());
      }
    }
    assertTrue(!names.isEmpty(), "no " + kind + " fixtures in " + DIR);
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sequenceCases")
  void sequenceLayerMatchesPyTorch(String file) throws IOException {
    SafeTensorsFile f = SafeTensors.read(DIR.resolve(file));
    Map<String, String> meta = f.metadata();
    String mode = meta.get("mode");
    RecurrentConfig c = new RecurrentConfig(Integer.parseInt(meta.get("input_size")),
        Integer.parseInt(meta.get("hidden_size")), Integer.parseInt(meta.get("num_layers")),
        Boolean.parseBoolean(meta.get("bias")), false, 0f, Boolean.parseBoolean(meta.get("bidirectional")));
    RecurrentLayer layer = switch (mode) {
      case "LSTM" -> new LSTM(c, new Random(0));
      case "GRU" -> new GRU(c, new Random(0));
      case "RNN_TANH" -> new RNN(c, RNN.Nonlinearity.TANH, new Random(0));
      case "RNN_RELU" -> new RNN(c, RNN.Nonlinearity.RELU, new Random(0));
      default -> throw new IllegalArgumentException(file + ": unknown mode " + mode);
    };
    layer.loadStateDict(parameters(f, layer, ""));
    Tensor x = f.tensor("input").copy().requiresGrad(true);
    int[] lengths = ints(f.tensor("lengths"));
    Tensor h0 = f.tensors().containsKey("h0") ? f.tensor("h0").copy().requiresGrad(true) : null;
    Tensor c0 = f.tensors().containsKey("c0") ? f.tensor("c0").copy().requiresGrad(true) : null;
    RecurrentOutput o = switch (layer) {
      case LSTM l -> l.forward(x, lengths, h0, c0);
      case GRU g -> g.forward(x, lengths, h0);
      case RNN r -> r.forward(x, lengths, h0);
      default -> throw new IllegalStateException();
    };
    compare(file, "output", f.tensor("output"), o.output(), OUT_TOL);
    compare(file, "h_n", f.tensor("h_n"), o.hN(), OUT_TOL);
    Tensor loss = Ops.sum(Ops.add(Ops.sum(Ops.mul(o.output(), f.tensor("output_seed"))),
        Ops.sum(Ops.mul(o.hN(), f.tensor("h_n_seed")))));
    if (o.cN() != null) {
      compare(file, "c_n", f.tensor("c_n"), o.cN(), OUT_TOL);
      loss = Ops.add(loss, Ops.sum(Ops.mul(o.cN(), f.tensor("c_n_seed"))));
    }
    loss.backward();
    compare(file, "grad.input", f.tensor("grad.input"), x.grad(), GRAD_TOL);
    if (h0 != null) compare(file, "grad.h0", f.tensor("grad.h0"), h0.grad(), GRAD_TOL);
    if (c0 != null) compare(file, "grad.c0", f.tensor("grad.c0"), c0.grad(), GRAD_TOL);
    compareParameterGrads(file, f, layer, "");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cellCases")
  void cellMatchesPyTorch(String file) throws IOException {
    SafeTensorsFile f = SafeTensors.read(DIR.resolve(file));
    String mode = f.metadata().get("mode");
    int I = Integer.parseInt(f.metadata().get("input_size")), H = Integer.parseInt(f.metadata().get("hidden_size"));
    Tensor x = f.tensor("input").copy().requiresGrad(true);
    Tensor h0 = f.tensor("h0").copy().requiresGrad(true);
    Module cell;
    Tensor loss;
    Tensor c0 = null;
    if (mode.startsWith("LSTM")) {
      LSTMCell lstm = new LSTMCell(I, H, new Random(0));
      lstm.loadStateDict(parameters(f, lstm, ""));
      c0 = f.tensor("c0").copy().requiresGrad(true);
      LSTMCell.State s = lstm.forward(x, new LSTMCell.State(h0, c0));
      compare(file, "h1", f.tensor("h1"), s.h(), OUT_TOL);
      compare(file, "c1", f.tensor("c1"), s.c(), OUT_TOL);
      loss = Ops.add(Ops.sum(Ops.mul(s.h(), f.tensor("h1_seed"))), Ops.sum(Ops.mul(s.c(), f.tensor("c1_seed"))));
      cell = lstm;
    } else {
      Tensor h1;
      if (mode.startsWith("GRU")) {
        GRUCell gru = new GRUCell(I, H, new Random(0));
        gru.loadStateDict(parameters(f, gru, ""));
        h1 = gru.forward(x, h0);
        cell = gru;
      } else {
        RNN.Nonlinearity act = mode.contains("RELU") ? RNN.Nonlinearity.RELU : RNN.Nonlinearity.TANH;
        RNNCell rnn = new RNNCell(I, H, true, act, new Random(0));
        rnn.loadStateDict(parameters(f, rnn, ""));
        h1 = rnn.forward(x, h0);
        cell = rnn;
      }
      compare(file, "h1", f.tensor("h1"), h1, OUT_TOL);
      loss = Ops.sum(Ops.mul(h1, f.tensor("h1_seed")));
    }
    loss.backward();
    compare(file, "grad.input", f.tensor("grad.input"), x.grad(), GRAD_TOL);
    compare(file, "grad.h0", f.tensor("grad.h0"), h0.grad(), GRAD_TOL);
    if (c0 != null) compare(file, "grad.c0", f.tensor("grad.c0"), c0.grad(), GRAD_TOL);
    compareParameterGrads(file, f, cell, "");
  }

  /** A recurrent layer + Linear head + cross-entropy with ignore_index at padded steps. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("headCases")
  void layerWithHeadAndLossMatchesPyTorch(String file) throws IOException {
    SafeTensorsFile f = SafeTensors.read(DIR.resolve(file));
    Map<String, String> meta = f.metadata();
    int I = Integer.parseInt(meta.get("input_size")), H = Integer.parseInt(meta.get("hidden_size"));
    int C = Integer.parseInt(meta.get("num_classes"));
    boolean lstm = meta.get("mode").startsWith("LSTM");
    RecurrentLayer rnn = lstm ? new LSTM(I, H, new Random(0)) : new GRU(I, H, new Random(0));
    Linear head = new Linear(H, C, new Random(0));
    rnn.loadStateDict(parameters(f, rnn, "rnn."));
    head.loadStateDict(parameters(f, head, "head."));
    Tensor x = f.tensor("input").copy().requiresGrad(true);
    int[] lengths = ints(f.tensor("lengths"));
    RecurrentOutput o = rnn instanceof LSTM l ? l.forward(x, lengths) : ((GRU) rnn).forward(x, lengths);
    int T = x.size(0), B = x.size(1);
    Tensor logits = head.forward(o.output());                                  // (T, B, C)
    Tensor loss = new CrossEntropyLoss().withIgnoreIndex(Integer.parseInt(meta.get("ignore_index")))
        .forward(Ops.reshape(logits, T * B, C), ints(f.tensor("targets")));
    compare(file, "loss", f.tensor("loss"), loss, OUT_TOL);
    loss.backward();
    compare(file, "grad.input", f.tensor("grad.input"), x.grad(), GRAD_TOL);
    compareParameterGrads(file, f, rnn, "rnn.");
    compareParameterGrads(file, f, head, "head.");
  }

  @Test
  void aStateDictExportedFromPyTorchLoadsIntoOurModules() throws IOException {
    SafeTensorsFile f = SafeTensors.read(DIR.resolve("state_dict_lstm.safetensors"));
    LSTM lstm = new LSTM(RecurrentConfig.of(8, 16).withNumLayers(2).withBidirectional(true), new Random(0));
    Linear fc = new Linear(32, 3, new Random(0));
    lstm.loadStateDict(parameters(f, lstm, "lstm."));
    fc.loadStateDict(parameters(f, fc, "fc."));
    compare("state_dict_lstm", "lstm.weight_hh_l1_reverse", f.tensor("lstm.weight_hh_l1_reverse"),
        lstm.stateDict().get("weight_hh_l1_reverse"), 0f);
    compare("state_dict_lstm", "fc.weight", f.tensor("fc.weight"), fc.weight(), 0f);
  }

  @AfterAll
  static void report() {
    System.out.printf("PyTorch parity: max |diff| outputs %.3g (limit %.0g), gradients %.3g (limit %.0g)%n",
        maxOut, OUT_TOL, maxGrad, GRAD_TOL);
  }

  private static Map<String, Tensor> parameters(SafeTensorsFile f, Module m, String prefix) {
    Map<String, Tensor> sd = new LinkedHashMap<>();
    for (String key : m.stateDict().keySet()) sd.put(key, f.tensor(prefix + key));
    return sd;
  }

  private static void compareParameterGrads(String file, SafeTensorsFile f, Module m, String prefix) {
    for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
      String key = "grad." + prefix + e.getKey();
      compare(file, key, f.tensor(key), e.getValue().grad(), GRAD_TOL);
    }
  }

  private static int[] ints(Tensor t) {
    int[] v = new int[t.numel()];
    for (int i = 0; i < v.length; i++) v[i] = Math.round(t.data()[i]);
    return v;
  }

  private static void compare(String file, String what, Tensor expected, Tensor actual, float tol) {
    assertTrue(actual != null, file + ": " + what + " was not computed");
    assertTrue(expected.numel() == actual.numel(), file + ": " + what + " size " + actual.shapeString()
        + " vs PyTorch " + expected.shapeString());
    double max = 0;
    int worst = -1;
    for (int i = 0; i < expected.numel(); i++) {
      double d = Math.abs(expected.data()[i] - actual.data()[i]);
      if (!(d <= max)) {
        max = d;
        worst = i;
      }
    }
    if (what.startsWith("grad")) maxGrad = Math.max(maxGrad, max);
    else maxOut = Math.max(maxOut, max);
    final double m = max;
    final int w = worst;
    assertTrue(m <= tol, () -> file + ": " + what + " max |diff| " + m + " > " + tol + " at flat index " + w
        + " (ours " + actual.data()[w] + ", PyTorch " + expected.data()[w] + ")");
  }
}
