// Draws volsnap's app and tray icons as PNGs (no image tools needed):
//   node scripts/make-icons.mjs   -> resources/icon.png, resources/tray/{linux,win,mac}/...
// A lens (the snapshot) with a badge whose SHAPE and colour say the state, so it
// reads without colour too. macOS gets black-on-transparent template images.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a unit square (0..1), as coverage tests; drawn with 4x4 supersampling.
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - w;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= w / 2;
};
const any =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));

const badgeCentre = [0.72, 0.72];
const badgeGlyph = {
  protected: any(segment(0.6, 0.72, 0.69, 0.81, 0.07), segment(0.69, 0.81, 0.85, 0.63, 0.07)),
  running: any(segment(0.72, 0.6, 0.72, 0.74, 0.07), segment(0.72, 0.74, 0.82, 0.8, 0.07)),
  attention: any(rect(0.69, 0.58, 0.75, 0.77), rect(0.69, 0.81, 0.75, 0.86)),
  paused: any(rect(0.64, 0.6, 0.69, 0.84), rect(0.75, 0.6, 0.8, 0.84)),
};
const colours = {
  protected: [46, 160, 67],
  running: [31, 111, 235],
  attention: [218, 54, 51],
  paused: [110, 118, 129],
};
const lens = any(ring(0.42, 0.42, 0.36, 0.11), circle(0.42, 0.42, 0.13));
const badgeDisc = circle(...badgeCentre, 0.26);
const badgeCutout = circle(...badgeCentre, 0.31);

/** layers: [shape, [r,g,b] | 'clear'] painted in order. */
function draw(size, layers) {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let colour = null;
          for (const [shape, fill] of layers) if (shape(x, y)) colour = fill === 'clear' ? null : fill;
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a) out.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / (n * n)) * 255)], i);
    }
  }
  return png(size, out);
}

function colourIcon(state, size) {
  return draw(size, [
    [lens, [88, 96, 105]],
    [badgeCutout, 'clear'],
    [badgeDisc, colours[state]],
    [badgeGlyph[state], [255, 255, 255]],
  ]);
}
// Template images: black plus alpha only; macOS tints them for light and dark menu bars.
function templateIcon(state, size) {
  return draw(size, [
    [lens, [0, 0, 0]],
    [badgeCutout, 'clear'],
    [badgeDisc, [0, 0, 0]],
    [badgeGlyph[state], 'clear'],
  ]);
}

function write(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

for (const state of Object.keys(colours)) {
  write(join(root, 'tray/linux', `${state}.png`), colourIcon(state, 32));
  write(join(root, 'tray/win', `${state}.png`), colourIcon(state, 16));
  write(join(root, 'tray/win', `${state}@2x.png`), colourIcon(state, 32));
  write(join(root, 'tray/mac', `${state}Template.png`), templateIcon(state, 16));
  write(join(root, 'tray/mac', `${state}Template@2x.png`), templateIcon(state, 32));
}
// App icon: the lens on a rounded tile, large enough for icns and ico conversion.
const tile = (x, y) => {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r + 0.04), 1 - r - 0.04);
  const cy = Math.min(Math.max(y, r + 0.04), 1 - r - 0.04);
  return Math.hypot(x - cx, y - cy) <= r;
};
const appLens = any(ring(0.5, 0.5, 0.3, 0.08), circle(0.5, 0.5, 0.11));
write(
  join(root, 'icon.png'),
  draw(512, [
    [tile, [31, 41, 55]],
    [appLens, [235, 240, 245]],
    [circle(0.5, 0.5, 0.05), [46, 160, 67]],
  ]),
);
console.log(`icons written to ${root}`);
