import Taro from '@tarojs/taro'
import { ROUTES } from '../routes'

export function goLogin(): void {
  Taro.reLaunch({ url: ROUTES.login })
}

export function goHome(): void {
  Taro.reLaunch({ url: ROUTES.home })
}

export function goProfileEdit(): void {
  Taro.navigateTo({ url: ROUTES.profileEdit })
}

export function goCourseList(): void {
  Taro.navigateTo({ url: ROUTES.courseList })
}

export function goCourseDetail(code: string): void {
  Taro.navigateTo({ url: `${ROUTES.courseDetail}?code=${encodeURIComponent(code)}` })
}

export function goMyEnrollments(): void {
  Taro.navigateTo({ url: ROUTES.myEnrollments })
}
