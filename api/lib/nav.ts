import gcoord from 'gcoord';

/**
 * Navigation hand-off links for the rider's map apps, as web URIs: they open the installed app when there is one
 * and a web page otherwise, and they work inside WeChat, which blocks custom schemes (amapuri://, baidumap://).
 * Each app wants its own CRS and argument order — the trap this module exists for:
 *   Amap (高德)    GCJ-02, "lng,lat"   https://lbs.amap.com/api/uri-api/guide/travel/route
 *   Baidu (百度)   BD-09,  "lat,lng"   https://lbsyun.baidu.com/faq/api?title=webapi/uri/web
 *   Tencent (腾讯) GCJ-02, "lat,lng"   https://lbs.qq.com/webApi/uriV1/uriGuide/uriWebRoute
 * Our stored coordinates are WGS84; gcoord does the shift (it leaves points outside China unchanged).
 */

/** Identifies us to Baidu (src) and Tencent (referer); neither needs a key for URI hand-off. */
export const NAV_APP_ID = 'zhigong-yancheng';

export interface NavLinks {
  amap: string;
  baidu: string;
  tencent: string;
}

/** 6 decimals ≈ 0.1 m: finer is noise, coarser moves the pin. */
const fix6 = (x: number): string => x.toFixed(6);

export function toGcj02(lng: number, lat: number): [number, number] {
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02);
  return [x, y];
}

export function toBd09(lng: number, lat: number): [number, number] {
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09);
  return [x, y];
}

/** Links that route a rider (bicycle / e-bike mode) to a station at WGS84 lng/lat. */
export function navLinks(lng: number, lat: number, name: string): NavLinks {
  const [gLng, gLat] = toGcj02(lng, lat);
  const [bLng, bLat] = toBd09(lng, lat);
  const n = encodeURIComponent(name);
  return {
    amap:
      `https://uri.amap.com/navigation?to=${fix6(gLng)},${fix6(gLat)},${n}` +
      `&mode=ride&coordinate=gaode&callnative=1&src=${NAV_APP_ID}`,
    baidu:
      `https://api.map.baidu.com/direction?destination=${encodeURIComponent(`latlng:${fix6(bLat)},${fix6(bLng)}|name:${name}`)}` +
      `&coord_type=bd09ll&mode=riding&output=html&src=${encodeURIComponent(`webapp.${NAV_APP_ID}`)}`,
    tencent:
      `https://apis.map.qq.com/uri/v1/routeplan?type=bike&to=${n}&tocoord=${fix6(gLat)},${fix6(gLng)}` +
      `&referer=${NAV_APP_ID}`,
  };
}
