package org.recurrent.run;

import org.recurrent.train.Progress;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the real data sets in ../shared/data: small models trained for a few seconds must beat the
 * trivial baseline that the run itself scores on the same test records, by the margin each test states.
 * Skipped where the data are absent.
 */
class RealDataTrainingTest {
  private static final Path DATA = Path.of("../../shared/data").toAbsolutePath().normalize();

  private static RunMetrics train(Path dir, String yaml) throws IOException {
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, yaml.replace("$DATA", DATA.toString()));
    return TrainingRun.run(config, new TrainingRun.Options(dir.resolve("model"), false, false, null, Progress.quiet()))
        .metrics();
  }

  private static RunMetrics.PartScores part(RunMetrics metrics, String name) {
    return metrics.parts().get(name);
  }

  @Test
  void eegSeizureDetectionBeatsTheMajorityClassByTenPoints(@TempDir Path dir) throws IOException {
    Path csv = DATA.resolve("epileptic-seizure-recognition/epileptic_seizure_recognition.csv.gz");
    assumeTrue(Files.exists(csv), "no EEG data at " + csv);
    RunMetrics.PartScores test = part(train(dir, """
        task: classification
        data:
          format: wide_csv
          train: $DATA/epileptic-seizure-recognition/epileptic_seizure_recognition.csv.gz
          options: {id_column: Unnamed, label_column: y, positive_labels: ["1"]}
          split: {method: column, file: $DATA/epileptic-seizure-recognition/splits.csv, id_column: id, column: split_row}
          feature_scaling: zscore
        model: {cell: gru, hidden_size: 16}
        training: {epochs: 1, batch_size: 64, optimizer: {name: adam, lr: 0.005}}
        """), "test");
    double majority = test.baseline().get("majority_class_accuracy");
    double accuracy = test.metrics().get("accuracy");
    assertTrue(accuracy > majority + 0.10, "accuracy " + accuracy + " vs majority " + majority);
    assertTrue(test.metrics().get("roc_auc") > 0.9, "roc_auc " + test.metrics().get("roc_auc"));
  }

  @Test
  void sevenDayTemperatureForecastBeatsLastValueByTenPercentRmse(@TempDir Path dir) throws IOException {
    assumeTrue(Files.exists(DATA.resolve("timeseries-classic/daily-min-temperatures.csv")), "no time-series data");
    RunMetrics.PartScores test = part(train(dir, """
        task: forecast
        data:
          format: timeseries_csv
          train: $DATA/timeseries-classic/daily-min-temperatures.csv
          options: {time_column: Date, targets: [Temp], lags: 30, horizon: 7}
          split: {method: chronological, train: 0.8, validation: 0.1}
        model: {cell: gru, hidden_size: 16}
        training: {epochs: 8, batch_size: 32, optimizer: {name: adam, lr: 0.005}}
        """), "test");
    double naive = test.baseline().get("last_value_rmse");
    double rmse = test.metrics().get("rmse");
    assertTrue(rmse < 0.9 * naive, "rmse " + rmse + " vs last value " + naive);
  }

  @Test
  void sentimentClassifierBeatsChanceByFifteenPoints(@TempDir Path dir) throws IOException {
    assumeTrue(Files.exists(DATA.resolve("sst2/stsa.binary.train")), "no SST-2 data");
    RunMetrics.PartScores test = part(train(dir, """
        task: classification
        data:
          format: text
          train: $DATA/sst2/stsa.binary.train
          validation: $DATA/sst2/stsa.binary.dev
          test: $DATA/sst2/stsa.binary.test
          options: {label_position: first, min_frequency: 2}
        model: {cell: lstm, embedding_dim: 32, hidden_size: 32, pooling: mean}
        training: {epochs: 2, batch_size: 32, optimizer: {name: adam, lr: 0.003}}
        """), "test");
    double majority = test.baseline().get("majority_class_accuracy");
    double accuracy = test.metrics().get("accuracy");
    assertTrue(accuracy > majority + 0.15, "accuracy " + accuracy + " vs " + majority);
  }

  @Test
  void characterLanguageModelBeatsUnigramByOneBitPerCharacter(@TempDir Path dir) throws IOException {
    assumeTrue(Files.exists(DATA.resolve("tinyshakespeare/input.txt")), "no tiny Shakespeare");
    RunMetrics.PartScores validation = part(train(dir, """
        task: language_model
        data:
          format: text_corpus
          train: $DATA/tinyshakespeare/input.txt
          split: {method: chronological, train: 0.2, validation: 0.02}
        model: {cell: lstm, embedding_dim: 16, hidden_size: 64}
        training: {epochs: 1, batch_size: 16, tbptt: 32, optimizer: {name: adam, lr: 0.01}}
        """), "validation");
    double unigram = validation.baseline().get("unigram_bits_per_character");
    double bpc = validation.metrics().get("bits_per_character");
    assertTrue(bpc < unigram - 1.0, "bpc " + bpc + " vs unigram " + unigram);
  }
}
