import { useEffect, useState } from 'react'
import { init } from 'sayso'

// Rendered on the server, where importing sayso touches neither window nor document,
// then hydrated in the browser, where init runs (effects never run on the server).
export function App({ product }: { product: string }) {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    const sayso = init({
      endpoint: '/api/answers',
      surveys: [{ id: 'ssr-ces', type: 'ces', task: 'find this product', trigger: { delay: 300 } }]
    })
    setReady(true)
    return () => sayso.destroy()
  }, [])
  return (
    <main>
      <h1>{product}</h1>
      <p data-ready={ready}>Rendered on the server{ready ? ', running in the browser' : ''}.</p>
    </main>
  )
}
