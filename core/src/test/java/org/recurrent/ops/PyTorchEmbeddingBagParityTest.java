package org.recurrent.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

/**
 * Golden test against PyTorch: {@code parity/embedding_bag.json}, written by
 * {@code tools/make_embedding_bag_fixtures.py} ({@code F.embedding_bag}, torch 1.13, references in float64 from
 * the same float32 inputs). Each case is run forward and backward with the stored upstream gradient; output,
 * weight gradient and per-sample-weight gradient must agree within {@link #ATOL} element by element.
 *
 * <p>Observed maxima over the 8 cases (JDK 25): output 3.3e-7, grad weight 2.4e-7, grad per-sample weights
 * 2.5e-7, i.e. float32 rounding of sums of a few O(1) terms.
 */
class PyTorchEmbeddingBagParityTest {
  private static final double ATOL = 1e-5;

  @Test
  void everyCaseMatchesPyTorch() throws IOException {
    JsonNode cases = load().get("cases");
    assertEquals(8, cases.size(), "cases in parity/embedding_bag.json");
    double[] worst = new double[3];   // output, grad weight, grad per-sample weights
    Set<String> covered = new HashSet<>();
    StringBuilder failures = new StringBuilder();
    for (JsonNode c : cases) {
      String name = c.get("name").asText();
      EmbeddingBagMode mode = EmbeddingBagMode.valueOf(c.get("mode").asText());
      int paddingIdx = c.get("padding_idx").asInt();
      int[] ids = ints(c.get("ids"));
      int[] offsets = ints(c.get("offsets"));
      Tensor w = Tensor.of(floats(c.get("weight")), c.get("num_embeddings").asInt(), c.get("embedding_dim").asInt())
          .requiresGrad(true);
      Tensor a = c.get("per_sample_weights").isNull() ? null
          : Tensor.of(floats(c.get("per_sample_weights")), ids.length).requiresGrad(true);
      covered.add(mode + (paddingIdx >= 0 ? "+padding" : "") + (a != null ? "+weights" : ""));

      Tensor y = Ops.embeddingBag(w, ids, offsets, mode, a, paddingIdx);
      assertArrayEquals(ints(c.get("output_shape")), y.shape(), name + ": output shape");
      y.backward(Tensor.of(floats(c.get("grad_output")), y.shape()));

      compare(name, "output", y.data(), doubles(c.get("output")), worst, 0, failures);
      compare(name, "grad_weight", w.gradData(), doubles(c.get("grad_weight")), worst, 1, failures);
      if (a != null) {
        compare(name, "grad_per_sample_weights", a.gradData(), doubles(c.get("grad_per_sample_weights")), worst, 2,
            failures);
      }
    }
    System.out.printf(Locale.ROOT, "embedding_bag parity over %d cases: max |diff| output %.3g, grad weight %.3g, "
        + "grad per-sample weights %.3g (limit %.0e)%n", cases.size(), worst[0], worst[1], worst[2], ATOL);
    if (failures.length() > 0) fail("embedding_bag differs from PyTorch:\n" + failures);
    assertEquals(Set.of("SUM", "MEAN", "SUM+padding", "MEAN+padding", "SUM+weights", "SUM+padding+weights"), covered,
        "kinds of case in the fixture");
  }

  /** Records max |actual - expected| in worst[k]; appends the first index beyond ATOL to failures. */
  private static void compare(String name, String what, float[] actual, double[] expected, double[] worst, int k,
      StringBuilder failures) {
    assertEquals(expected.length, actual.length, name + ": length of " + what);
    double max = 0;
    int firstBad = -1;
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs(actual[i] - expected[i]);
      if (!(d <= ATOL) && firstBad < 0) firstBad = i;
      max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
    }
    worst[k] = Double.isNaN(max) ? max : Math.max(worst[k], max);
    if (firstBad >= 0) {
      failures.append(String.format(Locale.ROOT, "  %s %s: max |diff| %.3g, first bad index %d: %s vs PyTorch %s%n",
          name, what, max, firstBad, actual[firstBad], expected[firstBad]));
    }
  }

  private static JsonNode load() throws IOException {
    try (InputStream in = PyTorchEmbeddingBagParityTest.class.getResourceAsStream("/parity/embedding_bag.json")) {
      if (in == null) {
        throw new IOException("parity/embedding_bag.json missing; run tools/make_embedding_bag_fixtures.py");
      }
      JsonNode doc = new ObjectMapper().readTree(in);
      assertTrue(doc.has("cases"), "parity/embedding_bag.json has no 'cases'");
      return doc;
    }
  }

  private static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).asDouble();
    return out;
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
    return out;
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
    return out;
  }
}
