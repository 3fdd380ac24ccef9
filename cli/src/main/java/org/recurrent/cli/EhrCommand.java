package org.recurrent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.TrainConfig;
import org.recurrent.data.ehr.CohortMember;
import org.recurrent.data.ehr.OnsetCohort;
import org.recurrent.eval.PredictionFormat;
import org.recurrent.io.AtomicFiles;
import org.recurrent.models.ModelDirectory;
import org.recurrent.pipeline.EhrPreparation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recurrent ehr}: electronic-health-record tools; {@code ehr cohort} builds and saves a cohort. */
@Command(name = "ehr", mixinStandardHelpOptions = true, description = "Electronic health records: build a cohort "
    + "from a training config's data section and report it.", subcommands = EhrCommand.Cohort.class)
final class EhrCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "ehr needs a subcommand: cohort");
  }

  /**
   * Builds the cohort of an {@code ehr} config exactly as {@code train} would (same split, same matching, same
   * seed), prints its table and writes {@code cohort.json} (the table) and {@code cohort.csv} (one row per member:
   * part, patient, role, prediction point, matched case, visits in the window).
   */
  @Command(name = "cohort", mixinStandardHelpOptions = true, description = "Build the onset cohort of an ehr config "
      + "(as train would), print its table and write cohort.json and cohort.csv to --output.")
  static final class Cohort implements Callable<Integer> {
    @Mixin StacktraceOption stacktrace;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "A training config with data.format: ehr.")
    Path config;

    @Option(names = {"-o", "--output"}, required = true, description = "Folder for cohort.json and cohort.csv "
        + "(created; existing files there are replaced).")
    Path output;

    @Override
    public Integer call() throws IOException {
      if (Files.exists(output) && !Files.isDirectory(output)) {
        throw new IllegalArgumentException("--output " + output + " exists and is not a folder");
      }
      TrainConfig c = ConfigFiles.readTrainConfig(config);
      EhrPreparation.Cohorts cohorts = EhrPreparation.cohorts(c, config.toAbsolutePath().getParent());
      Files.createDirectories(output);
      AtomicFiles.writeString(output.resolve("cohort.json"), ModelDirectory.JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(cohorts.summary()) + "\n");
      StringBuilder csv = new StringBuilder("part,patient_id,role,prediction_point,matched_case,visits\n");
      for (var part : cohorts.parts().entrySet()) {
        OnsetCohort.Result r = part.getValue();
        for (CohortMember m : r.members()) {
          csv.append(part.getKey()).append(',').append(PredictionFormat.csvCell(m.id())).append(',')
              .append(m.isCase() ? "case" : "control").append(',').append(m.predictionPoint()).append(',')
              .append(PredictionFormat.csvCell(m.matchedCase())).append(',').append(m.history().visits().size()).append('\n');
        }
      }
      AtomicFiles.writeString(output.resolve("cohort.csv"), csv.toString());
      PrintWriter out = spec.commandLine().getOut();
      out.println(cohorts.summary().describe());
      out.println("wrote " + output.resolve("cohort.json") + " and " + output.resolve("cohort.csv"));
      out.flush();
      return 0;
    }
  }
}
