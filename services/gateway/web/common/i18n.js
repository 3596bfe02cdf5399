// Chinese and English (i18next): the official's own choice first, else the language of the
// place they work (zh-CN at a site or office in China), else the browser's.

import i18next from 'i18next';
import en from './locales/en.js';
import zhCN from './locales/zh-CN.js';

export const LANGUAGES = { 'zh-CN': '中文', en: 'English' };
const CHOICE = 'clearway.language';
// The IANA zones of mainland China: Clearway's sites and offices keep their calendars in them.
const CHINESE_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Chongqing', 'Asia/Harbin', 'Asia/Kashgar'];

export const t = (key, options) => i18next.t(key, options);

export async function startI18n() {
  await i18next.init({
    lng: languageFor(null),
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false }, // Preact escapes what it renders
  });
  document.documentElement.lang = i18next.language;
}

/** The language to show where the official works in `timeZone` (null: not known yet). */
export function languageFor(timeZone) {
  const chosen = localStorage.getItem(CHOICE);
  if (chosen in LANGUAGES) return chosen;
  if (timeZone) return CHINESE_ZONES.includes(timeZone) ? 'zh-CN' : 'en';
  return navigator.language.startsWith('zh') ? 'zh-CN' : 'en';
}

export async function switchLanguage(language, { chosen = false } = {}) {
  if (chosen) localStorage.setItem(CHOICE, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  return language;
}

export const currentLanguage = () => i18next.language;

/** A date and time as people at `timeZone` read it. */
export function localTime(iso, timeZone, { date = true } = {}) {
  if (!iso) return '';
  const options = { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (date) Object.assign(options, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return new Intl.DateTimeFormat(i18next.language, options).format(new Date(iso));
}
