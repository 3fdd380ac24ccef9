package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.io.SafeTensors;
import org.recurrent.tensor.Tensor;

/**
 * Crash safety end to end (issue 15): a real {@code recurrent train} in its own JVM is killed with SIGKILL
 * ({@link Process#destroyForcibly}) at random points of its progress, resumed with {@code --resume} each time, killed
 * again, and finally resumed to the end. Its model must equal an uninterrupted run's bit for bit, and its
 * {@code metrics.json} byte for byte: metrics.json has no volatile field (the run's times and durations are in
 * {@code provenance.json}: {@code started}, {@code finished}, {@code seconds}; and in each events line's
 * {@code time}; neither is compared). No temporary file may be left behind.
 *
 * <p>The kill points are drawn from the progress the run has logged (the complete lines of {@code events.jsonl}),
 * not from wall-clock time, so a slow or loaded CI machine kills at the same kinds of points: in the first epoch
 * (before or after the first checkpoint), a few batches into a resumed run, and once the final metrics are being
 * written. The seed of the draw is in every failure message.
 */
class KillResumeTest {
  private static final long TIMEOUT_S = 90;

  /** 4 epochs of 19 batches (300 records, 16 a batch), a checkpoint every 3 batches; 2 layers with dropout. */
  private static Path config(Path dir) throws IOException {
    TinyRuns.wideCsv(dir, "train.csv");
    return TinyRuns.write(dir.resolve("tiny.yaml"), TinyRuns.wideCsvConfig("train.csv",
        "cell: lstm\nhidden_size: 8\nnum_layers: 2\ndropout: 0.2",
        "epochs: 4\nbatch_size: 16\ncheckpoint_every_batches: 3\noptimizer: {name: adam, lr: 0.01}"));
  }

  /** {@code recurrent ARGS} in a new JVM with this one's class path and module flags; output to files in dir. */
  private static Process start(Path dir, String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-modules") || a.startsWith("--enable-preview")) cmd.add(a);
    }
    cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), RecurrentCommand.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile()).start();
  }

  private static String[] train(Path config, Path out, boolean resume) {
    List<String> a = new ArrayList<>(List.of("train", config.toString(), "-o", out.toString(), "--quiet", "--threads", "1"));
    if (resume) a.add("--resume");
    return a.toArray(String[]::new);
  }

  /** Complete lines of the events file (a line being written is not counted). */
  private static List<String> events(Path out) throws IOException {
    Path f = out.resolve("events.jsonl");
    if (!Files.exists(f)) return List.of();
    String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : text.substring(0, end).lines().toList();
  }

  private static long count(List<String> lines, String event) {
    return lines.stream().filter(l -> l.startsWith("{\"event\":\"" + event + "\"")).count();
  }

  /**
   * Runs until {@code until} holds for the events logged so far (or the process ends by itself), then kills it.
   *
   * @return whether it was killed (false: it had finished)
   */
  private static boolean killWhen(Process p, Path out, java.util.function.Predicate<List<String>> until, String why)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (p.isAlive() && !until.test(events(out))) {
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("run did not reach " + why + " in " + TIMEOUT_S + " s");
      }
      Thread.sleep(2);
    }
    boolean killed = p.isAlive();
    p.destroyForcibly();                                           // SIGKILL on Unix: no shutdown hooks, no flush
    assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "killed process ended");
    return killed;
  }

  private static void finish(Process p, Path dir, String name) throws Exception {
    assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), name + " finished in time");
    assertEquals(0, p.exitValue(), name + " exit code; stderr:\n" + Files.readString(dir.resolve(name + ".err")));
  }

  @Test
  void killedAtRandomPointsAndResumedEqualsAnUninterruptedRun(@TempDir Path dir) throws Exception {
    Path config = config(dir);
    Path straight = dir.resolve("straight");
    Process reference = start(dir, "straight", train(config, straight, false));

    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path out = dir.resolve("killed");
    List<String> kills = new ArrayList<>();
    // 1: in the first epoch, before or after the first checkpoint (batch 3)
    int after = 1 + random.nextInt(15);
    Process p = start(dir, "run1", train(config, out, false));
    boolean k = killWhen(p, out, e -> count(e, "batch") >= after, "batch " + after);
    kills.add("fresh run after " + after + " batches: " + (k ? "killed" : "had finished"));
    assertTrue(k, "the first kill comes long before the run's 76 batches end; " + kills);
    // 2: a few batches into the resumed run
    long before = count(events(out), "batch");
    int more = 1 + random.nextInt(40);
    p = start(dir, "run2", train(config, out, true));
    k = killWhen(p, out, e -> count(e, "batch") >= before + more, more + " more batches");
    kills.add("resumed run after " + more + " more batches: " + (k ? "killed" : "had finished"));
    // 3: while the final metrics and the model are written (or at once, if that is already past)
    p = start(dir, "run3", train(config, out, true));
    k = killWhen(p, out, e -> count(e, "final") >= 1, "the final event");
    kills.add("resumed run at its final event: " + (k ? "killed" : "had finished"));
    // 4: to the end
    finish(start(dir, "run4", train(config, out, true)), dir, "run4");
    finish(reference, dir, "straight");

    String where = "seed " + seed + ", " + kills;
    Map<String, Tensor> expected = SafeTensors.read(straight.resolve("model.safetensors")).tensors();
    Map<String, Tensor> actual = SafeTensors.read(out.resolve("model.safetensors")).tensors();
    assertEquals(expected.keySet(), actual.keySet(), where);
    expected.forEach((name, t) -> assertArrayEquals(t.data(), actual.get(name).data(), name + "; " + where));
    assertArrayEquals(Files.readAllBytes(straight.resolve("model.safetensors")),
        Files.readAllBytes(out.resolve("model.safetensors")), where);
    assertEquals(Files.readString(straight.resolve("metrics.json")), Files.readString(out.resolve("metrics.json")), where);
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
          "temporary files left; " + where);
    }
  }
}
