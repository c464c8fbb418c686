/* The preview's reload (`timeline serve` only; the published site never loads
   it). MkDocs' own reload is an inline script, which the pages' Content Security
   Policy refuses; this file is the same-site script the policy allows. It asks
   the preview server whether a newer build exists and reloads the page when
   one does, as MkDocs' does: the script tag carries the build's epoch. */
(function () {
  "use strict";
  var tag = document.currentScript;
  var epoch = parseFloat(tag.getAttribute("data-epoch"));
  var request = tag.getAttribute("data-request");
  var xhr = null, timeout = null;

  function poll() {
    xhr = new XMLHttpRequest();
    xhr.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    xhr.open("GET", "/livereload/" + epoch + "/" + request);  /* at the root, whatever the site's path */
    xhr.send();
  }

  function stop() {
    if (xhr) xhr.abort();
    if (timeout) clearTimeout(timeout);
    xhr = timeout = null;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") poll();
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
