// Print button on the results page. Served as a file so the Content-Security-Policy
// can forbid inline scripts; the button is hidden until this script runs.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
