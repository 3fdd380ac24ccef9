package org.recurrent.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

/**
 * Reads every fixture that {@code tools/make_parity_fixtures.py} wrote with PyTorch and checks that its names,
 * order and shapes agree with its metadata, so a broken regeneration fails here rather than as a puzzling
 * parity failure. Also cross-checks values that PyTorch guarantees to be equal (final state versus last
 * output), which only holds if the reader decoded the bytes correctly.
 */
class ParityFixturesTest {
  private static final int T = 5;
  private static final int B = 3;

  private static Map<String, SafeTensorsFile> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(ParityFixturesTest.class.getResource("/parity").toURI());
    Map<String, SafeTensorsFile> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".safetensors")).toList()) {
        out.put(f.getFileName().toString().replace(".safetensors", ""), SafeTensors.read(f));
      }
    }
    return out;
  }

  private static Map<String, List<SafeTensorsFile>> byKind() throws IOException, URISyntaxException {
    Map<String, List<SafeTensorsFile>> kinds = new TreeMap<>();
    for (var e : fixtures().entrySet()) {
      String kind = e.getKey().equals("state_dict_lstm") ? "state_dict" : e.getValue().metadata().get("kind");
      if (!e.getKey().equals("state_dict_lstm")) assertEquals(e.getKey(), e.getValue().metadata().get("case"));
      kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(e.getValue());
    }
    return kinds;
  }

  @Test
  void everyFixtureReadsAndHasAKnownKind() throws Exception {
    Map<String, List<SafeTensorsFile>> kinds = byKind();
    assertEquals(List.of("cell", "dtypes", "head", "sequence", "state_dict"), List.copyOf(kinds.keySet()));
    assertEquals(36, kinds.get("sequence").size(), "4 modes x (8 grid cases + 1 without bias)");
    assertEquals(4, kinds.get("cell").size());
    assertEquals(2, kinds.get("head").size());
  }

  private static int gates(String mode) {
    return switch (mode) {
      case "LSTM", "LSTM_CELL" -> 4;
      case "GRU", "GRU_CELL" -> 3;
      case "RNN_TANH", "RNN_RELU", "RNN_TANH_CELL", "RNN_RELU_CELL" -> 1;
      default -> throw new AssertionError("unknown mode " + mode);
    };
  }

  /** PyTorch's parameter names and shapes for a stacked (bidirectional) RNN, in registration order. */
  private static Map<String, int[]> rnnParameters(String prefix, String mode, int layers, int dirs, int in, int h,
      boolean bias) {
    Map<String, int[]> params = new LinkedHashMap<>();
    int g = gates(mode) * h;
    for (int l = 0; l < layers; l++) {
      for (int d = 0; d < dirs; d++) {
        String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
        params.put(prefix + "weight_ih" + sfx, new int[] {g, l == 0 ? in : dirs * h});
        params.put(prefix + "weight_hh" + sfx, new int[] {g, h});
        if (bias) {
          params.put(prefix + "bias_ih" + sfx, new int[] {g});
          params.put(prefix + "bias_hh" + sfx, new int[] {g});
        }
      }
    }
    return params;
  }

  private static void assertLayout(Map<String, int[]> expected, SafeTensorsFile file) {
    String name = file.metadata().getOrDefault("case", "state_dict_lstm");
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(file.tensors().keySet()), name + ": tensor names in order");
    expected.forEach((k, shape) ->
        assertArrayEquals(shape, file.tensor(k).shape(), name + ": shape of " + k + " " + file.tensor(k).shapeString()));
  }

  private static int intMeta(SafeTensorsFile f, String key) {
    return Integer.parseInt(f.metadata().get(key));
  }

  @Test
  void sequenceFixturesMatchTheirMetadata() throws Exception {
    for (SafeTensorsFile f : byKind().get("sequence")) {
      String mode = f.metadata().get("mode");
      boolean lstm = mode.equals("LSTM");
      boolean hasH0 = Boolean.parseBoolean(f.metadata().get("has_h0"));
      int layers = intMeta(f, "num_layers");
      int dirs = Boolean.parseBoolean(f.metadata().get("bidirectional")) ? 2 : 1;
      int in = intMeta(f, "input_size");
      int h = intMeta(f, "hidden_size");
      int[] state = {layers * dirs, B, h}; // (L*D, B, H)
      int[] out = {T, B, dirs * h}; // (T, B, D*H)

      Map<String, int[]> expected = new LinkedHashMap<>();
      expected.put("input", new int[] {T, B, in});
      expected.put("lengths", new int[] {B});
      if (hasH0) expected.put("h0", state);
      if (hasH0 && lstm) expected.put("c0", state);
      Map<String, int[]> params =
          rnnParameters("", mode, layers, dirs, in, h, Boolean.parseBoolean(f.metadata().get("bias")));
      expected.putAll(params);
      expected.put("output", out);
      expected.put("h_n", state);
      if (lstm) expected.put("c_n", state);
      expected.put("output_seed", out);
      expected.put("h_n_seed", state);
      if (lstm) expected.put("c_n_seed", state);
      expected.put("grad.input", new int[] {T, B, in});
      if (hasH0) expected.put("grad.h0", state);
      if (hasH0 && lstm) expected.put("grad.c0", state);
      params.forEach((k, s) -> expected.put("grad." + k, s));
      assertLayout(expected, f);
      assertPaddingAndFinalState(f, layers, dirs, h);
    }
  }

  /**
   * Outputs and input gradients are zero past each sequence's length, and h_n of the last layer equals the
   * output at the last valid step (forward direction) and at step 0 (reverse direction), as PyTorch promises.
   */
  private static void assertPaddingAndFinalState(SafeTensorsFile f, int layers, int dirs, int h) {
    String name = f.metadata().get("case");
    float[] lengths = f.tensor("lengths").data();
    Tensor output = f.tensor("output");
    Tensor hn = f.tensor("h_n");
    Tensor dx = f.tensor("grad.input");
    for (int b = 0; b < B; b++) {
      int len = (int) lengths[b];
      assertTrue(len == lengths[b] && len >= 1 && len <= T, name + ": length " + lengths[b]);
      for (int t = len; t < T; t++) {
        for (int j = 0; j < dirs * h; j++) assertEquals(0f, output.get(t, b, j), name + ": padded output");
        for (int j = 0; j < dx.size(2); j++) assertEquals(0f, dx.get(t, b, j), name + ": padded grad.input");
      }
      for (int j = 0; j < h; j++) {
        assertEquals(hn.get((layers - 1) * dirs, b, j), output.get(len - 1, b, j), name + ": forward h_n");
        if (dirs == 2) assertEquals(hn.get(layers * 2 - 1, b, j), output.get(0, b, h + j), name + ": reverse h_n");
      }
    }
  }

  @Test
  void cellFixturesMatchTheirMetadata() throws Exception {
    for (SafeTensorsFile f : byKind().get("cell")) {
      String mode = f.metadata().get("mode");
      boolean lstm = mode.equals("LSTM_CELL");
      int in = intMeta(f, "input_size");
      int h = intMeta(f, "hidden_size");
      int g = gates(mode) * h;
      Map<String, int[]> params = new LinkedHashMap<>();
      params.put("weight_ih", new int[] {g, in});
      params.put("weight_hh", new int[] {g, h});
      params.put("bias_ih", new int[] {g});
      params.put("bias_hh", new int[] {g});
      Map<String, int[]> expected = new LinkedHashMap<>();
      expected.put("input", new int[] {B, in});
      expected.put("h0", new int[] {B, h});
      if (lstm) expected.put("c0", new int[] {B, h});
      expected.putAll(params);
      expected.put("h1", new int[] {B, h});
      if (lstm) expected.put("c1", new int[] {B, h});
      expected.put("h1_seed", new int[] {B, h});
      if (lstm) expected.put("c1_seed", new int[] {B, h});
      expected.put("grad.input", new int[] {B, in});
      expected.put("grad.h0", new int[] {B, h});
      if (lstm) expected.put("grad.c0", new int[] {B, h});
      params.forEach((k, s) -> expected.put("grad." + k, s));
      assertLayout(expected, f);
    }
  }

  @Test
  void headFixturesMatchTheirMetadataAndMaskPaddedTargets() throws Exception {
    for (SafeTensorsFile f : byKind().get("head")) {
      int in = intMeta(f, "input_size");
      int h = intMeta(f, "hidden_size");
      int c = intMeta(f, "num_classes");
      Map<String, int[]> params = rnnParameters("rnn.", f.metadata().get("mode"), 1, 1, in, h, true);
      params.put("head.weight", new int[] {c, h});
      params.put("head.bias", new int[] {c});
      Map<String, int[]> expected = new LinkedHashMap<>();
      expected.put("input", new int[] {T, B, in});
      expected.put("lengths", new int[] {B});
      expected.put("targets", new int[] {T, B});
      expected.putAll(params);
      expected.put("logits", new int[] {T, B, c});
      expected.put("loss", new int[0]);
      expected.put("grad.input", new int[] {T, B, in});
      params.forEach((k, s) -> expected.put("grad." + k, s));
      assertLayout(expected, f);

      int ignore = intMeta(f, "ignore_index");
      float[] lengths = f.tensor("lengths").data();
      Tensor targets = f.tensor("targets");
      for (int t = 0; t < T; t++) {
        for (int b = 0; b < B; b++) {
          float y = targets.get(t, b);
          if (t >= lengths[b]) assertEquals(ignore, y, "padded target");
          else assertTrue(y == (int) y && y >= 0 && y < c, "class id " + y);
        }
      }
      assertTrue(f.tensor("loss").item() > 0, "cross-entropy of random logits is positive");
    }
  }

  @Test
  void pytorchStateDictExportLoadsWithItsModuleKeys() throws Exception {
    SafeTensorsFile f = byKind().get("state_dict").get(0);
    Map<String, int[]> expected = new TreeMap<>(rnnParameters("lstm.", "LSTM", 2, 2, 8, 16, true));
    expected.put("fc.weight", new int[] {3, 32});
    expected.put("fc.bias", new int[] {3});
    assertLayout(expected, f); // written name-sorted, as safetensors.torch.save_file does
    assertEquals(Map.of("format", "pt"), f.metadata());
    // nn.LSTM's default init is U(-1/sqrt(H), 1/sqrt(H)): every weight lies within 0.25 and they are not all 0.
    float[] w = f.tensor("lstm.weight_hh_l1_reverse").data();
    float maxAbs = 0;
    for (float v : w) maxAbs = Math.max(maxAbs, Math.abs(v));
    assertTrue(maxAbs > 0.1f && maxAbs <= 0.25f, "max |w| = " + maxAbs);
  }

  @Test
  void numpyEncodedDtypesDecodeToTheSameValues() throws Exception {
    SafeTensorsFile f = byKind().get("dtypes").get(0);
    for (String k : List.of("f32", "f64", "f16", "bf16")) {
      assertArrayEquals(f.tensor("expected_float").data(), f.tensor(k).data(), k);
    }
    for (String k : List.of("i64", "i32", "i16", "i8")) {
      assertArrayEquals(f.tensor("expected_int").data(), f.tensor(k).data(), k);
    }
    float[] u8 = f.tensor("u8").data();
    float[] ints = f.tensor("expected_int").data();
    for (int i = 0; i < u8.length; i++) assertEquals(ints[i] + 128, u8[i], "u8[" + i + "]");
    assertArrayEquals(f.tensor("expected_bool").data(), f.tensor("bool").data(), "bool");
    assertArrayEquals(new int[] {2, 3}, f.tensor("bf16").shape());
  }
}
