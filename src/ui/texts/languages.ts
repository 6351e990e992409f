/** The languages sayso speaks out of the box. English is in every build; the others load when needed. */
export const languages = ['en', 'pl', 'el', 'fi', 'zh', 'de', 'fr', 'es', 'pt', 'ja', 'ar', 'he']
