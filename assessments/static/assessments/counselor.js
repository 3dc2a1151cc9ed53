// The counselor workspace: on a phone, the search and filters fold away until opened,
// unless filters are in use, so the list comes first.
(function () {
  var phone = window.matchMedia("(max-width: 575.98px)");
  document.querySelectorAll("details[data-fold-on-phone]").forEach(function (panel) {
    if (phone.matches && !panel.hasAttribute("data-in-use")) {
      panel.open = false;
    }
  });
})();
