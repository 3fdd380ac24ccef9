package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.TrainConfig;
import org.recurrent.models.Model;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelKind;
import org.recurrent.models.ModelRegistry;
import org.recurrent.pipeline.DataPreparation;
import org.recurrent.pipeline.PreparedData;
import org.recurrent.tensor.Tensor;
import org.recurrent.train.Progress;

/** Warm start from a model of another "hospital": code embeddings and next-visit label rows follow their names. */
class WarmStartByCodeTest {
  @TempDir Path dir;

  private Path events(String name, int from, int to) throws IOException {
    StringBuilder csv = new StringBuilder("patient_id,timestamp,code_type,code\n");
    Random r = new Random(name.hashCode());
    for (int p = 0; p < 40; p++) {
      for (int k = 0; k < 5; k++) {
        csv.append(name).append(p).append(",2020-0").append(1 + k).append("-01,diagnosis,C")
            .append(from + r.nextInt(to - from)).append('\n');
      }
    }
    Path f = dir.resolve(name + ".csv");
    Files.writeString(f, csv);
    return f;
  }

  private Path config(String name, String file, String initFrom) throws IOException {
    Path c = dir.resolve(name + ".yaml");
    Files.writeString(c, """
        name: %s
        seed: 3
        task: next-visit
        %s
        data:
          format: ehr
          train: %s
          options: {reader: {source: long}}
          split: {method: ratio, train: 0.7, validation: 0.15}
        model: {cell: gru, hidden_size: 4, embedding_dim: 3}
        training: {epochs: 1, batch_size: 8, optimizer: {name: adam, lr: 0.01}}
        """.formatted(name, initFrom == null ? "" : "init_from: " + initFrom, file));
    return c;
  }

  @Test
  void sharedCodesAndLabelsCarryTheirRowsAndNewOnesStayFresh() throws IOException {
    events("a", 0, 6);   // codes C0..C5
    events("b", 3, 9);   // codes C3..C8: C3, C4, C5 shared
    Path source = TrainingRun.run(config("a", "a.csv", null), new TrainingRun.Options(dir.resolve("ma"), false, false,
        null, Progress.quiet())).modelDir();
    TrainConfig b = ConfigFiles.readTrainConfig(config("b", "b.csv", null));
    PreparedData data = DataPreparation.prepare(b, dir);
    ModelKind<?, ?> kind = ModelRegistry.standard().get(b.model().kind());
    Model model = kind.buildFrom(kind.specFrom(b.model(), data.signature(true)), new Random(9));
    Tensor fresh = model.stateDict().get("embedding.weight").copy();
    String report = WarmStart.load(model, source, data);
    assertTrue(report.contains("codes from the source"), report);

    var a = ModelDirectory.read(source);
    List<String> oldCodes = org.recurrent.data.CodeVocabulary.load(a.file("codes")).codes();
    Tensor old = a.model().stateDict().get("embedding.weight");
    Tensor now = model.stateDict().get("embedding.weight");
    List<String> newCodes = data.codes().codes();
    int E = now.size(1), shared = 0;
    for (int i = 0; i < newCodes.size(); i++) {
      int j = oldCodes.indexOf(newCodes.get(i));
      float[] row = Arrays.copyOfRange(now.data(), i * E, (i + 1) * E);
      if (j >= 0) {
        shared++;
        assertArrayEquals(Arrays.copyOfRange(old.data(), j * E, (j + 1) * E), row, newCodes.get(i) + " keeps its row");
      } else {
        assertArrayEquals(Arrays.copyOfRange(fresh.data(), i * E, (i + 1) * E), row, newCodes.get(i) + " stays fresh");
      }
    }
    assertEquals(4, shared, "<unk> and the three shared codes");

    // the head's rows follow the next-visit labels (and the time output) by name
    List<String> oldNames = a.manifest().targetNames(), newNames = data.targetNames();
    Tensor oldHead = a.model().stateDict().get("head.bias"), head = model.stateDict().get("head.bias");
    for (int i = 0; i < newNames.size(); i++) {
      int j = oldNames.indexOf(newNames.get(i));
      if (j >= 0) assertEquals(oldHead.data()[j], head.data()[i], 0f, newNames.get(i));
    }
    assertTrue(newNames.contains("log_days_to_next_visit"));
    assertFalse(oldNames.equals(newNames));
  }
}
