import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColour, drawOutline } from '../../scripts/make-icons';

const MANIFEST = path.resolve(__dirname, '..', '..', 'manifest');

function read(file: string): PNG {
  return PNG.sync.read(fs.readFileSync(path.join(MANIFEST, file)));
}

function pixels(png: PNG): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; i < png.data.length; i += 4)
    out.push([png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]]);
  return out;
}

/** Teams' outline rule: every visible pixel is white; the rest is transparent. */
function outlineProblems(png: PNG): string[] {
  const bad = pixels(png).filter(([r, g, b, a]) => a > 0 && (r !== 255 || g !== 255 || b !== 255));
  return bad.length === 0 ? [] : [`${bad.length} visible pixels are not white`];
}

describe('app icons', () => {
  it('should have a 192×192 colour icon that is opaque and has more than one colour', () => {
    const png = read('color.png');
    assert.deepEqual([png.width, png.height], [192, 192]);
    const centre = (96 * 192 + 96) * 4;
    assert.equal(png.data[centre + 3], 255);
    const colours = new Set(
      pixels(png)
        .filter((p) => p[3] === 255)
        .map((p) => p.join(',')),
    );
    assert.ok(colours.size > 2, 'a full colour icon');
  });

  it('should have a 32×32 outline icon that is white on transparent only', () => {
    const png = read('outline.png');
    assert.deepEqual([png.width, png.height], [32, 32]);
    assert.deepEqual(outlineProblems(png), []);
    const alphas = pixels(png).map((p) => p[3]);
    assert.ok(alphas.filter((a) => a === 0).length > 32 * 32 * 0.3, 'mostly transparent background');
    assert.ok(alphas.filter((a) => a === 255).length > 50, 'a visible white shape');
    assert.equal(alphas[0], 0, 'the corner is transparent');
  });

  it('should flag an outline icon with a coloured pixel', () => {
    const png = read('outline.png');
    const i = png.data.findIndex((_, k) => k % 4 === 3 && png.data[k] === 255) - 3;
    png.data[i + 1] = 0; // make one visible pixel magenta
    assert.deepEqual(outlineProblems(png), ['1 visible pixels are not white']);
  });

  it('should match what scripts/make-icons.ts draws (the committed PNGs are current)', () => {
    assert.deepEqual(drawColour().data, read('color.png').data);
    assert.deepEqual(drawOutline().data, read('outline.png').data);
  });
});
