// The terminal's own words in the hall's language (WindowInfo.language), as the kiosk and the screens write and speak:
// English, simplified or traditional Chinese. The hall's names (items, classes, windows) and the server's sentences
// for refusals it reports with no kind the terminal knows come as the hall and the server write them. The keyboard
// shortcuts are the same keys in every language.
import { QueueReason, TicketState, WindowState } from '../gen/queuecore/v1/common_pb';
import type { Script } from '../shared/language';
import type { Refusals } from '../shared/refusals';

export interface TerminalTexts {
  window: (n: number) => string;
  login: (n: number) => string;
  logOut: string;
  /** The keys, by their ids. */
  keys: Record<'call-next' | 'next' | 'recall' | 'start' | 'finish' | 'no-show' | 'cancel' | 'finish-pause' | 'no-show-pause' | 'transfer' | 'park' | 'open' | 'pause' | 'resume' | 'close', string>;
  reasons: Record<number, string>;
  windowStates: Record<number, string>;
  ticketStates: Record<number, string>;
  /** The window's state in a sentence ("not possible while the window is ..."), by WindowState. */
  stateWords: Record<number, string>;
  loading: string;
  /** "serving (A001)"; also a state with its reason: "Paused (lunch)". */
  stateWith: (state: string, number: string) => string;
  notPossible: (key: string, state: string) => string;
  called: (n: string) => string;
  recalled: (n: string) => string;
  serving: (n: string) => string;
  goesOn: (n: string, service: string) => string;
  finished: (n: string) => string;
  noShow: (n: string) => string;
  /** What ended the ticket, then the pause: "Finished A001; window paused.". */
  paused: (said: string) => string;
  finishedCalledAgain: (n: string, item: string, service: string) => string;
  finishedNothingWaits: (n: string) => string;
  finishedCalled: (n: string, next: string) => string;
  theTicket: string;
  noTicket: string;
  kept: (n: string) => string;
  cancelled: (n: string) => string;
  cancelQuestion: (n: string) => string;
  cancelConfirm: (n: string) => string;
  keep: string;
  cancelReason: string;
  cancelReasonName: string;
  transferred: (n: string, target: string) => string;
  windowTarget: (w: number) => string;
  /** Every transfer target is off (one item, no other window open). */
  nowhereToTransfer: (n: string) => string;
  parked: (n: string, minutes: number) => string;
  cannotParkNow: (by: string) => string;
  parkTooLong: (by: string, most: number, typed: number) => string;
  midnight: string;
  tomorrow: (time: string) => string;
  noParkNow: (by: string) => string;
  parkAtMost: (most: number, by: string) => string;
  opened: (w: number, state: string) => string;
  windowPaused: string;
  windowResumed: string;
  windowClosed: string;
  resumed: (n: string) => string;
  notWhole: (what: string, min: number, typed: string) => string;
  parkMinutesName: string;
  clerkNumberName: string;
  atTheWindow: string;
  transferTo: string;
  parkReason: string;
  minutesName: string;
  min: string;
  windowSection: string;
  clerk: string;
  auto: string;
  pauseReason: string;
  pauseReasonName: string;
  today: string;
  parkedSection: string;
  queue: string;
  /** The queue's columns after '#': ticket, item, class, waited, why here. */
  columns: [string, string, string, string, string];
  shortcuts: string;
  service: string;
  none: string;
  served: string;
  meanWait: string;
  meanHandling: string;
  ratings: string;
  ratingsMean: (count: number, mean: string) => string;
  queueLength: string;
  waiting: (count: number) => string;
  callableAt: (time: string) => string;
  removed: string;
  call: string;
  callNow: (n: string) => string;
  duration: (hours: number, minutes: number) => string;
  windowRemoved: (w: number) => string;
  hallRemoved: string;
  keysOff: (what: string, detail: string) => string;
  cannotReach: (detail: string) => string;
  tryingAgain: (sentence: string) => string;
  /** Refusals said by their kind (ErrorInfo.reason); the others in the server's sentence. */
  refusals: Refusals;
}

