// The live training page: reads the run's events (docs/events.md) from /events (server-sent events) and draws
// them with uPlot. Everything shown comes from those lines; nothing is sent back. Text from the events is set
// with textContent, never parsed as HTML.
"use strict";
(function () {
  const LOG_LINES = 200;          // event lines kept in the log box
  const REDRAW_MS = 250;          // at most 4 redraws a second, however fast batches come
  const LOG_SCALE_RATIO = 100;
  const LOG_FLOOR = 1e-15;          // the smallest value a log axis draws (see draw)    // a log axis when the plotted values span two decades or more
  // x is a count (steps, epochs): ticks at whole numbers only
  const COUNTS = [1, 2, 5].flatMap(m => [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7].map(p => m * p)).sort((a, b) => a - b);
  const COLORS = ["#1f5fa8", "#c0392b", "#2e8b57", "#d35400", "#7d3c98", "#17202a", "#b7950b", "#117a65"];

  const LOSS_NAMES = {
    classification: "cross-entropy, nats",
    tagging: "cross-entropy per step, nats",
    language_model: "cross-entropy per token, nats",
    multilabel: "binary cross-entropy per label",
    regression: "mean squared error",
    forecast: "mean squared error, scaled values",
  };

  // ---- the run as read so far ----------------------------------------------------------------------------
  let run;
  function fresh() {
    run = {
      start: null, state: "waiting for the first event", finalFields: null,
      segmentTime: null, segmentBatches: 0,        // since the last start/resume: for the ETA
      firstTime: null, lastTime: null,
      epoch: null, batch: null, step: null, loss: null, grad: null, clipped: 0,
      // per batch (aligned: one entry per batch line); epoch values sit at their epoch's last batch
      steps: [], losses: [], grads: [], lrs: [], epochTrain: [], epochVal: [],
      epochs: [],                                   // epoch lines, in order
      samples: [],                                  // sample lines (language models), in order
      predictions: null,                            // the latest predictions line (other tasks)
      metricNames: [],                              // val_* names but val_loss, in the order first seen
    };
  }
  fresh();

  function num(v) {               // the NaN policy: non-finite numbers arrive as strings
    if (typeof v === "number") return v;
    if (v === "NaN") return NaN;
    if (v === "Infinity") return Infinity;
    if (v === "-Infinity") return -Infinity;
    return NaN;
  }
  function plottable(v) { const x = num(v); return Number.isFinite(x) ? x : null; }
  function millis(iso) {          // the events' times have nanoseconds; Date.parse wants at most milliseconds
    return Date.parse(String(iso).replace(/(\.\d{3})\d+/, "$1"));
  }

  function apply(e) {
    const t = millis(e.time);
    if (Number.isFinite(t)) {
      if (run.firstTime === null) run.firstTime = t;
      run.lastTime = t;
    }
    switch (e.event) {
      case "start":
        run.start = e;
        run.state = "running";
        run.segmentTime = t; run.segmentBatches = 0;
        break;
      case "resume":
        dropAfter(num(e.step), e.epoch);   // what came after the checkpoint was undone: it will be trained again
        run.state = "running (resumed at epoch " + e.epoch + ", batch " + e.batch + ")";
        run.segmentTime = t; run.segmentBatches = 0;
        break;
      case "batch":
        run.epoch = e.epoch; run.batch = e.batch; run.step = e.step;
        run.loss = num(e.loss); run.grad = num(e.grad_norm);
        if (e.clipped) run.clipped++;
        run.segmentBatches++;
        run.steps.push(num(e.step));
        run.losses.push(plottable(e.loss));
        run.grads.push(plottable(e.grad_norm));
        run.lrs.push(plottable(e.lr));
        run.epochTrain.push(null);
        run.epochVal.push(null);
        break;
      case "epoch": {
        run.epochs.push(e);
        for (const k of Object.keys(e)) {
          if (k.startsWith("val_") && k !== "val_loss" && !run.metricNames.includes(k)) run.metricNames.push(k);
        }
        if (run.steps.length === 0 || lastEpochAt() === run.steps.length - 1) {
          // no batch since the last epoch (a closed-form fit): a point of its own at the current step
          run.steps.push(run.step === null ? 0 : num(run.step));
          for (const a of [run.losses, run.grads, run.lrs, run.epochTrain, run.epochVal]) a.push(null);
        }
        const i = run.steps.length - 1;
        run.epochTrain[i] = plottable(e.train_loss);
        run.epochVal[i] = "val_loss" in e ? plottable(e.val_loss) : null;
        run.epochAt = i;
        break;
      }
      case "sample":
        run.samples.push(e);
        break;
      case "predictions":
        run.predictions = e;
        break;
      case "stop":
        run.state = "stopped: " + e.reason + " (epoch " + e.epoch + ", step " + e.step + "); evaluating the final model";
        break;
      case "final":
        run.finalFields = e;
        run.state = "finished: " + e.stop_reason;
        break;
      default:
        break;                      // checkpoint lines are logged only
    }
  }
  function lastEpochAt() { return run.epochAt === undefined ? -1 : run.epochAt; }

  function dropAfter(step, epoch) {
    let n = run.steps.length;
    while (n > 0 && run.steps[n - 1] > step) n--;
    for (const a of [run.steps, run.losses, run.grads, run.lrs, run.epochTrain, run.epochVal]) a.length = n;
    run.epochs = run.epochs.filter(e => e.epoch < epoch);
    run.samples = run.samples.filter(e => e.epoch < epoch);
    if (run.predictions && run.predictions.epoch >= epoch) run.predictions = null;
    if (lastEpochAt() >= n) run.epochAt = n - 1;
  }

  // ---- charts ------------------------------------------------------------------------------------------------
  const charts = {};               // id -> {plot, signature}

  function logWorthy(arrays) {     // log axis when every value is positive and they span decades
    let lo = Infinity, hi = -Infinity;
    for (const a of arrays) for (const v of a) if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    return lo > 0 && Number.isFinite(hi) && hi / lo >= LOG_SCALE_RATIO;
  }

  function draw(id, title, xLabel, yLabel, names, xs, ys, epochStyle) {
    const el = document.getElementById(id);
    if (xs.length === 0 || ys.every(a => a.every(v => v === null))) return;
    const log = logWorthy(ys);
    const signature = [title, yLabel, log, names.join("|")].join("/");
    // A log axis is drawn as log10 of the values on a linear axis, not with uPlot's log scale: its log tick
    // placement loops without end (RangeError: Invalid array length) on live data once a gradient norm falls to
    // ~1e-16, which a small model that has memorised its data reaches. Values below LOG_FLOOR are drawn at it.
    const data = [xs].concat(log ? ys.map(a => a.map(v => v === null ? null : Math.log10(Math.max(v, LOG_FLOOR))))
      : ys);
    let c = charts[id];
    if (!c || c.signature !== signature) {
      if (c) c.plot.destroy();
      el.textContent = "";
      const series = [{ label: xLabel }].concat(names.map((n, i) => ({
        label: n,
        stroke: COLORS[i % COLORS.length],
        width: epochStyle && epochStyle(i) ? 2 : 1,
        spanGaps: !!(epochStyle && epochStyle(i)),
        points: { show: !!(epochStyle && epochStyle(i)) },
        value: (u, v) => v === null || v === undefined ? "–" : format(log ? 10 ** v : v),
      })));
      const opts = {
        title: title + (log ? " (log scale" + (ys.some(a => a.some(v => v !== null && v < LOG_FLOOR))
          ? "; values below 1e-15 drawn at 1e-15)" : ")") : ""),
        width: Math.max(320, el.clientWidth || 600), height: 300,
        scales: { x: { time: false, range: (u, lo, hi) => lo === hi ? [lo - 1, hi + 1] : [lo, hi] },
                  y: {} },
        axes: [{ label: xLabel, incrs: COUNTS },
               { label: log ? "log10 of " + yLabel : yLabel, size: 70,
                 incrs: log ? [1, 2, 5, 10, 20] : undefined,          // whole decades
                 values: log ? (u, ticks) => ticks.map(t => "1e" + t) : undefined }],
        series: series,
        legend: { live: true },
      };
      c = charts[id] = { plot: new uPlot(opts, data, el), signature: signature };
    } else {
      c.plot.setData(data);
    }
  }

  function render() {
    const task = run.start ? run.start.task : null;
    const lossUnit = LOSS_NAMES[task] || "task loss";
    draw("chart-loss", "Training and validation loss", "optimizer step", "loss (" + lossUnit + ")",
      ["batch loss", "epoch mean training loss", "validation loss"], run.steps,
      [run.losses, run.epochTrain, run.epochVal], i => i > 0);
    draw("chart-grad", "Gradient norm before clipping", "optimizer step", "global L2 norm of the gradients",
      ["gradient norm"], run.steps, [run.grads]);
    draw("chart-lr", "Learning rate", "optimizer step", "learning rate", ["learning rate"], run.steps, [run.lrs]);
    if (run.metricNames.length > 0) {
      const xs = run.epochs.map(e => e.epoch);
      const ys = run.metricNames.map(n => run.epochs.map(e => n in e ? plottable(e[n]) : null));
      draw("chart-val", "Validation metrics by epoch", "epoch", "value (metric's own unit)",
        run.metricNames.map(n => n.substring(4)), xs, ys, () => true);
    }
    renderStatus(lossUnit);
    renderValidation();
    renderFinal();
    renderSamples();
    renderPredictions();
  }

  // the model's answers on the first validation records after the latest epoch: one row per record (or step), a
  // column per field the task describes (label, probabilities, true label; or values and true values)
  let predictionsShown;             // the predictions line the table shows: rebuilt only when a new one arrives
  function renderPredictions() {
    const section = document.getElementById("predictions-section"), table = document.getElementById("predictions");
    const p = run.predictions;
    if (p === predictionsShown) return;
    predictionsShown = p;
    section.hidden = !p;
    table.textContent = "";
    if (!p) return;
    document.getElementById("predictions-caption").textContent = "after epoch " + p.epoch + ", the first "
      + p.rows.length + " rows of the " + p.part + " part (the same records every epoch)";
    const columns = [];
    for (const r of p.rows) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
    const head = table.createTHead().insertRow();
    for (const c of columns) {
      const th = document.createElement("th");
      th.textContent = c;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const r of p.rows) {
      const tr = body.insertRow();
      for (const c of columns) {
        const v = r[c];
        tr.insertCell().textContent = v === undefined ? "" : typeof v === "number" ? format(v) : String(v);
      }
    }
  }

  const SAMPLES_SHOWN = 5;
  function renderSamples() {
    const section = document.getElementById("samples-section"), box = document.getElementById("samples");
    section.hidden = run.samples.length === 0;
    box.textContent = "";
    for (const e of run.samples.slice(-SAMPLES_SHOWN).reverse()) {
      const h = document.createElement("h3");
      h.textContent = "after epoch " + e.epoch + " (temperature " + format(num(e.temperature)) + ")";
      const pre = document.createElement("pre");
      const prompt = document.createElement("span");
      prompt.className = "prompt";
      prompt.textContent = e.prompt;
      pre.appendChild(prompt);
      pre.appendChild(document.createTextNode(e.text));
      box.appendChild(h);
      box.appendChild(pre);
    }
  }

  function format(v) {
    if (typeof v !== "number") return String(v);
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
    const a = Math.abs(v);
    // five significant digits, trailing zeros dropped (0.8, not 0.80000)
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
  }
  function duration(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0) return "–";
    const s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
    const two = x => String(x).padStart(2, "0");
    return h > 0 ? h + ":" + two(m) + ":" + two(r) : m + ":" + two(r);
  }
  function set(id, text) { document.getElementById(id).textContent = text; }

  function renderStatus(lossUnit) {
    const s = run.start;
    set("run-name", s ? s.name + " (" + directory + ")" : directory);
    set("state", run.state);
    set("task", s ? s.task + " (loss: " + lossUnit + ")" : "–");
    set("parameters", s ? format(num(s.parameters)) : "–");
    set("epoch", run.epoch === null ? "–" : run.epoch + (s ? " / " + s.epochs : ""));
    set("batch", run.batch === null ? "–" : run.batch + (s ? " / " + s.batches : ""));
    set("step", run.step === null ? "–" : String(run.step));
    set("loss", run.loss === null ? "–" : format(run.loss));
    set("grad", run.grad === null ? "–" : format(run.grad) + (run.clipped ? " (" + run.clipped + " batches clipped)" : ""));
    const end = ended() ? run.lastTime : Date.now();
    set("elapsed", run.firstTime === null ? "–" : duration((end - run.firstTime) / 1000));
    set("eta", eta());
  }

  function ended() { return run.finalFields !== null || run.state.startsWith("stopped") || !live; }

  // The run's ETA: the time per batch since the last start or resume (validation included, as it is spent
  // between batches) times the batches still to come.
  function eta() {
    const s = run.start;
    if (!s || run.finalFields || run.state.startsWith("stopped")) return "–";
    if (run.segmentBatches < 3 || run.segmentTime === null) return "estimating";
    const done = (run.epoch - 1) * s.batches + run.batch, total = s.epochs * s.batches;
    const perBatch = (run.lastTime - run.segmentTime) / 1000 / run.segmentBatches;
    return duration(perBatch * (total - done));
  }

  function row(table, cells) {
    const tr = document.createElement("tr");
    cells.forEach((c, i) => {
      const td = document.createElement("td");
      td.textContent = c;
      if (i === cells.length - 1 || (i > 0 && table.id === "val-table")) td.className = "number";
      tr.appendChild(td);
    });
    table.tBodies[0].appendChild(tr);
  }
  function clear(table) { table.tBodies[0].textContent = ""; }

  function renderValidation() {
    const table = document.getElementById("val-table");
    clear(table);
    const n = run.epochs.length;
    if (n === 0) return;
    const e = run.epochs[n - 1], prev = n > 1 ? run.epochs[n - 2] : null;
    set("val-caption", "epoch " + e.epoch + (e.improved ? ": improved the monitored value (best checkpoint written)"
      : ": " + e.epochs_without_improvement + " epochs without improvement") + "; training loss " + format(num(e.train_loss))
      + ", " + format(num(e.seconds)) + " s");
    for (const k of Object.keys(e)) {
      if (!k.startsWith("val_")) continue;
      row(table, [k.substring(4), format(num(e[k])), prev && k in prev ? format(num(prev[k])) : "–"]);
    }
  }

  function renderFinal() {
    const f = run.finalFields;
    const table = document.getElementById("final-table"), baselines = document.getElementById("baseline-table");
    clear(table); clear(baselines);
    if (!f) return;
    set("final-caption", "stop reason " + f.stop_reason + ", " + f.epochs + " epochs, weights of the best epoch ("
      + f.best_epoch + ")");
    for (const part of ["validation", "test"]) {
      for (const k of Object.keys(f)) {
        if (!k.startsWith(part + "_")) continue;
        const name = k.substring(part.length + 1), v = f[k];
        if (v !== null && typeof v === "object") {
          for (const b of Object.keys(v)) row(baselines, [part, b, format(num(v[b]))]);
        } else {
          row(table, [part, name, format(name === "records" ? v : num(v))]);
        }
      }
    }
  }

  // ---- the log of lines ----------------------------------------------------------------------------------------
  function log(text, problem) {
    const ol = document.getElementById("log");
    const li = document.createElement("li");
    li.textContent = text;
    if (problem) li.className = "problem";
    ol.insertBefore(li, ol.firstChild);
    while (ol.children.length > LOG_LINES) ol.removeChild(ol.lastChild);
  }

  // ---- the stream --------------------------------------------------------------------------------------------
  let live = true, pending = null, directory = "…";
  function schedule() {
    if (pending === null) pending = setTimeout(() => { pending = null; render(); }, REDRAW_MS);
  }
  function connection(text, kind) {
    const p = document.getElementById("connection");
    p.textContent = text;
    p.className = "connection " + kind;
  }

  const source = new EventSource("/events");
  source.addEventListener("hello", m => {
    const h = JSON.parse(m.data);
    directory = h.run;
    set("run-name", h.run);
    document.title = "Recurrent: " + h.run;
    live = h.live;
    connection(h.live ? "live: this page follows the training process as it writes events.jsonl"
      : "from the files of the model directory (recurrent dashboard), following events.jsonl as it grows", "live");
  });
  source.addEventListener("message", m => {
    const e = JSON.parse(m.data);
    apply(e);
    log(m.data);
    schedule();
  });
  source.addEventListener("problem", m => {
    const p = JSON.parse(m.data);
    log(p.message, true);
    if (!("line" in p)) connection(p.message, "lost");   // the file itself, not one line of it
  });
  source.addEventListener("reset", () => {
    fresh();
    for (const id of Object.keys(charts)) { charts[id].plot.destroy(); delete charts[id]; }
    document.getElementById("log").textContent = "";
    log("events.jsonl was replaced (a new run in the same directory): starting over");
    schedule();
  });
  source.addEventListener("end", () => {
    source.close();                // the server is going away: do not reconnect
    live = false;
    connection("the training process has ended and stopped serving this page; it keeps what it received. "
      + "Reopen the run later with: recurrent dashboard --run <model directory>", "ended");
    render();
  });
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) connection("the connection was closed", "lost");
    else connection("connection lost: retrying (is the training process still running?)", "lost");
  };
  window.addEventListener("resize", () => {
    for (const id of Object.keys(charts)) {
      const el = document.getElementById(id);
      charts[id].plot.setSize({ width: Math.max(320, el.clientWidth), height: 300 });
    }
  });
  setInterval(() => { if (live) renderStatus(LOSS_NAMES[run.start ? run.start.task : null] || "task loss"); }, 1000);

  // For tests and the curious: how many points each chart was given, and the state shown.
  window.recurrentDashboard = Object.freeze({
    points: id => charts[id] ? charts[id].plot.data[0].length : 0,
    state: () => run.state,
    live: () => live,
  });
})();
