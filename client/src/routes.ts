/** Page paths. The first one is the start page. */
export const PAGES = ['pages/home/index', 'pages/auth/login/index', 'pages/profile/edit/index']

export const ROUTES = {
  home: '/pages/home/index',
  login: '/pages/auth/login/index',
  profileEdit: '/pages/profile/edit/index',
} as const
