import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import NewClassPage from '../src/pages/staff/class-new/index'
import StaffClassesPage from '../src/pages/staff/classes/index'
import { TOKEN_KEY } from '../src/api'
import { course, fail, klass, ok, routes } from './fixtures'

/** 发布开班: the trainer's form that publishes a class with its sessions in one request. */
const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

const courses = ok({ items: [course(), course({ code: 'CQIP-PUB-101', title: '知识产权法律基础', creditHours: 8, category: 'public' })], total: 2 })

function fill() {
  fireEvent.change(screen.getByLabelText('课程'), { target: { value: 'CQIP-PUB-101' } })
  fireEvent.input(screen.getByPlaceholderText('如：2026 年第一期专利撰写实务班'), { target: { value: ' 公需课第一期 ' } })
  fireEvent.input(screen.getByPlaceholderText('如：重庆市渝北区知识产权培训基地 301 教室'), { target: { value: '培训基地 302 教室' } })
  fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2026-12-10' } })
  fireEvent.change(screen.getByLabelText('结束日期'), { target: { value: '2026-12-11' } })
  fireEvent.input(screen.getByPlaceholderText('可报名人数'), { target: { value: '30' } })
  fireEvent.change(screen.getByLabelText('报名截止'), { target: { value: '2026-12-08' } })
  fireEvent.change(screen.getByLabelText('报名方式'), { target: { value: 'approval' } })
  fireEvent.input(screen.getAllByPlaceholderText('本课次的主题')[0], { target: { value: '知识产权法律体系' } })
  fireEvent.click(screen.getByText('添加课次'))
  fireEvent.change(screen.getByLabelText('课次 2日期'), { target: { value: '2026-12-11' } })
  fireEvent.change(screen.getByLabelText('课次 2开始'), { target: { value: '14:00' } })
  fireEvent.change(screen.getByLabelText('课次 2结束'), { target: { value: '17:30' } })
  fireEvent.input(screen.getAllByPlaceholderText('本课次的主题')[1], { target: { value: '著作权与商标' } })
}

describe('trainer: 发布开班', () => {
  it('is reached from the class list', async () => {
    request.mockImplementation(routes({ 'GET /api/classes?when=current&pageSize=100': ok({ items: [klass()], total: 1, page: 1, pageSize: 100 }) }))
    render(<StaffClassesPage />)
    fireEvent.click(await screen.findByText('发布开班'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/class-new/index' })
  })

  it('sends the class and its sessions in Chongqing time, then opens the new class', async () => {
    const create = jest.fn((_body: unknown) => ok(klass({ id: 77 }), 201))
    request.mockImplementation(routes({ 'GET /api/courses': courses, 'POST /api/classes': create }))
    render(<NewClassPage />)
    await screen.findByText('知识产权法律基础（8 学时）')
    fill()
    await act(async () => {
      fireEvent.click(screen.getByText('发布'))
    })
    const body = create.mock.calls[0][0] as Record<string, unknown>
    expect(body).toMatchObject({
      courseCode: 'CQIP-PUB-101',
      title: '公需课第一期',
      location: '培训基地 302 教室',
      startDate: '2026-12-10',
      endDate: '2026-12-11',
      capacity: 30,
      enrollClosesAt: '2026-12-08T18:00:00+08:00',
      requiresApproval: true,
      sessions: [
        { startsAt: '2026-12-10T09:00:00+08:00', endsAt: '2026-12-10T12:00:00+08:00', topic: '知识产权法律体系' },
        { startsAt: '2026-12-11T14:00:00+08:00', endsAt: '2026-12-11T17:30:00+08:00', topic: '著作权与商标' },
      ],
    })
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/staff/class/index?id=77' })
  })

  it('shows each server error at its field and at the session it names', async () => {
    request.mockImplementation(
      routes({
        'GET /api/courses': courses,
        'POST /api/classes': fail(400, 'VALIDATION_FAILED', '请求参数有误', [
          { path: 'capacity', message: '名额至少为 1' },
          { path: 'enrollClosesAt', message: '报名截止时间须晚于报名开始时间' },
          { path: 'sessions.1.startsAt', message: '课次须在开班日期 2026-12-10 至 2026-12-11 之间' },
        ]),
      }),
    )
    render(<NewClassPage />)
    await screen.findByText('知识产权法律基础（8 学时）')
    fill()
    await act(async () => {
      fireEvent.click(screen.getByText('发布'))
    })
    expect(screen.getByText('请按提示修改后再发布')).toBeTruthy()
    expect(screen.getByText('名额至少为 1')).toBeTruthy()
    expect(screen.getByText('报名截止时间须晚于报名开始时间')).toBeTruthy()
    const second = within(screen.getByText('课次 2').closest('.class-new__session') as HTMLElement)
    expect(second.getByText('课次须在开班日期 2026-12-10 至 2026-12-11 之间')).toBeTruthy()
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  it('removes a session row', async () => {
    request.mockImplementation(routes({ 'GET /api/courses': courses }))
    render(<NewClassPage />)
    await screen.findByText('知识产权法律基础（8 学时）')
    fireEvent.click(screen.getByText('添加课次'))
    expect(screen.getByText('课次 2')).toBeTruthy()
    fireEvent.click(screen.getAllByText('删除')[0])
    expect(screen.queryByText('课次 2')).toBeNull()
    expect(screen.queryByText('删除')).toBeNull()
  })
})
