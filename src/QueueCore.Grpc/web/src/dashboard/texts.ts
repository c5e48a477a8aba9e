// The dashboard's own words in the hall's language (HallSnapshot.language), as the other pages write: English, simplified
// or traditional Chinese. The hall's names (items, classes, windows) come as the hall writes them.
import { AlertKind, type Alert } from '../gen/queuecore/v1/dashboard_pb';
import { WindowState } from '../gen/queuecore/v1/common_pb';
import type { Script } from '../shared/language';

export interface DashboardTexts {
  login: string;
  title: string;
  live: string;
  connecting: string;
  reconnecting: string;
  dayClosed: string;
  waiting: string;
  longestWait: string;
  /** A wait: "4 min", "1 h 05 min", "4分钟". */
  duration: (hours: number, minutes: number) => string;
  /** The mean wait of the tickets called today (HallFigures.mean_wait). */
  meanWait: string;
  windows: string;
  /** "3 open · 2 busy · 1 paused". */
  windowsLine: (open: number, busy: number, paused: number) => string;
  served: string;
  rating: string;
  /** "4.5 (12 ratings)", or that there is none. */
  ratingLine: (average: number, count: number) => string;
  alerts: string;
  noAlerts: string;
  /** The alert as a manager reads it; the server's English words otherwise. */
  alert: (alert: Alert, service: string, windowName: string) => string;
  services: string;
  service: string;
  inLine: string;
  byClass: string;
  window: string;
  /** A window in a sentence: "Window 5 (Passport desk)", "5号窗口（护照）"; the name only when it says more than the number. */
  windowNamed: (window: number, name: string) => string;
  state: (state: WindowState) => string;
  ticket: string;
  clerk: string;
  queue: string;
  none: string;
  cannotReach: string;
}

const minutesOf = (d: { seconds: bigint } | undefined): string => `${Math.round(Number(d?.seconds ?? 0n) / 60)}`;

const en: DashboardTexts = {
  login: 'Dashboard', title: 'Dashboard', live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…',
  dayClosed: 'The hall\'s day is closed.',
  waiting: 'Waiting', longestWait: 'Longest wait', meanWait: 'Average wait',
  duration: (hours, minutes) => (hours === 0 ? `${minutes} min` : `${hours} h ${String(minutes).padStart(2, '0')} min`),
  windows: 'Windows',
  windowsLine: (open, busy, paused) => `${open} open · ${busy} busy · ${paused} paused`,
  served: 'Served today', rating: 'Average rating',
  ratingLine: (average, count) => (count === 0 ? 'no rating yet' : `${average.toFixed(1)} (${count} ${count === 1 ? 'rating' : 'ratings'})`),
  alerts: 'Alerts', noAlerts: 'No alert.',
  alert: (a) => a.text,
  services: 'Waiting per service', service: 'Service', inLine: 'In line', byClass: 'By class',
  window: 'Window',
  windowNamed: (w, name) => (name ? `Window ${w} (${name})` : `Window ${w}`),
  state: (s) => ({ [WindowState.CLOSED]: 'Closed', [WindowState.IDLE]: 'Idle', [WindowState.CALLING]: 'Calling', [WindowState.SERVING]: 'Serving', [WindowState.PAUSED]: 'Paused' } as Record<number, string>)[s] ?? '',
  ticket: 'Ticket', clerk: 'Clerk', queue: 'Queue', none: '—',
  cannotReach: 'Cannot reach the server. Trying again by itself; the figures shown may be out of date.',
};

