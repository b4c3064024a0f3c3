// Where the extension's markup sits on the laid-out page, and whether its links take clicks.
// arguments[0]: a CSS selector for the theme's content column.
const box = (el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY,
           bottom: r.bottom + scrollY, width: r.width, height: r.height };
};
// Every box between the element and the page that scrolls sideways, innermost first.
const scrollers = (el) => {
  const found = [];
  for (let node = el; node && node !== document.body; node = node.parentElement) {
    if (["auto", "scroll"].includes(getComputedStyle(node).overflowX)) found.push(box(node));
  }
  return found;
};
const shown = (el) => {
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && style.visibility === "visible" &&
    style.display !== "none" && Number(style.opacity) > 0;
};
const visibleText = (el) => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll(".rai-sr-only").forEach((n) => n.remove());
  return copy.textContent.replace(/\s+/g, " ").trim();
};
// The element a click at (x, y) in the viewport reaches, as the link it belongs to.
const clicked = (x, y) => {
  const hit = document.elementFromPoint(x, y);
  return hit ? hit.closest("a") : null;
};
// Scroll positions left over from an earlier measurement would shift what is measured.
for (const el of document.querySelectorAll("*")) if (el.scrollLeft) el.scrollLeft = 0;
const column = document.querySelector(arguments[0]);
const result = {
  viewport: document.documentElement.clientWidth,
  scrollWidth: document.documentElement.scrollWidth,
  column: column ? box(column) : null,
  blocks: [...document.querySelectorAll(".rai-guidance")].map((el) => {
    const table = el.querySelector("table");
    return {
      box: box(el),
      scrollers: scrollers(el),
      overflow: el.scrollWidth - el.clientWidth,
      tableWidth: table ? table.getBoundingClientRect().width : null,
      clientWidth: el.clientWidth,
    };
  }),
  tables: [...document.querySelectorAll("table.rai-table")].map((el) => ({
    box: box(el),
    scrollers: scrollers(el),
    nowrap: [...el.querySelectorAll("th, td")].filter(
      (cell) => getComputedStyle(cell).whiteSpace === "nowrap").length,
  })),
  coverage: [...document.querySelectorAll("table.rai-coverage")].map((el) => {
    const block = el.closest(".rai-coverage-block");
    // The innermost box that scrolls sideways: the block, or a theme's wrapper inside it.
    let scroller = el.parentElement;
    while (scroller && scroller !== block &&
           !["auto", "scroll"].includes(getComputedStyle(scroller).overflowX)) {
      scroller = scroller.parentElement;
    }
    return {
      box: box(el),
      block: block && { box: box(block), clientWidth: block.clientWidth },
      scroller: scroller && {
        box: box(scroller),
        overflow: scroller.scrollWidth - scroller.clientWidth,
        scrolls: ["auto", "scroll"].includes(getComputedStyle(scroller).overflowX),
      },
    };
  }),
  cards: [...document.querySelectorAll(".rai-card")].map((el) => ({
    box: box(el), shown: shown(el), title: visibleText(el.querySelector(".rai-card-title") || el),
  })),
  grids: [...document.querySelectorAll(".rai-grid")].map((grid) =>
    [...grid.querySelectorAll(".rai-grid-item")].map((item) => box(item))),
  links: [],
};
for (const link of document.querySelectorAll("a.rai-link")) {
  link.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
  const r = link.getClientRects()[0];
  const entry = {
    href: link.getAttribute("href"),
    text: visibleText(link),
    role: link.classList.contains("rai-role"),
    shown: shown(link),
    hit: !!r && clicked(r.left + r.width / 2, r.top + r.height / 2) === link,
    card: null,
  };
  const card = link.classList.contains("sd-stretched-link") ? link.closest(".rai-card") : null;
  if (card) {
    card.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
    const c = card.getBoundingClientRect();
    // A point of the card away from the link itself: the middle of its lower edge.
    entry.card = clicked(c.left + c.width / 2, c.bottom - 4) === link;
    const label = card.querySelector(".rai-card-label");
    entry.cardLabel = label ? visibleText(label) : null;
  }
  result.links.push(entry);
}
scrollTo(0, 0);
return result;
