// In-page checks for tests/browser: evaluated in each page, results read back by audit.py.
// Defines window.skoleplanChecks; plain browser JavaScript, no dependencies.
(() => {
  const INTERACTIVE = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary",
    "iframe", "[tabindex]", "[contenteditable=true]", "label[for]",
  ].join(",");
  const STYLE_PROPS = [
    "outline-style", "outline-width", "outline-color", "box-shadow", "background-color", "color",
    "text-decoration-line", "border-top-color", "border-bottom-color", "border-top-width",
    "border-bottom-width", "opacity", "transform",
  ];
  const SCROLLS = /^(auto|scroll)$/;

  const describe = (el) => {
    if (!el || el === document.body) return "body";
    const text = (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    const cls = el.classList.length ? "." + [...el.classList].filter((c) => c !== "focus-visible").join(".") : "";
    const href = el.getAttribute("href") || el.getAttribute("for") || "";
    return `<${el.tagName.toLowerCase()}${cls}${href ? ` ${href}` : ""}> «${text}»`;
  };

  const shown = (el) =>
    el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) &&
    el.getClientRects().length > 0 && !el.closest("[inert], [aria-hidden=true]");

  // A group of radio buttons is one Tab stop (the arrow keys move within it): the checked one, else the first.
  const radioStop = (el) => {
    if (!el.matches("input[type=radio][name]")) return true;
    const group = [...document.querySelectorAll("input[type=radio]")].filter((r) => r.name === el.name && r.form === el.form);
    return el === (group.find((r) => r.checked) || group[0]);
  };

  // What a reader can click: visible, enabled, and (for a label) toggling a control.
  const interactive = (el) => {
    if (!shown(el) || el.disabled || getComputedStyle(el).pointerEvents === "none") return false;
    if (!radioStop(el)) return false;
    if (el.tagName === "LABEL") {
      // Material's labels toggle hidden checkboxes; where one acts as a button it shows a pointer.
      const target = document.getElementById(el.htmlFor);
      if (!target || getComputedStyle(el).cursor !== "pointer") return false;
      // A label for a visible control is not a control of its own.
      if (shown(target) && target.getBoundingClientRect().width > 0) return false;
    }
    if (el.hasAttribute("tabindex") && el.tabIndex < 0 && !el.matches("a[href], button, input, select, textarea, summary")) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };

  const styles = (el) => {
    const s = getComputedStyle(el);
    return Object.fromEntries(STYLE_PROPS.map((p) => [p, s.getPropertyValue(p)]));
  };

  // Relative luminance and contrast (WCAG 2.1) of CSS rgb()/rgba() colours.
  const rgb = (c) => (c.match(/[\d.]+/g) || [0, 0, 0, 0]).map(Number);
  const luminance = ([r, g, b]) => {
    const ch = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    const dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    return dark ? [30, 33, 41] : [255, 255, 255];
  };

  const inViewport = (el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  };
  const onPage = (el) => {
    const r = el.getBoundingClientRect();
    const fixed = (node) => node && (getComputedStyle(node).position === "fixed" || fixed(node.parentElement));
    if (r.right <= 0 || r.left >= innerWidth) return false;
    return fixed(el) ? r.bottom > 0 && r.top < innerHeight : r.bottom + scrollY > 0;
  };
  const opaque = (el) => {
    for (let node = el; node; node = node.parentElement) {
      if (Number(getComputedStyle(node).opacity) === 0) return false;
    }
    return true;
  };

  let counter = 0;
  const key = (el) => {
    if (!el.dataset.spK) el.dataset.spK = String(++counter);
    return el.dataset.spK;
  };
  const before = new Map();
  const focusLog = [];

  window.skoleplanChecks = {
    // Transitions off, so styles read right after a key press are the final ones.
    stillMotion() {
      const style = document.createElement("style");
      style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
      document.head.append(style);
    },

    // Every interactive element on the page now, with its style while not focused.
    interactive() {
      document.activeElement?.blur?.();
      const found = [];
      for (const el of document.querySelectorAll(INTERACTIVE)) {
        if (!interactive(el)) continue;
        before.set(key(el), styles(el));
        found.push({ key: key(el), what: describe(el) });
      }
      return found;
    },

    // Every element that gets focus from now on, as focused() describes it, until log() reads them.
    record() {
      document.addEventListener("focusin", (event) => focusLog.push(this.describeFocus(event.target, false)));
    },
    log() {
      return focusLog.splice(0);
    },

    // The element that has focus: what it is, whether it can be seen, whether focus shows on it.
    focused() {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return null;
      return this.describeFocus(el, true);
    },

    // While focus moves the page may not have scrolled yet: then only the sideways position counts.
    describeFocus(el, scrolled) {
      const k = key(el);
      const now = styles(el);
      const was = before.get(k) || {};
      const changed = Object.keys(now).filter((p) => was[p] !== undefined && was[p] !== now[p]);
      let outlineContrast = null;
      if (now["outline-style"] !== "none" && now["outline-style"] !== "auto" && parseFloat(now["outline-width"]) > 0) {
        outlineContrast = contrast(rgb(now["outline-color"]), background(el));
      }
      return {
        key: k,
        what: describe(el),
        visible: shown(el) && opaque(el) && (scrolled ? inViewport(el) : onPage(el)),
        changed,
        known: before.has(k),
        outlineContrast,
        inMain: !!el.closest(".md-content"),
        inDrawer: !!el.closest(".md-sidebar--primary"),
      };
    },

    // Facts about the page that need no interaction.
    facts() {
      const alt = document.querySelector(".md-header a[hreflang]");
      // An SVG link's href is an SVGAnimatedString: resolved here as the browser resolves it.
      const links = [...document.querySelectorAll("a[href], area[href]")].map((a) =>
        typeof a.href === "string" ? a.href : new URL(a.getAttribute("href"), document.baseURI).href);
      return {
        htmlLang: document.documentElement.lang,
        title: document.title,
        languageLink: alt && { href: alt.href, hreflang: alt.getAttribute("hreflang"), lang: alt.getAttribute("lang") },
        languageLinks: document.querySelectorAll("a[hreflang]").length,
        links,
        skip: document.querySelector(".md-skip")?.getAttribute("href") || null,
        footer: [...document.querySelectorAll(".md-footer-meta a[href]")].map((a) => a.href),
        footerText: document.querySelector(".md-footer-meta")?.textContent.replace(/\s+/g, " ").trim() ?? "",
        // Words only assistive technology meets: names, titles, placeholders, hidden texts.
        labels: [
          ...[...document.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap((el) =>
            ["aria-label", "title", "placeholder"].map((a) => el.getAttribute(a)).filter(Boolean)),
          ...[...document.querySelectorAll(".md-skip, .md-top, .sp-visually-hidden")].map((el) => el.textContent.trim()),
        ],
      };
    },

    // Tables: exactly one scroll box around each, our labelled, focusable region.
    tables() {
      const problems = [];
      for (const table of document.querySelectorAll(".md-content table")) {
        const boxes = [];
        for (let node = table.parentElement; node && !node.matches("article"); node = node.parentElement) {
          if (SCROLLS.test(getComputedStyle(node).overflowX)) boxes.push(node);
        }
        if (SCROLLS.test(getComputedStyle(table).overflowX)) boxes.push(table);
        const label = describe(table.closest(".sp-table") || table);
        if (boxes.length !== 1) {
          problems.push(`${label}: ${boxes.length} rullebokser rundt tabellen (${boxes.map(describe).join(", ")})`);
          continue;
        }
        const box = boxes[0];
        if (!box.matches(".sp-table[role=region][tabindex='0']") || !(box.getAttribute("aria-label") || "").trim()) {
          problems.push(`${describe(box)}: rulleboksen er ikke en fokuserbar, merket region`);
        }
      }
      return problems;
    },

    // Boxes in the content that scroll sideways, and whether the page itself does.
    sideways() {
      const boxes = [...document.querySelectorAll(".md-content *")]
        .filter((el) => SCROLLS.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
        .map((el) => ({ what: describe(el), scrollable: el.matches(".sp-table[role=region][tabindex='0']") }));
      const root = document.scrollingElement;
      const wide = [];
      if (root.scrollWidth > innerWidth + 1) {
        for (const el of document.body.querySelectorAll("*")) {
          const r = el.getBoundingClientRect();
          if (r.right > innerWidth + 1 && shown(el) && !el.closest(".sp-table")) wide.push(describe(el));
        }
      }
      return { pageWidth: root.scrollWidth, viewport: innerWidth, boxes, wide: wide.slice(0, 5) };
    },

    // Scroll a table region with the arrow keys: focus it (the test presses the keys).
    wideRegions() {
      return [...document.querySelectorAll(".sp-table[role=region]")]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => key(el));
    },
    focusKey(k) {
      document.querySelector(`[data-sp-k="${k}"]`)?.focus();
      return document.activeElement?.dataset.spK === k;
    },
    scrollLeft(k) {
      return document.querySelector(`[data-sp-k="${k}"]`)?.scrollLeft ?? -1;
    },
  };
})();
