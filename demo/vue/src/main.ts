import { createApp, defineComponent, h, onMounted, onUnmounted, ref } from 'vue'
import { init, type Sayso } from 'sayso'

// sayso starts when the component mounts and is destroyed when it unmounts; a survey
// opens from a click, so it takes focus and gives it back on close.
const App = defineComponent({
  setup() {
    let sayso: Sayso | undefined
    const last = ref('')
    onMounted(() => {
      sayso = init({
        endpoint: '/api/answers',
        brand: 'Acme Outdoor',
        surveys: [{ id: 'vue-nps', type: 'nps', trigger: 'manual' }]
      })
      sayso.on('submit', (answer) => (last.value = `Thanks! You gave ${answer.score}.`))
    })
    onUnmounted(() => sayso?.destroy())
    return () =>
      h('main', [
        h('h1', 'Thanks for shopping with us'),
        h('button', { type: 'button', onClick: () => sayso?.show('vue-nps', { force: true }) }, 'Tell us how we did'),
        h('p', { role: 'status' }, last.value)
      ])
  }
})

createApp(App).mount('#app')
