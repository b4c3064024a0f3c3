// The WCAG contrast of each piece of visible text inside the extension's markup, as painted:
// text colour (with opacity) over the backgrounds behind it, composited.
// Returns [{text, color, background, ratio, large}] for every element with its own text.
function parse(value) {
  const m = value.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
}
function over(top, bottom) {
  const a = top.a + bottom.a * (1 - top.a);
  const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / (a || 1);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}
function luminance(c) {
  const lin = (v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}
function background(el) {
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg && bg.a > 0) {
      layers.push(bg);
      if (bg.a >= 1) break;
    }
  }
  let result = { r: 255, g: 255, b: 255, a: 1 }; // the canvas
  for (const layer of layers.reverse()) result = over(layer, result);
  return result;
}
function opacity(el) {
  let value = 1;
  for (let node = el; node; node = node.parentElement) {
    value *= Number(getComputedStyle(node).opacity);
  }
  return value;
}
const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
const results = [];
for (const el of document.querySelectorAll(arguments[0])) {
  if (el.closest(".rai-sr-only")) continue;
  const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length) continue;
  const style = getComputedStyle(el);
  const bg = background(el);
  const fg = parse(style.color);
  fg.a *= opacity(el);
  const text = over(fg, bg);
  const [l1, l2] = [luminance(text), luminance(bg)].sort((x, y) => y - x);
  const size = parseFloat(style.fontSize);
  const bold = Number(style.fontWeight) >= 700;
  results.push({
    text: el.textContent.trim().slice(0, 60),
    color: hex(text),
    background: hex(bg),
    ratio: Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100,
    large: size >= 24 || (bold && size >= 18.66),
  });
}
return results;
