// Toneless pinyin for search ("tinghuqu"). pinyin-pro is loaded from BOUNDARY_SRC at build time only: the output
// files are committed, so it never becomes a dependency of the app.

import { createRequire } from 'node:module';
import { join } from 'node:path';

interface PinyinPro {
  pinyin(text: string, options: { toneType: 'none'; type: 'array'; v: boolean }): string[];
  customPinyin(config: Record<string, string>): void;
}

/**
 * Local place-name readings that a general-purpose dictionary gets wrong (checked by reading the full town list):
 * 盐都 is Yándū (not dōu); 溱 in 溱东/溱潼 is qín; 圩 (polder) in northern Jiangsu names is wéi, not the southern
 * market-town reading xū.
 */
const PLACE_NAME_READINGS: Record<string, string> = {
  盐都: 'yán dū',
  新都: 'xīn dū',
  溱: 'qín',
  圩: 'wéi',
};

export function makePinyin(srcDir: string): (name: string) => string {
  // Resolve as if from a file inside srcDir, so Node finds srcDir/pinyin-pro.
  const requireFromSrc = createRequire(join(srcDir, 'resolve-anchor.js'));
  const lib = requireFromSrc('pinyin-pro') as PinyinPro;
  lib.customPinyin(PLACE_NAME_READINGS);
  // v: true writes ü as "v" (lvhua, not lühua) — the convention of pinyin keyboards, so users can type it.
  return (name) =>
    lib
      .pinyin(name, { toneType: 'none', type: 'array', v: true })
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
}
