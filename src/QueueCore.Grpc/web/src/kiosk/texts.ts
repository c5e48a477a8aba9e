// The kiosk's own words in the hall's language (ServiceList.language), as its screens speak: English, simplified or
// traditional Chinese. The hall's names (items, categories, windows) and the server's sentences (an item's hours, a
// refusal) come as the hall and the server write them.
import type { Script } from '../shared/language';
import type { Refusals } from '../shared/refusals';

export interface KioskTexts {
  title: string;
  choose: string;
  closed: string;
  services: string;
  /** The search field over a long list of items: its placeholder, and what it says when nothing matches. */
  search: string;
  noMatch: string;
  aboutYou: string;
  age: string;
  disability: string;
  pregnant: string;
  keyEnterprise: string;
  appointment: string;
  code: string;
  bookedFor: string;
  take: string;
  capReached: string;
  capAppointments: string;
  notIssuing: string;
  nobody: string;
  waiting: (count: number) => string;
  lessThanMinute: string;
  about: (duration: string) => string;
  duration: (hours: number, minutes: number) => string;
  checkAge: string;
  /** An appointment code longer than any the server takes (64 UTF-16 units, as it counts). */
  checkCode: string;
  codeWithoutTime: string;
  timeWithoutCode: string;
  dailyCap: string;
  hallFull: string;
  busy: string;
  busyFor: (seconds: number) => string;
  cannotIssue: string;
  next: string;
  nextIn: (wait: string) => string;
  ahead: (count: number) => string;
  done: string;
  print: string;
  notOnTime: string;
  /** "Please go to window 5 now.", with the window's name after its number when it says more: "window 2 (Passport desk)". */
  goTo: (window: number, name: string) => string;
  watch: string;
  clocksForward: (typed: string, readAs: string) => string;
  clocksBack: (typed: string) => string;
  /** The staff login form's title. */
  login: string;
  /** Refusals said by their kind (ErrorInfo.reason); the others in the server's sentence. */
  refusals: Refusals;
}

const en: KioskTexts = {
  title: 'Ticket kiosk',
  choose: 'Choose everything you came for: one ticket for the whole visit.',
  closed: 'The hall is closed now.',
  services: 'Services',
  search: 'Search a service by name',
  noMatch: 'No service matches. Try another word, or clear the search.',
  aboutYou: 'About you (optional)',
  age: 'Age',
  disability: 'Disability',
  pregnant: 'Pregnant',
  keyEnterprise: 'Key enterprise',
  appointment: 'Appointment',
  code: 'Code',
  bookedFor: 'Booked for',
  take: 'Take ticket',
  capReached: 'No more tickets for it today.',
  capAppointments: 'Appointments booked for now are still served.',
  notIssuing: 'not issuing now',
  nobody: 'nobody waiting',
  waiting: (count) => `${count} waiting`,
  lessThanMinute: 'less than a minute',
  about: (duration) => `about ${duration}`,
  duration: (hours, minutes) => (hours === 0 ? `${minutes} min` : `${hours} h ${String(minutes).padStart(2, '0')} min`),
  checkAge: 'Please check the age you typed: a number up to 150, or leave it empty.',
  checkCode: 'Please check the appointment code you typed: it is too long to be one. Ask at the information desk if it is right.',
  codeWithoutTime: 'Please type the time your appointment is booked for, or leave the code empty.',
  timeWithoutCode: 'Please type your appointment\'s code too, or leave the time empty.',
  dailyCap: 'No more tickets for this service today. Please ask at the information desk.',
  hallFull: 'The hall is full just now. Please ask at the information desk.',
  busy: 'This kiosk is busy. Please wait a moment and try again.',
  busyFor: (seconds) => `This kiosk is busy. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
  cannotIssue: 'Tickets cannot be issued just now. Please try again in a moment, or ask at the information desk.',
  next: 'You are next.',
  nextIn: (wait) => `You are next, in ${wait}.`,
  ahead: (count) => `${count} ahead of you`,
  done: 'Done',
  print: 'Print',
  notOnTime: 'Checked in outside your appointment time: you queue as a walk-in.',
  goTo: (window, name) => `Please go to window ${window}${name ? ` (${name})` : ''} now.`,
  watch: 'Watch the screens: your number and window will be shown and called.',
  clocksForward: (typed, readAs) => `The hall's clocks go forward tonight: ${typed} is not on them, so your appointment is read as ${readAs}.`,
  clocksBack: (typed) => `The hall's clocks go back tonight and show ${typed} twice: your appointment is read as the second ${typed} (standard time).`,
  login: 'Kiosk · log in',
  refusals: {}, // the server writes in English: its sentences as they are
};

