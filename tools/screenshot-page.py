#!/usr/bin/env python3
"""Screenshot of a web page in headless Chromium, for the docs (docs/dashboard.png).

Usage: tools/screenshot-page.py URL OUT.png [WIDTH HEIGHT [WAIT_SECONDS]]   (defaults 1200 1120 2)

Speaks W3C WebDriver to Debian's /usr/bin/chromedriver (apt-get install chromium chromium-driver) with the standard
library only: new session, open URL, wait, screenshot, quit. The tests use cli/src/test/.../HeadlessBrowser.java.
"""
import base64
import json
import socket
import subprocess
import sys
import time
import urllib.request


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    url, out = sys.argv[1], sys.argv[2]
    width, height = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (1200, 1120)
    wait = float(sys.argv[5]) if len(sys.argv) > 5 else 2.0
    with socket.socket() as s:  # a free port for chromedriver
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    driver = subprocess.Popen(["/usr/bin/chromedriver", "--port=%d" % port],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def call(method, path, body=None):
        request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        return json.load(urllib.request.urlopen(request))

    try:
        for _ in range(300):
            try:
                call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--window-size=%d,%d" % (width, height)]
        session = call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}})["value"]["sessionId"]
        try:
            call("POST", "/session/%s/url" % session, {"url": url})
            time.sleep(wait)
            png = base64.b64decode(call("GET", "/session/%s/screenshot" % session)["value"])
        finally:
            call("DELETE", "/session/%s" % session)
        with open(out, "wb") as f:
            f.write(png)
        print("%s: %d bytes" % (out, len(png)))
    finally:
        driver.terminate()


if __name__ == "__main__":
    main()
