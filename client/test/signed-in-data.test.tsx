import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __showAgain } from './mocks/taro'
import MyClaimsPage from '../src/pages/credits/claims/index'
import MyEnrollmentsPage from '../src/pages/enrollment/mine/index'
import { useSignedInData } from '../src/hooks/useSignedInData'
import { TOKEN_KEY, getToken } from '../src/api'
import { fail, myEnrollment, ok, routes } from './fixtures'

/** The loading rules every signed-in list page shares (hooks/useSignedInData, utils/failure). */
const request = Taro.request as unknown as jest.Mock
const LOGIN = { url: '/pages/auth/login/index' }

const claim = { id: 1, practitionerId: 42, title: '专利代理实务研修班', provider: '重庆市知识产权局', date: '2025-03-01', hours: 8, category: 'professional', evidenceType: 'application/pdf', status: 'pending', approvedHours: null, rejectReason: null, decidedAt: null, createdAt: '2025-03-02T02:00:00.000Z' }

beforeEach(() => {
  __resetTaroMock()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

/** A page whose data depends on a filter `q`: each answer arrives when the test says so. */
const pending = new Map<string, (value: string) => void>()
function Filtered({ q }: { q: string }) {
  const { state } = useSignedInData(() => new Promise<string>((resolve) => pending.set(q, resolve)), [q])
  return <span>{state.kind === 'ready' ? `data:${state.data}` : state.kind}</span>
}

/** A page that shows more to a signed-in person, and lets the person change what is shown. */
function Optional() {
  const { state, update } = useSignedInData(async () => 'loaded', [], { signIn: 'optional' })
  return (
    <span onClick={() => update((d) => `${d}+changed`)}>{state.kind === 'ready' ? `data:${state.data}` : state.kind}</span>
  )
}

describe('a signed-in page', () => {
  it('shows the newest load when answers arrive out of order', async () => {
    const { rerender } = render(<Filtered q='a' />)
    rerender(<Filtered q='b' />)
    await act(async () => pending.get('b')!('for b'))
    expect(screen.getByText('data:for b')).toBeTruthy()
    // the answer for the old filter comes late: it must not replace the newer one
    await act(async () => pending.get('a')!('for a'))
    expect(screen.getByText('data:for b')).toBeTruthy()
  })

  it('sends a visitor without a token to sign in and asks the server nothing', async () => {
    Taro.removeStorageSync(TOKEN_KEY)
    render(<MyClaimsPage />)
    await act(async () => {})
    expect(Taro.reLaunch).toHaveBeenCalledWith(LOGIN)
    expect(request).not.toHaveBeenCalled()
  })

  it('with sign-in optional, loads for a visitor without a token instead of sending them to sign in', async () => {
    Taro.removeStorageSync(TOKEN_KEY)
    render(<Optional />)
    expect(await screen.findByText('data:loaded')).toBeTruthy()
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })

  it('changes the data on screen with update, until the next load replaces it', async () => {
    render(<Optional />)
    fireEvent.click(await screen.findByText('data:loaded'))
    expect(screen.getByText('data:loaded+changed')).toBeTruthy()
    await act(async () => __showAgain())
    expect(screen.getByText('data:loaded')).toBeTruthy()
  })

  it('treats a 401 as an expired session: token gone, off to sign in, no error shown', async () => {
    request.mockImplementation(routes({ 'GET /api/me/credit-claims': fail(401, 'UNAUTHENTICATED', '登录已过期') }))
    render(<MyClaimsPage />)
    await act(async () => {})
    expect(Taro.reLaunch).toHaveBeenCalledWith(LOGIN)
    expect(getToken()).toBeFalsy()
    expect(screen.queryByText('登录已过期')).toBeNull()
  })

  it('refreshes quietly when shown again, and keeps what is on screen if that fails', async () => {
    let reply: unknown = ok({ items: [claim] })
    request.mockImplementation(routes({ 'GET /api/me/credit-claims': () => reply }))
    render(<MyClaimsPage />)
    expect(await screen.findByText('专利代理实务研修班')).toBeTruthy()

    reply = ok({ items: [{ ...claim, title: '商标实务研修班' }] })
    await act(async () => __showAgain())
    expect(await screen.findByText('商标实务研修班')).toBeTruthy()

    reply = fail(500, 'INTERNAL', '')
    await act(async () => __showAgain())
    expect(screen.getByText('商标实务研修班')).toBeTruthy()
    expect(screen.queryByText('服务器出错了')).toBeNull()
  })

  it('stops after an expired session during an action instead of reloading', async () => {
    request.mockImplementation(
      routes({
        'GET /api/me/enrollments': ok({ items: [myEnrollment()] }),
        [`DELETE /api/classes/${myEnrollment().class.id}/enrollments/me`]: fail(401, 'UNAUTHENTICATED', '登录已过期'),
      }),
    )
    render(<MyEnrollmentsPage />)
    await screen.findByText(myEnrollment().class.title)
    const loads = request.mock.calls.filter(([o]) => o.url === '/api/me/enrollments').length
    await act(async () => {
      fireEvent.click(screen.getByText('取消报名'))
    })
    expect(Taro.reLaunch).toHaveBeenCalledWith(LOGIN)
    expect(request.mock.calls.filter(([o]) => o.url === '/api/me/enrollments')).toHaveLength(loads)
  })
})
