// The hall's language as the pages use it: the server gives each page the hall's BCP-47 tag (DisplaySnapshot.language,
// ServiceList.language), English or Chinese, and the pages write their fixed texts in it as the server's call texts are
// (Hosting/CallText.cs): Chinese in traditional characters for zh-Hant, Taiwan, Hong Kong and Macau.

/** The three ways the pages write: English, simplified and traditional Chinese. */
export type Script = 'en' | 'zh' | 'zhHant';

/** Whether a Chinese tag is written in traditional characters (zh-Hant, or Taiwan, Hong Kong, Macau without zh-Hans), as the server's call texts. */
export function traditional(language: string): boolean {
  const subtags = language.toLowerCase().split(/[-_]/);
  return subtags.includes('hant') || (!subtags.includes('hans') && subtags.slice(1).some((t) => t === 'tw' || t === 'hk' || t === 'mo'));
}

/** How a page writes for a hall of `language` ('' or unknown: English). */
export function scriptOf(language: string): Script {
  return !language.toLowerCase().startsWith('zh') ? 'en' : traditional(language) ? 'zhHant' : 'zh';
}

/**
 * Whether a window's name says more than its number, as the server's calls decide (CallText.NamesWindow): a name that
 * carries the window's number ("Window 5", "5号窗口", "Counter 5" over window 5) only repeats "window 5"; "Passport desk",
 * "Caring window" or "Business 1" over window 5 is what the sign over the desk says.
 */
export function namesMore(window: number, name: string): boolean {
  if (name.trim() === '') return false;
  return !(name.match(/[0-9]+/g) ?? []).some((digits) => Number(digits) === window);
}
