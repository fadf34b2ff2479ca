// The ballot page's receipt, kept in the voter's own browser (components/ui/ballot_form.py): a static file, so
// that the Content-Security-Policy needs no inline script. Its <script> element carries the cookie's name, value
// and lifetime as data attributes.
(function () {
  var s = document.currentScript;
  if (!s || !/^thidua_receipt_\d+$/.test(s.dataset.name || "") || !/^\d+\.[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(s.dataset.value || "")) {
    return;
  }
  document.cookie = s.dataset.name + "=" + s.dataset.value + "; path=/; max-age=" + parseInt(s.dataset.maxAge, 10) +
    "; SameSite=Strict" + (location.protocol === "https:" ? "; Secure" : "");
})();
