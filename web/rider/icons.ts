/**
 * Small line icons (24×24 viewBox, stroke = currentColor so they follow the night theme). Always shown next to
 * a text label and hidden from screen readers: the label is the accessible name.
 */
const PATHS: Record<string, string> = {
  // a drop
  water: 'M12 3c3.5 4.6 6 8 6 11a6 6 0 0 1-12 0c0-3 2.5-6.4 6-11z',
  // a bolt
  charging: 'M13 2 5 14h6l-1 8 8-12h-6z',
  // a WC door
  toilet: 'M6 3h12v18H6zM10 12h.01M9 7h6',
  // a box with a window and a dial
  microwave: 'M3 6h18v12H3zM6 9h9v6H6zM18 10v.01M18 14v.01',
  // a bench
  rest: 'M4 11h16M5 11v6M19 11v6M4 15h16M7 11V7h10v4',
  // arcs
  wifi: 'M4 10a12 12 0 0 1 16 0M7 13.5a7.5 7.5 0 0 1 10 0M10.5 17a2.5 2.5 0 0 1 3 0',
  // a cross
  first_aid: 'M4 6h16v13H4zM12 9v7M8.5 12.5h7',
  heating: 'M8 20c-2-3 2-5 0-8s0-5 0-8M12 20c-2-3 2-5 0-8s0-5 0-8M16 20c-2-3 2-5 0-8s0-5 0-8',
  cooling: 'M12 3v18M4.2 7.5l15.6 9M4.2 16.5l15.6-9',
  books: 'M4 5h6a2 2 0 0 1 2 2v12a2 2 0 0 0-2-2H4zM20 5h-6a2 2 0 0 0-2 2v12a2 2 0 0 1 2-2h6z',
  repair: 'M14 6a4 4 0 0 0 5 5l-8 8a2 2 0 0 1-3-3l8-8z',
  // the map-app hand-off arrow
  nav: 'M3 11 21 3l-8 18-2-8z',
  flag: 'M5 21V4M5 4h11l-2 4 2 4H5',
  moon: 'M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z',
  locate: 'M12 2v4M12 18v4M2 12h4M18 12h4M12 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8z',
  map: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3zM9 3v15M15 6v15',
  list: 'M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01',
};

const SVG_NS = 'http://www.w3.org/2000/svg';

export function icon(name: string, size = 18): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'r-icon');
  const p = document.createElementNS(SVG_NS, 'path');
  p.setAttribute('d', PATHS[name] ?? 'M12 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8z');
  svg.append(p);
  return svg;
}

/** An arrow turned to the station's bearing (clockwise from north). */
export function bearingArrow(deg: number): SVGSVGElement {
  const svg = icon('nav', 14);
  // the nav glyph points north-east (45°); turn it to the bearing
  svg.style.transform = `rotate(${Math.round(deg - 45)}deg)`;
  return svg;
}