const zh: KioskTexts = {
  title: '取号机',
  choose: '请选择您要办理的全部事项：一次办理只取一个号。',
  closed: '大厅现在不办理业务。',
  services: '办理事项',
  search: '按名称搜索办理事项',
  noMatch: '没有符合的事项。请换一个词，或清空搜索。',
  aboutYou: '您的情况（选填）',
  age: '年龄',
  disability: '残疾人',
  pregnant: '孕妇',
  keyEnterprise: '重点企业',
  appointment: '预约',
  code: '预约码',
  bookedFor: '预约时间',
  take: '取号',
  capReached: '该事项今日的号已取完。',
  capAppointments: '已预约此时段的仍可办理。',
  notIssuing: '现在不取号',
  nobody: '无人等候',
  waiting: (count) => `${count}人等候`,
  lessThanMinute: '不到1分钟',
  about: (duration) => `约${duration}`,
  duration: (hours, minutes) => (hours === 0 ? `${minutes}分钟` : `${hours}小时${String(minutes).padStart(2, '0')}分钟`),
  checkAge: '请检查您输入的年龄：不超过150的整数，或不填。',
  checkCode: '请检查您输入的预约码：预约码没有这么长。如确认无误，请到咨询台询问。',
  codeWithoutTime: '请输入您的预约时间，或不填预约码。',
  timeWithoutCode: '请同时输入您的预约码，或不填预约时间。',
  dailyCap: '该事项今日的号已取完。请到咨询台询问。',
  hallFull: '大厅现在已满。请到咨询台询问。',
  busy: '本机正忙。请稍候再试。',
  busyFor: (seconds) => `本机正忙。请${seconds}秒后再试。`,
  cannotIssue: '现在无法取号。请稍后再试，或到咨询台询问。',
  next: '下一位就是您。',
  nextIn: (wait) => `下一位就是您，等候${wait}。`,
  ahead: (count) => `您前面还有${count}人`,
  done: '完成',
  print: '打印',
  notOnTime: '您未在预约时段内签到：按普通号排队。',
  goTo: (window, name) => `请现在到${window}号窗口${name ? `（${name}）` : ''}办理。`,
  watch: '请留意叫号屏：屏幕将显示并播报您的号码和窗口。',
  clocksForward: (typed, readAs) => `今晚大厅时钟将调快：没有${typed}这个时间，您的预约按${readAs}计。`,
  clocksBack: (typed) => `今晚大厅时钟将调回，${typed}会出现两次：您的预约按第二个${typed}（标准时间）计。`,
  login: '取号机 · 登录',
  refusals: {
    // The day not open, closed for new tickets, or the item outside its issuing hours (the hours are beside the item).
    Closed: (s) => (/no open day/.test(s) ? '大厅今日尚未开始办理业务，现在不能取号。'
      : /closed for new tickets/.test(s) ? '大厅今日已停止取号。'
      : /issues tickets/.test(s) ? '该事项现在不在取号时间内。请看该事项下方的取号时间。'
      : '现在不能取号。请到咨询台询问。'),
    UnknownService: '所选事项现在不办理。请重新选择。',
    AlreadyCheckedIn: '该预约今日已取过号。请到咨询台询问。',
    UnknownHall: '本机所属的大厅不存在。请到咨询台询问。',
  },
};

const zhHant: KioskTexts = {
  ...zh,
  title: '取號機',
  choose: '請選擇您要辦理的全部事項：一次辦理只取一個號。',
  closed: '大廳現在不辦理業務。',
  services: '辦理事項',
  search: '按名稱搜尋辦理事項',
  noMatch: '沒有符合的事項。請換一個詞，或清空搜尋。',
  aboutYou: '您的情況（選填）',
  age: '年齡',
  disability: '身心障礙',
  pregnant: '孕婦',
  keyEnterprise: '重點企業',
  appointment: '預約',
  code: '預約碼',
  bookedFor: '預約時間',
  take: '取號',
  capReached: '該事項今日的號已取完。',
  capAppointments: '已預約此時段的仍可辦理。',
  notIssuing: '現在不取號',
  nobody: '無人等候',
  lessThanMinute: '不到1分鐘',
  about: (duration) => `約${duration}`,
  duration: (hours, minutes) => (hours === 0 ? `${minutes}分鐘` : `${hours}小時${String(minutes).padStart(2, '0')}分鐘`),
  checkAge: '請檢查您輸入的年齡：不超過150的整數，或不填。',
  checkCode: '請檢查您輸入的預約碼：預約碼沒有這麼長。如確認無誤，請到諮詢台詢問。',
  codeWithoutTime: '請輸入您的預約時間，或不填預約碼。',
  timeWithoutCode: '請同時輸入您的預約碼，或不填預約時間。',
  dailyCap: '該事項今日的號已取完。請到諮詢台詢問。',
  hallFull: '大廳現在已滿。請到諮詢台詢問。',
  busy: '本機正忙。請稍候再試。',
  busyFor: (seconds) => `本機正忙。請${seconds}秒後再試。`,
  cannotIssue: '現在無法取號。請稍後再試，或到諮詢台詢問。',
  next: '下一位就是您。',
  nextIn: (wait) => `下一位就是您，等候${wait}。`,
  ahead: (count) => `您前面還有${count}人`,
  done: '完成',
  print: '列印',
  notOnTime: '您未在預約時段內報到：按普通號排隊。',
  goTo: (window, name) => `請現在到${window}號窗口${name ? `（${name}）` : ''}辦理。`,
  watch: '請留意叫號螢幕：螢幕將顯示並播報您的號碼和窗口。',
  clocksForward: (typed, readAs) => `今晚大廳時鐘將調快：沒有${typed}這個時間，您的預約按${readAs}計。`,
  clocksBack: (typed) => `今晚大廳時鐘將調回，${typed}會出現兩次：您的預約按第二個${typed}（標準時間）計。`,
  login: '取號機 · 登入',
  refusals: {
    Closed: (s) => (/no open day/.test(s) ? '大廳今日尚未開始辦理業務，現在不能取號。'
      : /closed for new tickets/.test(s) ? '大廳今日已停止取號。'
      : /issues tickets/.test(s) ? '該事項現在不在取號時間內。請看該事項下方的取號時間。'
      : '現在不能取號。請到諮詢台詢問。'),
    UnknownService: '所選事項現在不辦理。請重新選擇。',
    AlreadyCheckedIn: '該預約今日已取過號。請到諮詢台詢問。',
    UnknownHall: '本機所屬的大廳不存在。請到諮詢台詢問。',
  },
};

export const kioskTexts: Record<Script, KioskTexts> = { en, zh, zhHant };
