// A questionnaire page keeps the levels picked but not yet sent, for this tab only
// (sessionStorage, gone when the tab closes): reloading the page does not lose them.
// Sending the page (Next, Back or Save) forgets them: the server has them then.
(function () {
  var form = document.querySelector("form[data-keep-picks]");
  if (!form || !window.sessionStorage) {
    return;
  }
  var key = "careerfit-picks:" + form.getAttribute("action");
  var picks;
  try {
    picks = JSON.parse(sessionStorage.getItem(key) || "{}");
  } catch (error) {
    picks = {};
  }
  Object.keys(picks).forEach(function (name) {
    var selector = 'input[type="radio"][name="' + CSS.escape(name) + '"]';
    form.querySelectorAll(selector).forEach(function (input) {
      if (input.value === picks[name]) {
        input.checked = true;
      }
    });
  });
  form.addEventListener("change", function (event) {
    if (event.target.type === "radio") {
      picks[event.target.name] = event.target.value;
      sessionStorage.setItem(key, JSON.stringify(picks));
    }
  });
  form.addEventListener("submit", function () {
    sessionStorage.removeItem(key);
  });
})();
