package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.recurrent.cli.TinyRuns.assertContainsAll;
import static org.recurrent.cli.TinyRuns.run;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent.config.TrainConfig;
import org.recurrent.kernel.KernelProvider;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options several commands share are declared once, in mixins ({@link StacktraceOption}, {@link ModelDirOption},
 * {@link SeedOption}, {@link ThreadsOption}); every command that mixes one in lists it in its help, with the same text and default.
 */
class SharedOptionsTest {
  static final List<String> COMMANDS = List.of("train", "eval", "predict", "inspect", "demo", "bench", "generate", "dashboard");
  static final String MODEL = "-m, --model=<model>";
  static final String MODEL_HELP = "Model directory written by 'recurrent train'.";
  static final String SEED = "--seed=<seed>";

  private static String help(String command) {
    return run(command, "--help").expectExit(0).out();
  }

  @Test
  void everyCommandListsStacktraceAndTheStandardHelpOptions() {
    for (String c : COMMANDS) {
      assertContainsAll(help(c), "--stacktrace", "Print the full stack trace on errors.", "-h, --help", "-V, --version");
    }
  }

  @Test
  void commandsReadingAModelListTheModelOption() {
    for (String c : List.of("eval", "predict", "inspect", "generate")) assertContainsAll(help(c), MODEL, MODEL_HELP);
    for (String c : List.of("train", "demo", "bench")) assertFalse(help(c).contains("--model"), c);
  }

  @Test
  void commandsWithRandomChoicesListTheSeedWithTheConfigsDefault() {
    for (String c : List.of("eval", "predict", "demo", "generate")) {
      String help = help(c);
      assertContainsAll(help, SEED, "Seed for every random choice of the command.");
      String entry = help.substring(help.indexOf("  " + SEED)).lines().limit(3).reduce("", String::concat); // not the synopsis
      assertContainsAll(entry, "Default: " + TrainConfig.DEFAULT_SEED);
    }
    // train's seed is the config's (--set seed=S); its --seeds repeats a run over several and is no --seed
    for (String c : List.of("train", "inspect", "bench")) {
      assertFalse(java.util.regex.Pattern.compile("--seed\\b").matcher(help(c)).find(), c);
    }
  }

  /** Whatever mixins a command has, each of their options is in its help, with its default when it has one. */
  @Test
  void everyMixedInOptionIsInItsCommandsHelp() {
    CommandLine root = new CommandLine(new RecurrentCommand());
    for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) continue;
      String help = help(sub.getKey());
      for (CommandSpec mixin : sub.getValue().getCommandSpec().mixins().values()) {
        for (OptionSpec o : mixin.options()) {
          assertContainsAll(help, o.longestName());
          if (o.defaultValue() != null) assertContainsAll(help, "Default: " + o.defaultValue());
        }
      }
    }
  }

  /**
   * A '%' in a description is a format specifier to picocli: "peak% and" rendered raw with a "[picocli WARN]" on
   * System.err (bench did, six warnings per --help). Every subcommand, found from the command tree, is checked.
   */
  @Test
  void everyCommandsHelpRendersWithoutPicocliFormatWarnings() {
    CommandLine root = new CommandLine(new RecurrentCommand());
    java.io.ByteArrayOutputStream systemErr = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    try {
      System.setErr(new java.io.PrintStream(systemErr, true, java.nio.charset.StandardCharsets.UTF_8));
      java.util.ArrayDeque<List<String>> todo = new java.util.ArrayDeque<>();
      java.util.ArrayDeque<CommandLine> nodes = new java.util.ArrayDeque<>();
      todo.add(List.of());
      nodes.add(root);
      int checked = 0;
      while (!todo.isEmpty()) {
        List<String> path = todo.poll();
        CommandLine node = nodes.poll();
        for (Map.Entry<String, CommandLine> sub : node.getSubcommands().entrySet()) {
          if (sub.getKey().equals("help")) continue;
          List<String> args = new java.util.ArrayList<>(path);
          args.add(sub.getKey());
          todo.add(List.copyOf(args));
          nodes.add(sub.getValue());
          args.add("--help");
          String help = run(args.toArray(String[]::new)).expectExit(0).out();
          String warnings = systemErr.toString(java.nio.charset.StandardCharsets.UTF_8);
          assertFalse(warnings.contains("picocli WARN"), args + ": " + warnings);
          assertFalse(help.contains("%n"), args + " shows a raw %n: " + help);
          checked++;
        }
      }
      assertTrue(checked > COMMANDS.size(), "walked only " + checked + " commands");
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void aMissingModelOptionIsAUsageErrorNamingIt() {
    TinyRuns.Run r = run("inspect");
    assertEquals(2, r.exit());
    assertContainsAll(r.err(), "Missing required option: '--model=<model>'");
  }

  @Test
  void commandsDoingMathListTheThreadsOption() {
    for (String c : List.of("train", "eval", "predict", "bench", "generate")) {
      assertContainsAll(help(c), "--threads=N", "Cores the matrix kernels use");
    }
    for (String c : List.of("inspect", "demo")) assertFalse(help(c).contains("--threads"), c);
  }

  @Test
  void threadsReachTheKernelProvider() {
    int before = KernelProvider.get().threads();
    assumeTrue(KernelProvider.get().name().startsWith("vector"), "the scalar kernels are single-threaded");
    try {
      TinyRuns.Run r = run("bench", "--threads", "3", "--cell", "gru", "--mode", "infer", "--shape", "1,2,3,4",
          "--iterations", "1", "--warmup", "0", "--json").expectExit(0);
      assertEquals(3, KernelProvider.get().threads());
      assertContainsAll(r.out(), "\"threads\": 3");
      run("bench", "--threads", "1", "--cell", "gru", "--mode", "infer", "--shape", "1,2,3,4", "--iterations", "1",
          "--warmup", "0").expectExit(0);
      assertEquals(1, KernelProvider.get().threads());
      assertContainsAll(run("bench", "--threads", "0").expectExit(2).errorLine(), "--threads must be >= 1, got 0");
    } finally {
      KernelProvider.useThreads(before);
    }
  }
}
