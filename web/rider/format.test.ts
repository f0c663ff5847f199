import { describe, expect, it } from 'vitest';
import { isoShanghai, nearbyQuery, searchTowns, type Town } from './data.ts';
import { compass, formatDistance, formatWhen, openStateText } from './format.ts';

// 2026-05-20 is a Wednesday; 20:30 Beijing time = 12:30 UTC
const NOW = new Date('2026-05-20T12:30:00Z');

describe('open state text', () => {
  it('says when an open station closes today', () => {
    expect(openStateText(true, '2026-05-20T22:00:00+08:00', NOW, 'zh-CN')).toBe('营业中 · 22:00 关门');
    expect(openStateText(true, '2026-05-20T22:00:00+08:00', NOW, 'en')).toBe('Open · closes 22:00');
  });

  it('says 明天 for a closed station opening after Beijing midnight, whatever the offset written', () => {
    expect(openStateText(false, '2026-05-21T08:00:00+08:00', NOW, 'zh-CN')).toBe('已关闭 · 明天 08:00 开门');
    // the same instant in UTC: still tomorrow 08:00 in Beijing
    expect(openStateText(false, '2026-05-21T00:00:00Z', NOW, 'en')).toBe('Closed · opens tomorrow 08:00');
  });

  it('names the weekday within a week and the date beyond', () => {
    expect(formatWhen('2026-05-25T08:30:00+08:00', NOW, 'zh-CN')).toBe('周一 08:30');
    expect(formatWhen('2026-05-25T08:30:00+08:00', NOW, 'en')).toBe('Mon 08:30');
    expect(formatWhen('2026-06-02T08:30:00+08:00', NOW, 'zh-CN')).toBe('6月2日 08:30');
  });

  it('24/7 (no next change) and never-again', () => {
    expect(openStateText(true, null, NOW, 'zh-CN')).toBe('营业中 · 24小时营业');
    expect(openStateText(false, null, NOW, 'en')).toBe('Closed · no upcoming hours');
  });

  it('late-night: 23:50 Beijing is still "today" even though UTC already moved on', () => {
    const late = new Date('2026-05-20T15:50:00Z'); // 23:50 Beijing
    expect(formatWhen('2026-05-21T00:30:00+08:00', late, 'zh-CN')).toBe('明天 00:30');
  });
});

describe('distance and direction', () => {
  it('metres below 1 km, one decimal below 10 km, whole km beyond', () => {
    expect(formatDistance(501, 'zh-CN')).toBe('501 米');
    expect(formatDistance(1349, 'en')).toBe('1.3 km');
    expect(formatDistance(12_400, 'zh-CN')).toBe('12 公里');
  });

  it('eight compass points, wrapping at north', () => {
    expect(compass(0, 'zh-CN')).toBe('北');
    expect(compass(359, 'en')).toBe('N');
    expect(compass(135, 'zh-CN')).toBe('东南');
    expect(compass(-90, 'en')).toBe('W');
  });
});

describe('nearby query', () => {
  const place = { kind: 'gps' as const, lng: 120.16137, lat: 33.34795, accuracy_m: 20 };

  it('sends the page clock as open_at in Beijing time when only open stations are wanted', () => {
    expect(isoShanghai(NOW)).toBe('2026-05-20T20:30:00+08:00');
    const q = nearbyQuery(place, { amenities: ['water', 'charging'], allDay: false, openOnly: true }, NOW);
    expect(q).toEqual({ lng: '120.161370', lat: '33.347950', limit: '5', amenity: 'water,charging', open_at: '2026-05-20T20:30:00+08:00' });
  });

  it('the page clock but no filtering without 仅显示营业中; a wider pool for the client-side 24 h filter', () => {
    const q = nearbyQuery(place, { amenities: [], allDay: true, openOnly: false }, NOW);
    expect(q).toEqual({ lng: '120.161370', lat: '33.347950', limit: '50', open_at: '2026-05-20T20:30:00+08:00', open_only: 'false' });
  });
});

describe('town search', () => {
  const towns: Town[] = [
    { code: '320903001', name: '盐渎街道', pinyin: 'yandujiedao', lng: 120.1, lat: 33.3 },
    { code: '320903100', name: '伍佑街道', pinyin: 'wuyoujiedao', lng: 120.2, lat: 33.2 },
    { code: '320902100', name: '南洋镇', pinyin: 'nanyangzhen', lng: 120.3, lat: 33.4 },
  ];

  it('finds by pinyin prefix, ignoring case and spaces', () => {
    expect(searchTowns(towns, 'wuyou').map((t) => t.name)).toEqual(['伍佑街道']);
    expect(searchTowns(towns, 'Wu You').map((t) => t.name)).toEqual(['伍佑街道']);
  });

  it('finds by characters anywhere in the name', () => {
    expect(searchTowns(towns, '伍佑').map((t) => t.name)).toEqual(['伍佑街道']);
    expect(searchTowns(towns, '街道').map((t) => t.name).sort()).toEqual(['伍佑街道', '盐渎街道'].sort());
  });

  it('prefix matches rank before inner ones; nothing for blank input', () => {
    expect(searchTowns(towns, 'yang').map((t) => t.name)).toEqual(['南洋镇']);
    expect(searchTowns(towns, '   ')).toEqual([]);
  });
});
