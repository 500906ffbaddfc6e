// The only script of our own: print buttons ([data-print]). No inline scripts anywhere (CSP).
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-print]");
  if (target) {
    event.preventDefault();
    window.print();
  }
});
