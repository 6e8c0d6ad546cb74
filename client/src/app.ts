import type { PropsWithChildren } from 'react'
import './app.css'

// h5-only rules (native <select>, Taro's h5 checkbox and textarea); the test is replaced at build time
if (process.env.TARO_ENV === 'h5') {
  require('./h5.css')
}

function App({ children }: PropsWithChildren) {
  // Pages decide for themselves whether a sign-in is needed (home redirects to login).
  return children
}

export default App
