package org.recurrent.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live training page of one model directory, served on the loopback interface only.
 *
 * <p>What it serves, and nothing else (any other path is 404, any method but GET and HEAD is 405):
 * <pre>{@code
 * /              the page (index.html)          /dashboard.js, /dashboard.css   its script and style
 * /uplot.js      the chart library (uPlot, from its webjar)                    /uplot.css
 * /events        the run's events.jsonl as server-sent events: every line, from the first, then new lines as
 *                they are written (a page that reconnects with Last-Event-ID gets only the lines after it)
 * }</pre>
 * No part of a request reaches the file system: the files are fixed resources read at start-up and the one
 * events file of the run. Nothing can be changed through it, so it asks for no login; it answers only requests
 * whose {@code Host} is the loopback address it listens on (so that a web page cannot read it through a DNS name
 * rebound to 127.0.0.1), and every response forbids the page loading anything from elsewhere
 * ({@code Content-Security-Policy: default-src 'self'}).
 *
 * <p>Two lifetimes: {@link #live} serves a run this process trains and {@link #finish}es with it (the streams send
 * what remains and an {@code end} event, so the page keeps the finished run and stops reconnecting);
 * {@link #files} serves a model directory until {@link #close}, following its events file if another process
 * still writes it.
 */
public final class DashboardServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How often a stream looks for new lines, and sends a comment when there were none for a while. */
  static final long POLL_MILLIS = 200, KEEP_ALIVE_MILLIS = 15_000;
  /** How long {@link #finish} lets the streams send their last lines before the server stops. */
  static final long FINISH_MILLIS = 5_000;
  private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
  private static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
      + "frame-ancestors 'none'";

  private record Resource(String contentType, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final Path events;
  private final String runName;
  private final boolean live;
  private final Map<String, Resource> resources;
  private final Set<String> hosts;
  private final AtomicInteger streams = new AtomicInteger();
  private volatile boolean finishing, closed;

  private DashboardServer(Path runDir, int port, boolean live) throws IOException {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0 (any free port) to 65535, got " + port);
    this.events = runDir.resolve(org.recurrent.models.ModelDirectory.EVENTS);
    Path name = runDir.toAbsolutePath().normalize().getFileName();
    this.runName = name == null ? runDir.toString() : name.toString();      // the directory's name; "/" has none
    this.live = live;
    this.resources = resources();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try {
      server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
    } catch (BindException e) {
      throw new IOException("cannot serve the dashboard on " + loopback.getHostAddress() + ":" + port + ": the port is "
          + "taken (another dashboard?); choose another with --port, or --port 0 for any free one", e);
    }
    int bound = server.getAddress().getPort();
    hosts = Set.of(hostPort(loopback.getHostAddress(), bound), "localhost:" + bound);
    threads = Executors.newVirtualThreadPerTaskExecutor();   // one per open stream: they wait most of the time
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves the run this process is about to train in {@code runDir}; call {@link #finish} when it ends. */
  public static DashboardServer live(Path runDir, int port) throws IOException {
    return new DashboardServer(runDir, port, true);
  }

  /** Serves the run in {@code runDir} from its files until {@link #close}. */
  public static DashboardServer files(Path runDir, int port) throws IOException {
    return new DashboardServer(runDir, port, false);
  }

  /** The page's address, e.g. {@code http://127.0.0.1:41231/}. */
  public URI url() {
    return URI.create("http://" + hostPort(InetAddress.getLoopbackAddress().getHostAddress(), server.getAddress()
        .getPort()) + "/");
  }

  /**
   * The run ended: every open stream sends the lines not yet sent and an {@code end} event, then the server
   * stops (after at most {@link #FINISH_MILLIS}).
   */
  public void finish() {
    finishing = true;
    long deadline = System.nanoTime() + FINISH_MILLIS * 1_000_000;
    while (streams.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    server.stop(0);
    threads.shutdownNow();
  }

  private static String hostPort(String address, int port) {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      Headers h = x.getResponseHeaders();
      h.set("Content-Security-Policy", CSP);
      h.set("X-Content-Type-Options", "nosniff");
      h.set("Referrer-Policy", "no-referrer");
      h.set("Cache-Control", "no-store");
      String method = x.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        h.set("Allow", "GET, HEAD");
        text(x, 405, "this page is read-only: only GET and HEAD\n");
        return;
      }
      String host = x.getRequestHeaders().getFirst("Host");
      if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
        text(x, 403, "the dashboard answers only requests for " + String.join(" or ", hosts) + "\n");
        return;
      }
      String path = x.getRequestURI().getRawPath();
      if (path.equals("/events")) {
        stream(x);
        return;
      }
      Resource r = resources.get(path);
      if (r == null) {
        text(x, 404, "no such page: the dashboard serves /, /events and the page's own files\n");
        return;
      }
      h.set("Content-Type", r.contentType());
      body(x, 200, r.body());
    }
  }

  private static void text(HttpExchange x, int status, String message) throws IOException {
    x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    body(x, status, message.getBytes(StandardCharsets.UTF_8));
  }

  private static void body(HttpExchange x, int status, byte[] body) throws IOException {
    boolean head = x.getRequestMethod().equals("HEAD");
    if (head) x.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
    x.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) x.getResponseBody().write(body);
  }

  /**
   * The events file as server-sent events: {@code hello} (the run's name, whether this process trains it), one
   * message per line with the line's number as its id, {@code reset} when the file was replaced (the page drops
   * what it has), {@code problem} for a line that is not a JSON object (the page shows it), and {@code end} when
   * the training process has finished.
   */
  private void stream(HttpExchange x) throws IOException {
    x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    if (x.getRequestMethod().equals("HEAD")) {
      x.sendResponseHeaders(200, -1);
      return;
    }
    x.sendResponseHeaders(200, 0);
    streams.incrementAndGet();
    try {
      OutputStream out = x.getResponseBody();
      EventsTail tail = EventsTail.from(events, lastEventId(x.getRequestHeaders().getFirst("Last-Event-ID")));
      ObjectNode hello = JSON.createObjectNode().put("run", runName).put("live", live);
      send(out, "retry: 2000\nevent: hello\ndata: " + JSON.writeValueAsString(hello) + "\n\n");
      long quietSince = System.nanoTime();
      while (!closed) {
        boolean last = finishing;                        // read before the poll: that poll then reaches the end
        EventsTail.Batch b;
        try {
          b = tail.poll();
        } catch (IOException e) {                        // the file, not the page: say so on the page, and stop
          ObjectNode p = JSON.createObjectNode().put("message", "cannot read " + events.getFileName() + ": "
              + e.getMessage());
          send(out, "event: problem\ndata: " + JSON.writeValueAsString(p) + "\n\n");
          return;
        }
        StringBuilder sb = new StringBuilder();
        if (b.restarted()) sb.append("event: reset\ndata: {}\n\n");
        long n = b.first();
        for (String line : b.lines()) message(sb, n++, line);
        if (last) sb.append("event: end\ndata: {}\n\n");
        if (sb.isEmpty() && System.nanoTime() - quietSince > KEEP_ALIVE_MILLIS * 1_000_000) sb.append(": alive\n\n");
        if (!sb.isEmpty()) {
          send(out, sb.toString());
          quietSince = System.nanoTime();
        }
        if (last) return;
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      // sending failed: the page went away (closed, reloaded), so there is no one to tell
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();                // the server is closing
    } finally {
      streams.decrementAndGet();
    }
  }

  /** One line as a message; re-serialised, so that it is one line whatever whitespace the file had. */
  private static void message(StringBuilder sb, long number, String line) throws IOException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      node = null;
    }
    if (node != null && node.isObject()) {
      sb.append("id: ").append(number).append("\ndata: ").append(JSON.writeValueAsString(node)).append("\n\n");
    } else if (!line.isBlank()) {
      ObjectNode p = JSON.createObjectNode().put("line", number).put("message", "events.jsonl line " + number
          + " is not a JSON object; the page skips it");
      sb.append("id: ").append(number).append("\nevent: problem\ndata: ").append(JSON.writeValueAsString(p))
          .append("\n\n");
    }
  }

  private static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The line a reconnecting page saw last (0: none, or a header that is not a line number). */
  static long lastEventId(String header) {
    if (header == null || !header.matches("[0-9]{1,18}")) return 0;
    return Long.parseLong(header);
  }

  /** The page's files, read once: a missing one is a broken build, found at start-up rather than by a page. */
  private static Map<String, Resource> resources() throws IOException {
    Map<String, Resource> m = new LinkedHashMap<>();
    m.put("/", new Resource("text/html; charset=utf-8", own("index.html")));
    m.put("/dashboard.js", new Resource("text/javascript; charset=utf-8", own("dashboard.js")));
    m.put("/dashboard.css", new Resource("text/css; charset=utf-8", own("dashboard.css")));
    String uplot = WEBJAR + uplotVersion() + "/dist/";
    m.put("/uplot.js", new Resource("text/javascript; charset=utf-8", classpath(uplot + "uPlot.iife.min.js")));
    m.put("/uplot.css", new Resource("text/css; charset=utf-8", classpath(uplot + "uPlot.min.css")));
    return Map.copyOf(m);
  }

  private static byte[] own(String name) throws IOException {
    return classpath("org/recurrent/cli/dashboard/" + name);
  }

  /** The uPlot version on the class path, from its webjar's Maven properties (so a version bump needs no edit). */
  static String uplotVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = new java.io.ByteArrayInputStream(classpath("META-INF/maven/org.webjars.npm/uplot/pom.properties"))) {
      p.load(in);
    }
    String v = p.getProperty("version");
    if (v == null) throw new IOException("the uplot webjar's pom.properties names no version");
    return v;
  }

  private static byte[] classpath(String name) throws IOException {
    try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IOException("the dashboard's file " + name + " is missing from the class path "
          + "(a broken build: rebuild with ./build package)");
      return in.readAllBytes();
    }
  }
}
