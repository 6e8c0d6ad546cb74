import type { PropsWithChildren } from 'react'
import { verifyPathRewrite } from './routes'
import './app.css'

// h5-only rules (native <select>, Taro's h5 checkbox and textarea); the test is replaced at build time
if (process.env.TARO_ENV === 'h5') {
  require('./h5.css')
  // Certificate QR codes point at /verify/<code>, statement QR codes at /verify-statement/<code> (the
  // server answers with index.html). Before the router reads the address, turn it into the public
  // verify page's own URL.
  const target = typeof window !== 'undefined' ? verifyPathRewrite(window.location.pathname) : null
  if (target) window.history.replaceState(window.history.state, '', target)
}

function App({ children }: PropsWithChildren) {
  // Pages decide for themselves whether a sign-in is needed (home redirects to login; the
  // certificate verify page is public).
  return children
}

export default App
