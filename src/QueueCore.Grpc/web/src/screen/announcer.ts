// Speaks calls one after another with the browser's speech synthesis. A new call waits for the one being spoken
// (never cuts it off); a stuck synthesiser is skipped after a time limit so the queue never stops for good.

export interface Announcement {
  text: string;
  language: string;
}

const maxPending = 20; // a hall never has this many calls in the time it takes to speak them; beyond it, drop the oldest
const maxSpeakingMs = 20_000;

export class Announcer {
  private readonly pending: Announcement[] = [];
  private speaking = false;
  private timer: number | undefined;
  // The utterance being spoken, held until it ends: Chromium lets go of one the page no longer holds and never fires its
  // end event (crbug.com/509488), and the queue then waited maxSpeakingMs for every call after a garbage collection.
  private current: SpeechSynthesisUtterance | undefined;
  /** What was spoken, most recent last (bounded), for tests and the status line. */
  readonly spoken: string[] = [];
  enabled: boolean;

  constructor(enabled: boolean) {
    this.enabled = enabled && 'speechSynthesis' in window;
  }

  say(announcement: Announcement): void {
    if (!this.enabled) return;
    this.pending.push(announcement);
    if (this.pending.length > maxPending) this.pending.shift();
    this.next();
  }

  get queued(): number {
    return this.pending.length + (this.speaking ? 1 : 0);
  }

  private next(): void {
    if (this.speaking) return;
    const item = this.pending.shift();
    if (!item) return;
    this.speaking = true;
    const utterance = new SpeechSynthesisUtterance(item.text);
    this.current = utterance;
    utterance.lang = item.language;
    const voice = pickVoice(item.language);
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9; // halls announce slowly and clearly
    const done = () => {
      if (!this.speaking) return;
      window.clearTimeout(this.timer);
      this.speaking = false;
      this.current = undefined;
      this.spoken.push(item.text);
      if (this.spoken.length > 50) this.spoken.shift();
      this.next();
    };
    utterance.onend = done;
    utterance.onerror = done;
    this.timer = window.setTimeout(() => { speechSynthesis.cancel(); done(); }, maxSpeakingMs);
    speechSynthesis.speak(utterance);
  }
}

function pickVoice(language: string): SpeechSynthesisVoice | undefined {
  const voices = speechSynthesis.getVoices();
  const lang = language.toLowerCase();
  return voices.find((v) => v.lang.toLowerCase() === lang)
    ?? voices.find((v) => v.lang.toLowerCase().startsWith(lang.split('-')[0]!));
}
