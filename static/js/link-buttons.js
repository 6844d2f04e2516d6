// Links drawn as buttons (role="button") answer the Space key as real buttons do.
// Without JavaScript they are still links, which Enter follows.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (event.key === " " && target instanceof HTMLAnchorElement && target.getAttribute("role") === "button") {
    event.preventDefault();
    target.click();
  }
});
