/* Keyboard use of Material's header buttons, which are labels for hidden checkboxes (header.html gives
   them tabindex; Material's own script clicks a focused label on Enter). Opening the drawer or the search
   moves focus into it, Space works like Enter, and Escape closes the drawer or the search and returns focus
   to the button that opened it (on a wide screen the search field is in the header: there is no button). */
(() => {
  const drawer = document.getElementById("__drawer");
  const search = document.getElementById("__search");
  const menuButton = document.querySelector('.md-header label[for="__drawer"]');
  const searchButton = document.querySelector('.md-header label[for="__search"]');
  const shown = (element) => element !== null && element.getClientRects().length > 0;

  drawer?.addEventListener("change", () => {
    if (drawer.checked) document.querySelector(".md-sidebar--primary a[href]")?.focus();
  });
  search?.addEventListener("change", () => {
    if (search.checked) document.querySelector(".md-search__input")?.focus();
  });
  document.addEventListener("keydown", (event) => {
    const active = document.activeElement;
    if (event.key === " " && active instanceof HTMLLabelElement && active.tabIndex === 0) {
      event.preventDefault();
      active.click();
    } else if (event.key === "Escape" && drawer?.checked) {
      drawer.checked = false;
      menuButton?.focus();
    } else if (event.key === "Escape" && search?.checked && shown(searchButton)) {
      // Material closes the search on Escape and leaves focus nowhere; afterwards, back to the button.
      setTimeout(() => {
        if (!search.checked) searchButton.focus();
      });
    }
  });
})();

/* The årshjul's filters (aarshjul.md.j2) work without JavaScript: CSS hides the cards with :has(). Here,
   only what CSS cannot do: say how many activities are shown (in a status line screen readers announce),
   and put «nothing this month» under a month whose cards are all hidden. */
(() => {
  const status = document.querySelector(".sp-filter__status");
  if (!status) return;
  const filters = [...document.querySelectorAll('.sp-filter input[name="sp-vis"], .sp-filter select')];
  const lists = [...document.querySelectorAll(".sp-cards")];
  const update = () => {
    let shown = 0;
    for (const list of lists) {
      const visible = [...list.querySelectorAll(":scope > .sp-card")].filter((card) => card.getClientRects().length > 0);
      shown += visible.length;
      const none = list.querySelector(":scope > .sp-cards__none");
      if (none) none.hidden = visible.length > 0;
    }
    const total = Number(status.dataset.total);
    status.textContent = shown === total ? "" : status.dataset.template.replace("{shown}", shown).replace("{total}", total);
  };
  for (const filter of filters) filter.addEventListener("change", update);
  // A filter the browser kept from an earlier visit (back button) shows its count too.
  addEventListener("pageshow", update);
})();

/* Printing: a link within the site gets its full address after its text (the stylesheet prints it), and the
   årshjul's «Mer om dette» folds open, so paper says everything the screen can show. Put back afterwards. */
(() => {
  let opened = [];
  addEventListener("beforeprint", () => {
    for (const link of document.querySelectorAll(".md-content a[href]")) {
      const href = link.getAttribute("href");
      if (/^(#|[a-z][a-z0-9+.-]*:)/i.test(href) || link.closest("svg")) continue;
      link.dataset.spHref = link.href;
    }
    opened = [...document.querySelectorAll(".md-content details:not([open])")];
    for (const details of opened) details.open = true;
  });
  addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
})();
