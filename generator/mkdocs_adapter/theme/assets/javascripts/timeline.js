/* Explainer timelines: progressive enhancements. Without this script every
   event is listed and every time is shown in the event's own zone. */
(function () {
  "use strict";

  var FACETS = ["actor", "party", "topic", "importance"];
  var SVG = "http://www.w3.org/2000/svg";

  /* The site's words, in its language (theme/main.html puts them on the page):
     `%(name)s` filled, numbers in the page's own digits. */
  var LANG = document.documentElement.lang || "en";
  /* The last: a page in another language than the site's carries its own. */
  var WORDS = (Array.prototype.slice.call(document.querySelectorAll(".tl-words")).pop() ||
               {dataset: {}}).dataset;
  var plural = new Intl.PluralRules(LANG);
  function say(name, values) {
    return (WORDS[name] || "").replace(/%\((\w+)\)s/g, function (_, key) {
      var value = values[key];
      return typeof value === "number" && LANG !== "en" ? value.toLocaleString(LANG) : String(value);
    });
  }

  /* The time axis's marks of each event, in both of its drawings. */
  var marksOf = {};
  document.querySelectorAll("a.tl-mark").forEach(function (mark) {
    var id = mark.getAttribute("data-id");
    (marksOf[id] = marksOf[id] || []).push(mark);
  });

  function readUrl(form) {
    var params = new URLSearchParams(window.location.search);
    FACETS.forEach(function (name) {
      var select = form.elements[name];
      var wanted = params.get(name) || "";
      var known = Array.prototype.some.call(select.options, function (o) {
        return o.value === wanted;
      });
      select.value = known ? wanted : "";
    });
  }

  /* One history entry per filter the reader changes, not per option: arrowing
     through a list replaces the entry that list made, so Back undoes a filter. */
  var lastFilter = null;

  function writeUrl(form, changed) {
    var params = new URLSearchParams(window.location.search);
    FACETS.forEach(function (name) {
      var value = form.elements[name].value;
      if (value) params.set(name, value);
      else params.delete(name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    if (changed && changed === lastFilter) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    lastFilter = changed || null;
  }

  function apply(form) {
    var events = document.querySelectorAll("article.tl-event");
    var shown = 0;
    events.forEach(function (event) {
      var visible = FACETS.every(function (name) {
        var value = form.elements[name].value;
        if (!value) return true;
        return (event.getAttribute("data-" + name) || "").split(" ").indexOf(value) !== -1;
      });
      event.hidden = !visible;
      (marksOf[event.id] || []).forEach(function (mark) {
        mark.classList.toggle("tl-filtered", !visible);
      });
      if (visible) shown += 1;
    });
    document.querySelectorAll("section.tl-day").forEach(function (day) {
      day.hidden = !day.querySelector("article.tl-event:not([hidden])");
    });
    var count = document.querySelector(".tl-filter-count");
    count.textContent = shown === events.length
      ? say("showingAll", {num: events.length})
      : say("showing", {shown: shown, num: events.length});
  }

  function initFilters(form) {
    var box = form.closest("details");
    form.hidden = false;
    box.querySelector(".tl-nojs").hidden = true;
    readUrl(form);
    apply(form);
    // Opened only for a shared, filtered view: the reader should see what hides events.
    if (FACETS.some(function (name) { return form.elements[name].value; })) box.open = true;
    form.addEventListener("change", function (event) {
      writeUrl(form, event.target);
      apply(form);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        writeUrl(form);
        apply(form);
      }, 0);
    });
    window.addEventListener("popstate", function () {
      lastFilter = null;
      readUrl(form);
      apply(form);
    });
  }

  /* Beside each exact time, the same moment in the reader's own time zone. The
     formatter costs a long task on a slow phone, so it is made when a time first
     comes near the screen; times on the first screens get theirs before the first
     paint, so nothing moves under the reader. */
  function localTimes() {
    var times = Array.prototype.slice.call(document.querySelectorAll("time[data-instant]"));
    if (!times.length || !window.Intl || !Intl.DateTimeFormat) return;
    var format = null;
    function addYours(time) {
      var when = new Date(time.getAttribute("datetime"));
      if (isNaN(when.getTime())) return;
      /* In the page's language, as the page's own dates are. */
      format = format || new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        weekday: "short", day: "numeric", month: "short", hour: "2-digit",
        minute: "2-digit", timeZoneName: "short"
      });
      var yours = document.createElement("span");
      yours.className = "tl-yours";
      yours.textContent = say("yourTime", {time: format.format(when)});
      time.parentNode.appendChild(yours);  /* after the event's own zone */
    }
    var later = times.filter(function (time) {
      var near = !window.IntersectionObserver
        || time.getBoundingClientRect().top < 2 * window.innerHeight;
      if (near) addYours(time);
      return !near;
    });
    if (!later.length) return;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        addYours(entry.target);
      });
    }, { rootMargin: "0px 0px 100% 0px" });
    later.forEach(function (time) { observer.observe(time); });
  }

  /* Where the reader is: the mark of the first event card on screen. */
  function followReading() {
    if (!window.IntersectionObserver) return;
    var cards = Array.prototype.filter.call(
      document.querySelectorAll("article.tl-event"),
      function (card) { return marksOf[card.id]; }
    );
    if (!cards.length) return;
    var onScreen = {};
    var here = null;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { onScreen[entry.target.id] = entry.isIntersecting; });
      var first = cards.filter(function (card) { return onScreen[card.id] && !card.hidden; })[0];
      var id = first ? first.id : null;
      if (id === here) return;
      if (here) marksOf[here].forEach(function (m) { m.classList.remove("tl-here"); });
      if (id) marksOf[id].forEach(function (m) { m.classList.add("tl-here"); });
      here = id;
    });
    cards.forEach(function (card) { observer.observe(card); });
  }

  /* Zooming: to a period or a crowded day, marks spread in proportion over the
     width, and back to the whole timeline. */
  function spread(svg, from, to, even) {
    var width = svg.viewBox.baseVal.width;
    var room = Math.max(from === to ? 0 : 1, to - from);
    var marks = Array.prototype.slice.call(svg.querySelectorAll("a.tl-mark"));
    var inside = marks.filter(function (mark) {
      var t = Number(mark.getAttribute("data-t"));
      return t >= from && t <= to;
    });
    var sep = Math.min(40, (width - 16) / Math.max(inside.length, 1));
    var last = -Infinity;
    var xs = inside.map(function (mark) {
      var t = Number(mark.getAttribute("data-t"));
      // A day's events evenly, in their order; a period's in proportion.
      var x = even ? 8 + xsOrder(inside, mark) * sep
        : room ? 8 + (t - from) / room * (width - 16) : 8;
      last = Math.max(x, last + sep);
      return last;
    });
    var shift = xs.length ? Math.min(0, width - 8 - xs[xs.length - 1]) : 0;
    if (xs.length && (even || from === to)) shift = (width - xs[xs.length - 1] - xs[0]) / 2;
    marks.forEach(function (mark) {
      mark.classList.toggle("tl-out", inside.indexOf(mark) === -1);
    });
    inside.forEach(function (mark, i) {
      var circle = mark.querySelector("circle");
      if (!circle.hasAttribute("data-x")) circle.setAttribute("data-x", circle.getAttribute("cx"));
      circle.setAttribute("cx", (xs[i] + shift).toFixed(1));
    });
    svg.querySelectorAll("a.tl-period").forEach(function (band) {
      var rect = band.querySelector("rect");
      var start = Number(band.getAttribute("data-start"));
      var end = Number(band.getAttribute("data-end"));
      if (!rect.hasAttribute("data-x")) {
        rect.setAttribute("data-x", rect.getAttribute("x"));
        rect.setAttribute("data-width", rect.getAttribute("width"));
      }
      var x0 = room ? 8 + Math.max(0, (start - from) / room) * (width - 16) : 8;
      var x1 = room ? 8 + Math.min(1, (end - from) / room) * (width - 16) : width - 8;
      band.classList.toggle("tl-out", end < from || start > to);
      rect.setAttribute("x", Math.min(x0, width - 8).toFixed(1));
      rect.setAttribute("width", Math.max(2, x1 - x0).toFixed(1));
    });
    svg.classList.add("tl-zoomed");
  }

  function xsOrder(marks, mark) {
    return marks.indexOf(mark);
  }

  function unspread(svg) {
    svg.classList.remove("tl-zoomed");
    svg.querySelectorAll(".tl-out").forEach(function (el) { el.classList.remove("tl-out"); });
    svg.querySelectorAll("[data-x]").forEach(function (el) {
      el.setAttribute(el.tagName === "circle" ? "cx" : "x", el.getAttribute("data-x"));
      if (el.hasAttribute("data-width")) el.setAttribute("width", el.getAttribute("data-width"));
    });
  }

  function initZoom(figure) {
    var svgs = figure.querySelectorAll("svg.tl-axis-svg");
    var first = svgs[0];
    if (!first || !first.querySelector("a.tl-mark")) return;  // a density: no marks to spread
    var targets = [[say("wholeTimeline", {}), null, null, false]];
    first.querySelectorAll("a.tl-period").forEach(function (band) {
      targets.push([band.getAttribute("data-label"), band.getAttribute("data-start"),
                    band.getAttribute("data-end"), false]);
    });
    first.querySelectorAll(".tl-axis-days rect").forEach(function (day) {
      targets.push([day.getAttribute("data-label"), day.getAttribute("data-start"),
                    day.getAttribute("data-end"), true]);
    });
    // Its place is kept in the page (so that nothing moves when it appears);
    // a list, not a row of buttons, fits one line on a phone.
    var bar = figure.querySelector(".tl-axis-zoom");
    if (!bar || targets.length < 2) return;
    var label = document.createElement("label");
    label.textContent = say("zoomTo", {}) + " ";
    var select = document.createElement("select");
    targets.forEach(function (target, n) {
      var option = document.createElement("option");
      option.value = String(n);
      option.textContent = target[0];
      select.appendChild(option);
    });
    label.appendChild(select);
    bar.appendChild(label);
    var status = document.createElement("span");
    status.className = "tl-zoom-status";
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    select.addEventListener("change", function () {
      var target = targets[Number(select.value)];
      svgs.forEach(function (svg) {
        unspread(svg);
        if (target[1] !== null) spread(svg, Number(target[1]), Number(target[2]), target[3]);
      });
      var count = first.querySelectorAll("a.tl-mark:not(.tl-out)").length;
      var category = plural.select(count);  /* the words for it: data-event-one, -other... */
      status.textContent = target[1] === null ? "" : " " + say(
        "event" + category[0].toUpperCase() + category.slice(1), {num: count});
    });
  }

  var form = document.querySelector("form.tl-filters");
  if (form) initFilters(form);
  document.querySelectorAll("figure.tl-axis:not(.tl-axis-elsewhere)").forEach(initZoom);
  followReading();
  localTimes();
})();
