package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.train.Progress;

/**
 * The forecasting recipe end to end on a small slice of real data: the first 1,500 days (1981-01-01 .. 1985-02-08)
 * of the Melbourne daily minimum temperatures, split 80/10/10 by time, a small GRU trained for a few epochs, direct
 * and recursive, each also as a residual forecaster with relative inputs (data.options.residual, relative_inputs:
 * trained, saved and scored through the whole run, the forecast being the last value plus the model's output). Each
 * must beat the seasonal-naive forecast (the same day a year earlier, season length 365) by 10 %
 * in MAE at horizons 1 and 7, and the naive (last value) forecast by 5 % at horizon 7, all on the same test windows
 * (on the full data the recipe's margins are about 40 % and 20 %: docs/forecasting.md). Skipped without the data.
 */
class ForecastRecipeTest {
  private static final Path DATA = Path.of("../../shared/data/timeseries-classic/daily-min-temperatures.csv")
      .toAbsolutePath().normalize();

  @ParameterizedTest
  @ValueSource(strings = {"strategy: direct, mode: multi", "strategy: recursive",
      "strategy: direct, mode: multi, residual: true, relative_inputs: true",
      "strategy: recursive, residual: true, relative_inputs: true"})
  void beatsSeasonalNaiveAndNaiveOnASlice(String strategy, @TempDir Path dir) throws IOException {
    assumeTrue(Files.exists(DATA), "no time-series data at " + DATA);
    List<String> lines = Files.readAllLines(DATA);
    Path slice = Files.write(dir.resolve("slice.csv"), lines.subList(0, 1501));
    Path config = Files.writeString(dir.resolve("run.yaml"), """
        task: forecast
        seed: 7
        data:
          format: timeseries_csv
          train: slice.csv
          options: {time_column: Date, targets: [Temp], lags: 30, horizon: 7, season_length: 365, scaling: minmax,
                    %s}
          split: {method: chronological, train: 0.8, validation: 0.1}
        model: {cell: gru, hidden_size: 16}
        training: {epochs: 6, batch_size: 32, optimizer: {name: adam, lr: 0.005}}
        """.formatted(strategy));
    RunMetrics m = TrainingRun.run(config, new TrainingRun.Options(dir.resolve("model"), false, false, null,
        Progress.quiet())).metrics();
    RunMetrics.PartScores test = m.parts().get("test");
    Map<String, Double> model = test.metrics(), base = test.baseline();
    for (int h : new int[] {1, 7}) {
      double mae = model.get("mae_h" + h), seasonal = base.get("seasonal_naive_mae_h" + h);
      assertTrue(mae < 0.9 * seasonal, strategy + ": MAE at h" + h + " " + mae + " vs seasonal naive " + seasonal);
    }
    double mae7 = model.get("mae_h7"), naive7 = base.get("last_value_mae_h7");
    assertTrue(mae7 < 0.95 * naive7, strategy + ": MAE at h7 " + mae7 + " vs naive " + naive7);
  }
}
