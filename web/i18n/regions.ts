/**
 * English names of regions. The API carries Chinese names and toneless pinyin ("tinghuqu", ü as "v"); the
 * county-level units have established English names, and towns get their pinyin with the unit spelled out.
 */
const COUNTY_EN: Record<string, string> = {
  '320900': 'Yancheng',
  '320902': 'Tinghu District',
  '320903': 'Yandu District',
  '320904': 'Dafeng District',
  '320921': 'Xiangshui County',
  '320922': 'Binhai County',
  '320923': 'Funing County',
  '320924': 'Sheyang County',
  '320925': 'Jianhu County',
  '320981': 'Dongtai City',
  '320971': 'Yancheng Economic Development Zone',
};

/** Longest first, so "jiedao" wins over a shorter ending. */
const TOWN_SUFFIXES: readonly [string, string][] = [
  ['chanyeyuan', 'Industrial Park'],
  ['kaifaqu', 'Development Zone'],
  ['jiedao', 'Subdistrict'],
  ['xinqu', 'New Area'],
  ['zhen', 'Town'],
  ['xiang', 'Township'],
];

const cap = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export function regionNameEn(code: string, name: string, pinyin: string | null): string {
  const known = COUNTY_EN[code];
  if (known) return known;
  if (!pinyin) return name;
  const p = pinyin.toLowerCase().replace(/v/g, 'ü');
  for (const [suffix, unit] of TOWN_SUFFIXES) {
    if (p.length > suffix.length && p.endsWith(suffix)) return `${cap(p.slice(0, -suffix.length))} ${unit}`;
  }
  return cap(p);
}

/** Chinese short forms where the full name is too long for a map label (盐城经济技术开发区 → 盐城经开区). */
const SHORT_ZH: Record<string, string> = { '320971': '盐城经开区' };

export function regionLabelZh(code: string, name: string): string {
  return SHORT_ZH[code] ?? name;
}
