// The evaluator pad's own words in the hall's language (PadInfo.language), as the kiosk and the screens write: English,
// simplified or traditional Chinese. The hall's names come as the hall writes them.
import type { Script } from '../shared/language';
import type { Refusals } from '../shared/refusals';

export interface EvaluatorTexts {
  login: (window: number) => string;
  /** "Window 5 · Passport desk", the name when it says more than the number. */
  window: (window: number, name: string) => string;
  /** The five levels, 1 (very dissatisfied) to 5 (very satisfied). */
  levels: [string, string, string, string, string];
  rateThis: (number: string) => string;
  rateLast: string;
  waitingNext: string;
  thanks: (level: string) => string;
  cannotSend: string;
  /** Said unprompted while the pad cannot read its window (the server away), until a read works again. */
  offline: string;
  refusals: Refusals;
}

const en: EvaluatorTexts = {
  login: (window) => `Evaluator pad · window ${window} · log in`,
  window: (window, name) => (name ? `Window ${window} · ${name}` : `Window ${window}`),
  levels: ['Very dissatisfied', 'Dissatisfied', 'Acceptable', 'Satisfied', 'Very satisfied'],
  rateThis: (number) => `How was the service for ${number}? Please rate it.`,
  rateLast: 'How was the service you just received? Please rate it.',
  waitingNext: 'Thank you. Waiting for the next service.',
  thanks: (level) => `Thank you! Your rating: ${level}.`,
  cannotSend: 'The rating could not be sent. Please try again in a moment.',
  offline: 'Ratings cannot be taken just now. Please try again in a moment.',
  refusals: {
    TicketWrongState: (s) => (/already rated/.test(s) ? 'This service was already rated. Thank you!'
      : /No ticket has been finished|earlier day|cannot tell/.test(s) ? 'There is nothing to rate yet: no service has been finished at this window.'
      : undefined),
    NotEligible: 'That service was not given at this window: please rate it at the window that served you.',
  },
};

const zh: EvaluatorTexts = {
  login: (window) => `${window}号窗口评价器 · 登录`,
  window: (window, name) => (name ? `${window}号窗口 · ${name}` : `${window}号窗口`),
  levels: ['非常不满意', '不满意', '基本满意', '满意', '非常满意'],
  rateThis: (number) => `请为${number}号的服务评价。`,
  rateLast: '请为您刚刚办理的服务评价。',
  waitingNext: '谢谢。等待下一位办理。',
  thanks: (level) => `谢谢您的评价：${level}。`,
  cannotSend: '评价未能发送。请稍后再试。',
  offline: '现在暂时无法评价。请稍后再试。',
  refusals: {
    TicketWrongState: (s) => (/already rated/.test(s) ? '该服务已评价过。谢谢！'
      : /No ticket has been finished|earlier day|cannot tell/.test(s) ? '现在没有可评价的服务：本窗口还没有办结的服务。'
      : '该服务现在不能评价。'),
    NotEligible: '该服务不是本窗口办理的：请在为您办理的窗口评价。',
  },
};

const zhHant: EvaluatorTexts = {
  login: (window) => `${window}號窗口評價器 · 登入`,
  window: (window, name) => (name ? `${window}號窗口 · ${name}` : `${window}號窗口`),
  levels: ['非常不滿意', '不滿意', '基本滿意', '滿意', '非常滿意'],
  rateThis: (number) => `請為${number}號的服務評價。`,
  rateLast: '請為您剛剛辦理的服務評價。',
  waitingNext: '謝謝。等待下一位辦理。',
  thanks: (level) => `謝謝您的評價：${level}。`,
  cannotSend: '評價未能發送。請稍後再試。',
  offline: '現在暫時無法評價。請稍後再試。',
  refusals: {
    TicketWrongState: (s) => (/already rated/.test(s) ? '該服務已評價過。謝謝！'
      : /No ticket has been finished|earlier day|cannot tell/.test(s) ? '現在沒有可評價的服務：本窗口還沒有辦結的服務。'
      : '該服務現在不能評價。'),
    NotEligible: '該服務不是本窗口辦理的：請在為您辦理的窗口評價。',
  },
};

export const evaluatorTexts: Record<Script, EvaluatorTexts> = { en, zh, zhHant };
