import Taro from '@tarojs/taro'
import { ApiError, NETWORK_ERROR, fallbackMessage, toApiError } from './errors'
import { clearToken, getToken } from './token'

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

/**
 * The one place that talks HTTP. Resolves with the parsed JSON body of a 2xx answer and throws
 * ApiError for everything else (including "no answer at all").
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const token = options.anonymous ? null : getToken()
  const header: Record<string, string> = { Accept: 'application/json' }
  if (options.data !== undefined) header['Content-Type'] = 'application/json'
  if (token) header.Authorization = `Bearer ${token}`

  let res: { statusCode: number; data: unknown }
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

  const status = Number(res.statusCode) || 0
  const body = parseBody(res.data)
  if (status >= 200 && status < 300) return body as T

  if (status === 0) throw new ApiError(0, NETWORK_ERROR, fallbackMessage(NETWORK_ERROR))
  if (status === 401 && token) clearToken()
  throw toApiError(status, body)
}
