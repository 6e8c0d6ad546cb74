import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import {
  ApiError,
  TOKEN_KEY,
  getMe,
  getReference,
  getToken,
  isApiError,
  login,
  register,
  resetReferenceCache,
  saveProfile,
  wechatLogin,
  type ProfileInput,
} from '../src/api'
import { fail, me, ok, record, reference } from './fixtures'

const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
})

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError)
    return e as ApiError
  }
  throw new Error('expected the call to fail')
}

describe('api: token', () => {
  it('sends the stored token as a Bearer header', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok-123')
    request.mockResolvedValue(ok(me(null)))

    const result = await getMe()

    expect(result.user.name).toBe('张三')
    expect(request).toHaveBeenCalledTimes(1)
    const opts = request.mock.calls[0][0]
    expect(opts.url).toBe('/api/me')
    expect(opts.method).toBe('GET')
    expect(opts.header.Authorization).toBe('Bearer tok-123')
  })

  it('sends no Authorization header without a token', async () => {
    request.mockResolvedValue(ok(reference))
    await getReference()
    expect(request.mock.calls[0][0].header.Authorization).toBeUndefined()
  })

  it('login posts JSON and keeps the returned token', async () => {
    request.mockResolvedValue(ok({ token: 'jwt-1', user: me().user }))

    await login({ phone: '13800001234', password: 'secret-pass' })

    const opts = request.mock.calls[0][0]
    expect(opts).toMatchObject({
      url: '/api/auth/login',
      method: 'POST',
      data: { phone: '13800001234', password: 'secret-pass' },
    })
    expect(opts.header['Content-Type']).toBe('application/json')
    expect(getToken()).toBe('jwt-1')
    expect(Taro.getStorageSync('cqip.token')).toBe('jwt-1')
  })

  it('register and wechatLogin keep the token too', async () => {
    request.mockResolvedValueOnce(ok({ token: 'jwt-r', user: me().user }, 201))
    await register({ phone: '13800001234', password: 'secret-pass', name: '张三' })
    expect(request.mock.calls[0][0]).toMatchObject({ url: '/api/auth/register', method: 'POST' })
    expect(getToken()).toBe('jwt-r')

    request.mockResolvedValueOnce(ok({ token: 'jwt-w', user: me().user, isNew: true }))
    const res = await wechatLogin({ code: 'wx-code' })
    expect(res.isNew).toBe(true)
    expect(request.mock.calls[1][0]).toMatchObject({ url: '/api/auth/wechat', method: 'POST', data: { code: 'wx-code' } })
    expect(getToken()).toBe('jwt-w')
  })

  it('saveProfile PUTs the body and returns the record', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockResolvedValue(ok(record({ status: 'pending' })))
    const body = {
      name: '张三',
      idNumber: '50010319900101123X',
      district: '500103',
      orgName: '某所',
      orgType: 'law_firm',
      category: 'agent',
      ipFields: ['patent'],
      titleLevel: 'junior',
    } satisfies ProfileInput
    const saved = await saveProfile(body)
    expect(saved.status).toBe('pending')
    expect(request.mock.calls[0][0]).toMatchObject({ url: '/api/me/profile', method: 'PUT', data: body })
  })
})

describe('api: errors', () => {
  it('turns the error body into an ApiError with code, message and details', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockResolvedValue(
      fail(400, 'VALIDATION_FAILED', '请求参数不正确', [
        { path: 'idNumber', message: '身份证号校验位不正确' },
        { path: 'ipFields.1', message: '不支持的专业领域' },
      ]),
    )

    const e = await caught(saveProfile({} as never))

    expect(isApiError(e)).toBe(true)
    expect(e.status).toBe(400)
    expect(e.code).toBe('VALIDATION_FAILED')
    expect(e.message).toBe('请求参数不正确')
    expect(e.details).toEqual([
      { path: 'idNumber', message: '身份证号校验位不正确' },
      { path: 'ipFields.1', message: '不支持的专业领域' },
    ])
    expect(e.fieldErrors()).toEqual({ idNumber: '身份证号校验位不正确', ipFields: '不支持的专业领域' })
    // a validation error does not sign anyone out
    expect(getToken()).toBe('tok')
  })

  it('keeps a specific 409 code such as ID_NUMBER_TAKEN', async () => {
    request.mockResolvedValue(fail(409, 'ID_NUMBER_TAKEN', '该身份证号已被其他账号使用'))
    const e = await caught(saveProfile({} as never))
    expect(e).toMatchObject({ status: 409, code: 'ID_NUMBER_TAKEN', message: '该身份证号已被其他账号使用', details: [] })
  })

  it.each([
    [401, 'UNAUTHENTICATED', '请先登录'],
    [403, 'FORBIDDEN', '没有权限'],
    [404, 'NOT_FOUND', '内容不存在'],
    [429, 'RATE_LIMITED', '尝试次数过多，请稍后再试'],
    [503, 'UNAVAILABLE', '服务暂不可用，请稍后再试'],
    [500, 'INTERNAL', '服务器出错了'],
  ])('falls back to a Chinese message for %i %s without a server message', async (status, code, text) => {
    request.mockResolvedValue({ statusCode: status, data: { error: { code, message: '' } }, header: {} })
    const e = await caught(getMe())
    expect(e).toMatchObject({ status, code, message: text })
  })

  it('copes with a body that is not the error shape (proxy error page)', async () => {
    request.mockResolvedValue({ statusCode: 502, data: '<html>Bad Gateway</html>', header: {} })
    const e = await caught(getMe())
    expect(e.status).toBe(502)
    expect(e.code).toBe('INTERNAL')
    expect(e.message).toBe('服务器出错了')

    request.mockResolvedValue({ statusCode: 503, data: null, header: {} })
    const e2 = await caught(getMe())
    expect(e2).toMatchObject({ code: 'UNAVAILABLE', message: '服务暂不可用，请稍后再试' })
  })

  it('reports a network failure as 网络连接失败', async () => {
    request.mockRejectedValue(new TypeError('Failed to fetch'))
    const e = await caught(getMe())
    expect(e.status).toBe(0)
    expect(e.code).toBe('NETWORK_ERROR')
    expect(e.message).toBe('网络连接失败')
  })

  it('clears a stored token that the server answers 401 for', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'expired')
    request.mockResolvedValue(fail(401, 'UNAUTHENTICATED', '登录已过期，请重新登录'))

    const e = await caught(getMe())

    expect(e).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })
    expect(getToken()).toBeNull()
    expect(Taro.removeStorageSync).toHaveBeenCalledWith('cqip.token')
  })

  it('a wrong password (401 without a stored token) is just an error', async () => {
    request.mockResolvedValue(fail(401, 'UNAUTHENTICATED', '手机号或密码错误'))
    const e = await caught(login({ phone: '13800001234', password: 'wrong-pass' }))
    expect(e.message).toBe('手机号或密码错误')
    expect(request.mock.calls[0][0].header.Authorization).toBeUndefined()
  })
})
