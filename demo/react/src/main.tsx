import { StrictMode, useEffect, useRef, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { init, type Sayso } from 'sayso'

// sayso is started once when the app mounts and destroyed when it unmounts. In strict mode
// React mounts, unmounts and mounts again: the first instance is destroyed, nothing is left.
// No helper hook is needed for that: the plain API fits in one effect.
function App() {
  const sayso = useRef<Sayso>(undefined)
  const [last, setLast] = useState<string>()
  useEffect(() => {
    const instance = init({
      endpoint: '/api/answers',
      brand: 'Acme Outdoor',
      surveys: [{ id: 'react-csat', type: 'csat', scale: 'star', subject: 'your order', trigger: 'manual' }]
    })
    instance.on('submit', (answer) => setLast(`Thanks! You gave ${answer.score}.`))
    sayso.current = instance
    return () => instance.destroy()
  }, [])
  return (
    <main>
      <h1>Your order is on its way</h1>
      <button type="button" onClick={() => sayso.current?.show('react-csat', { force: true })}>
        Rate your order
      </button>
      <p role="status">{last}</p>
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
