import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import CourseDetailPage from '../src/pages/courses/detail/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import type { WechatSubscription } from '../src/api'
import { askToSubscribe, prepareSubscriptions, resetSubscriptions, templatesFor } from '../src/utils/subscribe'
import { courseDetail, fail, klass, ok, reference, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const requestSubscribeMessage = Taro.requestSubscribeMessage as unknown as jest.Mock
const calls = () => request.mock.calls.map(([o]) => `${o.method ?? 'GET'} ${o.url}`)
const SUBS = '/api/me/wechat-subscriptions'

const sub = (kind: WechatSubscription['kind'], templateId: string, remaining = 0): WechatSubscription => ({ kind, templateId, remaining })

/** Every template the server could have configured, listed in an order of its own. */
const configured = [
  sub('completed', 'T-COMPLETED'),
  sub('claim_rejected', 'T-CLAIM-NO'),
  sub('class_cancelled', 'T-CANCELLED'),
  sub('waitlist_promoted', 'T-PROMOTED'),
  sub('enrollment_rejected', 'T-REJECTED', 2),
  sub('claim_approved', 'T-CLAIM-OK'),
  sub('enrollment_approved', 'T-APPROVED'),
]

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  resetSubscriptions()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
  process.env.TARO_ENV = 'weapp'
})

afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

describe('askToSubscribe (WeChat subscribe consent)', () => {
  it('after an enrollment: the first three configured of its kinds, then records only the accepted ones', async () => {
    const posted = jest.fn((_body: unknown) => ok({ items: [] }))
    request.mockImplementation(routes({ [`GET ${SUBS}`]: ok({ items: configured }), [`POST ${SUBS}`]: posted }))
    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'T-APPROVED': 'accept', 'T-REJECTED': 'reject', 'T-PROMOTED': 'accept' })
    await prepareSubscriptions()
    const asked = askToSubscribe('enrollment')
    // the dialog is the tap's own call: nothing awaited before it (WeChat refuses it otherwise)
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1)
    await asked
    // 审核通过, 未通过, 候补转正: in the order of the moment's kinds, not the server's list
    expect(requestSubscribeMessage.mock.calls[0][0]).toEqual({ tmplIds: ['T-APPROVED', 'T-REJECTED', 'T-PROMOTED'] })
    expect(posted).toHaveBeenCalledTimes(1)
    expect(posted.mock.calls[0][0]).toEqual({ templateIds: ['T-APPROVED', 'T-PROMOTED'] })
    expect(request.mock.calls[0][0].header.Authorization).toBe('Bearer tok')
  })

  it('after a claim: the claim templates', async () => {
    const posted = jest.fn(() => ok({ items: [] }))
    request.mockImplementation(routes({ [`GET ${SUBS}`]: ok({ items: configured }), [`POST ${SUBS}`]: posted }))
    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'T-CLAIM-OK': 'accept', 'T-CLAIM-NO': 'accept' })
    await prepareSubscriptions()
    await askToSubscribe('claim')
    expect(requestSubscribeMessage.mock.calls[0][0]).toEqual({ tmplIds: ['T-CLAIM-OK', 'T-CLAIM-NO'] })
    expect(posted.mock.calls[0]).toEqual([{ templateIds: ['T-CLAIM-OK', 'T-CLAIM-NO'] }])
  })

  it('asks nothing when no template of the moment is configured', async () => {
    request.mockImplementation(routes({ [`GET ${SUBS}`]: ok({ items: [sub('record_verified', 'T-RECORD')] }) }))
    await prepareSubscriptions()
    await askToSubscribe('claim')
    resetSubscriptions()
    request.mockImplementation(routes({ [`GET ${SUBS}`]: ok({ items: [] }) }))
    await prepareSubscriptions()
    await askToSubscribe('enrollment')
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
    expect(calls()).toEqual([`GET ${SUBS}`, `GET ${SUBS}`])
  })

  it('asks nothing before the templates are loaded, and loads them once', async () => {
    request.mockImplementation(routes({ [`GET ${SUBS}`]: ok({ items: configured }) }))
    await askToSubscribe('enrollment')
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
    await Promise.all([prepareSubscriptions(), prepareSubscriptions()])
    await prepareSubscriptions()
    expect(calls()).toEqual([`GET ${SUBS}`])
  })

  it('records nothing when every template is refused, or the dialog fails', async () => {
    request.mockImplementation(routes({ [`GET ${SUBS}`]: ok({ items: configured }) }))
    await prepareSubscriptions()
    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'T-CLAIM-OK': 'reject', 'T-CLAIM-NO': 'ban' })
    await askToSubscribe('claim')
    requestSubscribeMessage.mockRejectedValueOnce({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20004 })
    await expect(askToSubscribe('claim')).resolves.toBeUndefined()
    expect(calls().filter((c) => c.startsWith('POST'))).toEqual([])
  })

  it('never throws when the server cannot be reached', async () => {
    request.mockImplementation(routes({ [`GET ${SUBS}`]: fail(503, 'UNAVAILABLE', '') }))
    await expect(prepareSubscriptions()).resolves.toBeUndefined()
    await expect(askToSubscribe('enrollment')).resolves.toBeUndefined()
    request.mockImplementation(routes({ [`GET ${SUBS}`]: ok({ items: configured }), [`POST ${SUBS}`]: fail(503, 'UNAVAILABLE', '') }))
    await prepareSubscriptions()
    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'T-APPROVED': 'accept' })
    await expect(askToSubscribe('enrollment')).resolves.toBeUndefined()
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1)
  })

  it('never throws when the dialog itself throws', async () => {
    request.mockImplementation(routes({ [`GET ${SUBS}`]: ok({ items: configured }) }))
    await prepareSubscriptions()
    requestSubscribeMessage.mockImplementationOnce(() => {
      throw new Error('no such API in this base library')
    })
    await expect(askToSubscribe('enrollment')).resolves.toBeUndefined()
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1)
    expect(calls().filter((c) => c.startsWith('POST'))).toEqual([])
  })

  it('does nothing at all on h5', async () => {
    process.env.TARO_ENV = 'h5'
    await prepareSubscriptions()
    await askToSubscribe('enrollment')
    expect(request).not.toHaveBeenCalled()
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
  })

  it('takes each template once, even when two kinds share one', () => {
    expect(templatesFor('enrollment', [sub('enrollment_approved', 'T-ENROL'), sub('enrollment_rejected', 'T-ENROL'), sub('class_changed', 'T-CHANGE'), sub('session_reminder', 'T-REMIND'), sub('completed', 'T-DONE')])).toEqual([
      'T-ENROL',
      'T-CHANGE',
      'T-REMIND',
    ])
  })
})

