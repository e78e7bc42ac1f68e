// Enhancements only: every page works without this file.
// "Copy citation" buttons appear where the clipboard API is available; their
// messages come translated from the page (data-copied, data-copy-failed).
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copy-status");
    if (!source) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.value || source.textContent);
        if (status) status.textContent = button.dataset.copied;
      } catch (error) {
        source.select();
        if (status) status.textContent = button.dataset.copyFailed;
      }
    });
  }
});
