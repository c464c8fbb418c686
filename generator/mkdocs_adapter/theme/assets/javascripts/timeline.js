/* Explainer timelines: progressive enhancements. Without this script every
   event is listed and every time is shown in the event's own zone. */
(function () {
  "use strict";

  var FACETS = ["actor", "party", "topic", "importance"];

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

  function writeUrl(form) {
    var params = new URLSearchParams(window.location.search);
    FACETS.forEach(function (name) {
      var value = form.elements[name].value;
      if (value) params.set(name, value);
      else params.delete(name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.pushState(null, "", url);
    }
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
      if (visible) shown += 1;
    });
    document.querySelectorAll("section.tl-day").forEach(function (day) {
      day.hidden = !day.querySelector("article.tl-event:not([hidden])");
    });
    var count = form.querySelector(".tl-filter-count");
    count.textContent = shown === events.length
      ? "Showing all " + events.length + " events"
      : "Showing " + shown + " of " + events.length + " events";
  }

  function initFilters(form) {
    form.hidden = false;
    readUrl(form);
    apply(form);
    form.addEventListener("change", function () {
      writeUrl(form);
      apply(form);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        writeUrl(form);
        apply(form);
      }, 0);
    });
    window.addEventListener("popstate", function () {
      readUrl(form);
      apply(form);
    });
  }

  /* Beside each exact time, the same moment in the reader's own time zone. */
  function localTimes() {
    if (!window.Intl || !Intl.DateTimeFormat) return;
    var format = new Intl.DateTimeFormat(undefined, {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit",
      minute: "2-digit", timeZoneName: "short"
    });
    document.querySelectorAll("time[data-instant]").forEach(function (time) {
      var when = new Date(time.getAttribute("datetime"));
      if (isNaN(when.getTime())) return;
      var yours = document.createElement("span");
      yours.className = "tl-yours";
      yours.textContent = " · your time: " + format.format(when);
      time.parentNode.insertBefore(yours, time.nextSibling);
    });
  }

  var form = document.querySelector("form.tl-filters");
  if (form) initFilters(form);
  localTimes();
})();
