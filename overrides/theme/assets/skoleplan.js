/* Keyboard use of Material's header buttons, which are labels for hidden checkboxes (header.html gives
   them tabindex; Material's own script clicks a focused label on Enter). Opening the drawer or the search
   moves focus into it, Space works like Enter, and Escape closes the drawer and returns focus. */
(() => {
  const drawer = document.getElementById("__drawer");
  const search = document.getElementById("__search");
  const menuButton = document.querySelector('.md-header label[for="__drawer"]');

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
    }
  });
})();
