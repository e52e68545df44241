// Progressive enhancement only: every page works without this file.
(function () {
  // Remember the browser's time zone so dates are shown in it.
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf("tz=") === -1) {
      document.cookie = "tz=" + encodeURIComponent(tz) + ";path=/;max-age=31536000;SameSite=Lax";
    }
  } catch (e) {}
  // Submit the language switcher on change.
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "lang-select") { e.target.form.submit(); }
    if (e.target && e.target.matches("[data-autosubmit]")) { e.target.form.requestSubmit ? e.target.form.requestSubmit() : e.target.form.submit(); }
  });
  // Confirm destructive actions.
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });
})();
