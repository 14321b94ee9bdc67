// The pages' own behaviour. It lives here, not in inline scripts or on*= attributes, because
// the Content-Security-Policy runs only scripts served from this origin.
"use strict";

// A <select data-submit-on-change> sends its form as soon as a choice is made (the language
// switcher); the form's <noscript> button covers browsers without JavaScript.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change")) {
    target.form?.requestSubmit();
  }
});

// A checkbox with data-select-all="NAME" ticks or clears every checkbox named NAME (the
// queue's bulk selection), rows loaded later by "Show more" included.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLInputElement && target.dataset.selectAll) {
    for (const box of document.querySelectorAll(`input[type=checkbox][name="${target.dataset.selectAll}"]`)) {
      box.checked = target.checked;
    }
  }
});

// Keyboard shortcuts for the busiest actions: an element with data-shortcut="KEY" is focused
// (a field) or pressed (a button) when KEY is typed outside any field. The pages name each one
// in aria-keyshortcuts, and "?" lists them.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]")) return;
  if (event.key === "?") {
    const help = document.getElementById("shortcut-help");
    if (help) help.hidden = !help.hidden;
    return;
  }
  if (event.key === "j" || event.key === "k") {
    // Down and up the queue's rows; Enter then opens the complaint (the row's link).
    const links = [...document.querySelectorAll("#queue-rows a.reference")];
    if (links.length) {
      event.preventDefault();
      const at = links.indexOf(document.activeElement);
      const next = event.key === "j" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
      links[next].focus();
      links[next].scrollIntoView({block: "nearest"});
      return;
    }
  }
  const element = document.querySelector(`[data-shortcut="${CSS.escape(event.key)}"]`);
  if (!(element instanceof HTMLElement)) return;
  event.preventDefault();
  if (element.matches("input, textarea, select")) {
    element.closest("details")?.setAttribute("open", "");
    element.focus();
  } else {
    element.click();
  }
});

// The triage's suggestions on the capture form: a button with data-fill-field="NAME" and
// data-fill-value sets the form's field NAME to that value; data-fill-check="NAME" ticks the
// box of that value; data-fill-all presses every fill button beside it. Nothing is sent:
// the receiver still registers the complaint themselves.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("button") : null;
  if (!button) return;
  const form = button.form;
  if (!form) return;
  const fill = (one) => {
    if (one.dataset.fillField) {
      const field = form.elements.namedItem(one.dataset.fillField);
      if (field instanceof HTMLSelectElement || field instanceof HTMLInputElement) {
        field.value = one.dataset.fillValue;
        field.dispatchEvent(new Event("change", {bubbles: true}));
      }
    } else if (one.dataset.fillCheck) {
      const box = form.querySelector(
        `input[type=checkbox][name="${CSS.escape(one.dataset.fillCheck)}"][value="${CSS.escape(one.dataset.fillValue)}"]`);
      if (box) box.checked = true;
    }
    one.classList.add("used");
  };
  if (button.hasAttribute("data-fill-all")) {
    event.preventDefault();
    button.parentElement.querySelectorAll("[data-fill-field], [data-fill-check]").forEach(fill);
  } else if (button.dataset.fillField || button.dataset.fillCheck) {
    event.preventDefault();
    fill(button);
  }
});
