package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recurrent.tensor.Tensor;

/**
 * Golden test against PyTorch: {@code parity/attention.json}, written by {@code tools/make_attention_fixtures.py}
 * (torch 1.13, references in float64 from the same float32 inputs). For each of additive, dot and general
 * attention with sources of lengths 5, 3 and 1 padded to 5 (padding holding random values): scores on real
 * steps, masked-softmax weights, context, and the gradients of {@code sum(c * dc) + sum(w * dw)} with respect to
 * the query, the encoder states and every parameter must agree within {@link #ATOL}.
 */
class PyTorchAttentionParityTest {
  private static final double ATOL = 2e-5;

  @Test
  void everyKindMatchesPyTorch() throws IOException {
    JsonNode cases;
    try (InputStream in = getClass().getResourceAsStream("/parity/attention.json")) {
      cases = new ObjectMapper().readTree(in).get("cases");
    }
    assertEquals(3, cases.size(), "cases in parity/attention.json");
    StringBuilder failures = new StringBuilder();
    Set<String> kinds = new HashSet<>();
    double worst = 0;
    for (JsonNode c : cases) {
      String name = c.get("name").asText(), kind = c.get("kind").asText();
      kinds.add(kind);
      int B = c.get("batch").asInt(), Tk = c.get("source_steps").asInt();
      int hq = c.get("query_width").asInt(), hk = c.get("value_width").asInt();
      Attention att = switch (kind) {
        case "additive" -> new AdditiveAttention(hq, hk, c.get("attention_width").asInt(), new Random(0));
        case "dot" -> new DotAttention(hk);
        case "general" -> new GeneralAttention(hq, hk, new Random(0));
        default -> throw new IllegalStateException(kind);
      };
      Map<String, Tensor> state = new HashMap<>();
      c.get("params").fields().forEachRemaining(f -> {
        JsonNode shape = c.get("param_shapes").get(f.getKey());
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) dims[i] = shape.get(i).asInt();
        state.put(f.getKey(), Tensor.of(floats(f.getValue()), dims));
      });
      att.loadStateDict(state);
      int[] lengths = new int[B];
      for (int b = 0; b < B; b++) lengths[b] = c.get("lengths").get(b).asInt();
      Tensor q = Tensor.of(floats(c.get("query")), B, hq).requiresGrad(true);
      Tensor h = Tensor.of(floats(c.get("values")), B, Tk, hk).requiresGrad(true);
      Tensor mask = Attention.mask(lengths, Tk);
      Attention.Memory memory = att.memory(h, mask);
      Tensor scores = att.scores(q, memory.keys());                      // protected: same package
      Attention.Result r = att.attend(q, memory);
      Tensor loss = org.recurrent.ops.Ops.add(
          org.recurrent.ops.Ops.sum(org.recurrent.ops.Ops.mul(r.context(), Tensor.of(floats(c.get("grad_context")), B, hk))),
          org.recurrent.ops.Ops.sum(org.recurrent.ops.Ops.mul(r.weights(), Tensor.of(floats(c.get("grad_weights")), B, Tk))));
      loss.backward();

      float[] realScores = scores.data().clone();
      for (int i = 0; i < realScores.length; i++) if (mask.data()[i] == 0f) realScores[i] = 0f;
      worst = Math.max(worst, compare(name, "scores", realScores, c.get("scores"), failures));
      worst = Math.max(worst, compare(name, "weights", r.weights().data(), c.get("weights"), failures));
      worst = Math.max(worst, compare(name, "context", r.context().data(), c.get("context"), failures));
      worst = Math.max(worst, compare(name, "grad_query", q.gradData(), c.get("grad_query"), failures));
      worst = Math.max(worst, compare(name, "grad_values", h.gradData(), c.get("grad_values"), failures));
      for (Map.Entry<String, Tensor> p : att.namedParameters().entrySet()) {
        worst = Math.max(worst, compare(name, "grad " + p.getKey(), p.getValue().gradData(),
            c.get("grad_params").get(p.getKey()), failures));
      }
    }
    System.out.printf(Locale.ROOT, "attention parity over %d cases: max |diff| %.3g (limit %.0e)%n", cases.size(), worst,
        ATOL);
    if (failures.length() > 0) fail("attention differs from PyTorch:\n" + failures);
    assertEquals(Set.of("additive", "dot", "general"), kinds);
  }

  private static double compare(String name, String what, float[] actual, JsonNode expected, StringBuilder failures) {
    if (expected == null) {
      failures.append("  ").append(name).append(": no ").append(what).append(" in the fixture\n");
      return 0;
    }
    assertEquals(expected.size(), actual.length, name + ": length of " + what);
    double max = 0;
    int firstBad = -1;
    for (int i = 0; i < actual.length; i++) {
      double d = Math.abs(actual[i] - expected.get(i).asDouble());
      if (!(d <= ATOL) && firstBad < 0) firstBad = i;
      max = Math.max(max, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
    }
    if (firstBad >= 0) {
      failures.append(String.format(Locale.ROOT, "  %s %s: max |diff| %.3g, first bad index %d: %s vs PyTorch %s%n",
          name, what, max, firstBad, actual[firstBad], expected.get(firstBad).asDouble()));
    }
    return max;
  }

  private static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).asDouble();
    return out;
  }
}
