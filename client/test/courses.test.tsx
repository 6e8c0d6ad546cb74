import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import CourseListPage from '../src/pages/courses/list/index'
import CourseDetailPage from '../src/pages/courses/detail/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import { course, courseDetail, fail, klass, ok, reference, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const showModal = Taro.showModal as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
})

const urls = () => request.mock.calls.map(([o]) => `${o.method ?? 'GET'} ${o.url}`)

describe('course list', () => {
  const professional = course()
  const pub = course({ code: 'CQIP-GI-101', title: '知识产权公需课', category: 'public', creditHours: 6, deliveryMode: 'blended' })

  it('lists courses with category, hours and delivery mode; a tap opens the detail', async () => {
    request.mockImplementation(routes({ 'GET /api/courses': ok({ items: [professional, pub], total: 2 }) }))
    render(<CourseListPage />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    const title = await screen.findByText('专利申请文件撰写与审查意见答复实务')
    const card = title.closest('.course-card') as HTMLElement
    expect(within(card).getByText('专业科目')).toBeTruthy()
    expect(within(card).getByText('32 学时')).toBeTruthy()
    expect(within(card).getByText('线下')).toBeTruthy()
    const other = screen.getByText('知识产权公需课').closest('.course-card') as HTMLElement
    expect(within(other).getByText('公需科目')).toBeTruthy()
    expect(within(other).getByText('6 学时')).toBeTruthy()
    expect(within(other).getByText('线上线下结合')).toBeTruthy()

    fireEvent.click(title)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/courses/detail/index?code=CQIP-PAT-101' })
  })

  it('searches and filters through the query string', async () => {
    request.mockImplementation(
      routes({
        'GET /api/courses': ok({ items: [professional, pub], total: 2 }),
        'GET /api/courses?q=%E4%B8%93%E5%88%A9': ok({ items: [professional], total: 1 }),
        'GET /api/courses?q=%E4%B8%93%E5%88%A9&category=public': ok({ items: [], total: 0 }),
        'GET /api/courses?category=public': ok({ items: [pub], total: 1 }),
      }),
    )
    render(<CourseListPage />)
    await screen.findByText('知识产权公需课')

    const box = screen.getByPlaceholderText('搜索课程')
    fireEvent.change(box, { target: { value: ' 专利 ' } })
    fireEvent.click(screen.getByText('搜索'))
    await waitFor(() => expect(screen.queryByText('知识产权公需课')).toBeNull())
    expect(await screen.findByText('专利申请文件撰写与审查意见答复实务')).toBeTruthy()

    fireEvent.click(screen.getByText('公需科目'))
    expect(await screen.findByText('没有找到相关课程')).toBeTruthy()

    // clearing the box and pressing the keyboard's search key
    fireEvent.change(box, { target: { value: '' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(await screen.findByText('知识产权公需课')).toBeTruthy()

    expect(urls()).toEqual([
      'GET /api/courses',
      'GET /api/courses?q=%E4%B8%93%E5%88%A9',
      'GET /api/courses?q=%E4%B8%93%E5%88%A9&category=public',
      'GET /api/courses?category=public',
    ])
    fireEvent.click(screen.getByText('全部'))
    await waitFor(() => expect(urls()).toHaveLength(5))
    expect(urls()[4]).toBe('GET /api/courses')
  })

  it('has an empty state and an error state with 重试', async () => {
    let answer: unknown = fail(503, 'UNAVAILABLE', '')
    request.mockImplementation(routes({ 'GET /api/courses': () => answer }))
    render(<CourseListPage />)
    expect(await screen.findByText('服务暂不可用，请稍后再试')).toBeTruthy()
    answer = ok({ items: [], total: 0 })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('暂无课程')).toBeTruthy()
  })
})

describe('course detail', () => {
  const signedIn = () => Taro.setStorageSync(TOKEN_KEY, 'tok')

  /** The detail page of CQIP-PAT-101 with one open class (id 11), then the given routes. */
  async function openDetail(extra: Record<string, unknown>, cls = klass()) {
    __setRouterParams({ code: 'CQIP-PAT-101' })
    request.mockImplementation(
      routes({ 'GET /api/courses/CQIP-PAT-101': ok(courseDetail([cls])), 'GET /api/reference': ok(reference), ...extra }),
    )
    render(<CourseDetailPage />)
    await screen.findByText('2025 年第一期专利撰写实务班')
  }

  const card = () => screen.getByText('2025 年第一期专利撰写实务班').closest('.klass') as HTMLElement

  async function tap(text: string) {
    await act(async () => {
      fireEvent.click(within(card()).getByText(text))
    })
  }

  it('shows the course, audience labels, outline and the class facts in Shanghai time', async () => {
    await openDetail({})
    expect(screen.getByText('专利申请文件撰写与审查意见答复实务')).toBeTruthy()
    expect(screen.getByText('权利要求书撰写', { selector: '.chip' })).toBeTruthy()
    // audience values shown with their /api/reference labels
    expect(screen.getByText('代理')).toBeTruthy()
    expect(screen.getByText('律师')).toBeTruthy()
    expect(screen.getByText('4 学时')).toBeTruthy()
    expect(screen.getByText('新颖性、创造性、实用性')).toBeTruthy()

    const c = within(card())
    expect(c.getByText('报名中')).toBeTruthy()
    expect(c.getByText('剩余名额 3 / 候补 0 人')).toBeTruthy()
    expect(c.getByText(/3月20日 - 3月22日/)).toBeTruthy()
    expect(c.getByText('重庆市渝北区知识产权培训基地 301 教室')).toBeTruthy()
    expect(c.getByText('3月1日 09:00 - 3月18日 18:00')).toBeTruthy()
    expect(c.getByText('3月19日 18:00')).toBeTruthy()
    expect(c.getByText('立即报名')).toBeTruthy()
    expect(urls()).toContain('GET /api/courses/CQIP-PAT-101')
  })

  it.each([
    ['closed', '未开放或已截止'],
    ['completed', '已结业'],
    ['cancelled', '已取消'],
  ] as const)('a %s class says %s and offers no sign-up', async (status, label) => {
    await openDetail({}, klass({ status }))
    expect(within(card()).getByText(label)).toBeTruthy()
    expect(within(card()).queryByText('立即报名')).toBeNull()
  })

  it('sends the token and shows 报名成功, then the refreshed class as 已报名', async () => {
    signedIn()
    let posted = false
    await openDetail({
      'POST /api/classes/11/enrollments': () => {
        posted = true
        return ok({ id: 900, classId: 11, status: 'enrolled' }, 201)
      },
      'GET /api/classes/11': () => ok(klass({ seatsLeft: 2, enrolledCount: 38, myEnrollment: { id: 900, status: 'enrolled' } })),
    })
    expect(request.mock.calls[0][0].header.Authorization).toBe('Bearer tok')
    await tap('立即报名')
    expect(posted).toBe(true)
    expect(await within(card()).findByText('报名成功')).toBeTruthy()
    expect(within(card()).getByText('已报名')).toBeTruthy()
    expect(within(card()).getByText('剩余名额 2 / 候补 0 人')).toBeTruthy()
    expect(within(card()).getByText('取消报名')).toBeTruthy()
    expect(within(card()).queryByText('立即报名')).toBeNull()
  })

  it('shows 已进入候补第 3 位 when the class is full', async () => {
    signedIn()
    await openDetail(
      {
        'POST /api/classes/11/enrollments': ok({ id: 901, classId: 11, status: 'waitlisted', waitlistPosition: 3 }, 201),
        'GET /api/classes/11': ok(
          klass({ seatsLeft: 0, waitlistCount: 3, myEnrollment: { id: 901, status: 'waitlisted', waitlistPosition: 3 } }),
        ),
      },
      klass({ seatsLeft: 0, waitlistCount: 2 }),
    )
    expect(within(card()).getByText('剩余名额 0 / 候补 2 人')).toBeTruthy()
    await tap('立即报名')
    expect(await within(card()).findByText('已进入候补第 3 位')).toBeTruthy()
    expect(within(card()).getByText('候补第 3 位')).toBeTruthy()
    expect(within(card()).getByText('剩余名额 0 / 候补 3 人')).toBeTruthy()
  })

  it('shows 已提交，待审核 when the class requires approval', async () => {
    signedIn()
    await openDetail(
      {
        'POST /api/classes/11/enrollments': ok({ id: 902, classId: 11, status: 'pending' }, 201),
        'GET /api/classes/11': ok(klass({ requiresApproval: true, pendingCount: 1, myEnrollment: { id: 902, status: 'pending' } })),
      },
      klass({ requiresApproval: true }),
    )
    expect(within(card()).getByText('报名需培训基地审核')).toBeTruthy()
    await tap('立即报名')
    expect(await within(card()).findByText('已提交，待审核')).toBeTruthy()
    expect(within(card()).getByText('待审核')).toBeTruthy()
  })

  it('shows 报名已截止 on ENROLLMENT_CLOSED and the refreshed status', async () => {
    signedIn()
    await openDetail({
      'POST /api/classes/11/enrollments': fail(409, 'ENROLLMENT_CLOSED', '报名已截止：不在报名时间内'),
      'GET /api/classes/11': ok(klass({ status: 'closed' })),
    })
    await tap('立即报名')
    expect(await within(card()).findByText('报名已截止')).toBeTruthy()
    expect(within(card()).getByText('未开放或已截止')).toBeTruthy()
    expect(within(card()).queryByText('立即报名')).toBeNull()
  })

  it('shows the server message on PROFILE_REQUIRED with a way to the talent-record form', async () => {
    signedIn()
    await openDetail({
      'POST /api/classes/11/enrollments': fail(403, 'PROFILE_REQUIRED', '请先填写人才档案，再报名参加培训'),
      'GET /api/classes/11': ok(klass()),
    })
    await tap('立即报名')
    expect(await within(card()).findByText('请先填写人才档案，再报名参加培训')).toBeTruthy()
    fireEvent.click(within(card()).getByText('去填写人才档案'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/profile/edit/index' })
  })

  it('sends a visitor who is not signed in to login instead of calling the API', async () => {
    await openDetail({})
    await tap('立即报名')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' })
    expect(urls().some((u) => u.startsWith('POST'))).toBe(false)
  })

  it('cancels after confirmation and shows 已取消报名', async () => {
    signedIn()
    let deleted = 0
    await openDetail(
      {
        'DELETE /api/classes/11/enrollments/me': () => {
          deleted++
          return ok({ status: 'cancelled' })
        },
        'GET /api/classes/11': ok(klass({ myEnrollment: null })),
      },
      klass({ myEnrollment: { id: 900, status: 'enrolled' } }),
    )
    expect(within(card()).getByText('已报名')).toBeTruthy()

    // first time the person thinks again: nothing is sent
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await tap('取消报名')
    expect(deleted).toBe(0)

    await tap('取消报名')
    expect(showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '取消报名', content: expect.stringContaining('2025 年第一期专利撰写实务班') }),
    )
    expect(deleted).toBe(1)
    expect(await within(card()).findByText('已取消报名')).toBeTruthy()
    expect(within(card()).getByText('立即报名')).toBeTruthy()
    expect(within(card()).queryByText('已报名')).toBeNull()
  })

  it('shows the server message when the cancel deadline has passed', async () => {
    signedIn()
    await openDetail(
      {
        'DELETE /api/classes/11/enrollments/me': fail(409, 'CANCEL_DEADLINE_PASSED', '已过取消报名截止时间，如需取消请联系培训基地'),
        'GET /api/classes/11': ok(klass({ myEnrollment: { id: 900, status: 'enrolled' } })),
      },
      klass({ myEnrollment: { id: 900, status: 'enrolled' } }),
    )
    await tap('取消报名')
    expect(await within(card()).findByText('已过取消报名截止时间，如需取消请联系培训基地')).toBeTruthy()
    expect(within(card()).getByText('已报名')).toBeTruthy()
  })

  it('says when there are no upcoming classes', async () => {
    __setRouterParams({ code: 'CQIP-PAT-101' })
    request.mockImplementation(routes({ 'GET /api/courses/CQIP-PAT-101': ok(courseDetail([])), 'GET /api/reference': ok(reference) }))
    render(<CourseDetailPage />)
    expect(await screen.findByText('暂无开班计划，敬请关注')).toBeTruthy()
  })

  it('has an error state with 重试', async () => {
    __setRouterParams({ code: 'CQIP-PAT-101' })
    let answer: unknown = fail(404, 'NOT_FOUND', '课程不存在')
    request.mockImplementation(routes({ 'GET /api/courses/CQIP-PAT-101': () => answer, 'GET /api/reference': ok(reference) }))
    render(<CourseDetailPage />)
    expect(await screen.findByText('课程不存在')).toBeTruthy()
    answer = ok(courseDetail())
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('2025 年第一期专利撰写实务班')).toBeTruthy()
  })
})
