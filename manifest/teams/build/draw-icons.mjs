// Draws the app icons: two overlapping circles, two peers meeting. Run once; the PNGs are committed.
//   node manifest/teams/build/draw-icons.mjs
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "./png.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const accent = [0x2b, 0x5c, 0x9e]; // keep in step with accentColor in manifest.template.json

// Coverage of a pixel by a shape, from 8x8 samples, so that edges are smooth.
function draw(size, paint) {
  const rgba = new Uint8Array(size * size * 4);
  const n = 8;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [r, g, b, a] = paint((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          sum[0] += r * a; sum[1] += g * a; sum[2] += b * a; sum[3] += a;
        }
      }
      const i = (y * size + x) * 4;
      const alpha = sum[3] / (n * n);
      rgba[i + 3] = Math.round(alpha * 255);
      for (let c = 0; c < 3; c++) rgba[i + c] = sum[3] > 0 ? Math.round(sum[c] / sum[3]) : 0;
    }
  }
  return encodePng(size, size, rgba);
}

const left = { x: 0.38, y: 0.5 };
const right = { x: 0.62, y: 0.5 };
const distance = (p, u, v) => Math.hypot(u - p.x, v - p.y);

// Colour icon: white rings on the accent colour, filling the square as Teams expects.
const color = draw(192, (u, v) => {
  const radius = 0.2, stroke = 0.045;
  const onRing = [left, right].some((p) => Math.abs(distance(p, u, v) - radius) < stroke / 2);
  return onRing ? [255, 255, 255, 1] : [...accent, 1];
});

// Outline icon: the same rings in white on a transparent background.
const outline = draw(32, (u, v) => {
  const radius = 0.25, stroke = 0.09;
  const l = { x: 0.35, y: 0.5 }, r = { x: 0.65, y: 0.5 };
  const onRing = [l, r].some((p) => Math.abs(distance(p, u, v) - radius) < stroke / 2);
  return onRing ? [255, 255, 255, 1] : [0, 0, 0, 0];
});

writeFileSync(join(here, "..", "color.png"), color);
writeFileSync(join(here, "..", "outline.png"), outline);
