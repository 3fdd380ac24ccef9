package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recurrent dashboard} and {@code train --dashboard}'s options: what they serve, and their errors. */
class DashboardCommandTest {

  @Test
  void servesAFinishedRunFromItsFilesUntilStopped(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("model");
    TinyRuns.train(TinyRuns.tinyWideCsvRun(dir), model);
    StringWriter out = new StringWriter(), err = new StringWriter();
    int[] exit = {-1};
    Thread serving = new Thread(() -> exit[0] = RecurrentCommand.execute(new String[] {"dashboard", "--run",
        model.toString()}, new PrintWriter(out, true), new PrintWriter(err, true)));
    serving.start();
    Pattern url = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:[0-9]+/)");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Matcher m = url.matcher("");
    while (!(m = url.matcher(err.toString())).find()) {
      assertTrue(System.nanoTime() < deadline && serving.isAlive(), "no address on stderr:\n" + err);
      Thread.sleep(20);
    }
    URI page = URI.create(m.group(1));
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    // the stream gives the run's lines: read until its final line
    HttpResponse<java.util.stream.Stream<String>> events = http.send(HttpRequest.newBuilder(page.resolve("/events"))
        .build(), HttpResponse.BodyHandlers.ofLines());
    long dataLines;
    try (var lines = events.body()) {
      dataLines = lines.takeWhile(l -> !l.contains("\"event\":\"final\"")).filter(l -> l.startsWith("data: {\"event\""))
          .count() + 1;
    }
    assertEquals(Files.readAllLines(model.resolve("events.jsonl")).size(), dataLines, "every line of events.jsonl");
    serving.interrupt();
    serving.join(10_000);
    assertFalse(serving.isAlive());
    assertEquals(0, exit[0]);
    assertThrows(ConnectException.class, () -> http.send(HttpRequest.newBuilder(page).build(),
        HttpResponse.BodyHandlers.ofString()), "stopped serving");
  }

  @Test
  void refusesADirectoryWithoutEventsOrWithALinkedEventsFile(@TempDir Path dir) throws Exception {
    String line = TinyRuns.run("dashboard", "--run", dir.toString()).expectExit(2).errorLine();
    assertEquals("recurrent: error: --run " + dir + " holds no events.jsonl: give the model directory recurrent train "
        + "writes (its --output)", line);
    Files.createSymbolicLink(Files.createDirectories(dir.resolve("linked")).resolve("events.jsonl"),
        Files.writeString(dir.resolve("other.jsonl"), "{}\n"));
    line = TinyRuns.run("dashboard", "--run", dir.resolve("linked").toString()).expectExit(2).errorLine();
    assertEquals("recurrent: error: --run " + dir.resolve("linked") + ": events.jsonl is a symbolic link; the dashboard "
        + "reads only the file train writes (docs/security.md)", line);
    line = TinyRuns.run("dashboard", "--run", dir.resolve("nope").toString()).expectExit(2).errorLine();
    assertEquals("recurrent: error: --run " + dir.resolve("nope") + ": no such directory", line);
  }

  @Test
  void trainRefusesPortWithoutDashboard(@TempDir Path dir) throws Exception {
    Path config = TinyRuns.tinyWideCsvRun(dir);
    String line = TinyRuns.run("train", config.toString(), "-o", dir.resolve("m").toString(), "--port", "8080")
        .expectExit(2).errorLine();
    assertEquals("recurrent: error: --port is the dashboard's: give --dashboard too", line);
    assertFalse(Files.exists(dir.resolve("m")));
  }

  @Test
  void trainOnATakenPortStopsBeforeWritingAnything(@TempDir Path dir) throws Exception {
    Path config = TinyRuns.tinyWideCsvRun(dir);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String line = TinyRuns.run("train", config.toString(), "-o", dir.resolve("m").toString(), "--dashboard",
          "--port", Integer.toString(taken.getLocalPort())).expectExit(2).errorLine();
      TinyRuns.assertContainsAll(line, "cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort(),
          "the port is taken", "--port 0");
    }
    assertFalse(Files.exists(dir.resolve("m")), "no model directory for a run that did not start");
  }
}
