// «Add a sub-item» / «Add an assignment» in place: a copy of the formset's empty form with the next index.
// Without JavaScript the same buttons submit the page, which comes back with one more empty row.
document.querySelectorAll(".formset-add").forEach((button) => {
  button.addEventListener("click", (event) => {
    event.preventDefault();
    const fieldset = button.closest("fieldset");
    const prefix = button.dataset.prefix;
    const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const template = fieldset.querySelector("template.formset-empty");
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    fieldset.querySelector(".formset-rows").insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const added = fieldset.querySelector(".formset-rows").lastElementChild;
    const position = added.querySelector(`[name="${prefix}-${index}-position"]`);
    if (position) position.value = String(index + 1);
    const text = added.querySelector("textarea");
    if (text) text.focus();
  });
});
