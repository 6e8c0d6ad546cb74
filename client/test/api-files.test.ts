import Taro from '@tarojs/taro'
import { __files, __resetTaroMock } from './mocks/taro'
import { TOKEN_KEY, download, downloadMyData, resetServerClock, serverNow, submitCreditClaim, upload } from '../src/api'
import { noteServerDate } from '../src/api/clock'
import { presentDownload } from '../src/utils/files'

const uploadFile = Taro.uploadFile as unknown as jest.Mock
const downloadFile = Taro.downloadFile as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  resetServerClock()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

describe('upload', () => {
  const file = { path: 'wxfile://tmp/a.pdf', name: 'a.pdf' }

  it('parses a 2xx body and maps error bodies like request() does', async () => {
    uploadFile.mockResolvedValueOnce({ statusCode: 201, data: '{"id":1}' })
    await expect(upload('/api/x', { field: 'f', file, formData: {} })).resolves.toEqual({ id: 1 })
    uploadFile.mockResolvedValueOnce({ statusCode: 403, data: '{"error":{"code":"PROFILE_REQUIRED","message":"请先填写人才档案"}}' })
    await expect(upload('/api/x', { field: 'f', file, formData: {} })).rejects.toMatchObject({ status: 403, code: 'PROFILE_REQUIRED', message: '请先填写人才档案' })
  })

  it('forgets an expired token on 401', async () => {
    uploadFile.mockResolvedValueOnce({ statusCode: 401, data: '' })
    await expect(upload('/api/x', { field: 'f', file, formData: {} })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('')
  })

  it('says 文件不能超过 5 MB for a 413 from the server', async () => {
    uploadFile.mockResolvedValueOnce({ statusCode: 413, data: '{"error":{"code":"PAYLOAD_TOO_LARGE","message":"文件不能超过 5 MB"}}' })
    await expect(
      submitCreditClaim({ title: 't', provider: 'p', date: '2025-01-01', hours: '1', category: 'public' }, file),
    ).rejects.toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: '文件不能超过 5 MB' })
  })
})

describe('download on weapp', () => {
  const env = process.env.TARO_ENV
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })
  afterEach(() => {
    process.env.TARO_ENV = env
  })

  it('uses Taro.downloadFile with the token and opens the document', async () => {
    downloadFile.mockResolvedValueOnce({ statusCode: 200, tempFilePath: 'wxfile://tmp/c.pdf' })
    const got = await download('/api/certificates/ABC/pdf')
    expect(downloadFile).toHaveBeenCalledWith({ url: '/api/certificates/ABC/pdf', header: { Authorization: 'Bearer tok' } })
    expect(got).toEqual({ kind: 'file', path: 'wxfile://tmp/c.pdf' })
    await presentDownload(got, { fileName: 'c.pdf', fileType: 'pdf', open: true })
    expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/c.pdf', fileType: 'pdf', showMenu: true })
  })

  it('turns an error status into an ApiError', async () => {
    downloadFile.mockResolvedValueOnce({ statusCode: 404, tempFilePath: 'wxfile://tmp/e' })
    await expect(download('/api/certificates/NOPE/pdf')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', message: '内容不存在' })
  })

  it('reads the error answer the mini-program saved as a file, for the server’s own message', async () => {
    __files.set('wxfile://tmp/err', JSON.stringify({ error: { code: 'EXPORT_TOO_LARGE', message: '一次最多导出 5000 人的学时证明，请缩小范围' } }))
    downloadFile.mockResolvedValueOnce({ statusCode: 409, tempFilePath: 'wxfile://tmp/err' })
    await expect(download('/api/ce-statements/export?year=2026')).rejects.toMatchObject({ status: 409, code: 'EXPORT_TOO_LARGE', message: '一次最多导出 5000 人的学时证明，请缩小范围' })
  })

  it('sends 我的数据.json to a chat, or copies its text where sharing is refused', async () => {
    const shareFileMessage = Taro.shareFileMessage as unknown as jest.Mock
    downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/me.json' })
    const got = await downloadMyData()
    expect(downloadFile).toHaveBeenCalledWith({ url: '/api/me/data-export', header: { Authorization: 'Bearer tok' } })
    await expect(presentDownload(got, { fileName: '我的数据.json', fileType: 'json' })).resolves.toBeUndefined()
    expect(shareFileMessage).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/me.json', fileName: '我的数据.json' })
    expect(Taro.setClipboardData).not.toHaveBeenCalled()

    // backing out of the chat picker is no failure
    shareFileMessage.mockRejectedValueOnce({ errMsg: 'shareFileMessage:fail cancel' })
    await expect(presentDownload(got, { fileName: '我的数据.json', fileType: 'json' })).resolves.toBeUndefined()
    expect(Taro.setClipboardData).not.toHaveBeenCalled()

    __files.set('wxfile://tmp/me.json', '{"account":{}}')
    shareFileMessage.mockRejectedValueOnce({ errMsg: 'shareFileMessage:fail can only be invoked by user TAP gesture.' })
    await expect(presentDownload(got, { fileName: '我的数据.json', fileType: 'json' })).resolves.toBe('文件内容已复制到剪贴板')
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: '{"account":{}}' })
  })
})

describe('server clock', () => {
  it("learns the server's clock from the Date header", () => {
    const now = Date.now()
    noteServerDate({ date: new Date(now + 60_000).toUTCString() })
    expect(Math.abs(serverNow() - (now + 60_000))).toBeLessThan(1500)
    noteServerDate({ 'content-type': 'application/json' })
    noteServerDate({ Date: 'not a date' })
    noteServerDate(undefined)
    expect(Math.abs(serverNow() - (now + 60_000))).toBeLessThan(1500)
  })
})