describe('报名 then consent (weapp)', () => {
  const card = () => screen.getByText('2025 年第一期专利撰写实务班').closest('.klass') as HTMLElement

  async function enrolWith(subscriptions: unknown) {
    __setRouterParams({ code: 'CQIP-PAT-101' })
    request.mockImplementation(
      routes({
        'GET /api/courses/CQIP-PAT-101': ok(courseDetail([klass()])),
        'GET /api/reference': ok(reference),
        'POST /api/classes/11/enrollments': ok({ id: 900, classId: 11, status: 'pending' }, 201),
        'GET /api/classes/11': ok(klass({ myEnrollment: { id: 900, status: 'pending' } })),
        [`GET ${SUBS}`]: subscriptions,
        [`POST ${SUBS}`]: ok({ items: [] }),
      }),
    )
    render(<CourseDetailPage />)
    await screen.findByText('立即报名')
    await act(async () => {
      fireEvent.click(within(card()).getByText('立即报名'))
    })
  }

  it('asks for consent in the 报名 tap itself, before the sign-up is sent, and records what was accepted', async () => {
    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'T-APPROVED': 'accept' })
    await enrolWith(ok({ items: configured }))
    expect(await within(card()).findByText('已提交，待审核')).toBeTruthy()
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1)
    const enrolCall = request.mock.calls.findIndex(([o]) => o.method === 'POST' && o.url.endsWith('/api/classes/11/enrollments'))
    expect(requestSubscribeMessage.mock.invocationCallOrder[0]).toBeLessThan(request.mock.invocationCallOrder[enrolCall])
    // the templates were loaded when the page opened, not in the tap
    expect(request.mock.invocationCallOrder[calls().indexOf(`GET ${SUBS}`)]).toBeLessThan(requestSubscribeMessage.mock.invocationCallOrder[0])
    expect(calls()).toContain(`POST ${SUBS}`)
  })

  it('still says the sign-up worked when asking fails', async () => {
    await enrolWith(fail(500, 'INTERNAL', ''))
    expect(await within(card()).findByText('已提交，待审核')).toBeTruthy()
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
    expect(Taro.showToast).not.toHaveBeenCalled()
  })
})
