import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import MyEnrollmentsPage from '../src/pages/enrollment/mine/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import { fail, klass, myEnrollment, ok, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

const items = [
  myEnrollment({ id: 1, status: 'enrolled', class: klass({ id: 11, title: '一期班' }) }),
  myEnrollment({ id: 2, status: 'waitlisted', waitlistPosition: 2, class: klass({ id: 12, title: '二期班' }) }),
  myEnrollment({ id: 3, status: 'pending', class: klass({ id: 13, title: '三期班', courseCode: 'CQIP-GI-101', courseTitle: '公需课' }) }),
  myEnrollment({ id: 4, status: 'cancelled', class: klass({ id: 14, title: '四期班' }) }),
  myEnrollment({ id: 5, status: 'rejected', class: klass({ id: 15, title: '五期班' }) }),
]

const item = (title: string) => screen.getByText(title).closest('.mine__item') as HTMLElement

describe('my enrollments', () => {
  it('labels every status and offers 取消报名 only for active ones', async () => {
    request.mockImplementation(routes({ 'GET /api/me/enrollments': ok({ items }) }))
    render(<MyEnrollmentsPage />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    await screen.findByText('一期班')
    const expected: [string, string, boolean][] = [
      ['一期班', '已报名', true],
      ['二期班', '候补第 2 位', true],
      ['三期班', '待审核', true],
      ['四期班', '已取消', false],
      ['五期班', '未通过', false],
    ]
    for (const [title, label, active] of expected) {
      const box = within(item(title))
      expect(box.getByText(label)).toBeTruthy()
      expect(!!box.queryByText('取消报名')).toBe(active)
    }
    const third = within(item('三期班'))
    expect(third.getByText('公需课')).toBeTruthy()
    expect(third.getByText(/3月20日 - 3月22日/)).toBeTruthy()
    expect(third.getByText('重庆市渝北区知识产权培训基地 301 教室')).toBeTruthy()
    expect(request.mock.calls[0][0].header.Authorization).toBe('Bearer tok')

    fireEvent.click(third.getByText('三期班'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/courses/detail/index?code=CQIP-GI-101' })
  })

  it('cancels after confirmation and reloads the list', async () => {
    let list = items.slice(0, 2)
    let deleted = ''
    request.mockImplementation(
      routes({
        'GET /api/me/enrollments': () => ok({ items: list }),
        'DELETE /api/classes/12/enrollments/me': () => {
          deleted = 'class 12'
          list = [items[0], { ...items[1], status: 'cancelled' as const, waitlistPosition: undefined }]
          return ok({ status: 'cancelled' })
        },
      }),
    )
    render(<MyEnrollmentsPage />)
    await screen.findByText('二期班')
    await act(async () => {
      fireEvent.click(within(item('二期班')).getByText('取消报名'))
    })
    expect(Taro.showModal).toHaveBeenCalled()
    expect(deleted).toBe('class 12')
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消报名' }))
    await waitFor(() => expect(within(item('二期班')).getByText('已取消')).toBeTruthy())
    expect(within(item('二期班')).queryByText('取消报名')).toBeNull()
    // the card itself is not "tapped" by the cancel button
    expect(Taro.navigateTo).not.toHaveBeenCalled()
  })

  it('has an empty state pointing to the courses', async () => {
    request.mockImplementation(routes({ 'GET /api/me/enrollments': ok({ items: [] }) }))
    render(<MyEnrollmentsPage />)
    expect(await screen.findByText('还没有报名记录')).toBeTruthy()
    fireEvent.click(screen.getByText('去看看课程'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/courses/list/index' })
  })

  it('has an error state with 重试', async () => {
    let answer: unknown = fail(500, 'INTERNAL', '')
    request.mockImplementation(routes({ 'GET /api/me/enrollments': () => answer }))
    render(<MyEnrollmentsPage />)
    expect(await screen.findByText('服务器出错了')).toBeTruthy()
    answer = ok({ items })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('候补第 2 位')).toBeTruthy()
  })

  it('sends a visitor without a token to login', async () => {
    Taro.removeStorageSync(TOKEN_KEY)
    render(<MyEnrollmentsPage />)
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' }))
    expect(request).not.toHaveBeenCalled()
  })
})
