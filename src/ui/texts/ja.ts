import type { Texts } from './en'

// Japanese, polite desu/masu form, as Japanese sites address customers.
const ja: Texts = {
  nps: '{brand}を友人や同僚に薦める可能性はどのくらいありますか？',
  npsNoBrand: '当社を友人や同僚に薦める可能性はどのくらいありますか？',
  npsLow: '全く薦めない',
  npsHigh: '非常に薦めたい',
  csat: '{subject}にどの程度満足していますか？',
  csatSubject: '本日のご利用',
  csatPoints: ['非常に不満', '不満', 'どちらでもない', '満足', '非常に満足'],
  ces: '{brand}では{task}のが簡単だった。',
  cesNoBrand: '{task}のが簡単だった。',
  cesTask: '目的を果たす',
  cesLow: '全くそう思わない',
  cesHigh: '強くそう思う',
  detractor: '申し訳ございません。改善すべき点を教えてください。',
  passive: '10点をつけていただくには、何が必要でしょうか？',
  promoter: 'ありがとうございます！特に気に入っている点は何ですか？',
  low: 'どのような点を改善すべきでしたか？',
  high: '特に良かった点は何ですか？',
  placeholder: 'ご回答（任意）',
  thanks: 'ご意見をお寄せいただき、ありがとうございました！',
  send: '送信',
  skip: 'スキップ',
  close: '閉じる',
  chooseAll: '当てはまるものをすべてお選びください。',
  more: 'ほかにお伝えいただきたいことはありますか？',
  newTab: '（新しいタブで開きます）',
  announce: 'アンケート：{question}'
}
export default ja
