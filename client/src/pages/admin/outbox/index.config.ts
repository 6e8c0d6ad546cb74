import { zh } from '../../../text/zh'

export default definePageConfig({
  navigationBarTitleText: zh.outbox.title,
})
