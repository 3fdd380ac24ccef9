package org.recurrent.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSafeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void nonFiniteNumbersBecomeStringsThroughNestedMapsAndLists() throws IOException {
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("loss", 0.5);
    test.put("roc_auc", Double.NaN);
    test.put("roc_auc_ci95", List.of(Double.NEGATIVE_INFINITY, 1.0));
    test.put("mape", Float.POSITIVE_INFINITY);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("epochs", 3);
    metrics.put("test", test);
    String json = JSON.writeValueAsString(JsonSafe.of(metrics));
    assertEquals("{\"epochs\":3,\"test\":{\"loss\":0.5,\"roc_auc\":\"NaN\",\"roc_auc_ci95\":[\"-Infinity\",1.0],"
        + "\"mape\":\"Infinity\"}}", json);
    JsonNode back = JSON.readTree(json).get("test");
    assertEquals(Double.NaN, JsonSafe.number(back.get("roc_auc")));
    assertEquals(Double.NEGATIVE_INFINITY, JsonSafe.number(back.get("roc_auc_ci95").get(0)));
    assertEquals(Double.POSITIVE_INFINITY, JsonSafe.number(back.get("mape")));
    assertEquals(0.5, JsonSafe.number(back.get("loss")));
  }

  @Test
  void onlyNumbersAndTheThreeStringsReadAsNumbers() throws IOException {
    var e = assertThrows(IllegalArgumentException.class, () -> JsonSafe.number(JSON.readTree("\"nan\"")));
    assertEquals("expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got \"nan\"", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JsonSafe.number(JSON.readTree("null")));
  }
}
