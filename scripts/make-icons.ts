/**
 * Draws the Teams app icons with pngjs (run: `npx tsx scripts/make-icons.ts`).
 *   manifest/color.png    192×192 full colour: two white figures (a tweetal) on a teal tile.
 *   manifest/outline.png   32×32 white on transparent (Teams requires only white + alpha).
 * The PNGs are committed; rerun this script only when the design changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];

const TEAL: Rgba = [0x1f, 0x7a, 0x6d, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const AMBER: Rgba = [0xf2, 0xa9, 0x3b, 0xff];

/** Coverage (0..1) of pixel (x, y) by a shape, supersampled 4×4 for smooth edges. */
function coverage(x: number, y: number, inside: (px: number, py: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
    }
  }
  return hits / 16;
}

const circle = (cx: number, cy: number, r: number) => (px: number, py: number) =>
  (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
/** Upper half of an ellipse: the shoulders of a figure. */
const shoulders = (cx: number, cy: number, rx: number, ry: number) => (px: number, py: number) =>
  py <= cy && ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 <= 1;
const roundedSquare = (size: number, r: number) => (px: number, py: number) => {
  const qx = Math.min(px, size - px);
  const qy = Math.min(py, size - py);
  if (qx >= r || qy >= r) return px >= 0 && py >= 0 && px <= size && py <= size;
  return (qx - r) ** 2 + (qy - r) ** 2 <= r * r;
};

/** Two figures side by side, scaled to a square of `size`: each a head and shoulders. */
function figures(size: number, offset = 0): Array<(px: number, py: number) => boolean> {
  const s = size / 32;
  const o = offset;
  return [
    circle(o + 10 * s, o + 10 * s, 4 * s),
    shoulders(o + 10 * s, o + 27 * s, 7 * s, 11 * s),
    circle(o + 22 * s, o + 10 * s, 4 * s),
    shoulders(o + 22 * s, o + 27 * s, 7 * s, 11 * s),
  ];
}

function blend(png: PNG, x: number, y: number, colour: Rgba, alpha: number): void {
  if (alpha <= 0) return;
  const i = (png.width * y + x) << 2;
  const a = alpha * (colour[3] / 255);
  const base = png.data[i + 3] / 255;
  const outA = a + base * (1 - a);
  for (let c = 0; c < 3; c++) {
    const mixed = outA === 0 ? 0 : (colour[c] * a + png.data[i + c] * base * (1 - a)) / outA;
    png.data[i + c] = Math.round(mixed);
  }
  png.data[i + 3] = Math.round(outA * 255);
}

export function drawColour(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const tile = roundedSquare(size, 36);
  const ring = (px: number, py: number) => {
    const d = Math.hypot(px - 96, py - 96);
    return d >= 78 && d <= 84;
  };
  const people = figures(112, 40);
  const inner = (px: number, py: number) => people.some((f) => f(px, py));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      blend(png, x, y, TEAL, coverage(x, y, tile));
      blend(
        png,
        x,
        y,
        AMBER,
        coverage(x, y, (px, py) => tile(px, py) && ring(px, py)),
      );
      blend(png, x, y, WHITE, coverage(x, y, inner));
    }
  }
  return png;
}

export function drawOutline(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  png.data.fill(0); // fully transparent
  const people = figures(size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, (px, py) => people.some((f) => f(px, py)));
      const i = (size * y + x) << 2;
      // Only white; the shape's coverage is the alpha, so uncovered pixels are fully transparent.
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return png;
}

function main(): void {
  const dir = path.resolve(__dirname, '..', 'manifest');
  fs.writeFileSync(path.join(dir, 'color.png'), PNG.sync.write(drawColour()));
  fs.writeFileSync(path.join(dir, 'outline.png'), PNG.sync.write(drawOutline()));
  console.log(`wrote ${path.join(dir, 'color.png')} and ${path.join(dir, 'outline.png')}`);
}

if (require.main === module) main();
