// The words of a page's staff login form (askForKey) in the hall's language. A page learns the hall's language from its
// first call, which needs the key: until then (the first login on a device) it writes in the language the page last
// knew for its hall (kept with the key's name), or in the browser's own when it is Chinese, else English.
import { scriptOf, type Script } from './language';

export interface LoginTexts {
  /** What to type, when no refusal brought the form back. */
  hint: string;
  key: string;
  keyName: string;
  submit: string;
}

export const loginTexts: Record<Script, LoginTexts> = {
  en: {
    hint: 'Enter this device\'s key (QueueCoreServer:Devices, or a demo key from the server\'s log).',
    key: 'Key', keyName: 'Device key', submit: 'Log in',
  },
  zh: {
    hint: '请输入本设备的密钥（QueueCoreServer:Devices，或服务器日志中的演示密钥）。',
    key: '密钥', keyName: '设备密钥', submit: '登录',
  },
  zhHant: {
    hint: '請輸入本裝置的金鑰（QueueCoreServer:Devices，或伺服器日誌中的示範金鑰）。',
    key: '金鑰', keyName: '裝置金鑰', submit: '登入',
  },
};

/** Keeps the hall's language a page learned, for its next login form (`name`: the page's key name). */
export function rememberLanguage(name: string, language: string): void {
  try { localStorage.setItem(`${name}.language`, language); } catch { /* storage disabled: English or the browser's next time */ }
}

/** The language a page writes its login form in before it can ask the server: the last one learned, or the browser's. */
export function languageBeforeLogin(name: string): string {
  let known: string | null = null;
  try { known = localStorage.getItem(`${name}.language`); } catch { /* storage disabled */ }
  return known || (scriptOf(navigator.language) === 'en' ? 'en' : navigator.language);
}
