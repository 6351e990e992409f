import type { Texts } from './en'

// Hebrew, read right to left; addressed in the plural, which Hebrew uses to stay gender-neutral.
const he: Texts = {
  nps: 'מה הסבירות שתמליצו על {brand} לחבר או לעמית?',
  npsNoBrand: 'מה הסבירות שתמליצו עלינו לחבר או לעמית?',
  npsLow: 'בכלל לא סביר',
  npsHigh: 'סביר מאוד',
  csat: 'עד כמה אתם מרוצים מ{subject}?',
  csatSubject: 'הביקור היום',
  csatPoints: ['בכלל לא מרוצים', 'לא מרוצים', 'ניטרלי', 'מרוצים', 'מרוצים מאוד'],
  ces: '{brand} הקל עליי {task}.',
  cesNoBrand: 'היה לי קל {task}.',
  cesTask: 'לעשות את מה שרציתי',
  cesLow: 'בכלל לא מסכימים',
  cesHigh: 'מסכימים מאוד',
  detractor: 'צר לנו לשמוע. מה נוכל לשפר?',
  passive: 'מה יגרום לכם לתת לנו 10?',
  promoter: 'שמחים לשמוע! מה אתם הכי אוהבים?',
  low: 'מה יכולנו לעשות טוב יותר?',
  high: 'מה הכי אהבתם?',
  placeholder: 'התשובה שלכם (לא חובה)',
  thanks: 'תודה על המשוב!',
  send: 'שליחה',
  skip: 'דילוג',
  close: 'סגירה',
  chooseAll: 'אפשר לבחור יותר מתשובה אחת.',
  more: 'רוצים לספר לנו עוד משהו?',
  newTab: '(נפתח בכרטיסייה חדשה)',
  announce: 'סקר: {question}'
}
export default he
