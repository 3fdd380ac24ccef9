package org.recurrent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Headless Chromium for tests, driven over the W3C WebDriver protocol: chromedriver runs as a child process and
 * is spoken to with {@code java.net.http} and Jackson, which the project has already, instead of Selenium (a dozen
 * jars for the six calls used here: new session, navigate, execute script, screenshot, browser log, quit).
 *
 * <pre>{@code
 * try (HeadlessBrowser b = HeadlessBrowser.start()) {
 *   b.open("file:///.../report.html");              // or http://127.0.0.1:PORT/
 *   b.waitFor("the page's script ran", () -> b.eval("return !!window.ready").asBoolean(), Duration.ofSeconds(10));
 *   b.screenshot(Path.of("target", "report.png"));
 *   assertEquals(List.of(), b.consoleErrors());
 * }
 * }</pre>
 * The browser has no network but the loopback interface: every other address goes to a proxy that does not
 * exist, so a page that fetches anything from the internet (a CDN script, a font) fails, and the failure is a
 * console error. {@link #consoleErrors} reads the browser's log at level SEVERE: uncaught exceptions,
 * {@code console.error}, resources that failed to load, Content-Security-Policy violations.
 *
 * <p>Finds {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code chromium} and
 * {@code chromium-driver}) or the paths in {@code RECURRENT_CHROMIUM} and {@code RECURRENT_CHROMEDRIVER}; without
 * them {@link #start} fails saying which packages to install: a browser test must not pass by not running.
 */
final class HeadlessBrowser implements AutoCloseable {
  static final String INSTALL = "apt-get install chromium chromium-driver";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Process driver;
  private final URI session;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HeadlessBrowser(Process driver, URI session) {
    this.driver = driver;
    this.session = session;
  }

  /** The browser found as the class comment says. */
  static HeadlessBrowser start() throws IOException {
    return start(Path.of(env("RECURRENT_CHROMIUM", "/usr/bin/chromium")),
        Path.of(env("RECURRENT_CHROMEDRIVER", "/usr/bin/chromedriver")));
  }

  private static String env(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : v;
  }

  /** {@code chromium} driven by {@code chromedriver}; fails naming the packages when either is missing. */
  static HeadlessBrowser start(Path chromium, Path chromedriver) throws IOException {
    for (Path p : List.of(chromium, chromedriver)) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException("the browser tests need Chromium and its driver, and " + p + " is not there "
            + "(or not executable): " + INSTALL + " (or set RECURRENT_CHROMIUM and RECURRENT_CHROMEDRIVER)");
      }
    }
    Path logs = Files.createDirectories(Path.of("target", "browser"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path driverLog = logs.resolve("chromedriver-" + port + ".log");
    Process driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--log-path=" + driverLog)
        .redirectErrorStream(true).redirectOutput(logs.resolve("chromedriver-" + port + ".out").toFile()).start();
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    HttpClient http = HttpClient.newHttpClient();
    try {
      waitUntilReady(http, base, driver, driverLog);
      ObjectNode caps = JSON.createObjectNode();
      ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
      always.put("browserName", "chrome");
      ObjectNode chrome = always.putObject("goog:chromeOptions");
      chrome.put("binary", chromium.toString());
      ArrayNode args = chrome.putArray("args");
      for (String a : List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1280,1800", "--no-first-run", "--disable-extensions",
          "--proxy-server=http://127.0.0.1:9", "--disable-background-networking")) {
        args.add(a);
      }
      always.putObject("goog:loggingPrefs").put("browser", "ALL");
      JsonNode created = call(http, "POST", base.resolve("session"), caps);
      String id = created.path("value").path("sessionId").asText(null);
      if (id == null) throw new IOException("chromedriver gave no session: " + created);
      return new HeadlessBrowser(driver, base.resolve("session/" + id + "/"));
    } catch (IOException | RuntimeException e) {
      driver.destroy();
      throw e;
    }
  }

  private static void waitUntilReady(HttpClient http, URI base, Process driver, Path log) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!driver.isAlive()) throw new IOException("chromedriver exited with " + driver.exitValue() + "; see " + log);
      try {
        if (call(http, "GET", base.resolve("status"), null).path("value").path("ready").asBoolean()) return;
      } catch (IOException e) {
        // not listening yet
      }
      sleep(100);
    }
    throw new IOException("chromedriver did not become ready in 30 s; see " + log);
  }

  /** Navigates and waits until the page has loaded (its scripts ran). */
  void open(String url) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("url", url);
    command("POST", "url", body);
  }

  /** Runs {@code script} (a function body: {@code return ...}) in the page; its result as JSON. */
  JsonNode eval(String script) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("script", script);
    body.putArray("args");
    return command("POST", "execute/sync", body);
  }

  /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
  void waitFor(String what, IoCondition condition, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
      sleep(100);
    }
  }

  /** A condition that may ask the browser. */
  interface IoCondition {
    boolean holds() throws IOException;
  }

  /** The browser log's SEVERE entries since the last call (chromedriver hands each entry out once). */
  List<String> consoleErrors() throws IOException {
    JsonNode entries = command("POST", "se/log", JSON.createObjectNode().put("type", "browser"));
    List<String> errors = new ArrayList<>();
    for (JsonNode e : entries) {
      if (e.path("level").asText().equals("SEVERE")) errors.add(e.path("message").asText());
    }
    return errors;
  }

  /** Saves a PNG of the window to {@code file} (folders made as needed); returns it. */
  Path screenshot(Path file) throws IOException {
    byte[] png = Base64.getDecoder().decode(command("GET", "screenshot", null).asText());
    if (file.getParent() != null) Files.createDirectories(file.getParent());
    Files.write(file, png);
    return file;
  }

  private JsonNode command(String method, String path, JsonNode body) throws IOException {
    JsonNode answer = call(http, method, session.resolve(path), body);
    return answer.path("value");
  }

  private static JsonNode call(HttpClient http, String method, URI uri, JsonNode body) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(COMMAND_TIMEOUT).header("Content-Type",
        "application/json; charset=utf-8");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted talking to chromedriver", e);
    }
    JsonNode answer = JSON.readTree(r.body());
    if (r.statusCode() != 200) {
      throw new IOException("chromedriver " + method + " " + uri.getPath() + ": HTTP " + r.statusCode() + ": "
          + answer.path("value").path("message").asText(r.body()));
    }
    return answer;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Ends the session, then makes sure no process of it is left: chromedriver's quit returns before Chromium has
   * exited, and destroying the driver then orphaned the browser (each full test run left four Chromium trees of 12
   * processes running, a few percent of the CPU that every later benchmark on the machine paid for). So the
   * driver's descendants are taken first, given 5 s to exit, and killed if they have not.
   */
  @Override
  public void close() {
    List<ProcessHandle> tree = driver.descendants().toList();
    try {
      call(http, "DELETE", session, null);              // quits Chromium
    } catch (IOException e) {
      // the browser is gone already: nothing left to quit
    } finally {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      for (ProcessHandle p : tree) {
        while (p.isAlive() && System.nanoTime() < deadline) sleep(20);
        if (p.isAlive()) p.destroyForcibly();
      }
      driver.destroy();
    }
  }
}
