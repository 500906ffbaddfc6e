// The patient chart in the browser: reads the page's json_script block ([data-chart] names it) and
// draws it with uPlot (vendor/uplot). Without scripts the page's <noscript> shows the server's SVG image.
// Pain, sleep, mood and activity are 0-10 scores drawn on one axis; each series can be switched off.
// Treatments are bars in lanes above the plot, packed so that no two labels overlap; a dashed line
// marks each start; the baseline (the days before the first treatment) is a shaded band.
(function () {
  "use strict";
  // Okabe-Ito colours (safe for the common colour-vision deficiencies), each line also has its own dash.
  var STYLE = {
    pain_average: { stroke: "#000000", width: 2, dash: [] },
    pain_worst: { stroke: "#D55E00", width: 1.5, dash: [2, 3] },
    rolling: { stroke: "#0072B2", width: 3, dash: [8, 4] },
    sleep_interference: { stroke: "#009E73", width: 1.5, dash: [6, 2, 2, 2] },
    mood: { stroke: "#E69F00", width: 1.5, dash: [1, 2] },
    activity: { stroke: "#CC79A7", width: 1.5, dash: [10, 3] }
  };
  var ORDER = ["pain_average", "pain_worst", "rolling", "sleep_interference", "mood", "activity"];
  var BESIDE_PAIN = ["sleep_interference", "mood", "activity"];
  var LANE = 34; // CSS px per lane of treatments: a 13 px label over an 8 px bar
  var FONT = "13px system-ui, sans-serif";
  var DAY = 86400;

  function words(data) {
    var lang = data.lang || "en";
    var month = new Intl.DateTimeFormat(lang, { month: "short", timeZone: "UTC" });
    var long = new Intl.DateTimeFormat(lang, { month: "long", timeZone: "UTC" });
    var names = { MMMM: [], MMM: [], WWWW: [], WWW: [] };
    for (var m = 0; m < 12; m++) {
      var d = new Date(Date.UTC(2026, m, 1));
      names.MMMM.push(long.format(d));
      names.MMM.push(month.format(d).replace(".", ""));
    }
    for (var w = 0; w < 7; w++) {
      var day = new Date(Date.UTC(2026, 0, 4 + w)); // a Sunday first, as uPlot expects
      names.WWWW.push(new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" }).format(day));
      names.WWW.push(new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" }).format(day));
    }
    return names;
  }

  function lanes(ctx, trials, u, min, max) {
    // The lowest lane where neither the bar nor the label meets the one before it (CSS px).
    var right = [];
    var placed = [];
    var width = u.bbox.width / uPlot.pxRatio;
    trials.forEach(function (t, i) {
      var end = t.end === null ? max : Math.min(t.end + DAY, max);
      if (t.start > max || end < min) return;
      var x0 = u.valToPos(Math.max(t.start, min), "x");
      var x1 = u.valToPos(end, "x");
      var textWidth = ctx.measureText(t.text).width;
      var labelLeft = Math.max(0, Math.min(x0, width - textWidth));
      var left = Math.min(x0, labelLeft);
      var lane = 0;
      while (lane < right.length && right[lane] > left) lane++;
      right[lane] = Math.max(x1, labelLeft + textWidth) + 8;
      placed.push({ trial: t, index: i, lane: lane, x0: x0, x1: x1, labelLeft: labelLeft });
    });
    return { placed: placed, count: right.length };
  }

  function drawTreatments(u, state) {
    var ctx = u.ctx;
    var r = uPlot.pxRatio;
    var top = u.bbox.top;
    var bottom = u.bbox.top + u.bbox.height;
    ctx.save();
    ctx.font = FONT.replace("13px", 13 * r + "px");
    ctx.textBaseline = "bottom";
    ctx.textAlign = "left"; // uPlot leaves the y axis' alignment on the context
    if (state.data.baseline) {
      var b = state.data.baseline;
      var bx0 = u.valToPos(Math.max(b.start, state.min), "x", true);
      var bx1 = u.valToPos(Math.min(b.end + DAY, state.max), "x", true);
      if (bx1 > bx0) {
        ctx.fillStyle = "rgba(0, 0, 0, 0.09)";
        ctx.fillRect(bx0, top, bx1 - bx0, bottom - top);
        ctx.fillStyle = "#333333";
        ctx.textBaseline = "top";
        ctx.fillText(state.words.baseline, bx0 + 3 * r, top + 3 * r);
        ctx.textBaseline = "bottom";
      }
    }
    state.layout.placed.forEach(function (p) {
      var y = top - (p.lane + 1) * LANE * r;
      var colour = ["#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9"][p.index % 6];
      ctx.fillStyle = colour;
      ctx.fillRect(u.bbox.left + p.x0 * r, y + 24 * r, (p.x1 - p.x0) * r, 8 * r);
      ctx.fillStyle = "#1d2330";
      ctx.fillText(p.trial.text, u.bbox.left + p.labelLeft * r, y + 22 * r);
      if (p.trial.start >= state.min && p.trial.start <= state.max) {
        var x = u.bbox.left + p.x0 * r;
        ctx.strokeStyle = "#333333";
        ctx.lineWidth = r;
        ctx.setLineDash([4 * r, 3 * r]);
        ctx.beginPath();
        ctx.moveTo(x, y + 24 * r);
        ctx.lineTo(x, bottom);
        ctx.stroke();
      }
    });
    ctx.restore();
  }

  function readout(state, idx) {
    var data = state.data;
    if (idx === null || idx === undefined) return; // the last day read stays after a tap or mouse-out
    var day = new Date(data.days[idx] * 1000);
    var when = new Intl.DateTimeFormat(data.lang, { dateStyle: "medium", timeZone: "UTC" }).format(day);
    var parts = ORDER.map(function (key) {
      var value = data.series[key][idx];
      return state.words[key] + ": " + (value === null || value === undefined ? "–" : state.number.format(value));
    });
    state.readout.textContent = when + " · " + parts.join(" · ");
  }

  function range(data, period) {
    var last = data.days[data.days.length - 1] + DAY;
    var chosen = data.periods.filter(function (p) { return p.id === period; })[0];
    var min = chosen && chosen.days ? last - chosen.days * DAY : data.days[0];
    return { min: Math.max(min, data.days[0]), max: last };
  }

  function build(state) {
    var data = state.data;
    var span = range(data, state.period);
    state.min = span.min;
    state.max = span.max;
    // Day and month over a few months; month and year beyond, in the page's language.
    var long = span.max - span.min > 200 * DAY;
    var tick = new Intl.DateTimeFormat(data.lang, long
      ? { month: "short", year: "2-digit", timeZone: "UTC" }
      : { day: "numeric", month: "short", timeZone: "UTC" });
    state.tick = function (ts) { return tick.format(new Date(ts * 1000)); };
    var width = state.holder.clientWidth || 320;
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = FONT;
    var plotWidth = width - 52; // the y axis (40 px) and the right padding (12 px)
    var fake = {
      bbox: { width: plotWidth * uPlot.pxRatio },
      valToPos: function (v) { return ((v - span.min) / (span.max - span.min)) * plotWidth; }
    };
    state.layout = lanes(measure, data.trials, fake, span.min, span.max);
    var series = [{}].concat(ORDER.map(function (key) {
      var style = STYLE[key];
      return {
        label: state.words[key],
        show: state.shown[key],
        stroke: style.stroke,
        width: style.width,
        dash: style.dash,
        spanGaps: false,
        points: { show: false }
      };
    }));
    var axisFont = FONT;
    var options = {
      width: width,
      height: (width < 500 ? 260 : 320) + state.layout.count * LANE,
      padding: [state.layout.count * LANE + 8, 12, 0, 0],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 8 } },
      scales: { x: { time: true, min: span.min, max: span.max }, y: { range: [0, 10] } },
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); },
      fmtDate: function (tpl) { return uPlot.fmtDate(tpl, state.names); },
      axes: [
        { font: axisFont, stroke: "#1d2330", grid: { stroke: "#e3e6ee" }, ticks: { stroke: "#c8ccd6" },
          space: 70, values: function (u, splits) { return splits.map(state.tick); } },
        { font: axisFont, stroke: "#1d2330", size: 40, splits: [0, 2, 4, 6, 8, 10],
          grid: { stroke: "#e3e6ee" }, ticks: { stroke: "#c8ccd6" } }
      ],
      series: series,
      hooks: {
        draw: [function (u) { drawTreatments(u, state); }],
        setCursor: [function (u) { readout(state, u.cursor.idx); }]
      }
    };
    var columns = [data.days].concat(ORDER.map(function (key) { return data.series[key]; }));
    if (state.plot) state.plot.destroy();
    state.plot = new uPlot(options, columns, state.holder);
    showRange(state);
    // A tap moves the cursor too (uPlot follows the mouse only).
    state.plot.over.addEventListener("pointerdown", function (event) {
      var box = state.plot.over.getBoundingClientRect();
      state.plot.setCursor({ left: event.clientX - box.left, top: event.clientY - box.top });
    });
  }

  function showRange(state) {
    var format = new Intl.DateTimeFormat(state.data.lang, { dateStyle: "long", timeZone: "UTC" });
    state.range.textContent = state.words.range
      .replace("%(first)s", format.format(new Date(state.min * 1000)))
      .replace("%(last)s", format.format(new Date((state.max - DAY) * 1000)));
  }

  function step(state, event) {
    // Left and right arrows move the cursor by a day, so the day's values can be read without a pointer.
    var move = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
    if (!move) return;
    event.preventDefault();
    var days = state.data.days;
    var idx = state.plot.cursor.idx;
    if (idx === null || idx === undefined) idx = days.length - 1;
    else idx = Math.min(days.length - 1, Math.max(0, idx + move));
    if (days[idx] < state.min) idx = days.findIndex(function (d) { return d >= state.min; });
    state.plot.setCursor({ left: state.plot.valToPos(days[idx], "x"), top: 10 });
  }

  function choosePeriod(state, period) {
    state.period = period;
    state.links.forEach(function (link) {
      if (link.getAttribute("data-period") === period) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    build(state);
  }

  function toggles(state, figure) {
    var box = figure.querySelector("[data-chart-series]");
    ORDER.forEach(function (key) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.checked = state.shown[key];
      input.setAttribute("data-series", key);
      var swatch = document.createElement("span");
      swatch.className = "swatch swatch-" + key;
      swatch.setAttribute("aria-hidden", "true");
      label.appendChild(input);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(state.words[key]));
      box.appendChild(label);
      input.addEventListener("change", function () {
        state.shown[key] = input.checked;
        state.plot.setSeries(ORDER.indexOf(key) + 1, { show: input.checked });
      });
    });
  }

  function start(figure) {
    var source = document.getElementById(figure.getAttribute("data-chart"));
    if (!source || typeof uPlot === "undefined") return;
    var data = JSON.parse(source.textContent);
    var state = {
      data: data,
      words: data.words,
      names: words(data),
      number: new Intl.NumberFormat(data.lang, { maximumFractionDigits: 1 }),
      period: figure.getAttribute("data-chart-period") || data.period,
      shown: {},
      holder: figure.querySelector("[data-chart-canvas]"),
      readout: figure.querySelector("[data-chart-readout]"),
      range: figure.querySelector("[data-chart-range]"),
      links: Array.prototype.slice.call(figure.querySelectorAll("[data-period]")),
      plot: null
    };
    // On a phone six lines are a tangle: sleep, mood and activity start switched off (one tap each).
    var narrow = window.matchMedia("(max-width: 47.99rem)").matches;
    ORDER.forEach(function (key) { state.shown[key] = !(narrow && BESIDE_PAIN.indexOf(key) >= 0); });
    figure.classList.add("is-live");
    toggles(state, figure);
    state.links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        choosePeriod(state, link.getAttribute("data-period"));
      });
    });
    state.holder.addEventListener("keydown", function (event) { step(state, event); });
    build(state);
    var width = state.holder.clientWidth;
    window.addEventListener("resize", function () {
      if (state.holder.clientWidth !== width) {
        width = state.holder.clientWidth;
        build(state);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(start);
  });
})();
