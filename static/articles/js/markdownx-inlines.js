/*
 * Start the Markdown editor in inline rows added with "Add another".
 *
 * markdownx starts its editors once, when the page loads, and marks each one with
 * data-markdownx-init. Django builds a new inline row by copying the hidden empty row,
 * which copies that mark but not the editor's event listeners, so the new editor
 * looks started and never previews. markdownx keeps its starter private; running its
 * script again starts every editor that is not marked, so clear the mark on the new
 * row's editors and load the script once more (from the same file: no inline code).
 */
(function () {
  "use strict";

  function markdownxScript() {
    return document.querySelector("script[src*='markdownx/js/markdownx']");
  }

  document.addEventListener("formset:added", function (event) {
    var editors = event.target.querySelectorAll(".markdownx .markdownx-editor");
    var original = markdownxScript();
    if (!editors.length || !original) {
      return;
    }
    editors.forEach(function (editor) {
      editor.removeAttribute("data-markdownx-init");
    });
    var script = document.createElement("script");
    script.src = original.src;
    script.addEventListener("load", function () {
      script.remove();
    });
    document.body.appendChild(script);
  });
})();
