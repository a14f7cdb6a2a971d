// Search-as-you-type pickers (core/autocomplete.py): a <select data-autocomplete-url> holds only the chosen
// option(s); Tom Select asks the portal's endpoint as the user types. Fields named in
// data-autocomplete-forward (same form) are sent along and clear this choice when they change.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof TomSelect === "undefined") return;
  const lang = document.documentElement.lang || "ru";
  const texts = lang.startsWith("ru")
    ? { none: "Ничего не найдено", more: "Уточните запрос: показаны первые 20", type: "Начните вводить фамилию или название…" }
    : { none: "Nothing found", more: "Refine the search: the first 20 are shown", type: "Start typing a surname or a name…" };

  const setUp = (select) => {
    if (select.tomselect || select.closest("template")) return;
    const form = select.form;
    const forward = (select.dataset.autocompleteForward || "").split(" ").filter(Boolean);
    const fieldOf = (name) => form && form.elements.namedItem(name);
    let more = false;
    let latest = 0; // the number of the newest search sent: an older answer that comes later is dropped
    const control = new TomSelect(select, {
      valueField: "id",
      labelField: "text",
      // The server searches (surname, name, institution: all in the label); filtering the label here too
      // hides the answers of a shorter query while the next one is on its way.
      searchField: ["text"],
      maxOptions: null,
      preload: "focus",
      loadThrottle: 250,
      placeholder: select.dataset.placeholder || texts.type,
      plugins: select.multiple ? ["remove_button"] : [],
      allowEmptyOption: !select.required,
      shouldLoad: () => true,
      load(query, callback) {
        const url = new URL(select.dataset.autocompleteUrl, window.location.href);
        url.searchParams.set("q", query);
        forward.forEach((name) => {
          const field = fieldOf(name);
          if (field && field.value) url.searchParams.set(name, field.value);
        });
        const search = ++latest;
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then((response) => {
            if (!response.ok) throw new Error(`${response.status}`);
            return response.json();
          })
          .then((json) => {
            // The empty search sent on focus may answer after the typed one: its options would replace the
            // typed search's, and Tom Select, having loaded that query once, would not ask again.
            if (search !== latest) return callback();
            more = json.more;
            control.clearOptions();
            callback(json.results);
          })
          .catch(() => {
            // A failed answer (a timeout, a busy server) is not a search done: typing it again asks again.
            delete control.loadedSearches[query];
            callback();
          });
      },
      render: {
        no_results: () => `<div class="no-results">${texts.none}</div>`,
        dropdown_footer: () => (more ? `<div class="small text-muted px-2 py-1">${texts.more}</div>` : ""),
      },
    });
    // Tom Select points the field's <label> at its typed box; the hidden original keeps the name as well.
    const label = document.querySelector(`label[for="${select.id}-ts-control"], label[for="${select.id}"]`);
    if (label) {
      const name = label.textContent.trim();
      control.control_input.setAttribute("aria-label", name);
      select.setAttribute("aria-label", name);
    }
    forward.forEach((name) => {
      const field = fieldOf(name);
      if (!field || !field.addEventListener) return;
      field.addEventListener("change", () => {
        control.clear();
        control.clearOptions();
        control.loadedSearches = {};
      });
    });
  };
  const setUpWithin = (root) => {
    if (root.matches && root.matches("select[data-autocomplete-url]")) setUp(root);
    if (root.querySelectorAll) root.querySelectorAll("select[data-autocomplete-url]").forEach(setUp);
  };
  setUpWithin(document);
  // Rows added later (the formsets' "Add a period" clones a <template>) get their pickers as well.
  new MutationObserver((mutations) => {
    mutations.forEach((mutation) => mutation.addedNodes.forEach(setUpWithin));
  }).observe(document.body, { childList: true, subtree: true });
});
