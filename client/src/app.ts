import type { PropsWithChildren } from 'react'
import './app.css'

function App({ children }: PropsWithChildren) {
  // Pages decide for themselves whether a sign-in is needed (home redirects to login).
  return children
}

export default App