const en: TerminalTexts = {
  window: (n) => `Window ${n}`,
  login: (n) => `Window ${n} · log in`,
  logOut: 'Log out',
  keys: {
    'call-next': 'Call next', next: 'Finish + next', recall: 'Recall', start: 'Start', finish: 'Finish item', 'no-show': 'No-show',
    cancel: 'Cancel ticket', 'finish-pause': 'Finish + break', 'no-show-pause': 'No-show + break', transfer: 'Transfer', park: 'Park',
    open: 'Open', pause: 'Pause', resume: 'Resume', close: 'Close',
  },
  reasons: {
    [QueueReason.OVERDUE]: 'waited past the hall\'s longest wait: before any class',
    [QueueReason.OWN_QUEUE]: 'sent to this window (transfer, park or push)',
    [QueueReason.DEDICATED]: 'the class this window is dedicated to',
    [QueueReason.INTERLEAVE]: 'a normal ticket\'s turn between priority calls',
    [QueueReason.PRIMARY]: 'one of this window\'s primary items',
    [QueueReason.OVERFLOW]: 'overflow item, its delay has passed',
    [QueueReason.OVERFLOW_LATER]: 'overflow item, callable later',
    [QueueReason.WAITING]: 'waiting',
  },
  windowStates: {
    [WindowState.CLOSED]: 'Closed', [WindowState.IDLE]: 'Open, idle', [WindowState.CALLING]: 'Calling',
    [WindowState.SERVING]: 'Serving', [WindowState.PAUSED]: 'Paused', [WindowState.UNSPECIFIED]: '…',
  },
  ticketStates: {
    [TicketState.WAITING]: 'waiting', [TicketState.CALLED]: 'called', [TicketState.SERVING]: 'being served',
    [TicketState.PARKED]: 'parked', [TicketState.COMPLETED]: 'finished', [TicketState.NO_SHOW]: 'no-show', [TicketState.CANCELLED]: 'cancelled',
  },
  stateWords: { [WindowState.CLOSED]: 'closed', [WindowState.IDLE]: 'idle', [WindowState.CALLING]: 'calling', [WindowState.SERVING]: 'serving', [WindowState.PAUSED]: 'paused' },
  loading: 'loading',
  stateWith: (state, number) => `${state} (${number})`,
  notPossible: (key, state) => `${key} is not possible while the window is ${state}.`,
  called: (n) => `Called ${n}.`,
  recalled: (n) => `Recalled ${n}.`,
  serving: (n) => `Serving ${n}.`,
  goesOn: (n, service) => `${n} goes on to ${service}.`,
  finished: (n) => `Finished ${n}.`,
  noShow: (n) => `${n}: no-show.`,
  paused: (said) => `${said.replace(/\.$/, '')}; window paused.`,
  finishedCalledAgain: (n, item, service) => `Finished ${n}'s ${item}; called ${n} again for ${service}.`,
  finishedNothingWaits: (n) => `Finished ${n}; nothing waits.`,
  finishedCalled: (n, next) => `Finished ${n}; called ${next}.`,
  theTicket: 'the ticket',
  noTicket: 'No ticket at the window.',
  kept: (n) => `${n} kept.`,
  cancelled: (n) => `${n} cancelled.`,
  cancelQuestion: (n) => `Cancel ticket ${n}? It leaves the queue for good.`,
  cancelConfirm: (n) => `Cancel ${n}`,
  keep: 'Keep it',
  cancelReason: 'reason (optional)',
  cancelReasonName: 'Reason for cancelling',
  transferred: (n, target) => `${n} transferred to ${target}.`,
  windowTarget: (w) => `window ${w}`,
  nowhereToTransfer: (n) => `There is nowhere to transfer ${n} to: no other item, and no other window open.`,
  parked: (n, minutes) => `${n} parked for ${minutes} min.`,
  cannotParkNow: (by) => `This ticket cannot be parked now: a parked ticket must be back by ${by} (hall time).`,
  parkTooLong: (by, most, typed) => `A ticket parked now must be back by ${by} (hall time): at most ${most} min, not ${typed}.`,
  midnight: 'midnight',
  tomorrow: (time) => `tomorrow ${time}`,
  noParkNow: (by) => `no park now (back by ${by})`,
  parkAtMost: (most, by) => `at most ${most} min (back by ${by})`,
  opened: (w, state) => `Window ${w} open (${state}).`,
  windowPaused: 'Window paused.',
  windowResumed: 'Window resumed.',
  windowClosed: 'Window closed.',
  resumed: (n) => `${n} resumed.`,
  notWhole: (what, min, typed) => `${what} must be a whole number from ${min}; it is ${typed || 'not a number'}.`,
  parkMinutesName: 'the minutes to park for',
  clerkNumberName: 'the clerk number',
  atTheWindow: 'At the window',
  transferTo: 'Transfer to',
  parkReason: 'reason, e.g. fetching a document',
  minutesName: 'minutes',
  min: 'min',
  windowSection: 'Window',
  clerk: 'Clerk no.',
  auto: 'auto',
  pauseReason: 'pause reason',
  pauseReasonName: 'Pause reason',
  today: 'Today',
  parkedSection: 'Parked',
  queue: 'Queue in call order',
  columns: ['Ticket', 'Item', 'Class', 'Waited', 'Why here'],
  shortcuts: 'Shortcuts work when no field has the focus:',
  service: 'Service',
  none: 'none',
  served: 'Served',
  meanWait: 'Mean wait',
  meanHandling: 'Mean handling',
  ratings: 'Ratings',
  ratingsMean: (count, mean) => `${count} (mean ${mean})`,
  queueLength: 'Queue',
  waiting: (count) => `(${count} waiting)`,
  callableAt: (time) => ` at ${time}`,
  removed: 'Removed',
  call: 'Call',
  callNow: (n) => `Call ${n} now`,
  duration: (hours, minutes) => (hours === 0 ? `${minutes} min` : `${hours} h ${String(minutes).padStart(2, '0')} min`),
  windowRemoved: (w) => `Window ${w} was removed from this hall`,
  hallRemoved: 'This hall was removed',
  keysOff: (what, detail) => `${what} (${detail}). Its keys are off; trying again by itself.`,
  cannotReach: (detail) => `Cannot reach the server (${detail}). Trying again by itself; what is shown may be out of date.`,
  tryingAgain: (sentence) => `${sentence}. Trying again by itself; what is shown may be out of date.`,
  refusals: {}, // the server writes in English: its sentences as they are
};

