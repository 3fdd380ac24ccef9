package org.recurrent.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over raw HTTP: what it serves, what it refuses, and the event stream's messages in order. */
class DashboardServerTest {
  private static final String START = "{\"event\":\"start\",\"time\":\"2026-12-01T00:00:00Z\",\"name\":\"r\"}";
  private static final String BATCH = "{\"event\":\"batch\",\"time\":\"2026-12-01T00:00:01Z\",\"step\":%d,\"loss\":0.5}";

  /** A response: status line, headers (lower-case names) and body, read from a raw socket. */
  private record Response(int status, java.util.Map<String, String> headers, String body) {}

  private static Response request(URI url, String method, String path, String host) throws IOException {
    try (Socket s = new Socket(url.getHost(), url.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String status = in.readLine();
      java.util.Map<String, String> headers = new java.util.HashMap<>();
      for (String h; (h = in.readLine()) != null && !h.isEmpty(); ) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).trim());
      }
      StringBuilder body = new StringBuilder();
      char[] buf = new char[8192];
      for (int n; (n = in.read(buf)) > 0; ) body.append(buf, 0, n);
      return new Response(Integer.parseInt(status.split(" ")[1]), headers, body.toString());
    }
  }

  private static Response get(DashboardServer server, String path) throws IOException {
    URI u = server.url();
    return request(u, "GET", path, u.getHost() + ":" + u.getPort());
  }

  @Test
  void servesThePageItsFilesAndNothingElse(@TempDir Path dir) throws Exception {
    try (DashboardServer server = DashboardServer.files(dir, 0)) {
      Response page = get(server, "/");
      assertEquals(200, page.status());
      assertTrue(page.headers().get("content-type").startsWith("text/html"));
      assertTrue(page.body().contains("<script src=\"/uplot.js\">"), "the page loads uPlot from this server");
      assertTrue(page.headers().get("content-security-policy").startsWith("default-src 'self'"));
      assertEquals("nosniff", page.headers().get("x-content-type-options"));
      Response uplot = get(server, "/uplot.js");
      assertEquals(200, uplot.status());
      assertTrue(uplot.body().contains("uPlot"), "the webjar's script");
      assertEquals(200, get(server, "/dashboard.js").status());
      assertEquals(200, get(server, "/uplot.css").status());
      for (String path : List.of("/index.html", "/events.jsonl", "/../../etc/passwd", "/%2e%2e/pom.xml", "/dashboard.js/",
          "/META-INF/MANIFEST.MF", "/org/recurrent/cli/dashboard/index.html")) {
        assertEquals(404, get(server, path).status(), path + " is not served");
      }
    }
  }

  @Test
  void refusesEveryMethodButGetAndHead(@TempDir Path dir) throws Exception {
    try (DashboardServer server = DashboardServer.files(dir, 0)) {
      URI u = server.url();
      String host = u.getHost() + ":" + u.getPort();
      for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
        Response r = request(u, method, "/", host);
        assertEquals(405, r.status(), method);
        assertEquals("GET, HEAD", r.headers().get("allow"));
      }
      Response head = request(u, "HEAD", "/", host);
      assertEquals(200, head.status());
      assertEquals("", head.body(), "HEAD has no body");
    }
  }

  @Test
  void answersOnlyRequestsForItsOwnLoopbackAddress(@TempDir Path dir) throws Exception {
    try (DashboardServer server = DashboardServer.files(dir, 0)) {
      URI u = server.url();
      assertEquals("127.0.0.1", u.getHost());
      assertEquals(200, request(u, "GET", "/", "localhost:" + u.getPort()).status());
      // a DNS name rebound to 127.0.0.1 arrives with its own Host: refused
      Response r = request(u, "GET", "/events", "attacker.example:" + u.getPort());
      assertEquals(403, r.status());
      assertEquals(403, request(u, "GET", "/", "127.0.0.1:1").status(), "another port is another origin");
      for (InetAddress a : nonLoopbackAddresses()) {
        assertThrows(ConnectException.class, () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(a, u.getPort()), 2000);
          }
        }, "not reachable on " + a);
      }
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> out = new ArrayList<>();
    for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!n.isUp() || n.isLoopback()) continue;
      for (InetAddress a : Collections.list(n.getInetAddresses())) if (a instanceof Inet4Address) out.add(a);
    }
    return out;
  }

  @Test
  void aTakenPortIsAClearError(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IOException e = assertThrows(IOException.class, () -> DashboardServer.files(dir, taken.getLocalPort()));
      assertTrue(e.getMessage().contains(":" + taken.getLocalPort() + ": the port is taken"), e.getMessage());
      assertTrue(e.getMessage().contains("--port 0"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DashboardServer.files(dir, 70000));
    assertEquals("--port must be 0 (any free port) to 65535, got 70000", e.getMessage());
  }

  /** The stream read line by line, on a socket with a read timeout (so a missing message fails, not hangs). */
  private static final class Stream implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;

    Stream(DashboardServer server, String lastEventId) throws IOException {
      URI u = server.url();
      socket = new Socket(u.getHost(), u.getPort());
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\n"
          + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      for (String h; !(h = in.readLine()).isEmpty(); ) {
        if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-type")) {
          assertTrue(h.contains("text/event-stream"), h);
        }
      }
    }

    /** The next message's lines (without chunk-size lines, retry and comments), or null at the end of the stream. */
    List<String> next() throws IOException {
      List<String> m = new ArrayList<>();
      for (String l; (l = in.readLine()) != null; ) {
        if (l.isEmpty()) {
          if (!m.isEmpty()) return m;
          continue;
        }
        if (l.matches("[0-9a-fA-F]+") || l.startsWith("retry:") || l.startsWith(":")) continue;   // chunked framing
        m.add(l);
      }
      return m.isEmpty() ? null : m;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static void append(Path file, String line) throws IOException {
    Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void streamsTheHistoryThenNewLinesThenEndsWithTheRun(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("events.jsonl");
    append(events, START + "\n" + BATCH.formatted(1) + "\n");
    DashboardServer server = DashboardServer.live(dir, 0);
    try (Stream s = new Stream(server, null)) {
      assertEquals(List.of("event: hello", "data: {\"run\":\"" + dir.getFileName() + "\",\"live\":true}"), s.next());
      assertEquals(List.of("id: 1", "data: " + START), s.next());
      assertEquals(List.of("id: 2", "data: " + BATCH.formatted(1)), s.next());
      append(events, BATCH.formatted(2) + "\n{\"event\":\"ba");        // the second line is still being written
      assertEquals(List.of("id: 3", "data: " + BATCH.formatted(2)), s.next());
      append(events, "tch\",\"step\":3}\nnot json\n");
      assertEquals(List.of("id: 4", "data: {\"event\":\"batch\",\"step\":3}"), s.next());
      assertEquals(List.of("id: 5", "event: problem",
          "data: {\"line\":5,\"message\":\"events.jsonl line 5 is not a JSON object; the page skips it\"}"), s.next());
      append(events, "{\"event\":\"final\"}\n");
      Thread finisher = new Thread(server::finish);
      finisher.start();
      assertEquals(List.of("id: 6", "data: {\"event\":\"final\"}"), s.next(), "the last line written before the end");
      assertEquals(List.of("event: end", "data: {}"), s.next());
      assertEquals(null, s.next(), "then the stream closes");
      finisher.join();
    } finally {
      server.close();
    }
    assertThrows(ConnectException.class, () -> new Socket(server.url().getHost(), server.url().getPort()).close(),
        "the server stopped with the run");
  }

  @Test
  void aReconnectingPageGetsOnlyTheLinesAfterItsLastEventId(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("events.jsonl");
    append(events, START + "\n" + BATCH.formatted(1) + "\n" + BATCH.formatted(2) + "\n");
    try (DashboardServer server = DashboardServer.files(dir, 0); Stream s = new Stream(server, "2")) {
      assertEquals("event: hello", s.next().get(0));
      assertEquals(List.of("id: 3", "data: " + BATCH.formatted(2)), s.next());
    }
    assertEquals(0, DashboardServer.lastEventId("x; DROP"));
    assertEquals(0, DashboardServer.lastEventId(null));
    assertEquals(17, DashboardServer.lastEventId("17"));
  }

  @Test
  void aReplacedEventsFileResetsThePage(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("events.jsonl");
    append(events, START + "\n" + BATCH.formatted(1) + "\n");
    try (DashboardServer server = DashboardServer.files(dir, 0); Stream s = new Stream(server, null)) {
      s.next();
      s.next();
      s.next();
      Files.delete(events);                                   // what --overwrite does before the new run starts
      assertEquals(List.of("event: reset", "data: {}"), s.next());
      append(events, START + "\n");
      assertEquals(List.of("id: 1", "data: " + START), s.next(), "the new run's lines, numbered from 1");
    }
  }

  @Test
  void anEventsFileThatIsALinkIsNotReadAndThePageIsTold(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "{\"event\":\"start\",\"secret\":1}\n");
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.createSymbolicLink(run.resolve("events.jsonl"), secret);
    try (DashboardServer server = DashboardServer.files(run, 0); Stream s = new Stream(server, null)) {
      assertEquals("event: hello", s.next().get(0));
      assertEquals(List.of("event: problem", "data: {\"message\":\"cannot read events.jsonl: " + run.resolve("events.jsonl")
          + " is not a regular file\"}"), s.next());
    }
  }

  @Test
  void theUplotVersionComesFromItsWebjar() throws Exception {
    assertTrue(DashboardServer.uplotVersion().matches("[0-9]+\\.[0-9]+\\.[0-9]+"), DashboardServer.uplotVersion());
  }
}