function zhAlert(a: Alert, service: string, windowName: string, traditional: boolean): string {
  const w = (s: string, t: string) => (traditional ? t : s);
  switch (a.kind) {
    case AlertKind.WAIT_LIMIT: return w(`${a.number}号等候已超过${minutesOf(a.limit)}分钟（${service}）`, `${a.number}號等候已超過${minutesOf(a.limit)}分鐘（${service}）`);
    // How many wait, as the English text says (a server from before Alert.waiting sends 0: the sentence without it).
    case AlertKind.QUEUE_LENGTH: return a.waiting > 0
      ? w(`${service}排队人数已达预警（${a.waiting}人等候）`, `${service}排隊人數已達預警（${a.waiting}人等候）`)
      : w(`${service}排队人数已达预警`, `${service}排隊人數已達預警`);
    case AlertKind.SERVICE_TIME: return w(`${windowName}办理${a.number}号已超过${minutesOf(a.limit)}分钟`, `${windowName}辦理${a.number}號已超過${minutesOf(a.limit)}分鐘`);
    case AlertKind.WINDOW_IDLE: return w(`${windowName}空闲已超过${minutesOf(a.limit)}分钟，仍有人等候`, `${windowName}空閒已超過${minutesOf(a.limit)}分鐘，仍有人等候`);
    default: return a.text;
  }
}

const zhStates = (traditional: boolean): Record<number, string> => ({
  [WindowState.CLOSED]: traditional ? '已關閉' : '已关闭', [WindowState.IDLE]: traditional ? '空閒' : '空闲',
  [WindowState.CALLING]: traditional ? '叫號中' : '叫号中', [WindowState.SERVING]: traditional ? '辦理中' : '办理中',
  [WindowState.PAUSED]: traditional ? '暫停' : '暂停',
});

const zh: DashboardTexts = {
  login: '大厅管理看板', title: '大厅管理看板', live: '在线', connecting: '正在连接…', reconnecting: '正在重新连接…',
  dayClosed: '大厅今日已关闭。',
  waiting: '等候人数', longestWait: '最长等候', meanWait: '平均等候',
  duration: (hours, minutes) => (hours === 0 ? `${minutes}分钟` : `${hours}小时${String(minutes).padStart(2, '0')}分钟`),
  windows: '窗口',
  windowsLine: (open, busy, paused) => `开放${open} · 忙碌${busy} · 暂停${paused}`,
  served: '今日办结', rating: '平均评价',
  ratingLine: (average, count) => (count === 0 ? '尚无评价' : `${average.toFixed(1)}（${count}条评价）`),
  alerts: '预警', noAlerts: '无预警。',
  alert: (a, service, windowName) => zhAlert(a, service, windowName, false),
  services: '各业务等候', service: '业务', inLine: '排队', byClass: '按类别',
  window: '窗口',
  windowNamed: (w, name) => (name ? `${w}号窗口（${name}）` : `${w}号窗口`),
  state: (s) => zhStates(false)[s] ?? '',
  ticket: '号码', clerk: '工号', queue: '队列', none: '—',
  cannotReach: '无法连接服务器，正在自动重试；所显示的数据可能已过时。',
};

const zhHant: DashboardTexts = {
  login: '大廳管理看板', title: '大廳管理看板', live: '在線', connecting: '正在連接…', reconnecting: '正在重新連接…',
  dayClosed: '大廳今日已關閉。',
  waiting: '等候人數', longestWait: '最長等候', meanWait: '平均等候',
  duration: (hours, minutes) => (hours === 0 ? `${minutes}分鐘` : `${hours}小時${String(minutes).padStart(2, '0')}分鐘`),
  windows: '窗口',
  windowsLine: (open, busy, paused) => `開放${open} · 忙碌${busy} · 暫停${paused}`,
  served: '今日辦結', rating: '平均評價',
  ratingLine: (average, count) => (count === 0 ? '尚無評價' : `${average.toFixed(1)}（${count}條評價）`),
  alerts: '預警', noAlerts: '無預警。',
  alert: (a, service, windowName) => zhAlert(a, service, windowName, true),
  services: '各業務等候', service: '業務', inLine: '排隊', byClass: '按類別',
  window: '窗口',
  windowNamed: (w, name) => (name ? `${w}號窗口（${name}）` : `${w}號窗口`),
  state: (s) => zhStates(true)[s] ?? '',
  ticket: '號碼', clerk: '工號', queue: '隊列', none: '—',
  cannotReach: '無法連接伺服器，正在自動重試；所顯示的數據可能已過時。',
};

export const dashboardTexts: Record<Script, DashboardTexts> = { en, zh, zhHant };
