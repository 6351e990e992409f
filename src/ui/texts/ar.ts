import type { Texts } from './en'

// Arabic (Modern Standard), read right to left.
const ar: Texts = {
  nps: 'ما مدى احتمال أن توصي بـ{brand} لصديق أو زميل؟',
  npsNoBrand: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
  npsLow: 'غير محتمل إطلاقًا',
  npsHigh: 'محتمل جدًا',
  csat: 'ما مدى رضاك عن {subject}؟',
  csatSubject: 'زيارتك اليوم',
  csatPoints: ['غير راضٍ إطلاقًا', 'غير راضٍ', 'محايد', 'راضٍ', 'راضٍ جدًا'],
  ces: 'سهّل {brand} عليّ {task}.',
  cesNoBrand: 'كان من السهل عليّ {task}.',
  cesTask: 'إنجاز ما أردت',
  cesLow: 'لا أوافق بشدة',
  cesHigh: 'أوافق بشدة',
  detractor: 'نأسف لذلك. ما الذي يمكننا تحسينه؟',
  passive: 'ما الذي سيجعلك تمنحنا 10؟',
  promoter: 'يسعدنا ذلك! ما أكثر ما يعجبك؟',
  low: 'ما الذي كان بإمكاننا فعله بشكل أفضل؟',
  high: 'ما أكثر ما أعجبك؟',
  placeholder: 'إجابتك (اختياري)',
  thanks: 'شكرًا على ملاحظاتك!',
  send: 'إرسال',
  skip: 'تخطٍّ',
  close: 'إغلاق',
  chooseAll: 'اختر كل ما ينطبق.',
  more: 'هل هناك شيء آخر تود إخبارنا به؟',
  newTab: '(يُفتح في علامة تبويب جديدة)',
  announce: 'استبيان: {question}'
}
export default ar
