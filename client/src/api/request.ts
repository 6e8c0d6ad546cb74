import Taro from '@tarojs/taro'
import { ApiError, NETWORK_ERROR, fallbackMessage, toApiError } from './errors'
import { noteServerDate } from './clock'
import { clearToken, getToken } from './token'
import type { PickedFile } from './types'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: Method
  data?: unknown
  /** Send without the stored token (e.g. sign-in calls). */
  anonymous?: boolean
}

/** The API origin: '' on h5 (same origin), an absolute URL baked in at build time for weapp. */
export function apiBase(): string {
  const base = typeof API_BASE === 'string' ? API_BASE : ''
  return base.replace(/\/+$/, '')
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data
  if (!data) return undefined
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

/** One response header by name, whatever case the platform gives header names in; null when absent. */
export function headerValue(header: unknown, name: string): string | null {
  if (!header || typeof header !== 'object') return null
  const key = Object.keys(header).find((k) => k.toLowerCase() === name.toLowerCase())
  const value = key === undefined ? undefined : (header as Record<string, unknown>)[key]
  return typeof value === 'string' && value ? value : null
}

/**
 * The one place that talks HTTP. Resolves with the parsed JSON body of a 2xx answer and throws
 * ApiError for everything else (including "no answer at all").
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithHeader<T>(path, options)).data
}

/** Like request(), with the answer's headers beside its body (e.g. a token sent in a header). */
export async function requestWithHeader<T>(path: string, options: RequestOptions = {}): Promise<{ data: T; header: unknown }> {
  const method = options.method ?? 'GET'
  const token = options.anonymous ? null : getToken()
  const header: Record<string, string> = { Accept: 'application/json' }
  if (options.data !== undefined) header['Content-Type'] = 'application/json'
  if (token) header.Authorization = `Bearer ${token}`

  let res: { statusCode: number; data: unknown; header?: unknown }
  try {
    res = await Taro.request({
      url: `${apiBase()}${path}`,
      method,
      header,
      data: options.data as Taro.request.Option['data'],
      dataType: 'json',
      responseType: 'text',
    })
  } catch {
    throw new ApiError(0, NETWORK_ERROR, fallbackMessage(NETWORK_ERROR))
  }

  noteServerDate(res.header)
  return { data: settle<T>(res, token), header: res.header }
}

/** The parsed body of a 2xx answer; an ApiError for anything else. */
function settle<T>(res: { statusCode: number; data: unknown }, token: string | null): T {
  const status = Number(res.statusCode) || 0
  const body = parseBody(res.data)
  if (status >= 200 && status < 300) return body as T

  if (status === 0) throw new ApiError(0, NETWORK_ERROR, fallbackMessage(NETWORK_ERROR))
  if (status === 401 && token) clearToken()
  throw toApiError(status, body)
}

function authHeader(): { token: string | null; header: Record<string, string> } {
  const token = getToken()
  const header: Record<string, string> = { Accept: 'application/json' }
  if (token) header.Authorization = `Bearer ${token}`
  return { token, header }
}

export interface UploadOptions {
  /** The multipart field the server reads the file from. */
  field: string
  file: PickedFile
  /** The text fields sent beside the file. */
  formData: Record<string, string>
}

/**
 * A multipart POST with one file and text fields, signed in. Answers like request(): the parsed
 * 2xx body, or an ApiError.
 *
 * A mini-program temp path goes through Taro.uploadFile. A browser File (h5) goes in a FormData
 * with fetch: Taro's h5 uploadFile first re-reads the file from its blob: URL with an XHR, which the
 * page's Content-Security-Policy (connect-src 'self') blocks, and then never settles.
 */
export async function upload<T>(path: string, options: UploadOptions): Promise<T> {
  const { token, header } = authHeader()
  const url = `${apiBase()}${path}`
  if (options.file.blob) {
    const form = new FormData()
    for (const [key, value] of Object.entries(options.formData)) form.append(key, value)
    form.append(options.field, options.file.blob, options.file.name)
    let res: Response
    let text = ''
    try {
      res = await fetch(url, { method: 'POST', headers: header, body: form })
      text = await res.text()
    } catch {
      throw new ApiError(0, NETWORK_ERROR, fallbackMessage(NETWORK_ERROR))
    }
    return settle<T>({ statusCode: res.status, data: text }, token)
  }
  let res: { statusCode: number; data: unknown }
  try {
    res = await Taro.uploadFile({
      url,
      filePath: options.file.path,
      name: options.field,
      fileName: options.file.name,
      formData: options.formData,
      header,
    })
  } catch {
    throw new ApiError(0, NETWORK_ERROR, fallbackMessage(NETWORK_ERROR))
  }
  return settle<T>(res, token)
}

/** A downloaded file: a Blob on h5, a temp file path on weapp. */
export type Downloaded = { kind: 'blob'; blob: Blob } | { kind: 'file'; path: string }

/**
 * A signed-in GET of a file (certificate PDF, roster spreadsheet). h5: fetch → Blob, with the JSON
 * error body turned into an ApiError. weapp: Taro.downloadFile → temp path (an error body cannot
 * be read there, so the status decides the message).
 */
export async function download(path: string): Promise<Downloaded> {
  const { token, header } = authHeader()
  delete header.Accept
  const url = `${apiBase()}${path}`
  if (process.env.TARO_ENV === 'h5') {
    let res: Response
    try {
      res = await fetch(url, { headers: header })
    } catch {
      throw new ApiError(0, NETWORK_ERROR, fallbackMessage(NETWORK_ERROR))
    }
    if (res.ok) return { kind: 'blob', blob: await res.blob() }
    let text = ''
    try {
      text = await res.text()
    } catch {
      // no body: the status decides
    }
    return settle<never>({ statusCode: res.status, data: text }, token)
  }
  let res: { statusCode: number; tempFilePath: string }
  try {
    res = await Taro.downloadFile({ url, header })
  } catch {
    throw new ApiError(0, NETWORK_ERROR, fallbackMessage(NETWORK_ERROR))
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return { kind: 'file', path: res.tempFilePath }
  return settle<never>({ statusCode: res.statusCode, data: errorBodyOf(res.tempFilePath) }, token)
}

/** weapp: an error answer is saved as a file too; its text carries the contract's message (or nothing readable). */
function errorBodyOf(path: string): string | undefined {
  try {
    return path ? String(Taro.getFileSystemManager().readFileSync(path, 'utf8')) : undefined
  } catch {
    return undefined
  }
}
