import type { Texts } from './en'

// Chinese (Simplified), polite 您, full-width punctuation.
const zh: Texts = {
  nps: '您向朋友或同事推荐{brand}的可能性有多大？',
  npsNoBrand: '您向朋友或同事推荐我们的可能性有多大？',
  npsLow: '完全不可能',
  npsHigh: '极有可能',
  csat: '您对{subject}的满意度如何？',
  csatSubject: '本次访问',
  csatPoints: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  ces: '{brand}让我能够轻松地{task}。',
  cesNoBrand: '我能够轻松地{task}。',
  cesTask: '完成我想做的事',
  cesLow: '非常不同意',
  cesHigh: '非常同意',
  detractor: '很抱歉给您带来不好的体验。我们可以在哪些方面改进？',
  passive: '怎样才能让您给我们打 10 分？',
  promoter: '很高兴听到这个！您最喜欢哪一点？',
  low: '我们哪些地方可以做得更好？',
  high: '您最喜欢哪一点？',
  placeholder: '您的回答（选填）',
  thanks: '感谢您的反馈！',
  send: '提交',
  skip: '跳过',
  close: '关闭',
  chooseAll: '可多选。',
  more: '还有什么想告诉我们的吗？',
  newTab: '（在新标签页中打开）',
  announce: '问卷：{question}'
}
export default zh
