// "Add a period" for the employment formset: clone the empty form kept in a <template>.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-formset-add]").forEach((button) => {
    const prefix = button.dataset.formsetAdd;
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const template = document.getElementById(`${prefix}-empty`);
    const body = document.getElementById(`${prefix}-rows`);
    if (!total || !template || !body) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const index = parseInt(total.value, 10);
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const first = body.lastElementChild && body.lastElementChild.querySelector("select, input");
      if (first) first.focus();
    });
  });
});