const zh: TerminalTexts = {
  window: (n) => `${n}号窗口`,
  login: (n) => `${n}号窗口 · 登录`,
  logOut: '退出登录',
  keys: {
    'call-next': '叫号', next: '办结并叫下一位', recall: '重呼', start: '开始办理', finish: '办结事项', 'no-show': '未到',
    cancel: '取消号', 'finish-pause': '办结并暂停', 'no-show-pause': '未到并暂停', transfer: '转移', park: '挂起',
    open: '开窗', pause: '暂停', resume: '恢复', close: '关窗',
  },
  reasons: {
    [QueueReason.OVERDUE]: '超过大厅最长等候时间：先于所有类别',
    [QueueReason.OWN_QUEUE]: '转给本窗口（转移、挂起或推送）',
    [QueueReason.DEDICATED]: '本窗口专门办理的类别',
    [QueueReason.INTERLEAVE]: '优先号之间轮到的普通号',
    [QueueReason.PRIMARY]: '本窗口的主办事项',
    [QueueReason.OVERFLOW]: '溢出事项，延时已过',
    [QueueReason.OVERFLOW_LATER]: '溢出事项，稍后可叫',
    [QueueReason.WAITING]: '等候',
  },
  windowStates: {
    [WindowState.CLOSED]: '关闭', [WindowState.IDLE]: '开放，空闲', [WindowState.CALLING]: '叫号中',
    [WindowState.SERVING]: '办理中', [WindowState.PAUSED]: '暂停', [WindowState.UNSPECIFIED]: '…',
  },
  ticketStates: {
    [TicketState.WAITING]: '等候', [TicketState.CALLED]: '已叫号', [TicketState.SERVING]: '办理中',
    [TicketState.PARKED]: '挂起', [TicketState.COMPLETED]: '已办结', [TicketState.NO_SHOW]: '未到', [TicketState.CANCELLED]: '已取消',
  },
  stateWords: { [WindowState.CLOSED]: '已关闭', [WindowState.IDLE]: '空闲', [WindowState.CALLING]: '叫号中', [WindowState.SERVING]: '办理中', [WindowState.PAUSED]: '已暂停' },
  loading: '加载中',
  stateWith: (state, number) => `${state}（${number}）`,
  notPossible: (key, state) => `${key}不可用：窗口${state}。`,
  called: (n) => `已叫${n}。`,
  recalled: (n) => `已重呼${n}。`,
  serving: (n) => `正在办理${n}。`,
  goesOn: (n, service) => `${n}转到下一事项：${service}。`,
  finished: (n) => `${n}已办结。`,
  noShow: (n) => `${n}：未到。`,
  paused: (said) => `${said.replace(/。$/, '')}；窗口已暂停。`,
  finishedCalledAgain: (n, item, service) => `${n}的${item}已办结；再次叫${n}办理${service}。`,
  finishedNothingWaits: (n) => `${n}已办结；没有等候的号。`,
  finishedCalled: (n, next) => `${n}已办结；已叫${next}。`,
  theTicket: '该号',
  noTicket: '窗口没有号。',
  kept: (n) => `${n}已保留。`,
  cancelled: (n) => `${n}已取消。`,
  cancelQuestion: (n) => `取消${n}号？该号将永久离开队列。`,
  cancelConfirm: (n) => `取消${n}`,
  keep: '保留',
  cancelReason: '原因（选填）',
  cancelReasonName: '取消原因',
  transferred: (n, target) => `${n}已转到${target}。`,
  windowTarget: (w) => `${w}号窗口`,
  nowhereToTransfer: (n) => `${n}无处可转：没有其他事项，也没有其他开放的窗口。`,
  parked: (n, minutes) => `${n}已挂起${minutes}分钟。`,
  cannotParkNow: (by) => `该号现在不能挂起：挂起的号须在${by}（大厅时间）前回来。`,
  parkTooLong: (by, most, typed) => `现在挂起的号须在${by}（大厅时间）前回来：最多${most}分钟，不能${typed}分钟。`,
  midnight: '午夜',
  tomorrow: (time) => `明天${time}`,
  noParkNow: (by) => `现在不能挂起（须在${by}前回来）`,
  parkAtMost: (most, by) => `最多${most}分钟（须在${by}前回来）`,
  opened: (w, state) => `${w}号窗口已开放（${state}）。`,
  windowPaused: '窗口已暂停。',
  windowResumed: '窗口已恢复。',
  windowClosed: '窗口已关闭。',
  resumed: (n) => `${n}已恢复。`,
  notWhole: (what, min, typed) => `${what}须为不小于${min}的整数；现在是${typed || '非数字'}。`,
  parkMinutesName: '挂起分钟数',
  clerkNumberName: '工号',
  atTheWindow: '窗口当前',
  transferTo: '转移到',
  parkReason: '原因，如：取材料',
  minutesName: '分钟',
  min: '分钟',
  windowSection: '窗口',
  clerk: '工号',
  auto: '自动',
  pauseReason: '暂停原因',
  pauseReasonName: '暂停原因',
  today: '今日',
  parkedSection: '挂起的号',
  queue: '叫号顺序',
  columns: ['号码', '事项', '类别', '已等', '排在此处的原因'],
  shortcuts: '没有输入框获得焦点时可用快捷键：',
  service: '事项',
  none: '无',
  served: '已办理',
  meanWait: '平均等候',
  meanHandling: '平均办理',
  ratings: '评价',
  ratingsMean: (count, mean) => `${count}（平均${mean}）`,
  queueLength: '排队',
  waiting: (count) => `（${count}人等候）`,
  callableAt: (time) => `，${time}起`,
  removed: '已移除',
  call: '叫号',
  callNow: (n) => `现在叫${n}`,
  duration: (hours, minutes) => (hours === 0 ? `${minutes}分钟` : `${hours}小时${String(minutes).padStart(2, '0')}分钟`),
  windowRemoved: (w) => `${w}号窗口已从本大厅移除`,
  hallRemoved: '本大厅已被移除',
  // Without the detail: the server's and the browser's words are English ("failed to fetch"); they stay in the title.
  keysOff: (what) => `${what}。按键已停用；正在自动重试。`,
  cannotReach: () => '无法连接服务器。正在自动重试；显示的内容可能已过时。',
  tryingAgain: (sentence) => `${sentence}。正在自动重试；显示的内容可能已过时。`,
  refusals: {
    NothingWaiting: '没有本窗口可以办理的等候号。',
    WindowNotOpen: '本窗口未开放（已关闭或暂停）。',
    WindowWrongState: '窗口现在的状态不能执行此操作。',
    TicketWrongState: (s) => (/ has .+, not |has no ticket/.test(s) ? '窗口的号已变化（另一个键盘或之前的按键已处理该号）：请看现在显示的号。' : '该号现在的状态不能执行此操作。'),
    NotEligible: '本窗口不能办理：该号的事项不在其技能内，或该号不属于本窗口。',
    ClerkBusy: '该工号已在另一个窗口登录。',
    Closed: '大厅今日未开门，或该事项不在办理时间内。',
    DayWrongState: '大厅今日的营业状态不能执行此操作。',
    LimitReached: (s) => (/recall/i.test(s) ? '该号已达重呼次数上限：请标记为未到。' : undefined),
  },
};

