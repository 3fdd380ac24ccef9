package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command run in-process: outputs, exit codes and error messages. */
class RecurrentCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RecurrentCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void demoLearnsTheTextWellBelowUniformGuessing() {
    assertEquals(0, run("demo", "--epochs", "20", "--hidden", "48", "--seq-len", "32", "--batch", "16"), err.toString());
    Matcher m = Pattern.compile("learned: ([0-9.]+) bits per character on the held-out .* the unigram baseline is "
        + "([0-9.]+), uniform guessing ([0-9.]+)").matcher(out.toString());
    assertTrue(m.find(), out.toString());
    double heldOut = Double.parseDouble(m.group(1)), unigram = Double.parseDouble(m.group(2));
    // 20 epochs (140 steps) reach about 3.6 held-out bits per character against the unigram's 4.6
    assertTrue(heldOut < unigram - 0.5, "held-out " + heldOut + " should beat the unigram baseline " + unigram
        + " by 0.5 bits per character");
    assertTrue(out.toString().contains("after training:"));
    // the samples are text: the vocabulary's <unk> (never seen in training) is never drawn, even untrained
    assertTrue(!out.toString().contains("<unk>"), out.toString());
    assertTrue(err.toString().contains("training demo: language_model"), "trained through the train path: " + err);
  }

  @Test
  void benchPrintsOneJsonObjectPerCase() throws Exception {
    assertEquals(0, run("bench", "--cell", "lstm,gru", "--mode", "train,infer", "--shape", "2,5,3,4",
        "--iterations", "1", "--warmup", "0", "--json"), err.toString());
    String[] lines = out.toString().strip().split("\n");
    assertEquals(4, lines.length, out.toString());
    JsonNode first = new ObjectMapper().readTree(lines[0]);
    for (String key : new String[] {"cell", "mode", "B", "T", "I", "H", "threads", "ms_per_batch", "gflops", "peak_gflops", "peak_fraction", "vm_hwm_mb", "alloc_kb_per_batch"}) {
      assertTrue(first.has(key), "missing " + key + " in " + lines[0]);
    }
    assertEquals("lstm", first.get("cell").asText());
    assertTrue(first.get("ms_per_batch").asDouble() > 0);
  }

  /**
   * What a timed case allocates is its outputs: inference y (T, B, H), training y and its gradient dy (the state,
   * gate and packing buffers come from the pools). Fails if a pass allocates a buffer of its size again, such as a
   * packing of W_hh (4H x H floats, 64 KiB here) or of the weight gradients' (T·B, H) operand (100 KiB).
   */
  @Test
  void benchCountsWhatATimedCaseAllocatesAndThatIsItsOutputs() throws Exception {
    int B = 8, T = 50, I = 16, H = 64;
    assertEquals(0, run("bench", "--cell", "lstm,gru,rnn", "--mode", "infer,train", "--shape", B + "," + T + "," + I
        + "," + H, "--iterations", "5", "--warmup", "2", "--json"), err.toString());
    double y = 4.0 * T * B * H / 1024;                                        // KiB of one (T, B, H) output
    for (String l : out.toString().strip().split("\n")) {
      JsonNode line = new ObjectMapper().readTree(l);
      double kb = line.get("alloc_kb_per_batch").asDouble();
      double outputs = line.get("mode").asText().equals("train") ? 2 * y : y;
      assertTrue(kb >= outputs && kb < 1.25 * outputs + 16, "allocated " + kb + " KiB, outputs " + outputs + ": " + l);
    }
  }

  @Test
  void benchStreamTimesEachCellStepByStepAndReportsMicrosecondsPerStep() throws Exception {
    assertEquals(0, run("bench", "--cell", "lstm,gru,rnn", "--mode", "stream", "--shape", "1,6,3,4",
        "--iterations", "3", "--warmup", "1", "--json"), err.toString());
    String[] lines = out.toString().strip().split("\n");
    assertEquals(3, lines.length, out.toString());
    for (String l : lines) {
      JsonNode line = new ObjectMapper().readTree(l);
      assertEquals("stream", line.get("mode").asText());
      assertEquals(1, line.get("B").asInt());
      // us_per_step is the sequence's time over its T = 6 steps; ms_per_batch is printed to 0.001 ms = 1000/6 us
      // per step / 1000, so the two agree within 0.5 * 1000 / 6 / 1000 ms * 1000 = 0.083 us
      assertEquals(line.get("ms_per_batch").asDouble() * 1000 / 6, line.get("us_per_step").asDouble(), 0.09, l);
    }
  }

  @Test
  void benchRejectsAnUnknownModeWithExitCode2() {
    assertEquals(2, run("bench", "--mode", "steam"));
    assertTrue(err.toString().contains("--mode must be train, infer or stream, got 'steam'"), err.toString());
  }

  @Test
  void benchPeakPrintsOneRatePerThreadCountAndNoCases() throws Exception {
    assertEquals(0, run("bench", "--peak", "--json", "--threads", "1"), err.toString());
    String[] lines = out.toString().strip().split("\n");
    assertEquals(Runtime.getRuntime().availableProcessors(), lines.length, out.toString());
    JsonNode first = new ObjectMapper().readTree(lines[0]);
    assertEquals(1, first.get("threads").asInt());
    assertTrue(first.get("gflops").asDouble() > 0, lines[0]);
    assertTrue(!out.toString().contains("\"cell\""), "--peak runs no cases: " + out);
  }

  @Test
  void benchPeakFractionIsAgainstTheGivenPeak() throws Exception {
    assertEquals(0, run("bench", "--cell", "rnn", "--mode", "infer", "--shape", "2,5,3,4", "--iterations", "1",
        "--warmup", "0", "--json", "--peak-gflops", "100"), err.toString());
    JsonNode line = new ObjectMapper().readTree(out.toString().strip());
    assertEquals(100.0, line.get("peak_gflops").asDouble());
    assertEquals(line.get("gflops").asDouble() / 100, line.get("peak_fraction").asDouble(), 1e-4);
  }

  @Test
  void badShapeIsAOneLineErrorWithExitCode2() {
    assertEquals(2, run("bench", "--shape", "2,5,3"));
    assertTrue(err.toString().contains("recurrent: error: --shape wants B,T,I,H, got '2,5,3'"), err.toString());
    assertTrue(!err.toString().contains("\tat "), "no stack trace without --stacktrace");
  }

  @Test
  void missingTextFileNamesTheFile() {
    assertEquals(2, run("demo", "--text", "/nonexistent/poems.txt"));
    assertTrue(err.toString().contains("/nonexistent/poems.txt"), err.toString());
  }

  @Test
  void ownTextWithoutThePromptsCharactersSamplesFromItsOwnStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path f = dir.resolve("lower.txt");
    java.nio.file.Files.writeString(f, "the quick brown fox jumps over the lazy dog. ".repeat(20));
    assertEquals(0, run("demo", "--text", f.toString(), "--epochs", "2", "--hidden", "8", "--seq-len", "16"), err.toString());
    assertTrue(out.toString().contains("the quic"), out.toString());
    assertEquals(2, run("demo", "--text", f.toString(), "--epochs", "1", "--hidden", "8", "--prompt", "Zebra"));
    assertTrue(err.toString().contains("--prompt: character 'Z'"), err.toString());
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertEquals(2, run("demo", "--no-such-option"));
    assertTrue(err.toString().contains("Unknown option"), err.toString());
  }

  @Test
  void noArgumentsPrintsTheUsageAndExits2() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("Usage: recurrent"), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void unknownCommandIsAOneLineErrorListingTheCommandsWhateverFollows() {
    for (String[] args : new String[][] {{"nosuch"}, {"nosuch", "--help"}, {"nosuch", "x", "--version"}}) {
      TinyRuns.Run r = TinyRuns.run(args).expectExit(2);
      assertEquals(1, r.err().lines().count(), r.err());
      TinyRuns.assertContainsAll(r.errorLine(), "unknown command 'nosuch'", "train", "eval", "predict", "bench");
      assertEquals("", r.out());
    }
  }

  @Test
  void strayPositionalArgumentIsAOneLineErrorNamingIt() {
    TinyRuns.Run r = TinyRuns.run("bench", "--shape", "1,2,3,4", "5,6,7,8", "--iterations", "1").expectExit(2);
    assertEquals(1, r.err().lines().count(), r.err());
    TinyRuns.assertContainsAll(r.errorLine(), "'5,6,7,8'", "bench --help");
    assertEquals("", r.out());
  }

  @Test
  void versionShowsTheHeapLimitAsSetAndAsUsable() {
    assertEquals("heap: -Xmx2g, 1.78 GiB usable (./recurrent sets -Xmx from RECURRENT_HEAP, default 1g)",
        VersionProvider.heap(java.util.List.of("--add-modules", "-Xmx1g", "-Xmx2g"), 1820L << 20));
    assertEquals("heap: the JVM's default limit, 5.76 GiB usable (./recurrent sets -Xmx from RECURRENT_HEAP, default "
        + "1g)", VersionProvider.heap(java.util.List.of(), 5900L << 20));
    assertEquals("heap: -Xmx1g, 910 MiB usable, young generation at most 96m (./recurrent sets -Xmx from "
        + "RECURRENT_HEAP, default 1g)", VersionProvider.heap(java.util.List.of("-Xmx1g", "-XX:MaxNewSize=96m"),
        910L << 20));
  }

  @Test
  void versionNamesTheCollectorFromItsMemoryManagers() {
    String rule = " (./recurrent: serial up to a 1 GiB heap, parallel above; a -XX:+Use...GC in RECURRENT_JAVA_OPTS "
        + "replaces it)";
    assertEquals("collector: serial" + rule, VersionProvider.collector(java.util.List.of("Copy", "MarkSweepCompact")));
    assertEquals("collector: parallel" + rule, VersionProvider.collector(java.util.List.of("PS MarkSweep", "PS Scavenge")));
    assertEquals("collector: G1" + rule, VersionProvider.collector(
        java.util.List.of("G1 Young Generation", "G1 Concurrent GC", "G1 Old Generation")));
    assertEquals("collector: ZGC Minor Cycles + ZGC Major Cycles" + rule,
        VersionProvider.collector(java.util.List.of("ZGC Minor Cycles", "ZGC Major Cycles")));
  }

  @Test
  void theHeapLimitInTheOutOfMemoryLineIsTheOneTheJvmWasGiven() {
    // Runtime.maxMemory() leaves out a survivor space whose size the parallel collector keeps changing
    long given = RecurrentCommand.configuredMaxHeap();
    assertTrue(given >= Runtime.getRuntime().maxMemory(), given + " < " + Runtime.getRuntime().maxMemory());
    var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(
        com.sun.management.HotSpotDiagnosticMXBean.class);
    assertEquals(Long.parseLong(hotspot.getVMOption("MaxHeapSize").getValue()), given);
  }

  @Test
  void outOfMemorySaysHowToGiveTheHeapMore() {
    assertEquals("out of memory: the Java heap is at most 910 MiB; give it more with RECURRENT_HEAP (e.g. "
        + "RECURRENT_HEAP=4g ./recurrent ...; see README)", RecurrentCommand.outOfMemory(910L << 20));
  }
}
