/** Page paths. The first one is the start page. */
export const PAGES = [
  'pages/home/index',
  'pages/auth/login/index',
  'pages/profile/edit/index',
  'pages/courses/list/index',
  'pages/courses/detail/index',
  'pages/enrollment/mine/index',
]

export const ROUTES = {
  home: '/pages/home/index',
  login: '/pages/auth/login/index',
  profileEdit: '/pages/profile/edit/index',
  courseList: '/pages/courses/list/index',
  courseDetail: '/pages/courses/detail/index',
  myEnrollments: '/pages/enrollment/mine/index',
} as const