const zhHant: TerminalTexts = {
  ...zh,
  window: (n) => `${n}號窗口`,
  login: (n) => `${n}號窗口 · 登入`,
  logOut: '登出',
  keys: {
    'call-next': '叫號', next: '辦結並叫下一位', recall: '重呼', start: '開始辦理', finish: '辦結事項', 'no-show': '未到',
    cancel: '取消號', 'finish-pause': '辦結並暫停', 'no-show-pause': '未到並暫停', transfer: '轉移', park: '掛起',
    open: '開窗', pause: '暫停', resume: '恢復', close: '關窗',
  },
  reasons: {
    [QueueReason.OVERDUE]: '超過大廳最長等候時間：先於所有類別',
    [QueueReason.OWN_QUEUE]: '轉給本窗口（轉移、掛起或推送）',
    [QueueReason.DEDICATED]: '本窗口專門辦理的類別',
    [QueueReason.INTERLEAVE]: '優先號之間輪到的普通號',
    [QueueReason.PRIMARY]: '本窗口的主辦事項',
    [QueueReason.OVERFLOW]: '溢出事項，延時已過',
    [QueueReason.OVERFLOW_LATER]: '溢出事項，稍後可叫',
    [QueueReason.WAITING]: '等候',
  },
  windowStates: {
    [WindowState.CLOSED]: '關閉', [WindowState.IDLE]: '開放，空閒', [WindowState.CALLING]: '叫號中',
    [WindowState.SERVING]: '辦理中', [WindowState.PAUSED]: '暫停', [WindowState.UNSPECIFIED]: '…',
  },
  ticketStates: {
    [TicketState.WAITING]: '等候', [TicketState.CALLED]: '已叫號', [TicketState.SERVING]: '辦理中',
    [TicketState.PARKED]: '掛起', [TicketState.COMPLETED]: '已辦結', [TicketState.NO_SHOW]: '未到', [TicketState.CANCELLED]: '已取消',
  },
  stateWords: { [WindowState.CLOSED]: '已關閉', [WindowState.IDLE]: '空閒', [WindowState.CALLING]: '叫號中', [WindowState.SERVING]: '辦理中', [WindowState.PAUSED]: '已暫停' },
  loading: '載入中',
  called: (n) => `已叫${n}。`,
  serving: (n) => `正在辦理${n}。`,
  goesOn: (n, service) => `${n}轉到下一事項：${service}。`,
  finished: (n) => `${n}已辦結。`,
  paused: (said) => `${said.replace(/。$/, '')}；窗口已暫停。`,
  finishedCalledAgain: (n, item, service) => `${n}的${item}已辦結；再次叫${n}辦理${service}。`,
  finishedNothingWaits: (n) => `${n}已辦結；沒有等候的號。`,
  finishedCalled: (n, next) => `${n}已辦結；已叫${next}。`,
  theTicket: '該號',
  noTicket: '窗口沒有號。',
  cancelQuestion: (n) => `取消${n}號？該號將永久離開隊列。`,
  keep: '保留',
  cancelReason: '原因（選填）',
  cancelReasonName: '取消原因',
  transferred: (n, target) => `${n}已轉到${target}。`,
  windowTarget: (w) => `${w}號窗口`,
  nowhereToTransfer: (n) => `${n}無處可轉：沒有其他事項，也沒有其他開放的窗口。`,
  parked: (n, minutes) => `${n}已掛起${minutes}分鐘。`,
  cannotParkNow: (by) => `該號現在不能掛起：掛起的號須在${by}（大廳時間）前回來。`,
  parkTooLong: (by, most, typed) => `現在掛起的號須在${by}（大廳時間）前回來：最多${most}分鐘，不能${typed}分鐘。`,
  tomorrow: (time) => `明天${time}`,
  noParkNow: (by) => `現在不能掛起（須在${by}前回來）`,
  parkAtMost: (most, by) => `最多${most}分鐘（須在${by}前回來）`,
  opened: (w, state) => `${w}號窗口已開放（${state}）。`,
  windowPaused: '窗口已暫停。',
  windowClosed: '窗口已關閉。',
  notWhole: (what, min, typed) => `${what}須為不小於${min}的整數；現在是${typed || '非數字'}。`,
  parkMinutesName: '掛起分鐘數',
  clerkNumberName: '工號',
  parkReason: '原因，如：取材料',
  minutesName: '分鐘',
  min: '分鐘',
  clerk: '工號',
  auto: '自動',
  pauseReason: '暫停原因',
  pauseReasonName: '暫停原因',
  parkedSection: '掛起的號',
  queue: '叫號順序',
  columns: ['號碼', '事項', '類別', '已等', '排在此處的原因'],
  shortcuts: '沒有輸入框獲得焦點時可用快捷鍵：',
  service: '事項',
  served: '已辦理',
  meanHandling: '平均辦理',
  ratings: '評價',
  queueLength: '排隊',
  removed: '已移除',
  call: '叫號',
  callNow: (n) => `現在叫${n}`,
  duration: (hours, minutes) => (hours === 0 ? `${minutes}分鐘` : `${hours}小時${String(minutes).padStart(2, '0')}分鐘`),
  windowRemoved: (w) => `${w}號窗口已從本大廳移除`,
  hallRemoved: '本大廳已被移除',
  keysOff: (what) => `${what}。按鍵已停用；正在自動重試。`,
  cannotReach: () => '無法連接伺服器。正在自動重試；顯示的內容可能已過時。',
  tryingAgain: (sentence) => `${sentence}。正在自動重試；顯示的內容可能已過時。`,
  refusals: {
    NothingWaiting: '沒有本窗口可以辦理的等候號。',
    WindowNotOpen: '本窗口未開放（已關閉或暫停）。',
    WindowWrongState: '窗口現在的狀態不能執行此操作。',
    TicketWrongState: (s) => (/ has .+, not |has no ticket/.test(s) ? '窗口的號已變化（另一個鍵盤或之前的按鍵已處理該號）：請看現在顯示的號。' : '該號現在的狀態不能執行此操作。'),
    NotEligible: '本窗口不能辦理：該號的事項不在其技能內，或該號不屬於本窗口。',
    ClerkBusy: '該工號已在另一個窗口登入。',
    Closed: '大廳今日未開門，或該事項不在辦理時間內。',
    DayWrongState: '大廳今日的營業狀態不能執行此操作。',
    LimitReached: (s) => (/recall/i.test(s) ? '該號已達重呼次數上限：請標記為未到。' : undefined),
  },
};

export const terminalTexts: Record<Script, TerminalTexts> = { en, zh, zhHant };
