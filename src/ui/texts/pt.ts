import type { Texts } from './en'

// Portuguese as written in Brazil ("você"), which most Portuguese-speaking visitors read.
const pt: Texts = {
  nps: 'Qual é a probabilidade de você recomendar {brand} a um amigo ou colega?',
  npsNoBrand: 'Qual é a probabilidade de você nos recomendar a um amigo ou colega?',
  npsLow: 'Nada provável',
  npsHigh: 'Extremamente provável',
  csat: 'Qual é o seu nível de satisfação com {subject}?',
  csatSubject: 'a sua visita de hoje',
  csatPoints: ['Muito insatisfeito', 'Insatisfeito', 'Neutro', 'Satisfeito', 'Muito satisfeito'],
  ces: 'Foi fácil {task} com {brand}.',
  cesNoBrand: 'Foi fácil {task}.',
  cesTask: 'fazer o que eu queria',
  cesLow: 'Discordo totalmente',
  cesHigh: 'Concordo totalmente',
  detractor: 'Sentimos muito. O que podemos melhorar?',
  passive: 'O que faria você nos dar nota 10?',
  promoter: 'Que bom saber! Do que você mais gosta?',
  low: 'O que poderíamos ter feito melhor?',
  high: 'Do que você mais gostou?',
  placeholder: 'Sua resposta (opcional)',
  thanks: 'Obrigado pelo seu feedback!',
  send: 'Enviar',
  skip: 'Pular',
  close: 'Fechar',
  chooseAll: 'Escolha todas as opções que se aplicam.',
  more: 'Quer nos contar mais alguma coisa?',
  newTab: '(abre em uma nova aba)',
  announce: 'Pesquisa: {question}'
}
export default pt
