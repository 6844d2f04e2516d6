/*
 * Show why an image upload was refused, next to the editor it was dropped on.
 *
 * markdownx only logs the server's answer and types "Invalid response" into the text.
 * Its error event does not bubble, so it is caught on the way down (capture phase).
 */
(function () {
  "use strict";

  var MARKDOWNX_ERROR_TEXT = "Invalid response";

  function messageFor(parent, editor) {
    var message = parent.querySelector(".markdownx-upload-error");
    if (!message) {
      message = document.createElement("p");
      message.className = "errornote markdownx-upload-error";
      message.setAttribute("role", "alert");
      editor.insertAdjacentElement("afterend", message);
    }
    return message;
  }

  document.addEventListener("markdownx.fileUploadError", function (event) {
    var parent = event.target;
    var answer = event.detail && event.detail[0];
    var reason = answer && answer.error ? answer.error : "The image could not be uploaded. Try again.";
    var editor = parent.querySelector(".markdownx-editor");
    messageFor(parent, editor).textContent = reason;
    // markdownx types its placeholder straight after this event; take it out again.
    window.setTimeout(function () {
      editor.value = editor.value.replace(MARKDOWNX_ERROR_TEXT, "");
      editor.dispatchEvent(new Event("input"));
    }, 0);
  }, true);

  document.addEventListener("markdownx.fileUploadEnd", function (event) {
    var message = event.target.querySelector(".markdownx-upload-error");
    if (message) {
      message.remove();
    }
  }, true);
})();
