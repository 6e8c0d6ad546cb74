import { zh } from '../../../text/zh'

export default definePageConfig({
  navigationBarTitleText: zh.notifications.title,
})
