import { zh } from '../../../text/zh'

export default definePageConfig({
  navigationBarTitleText: zh.statements.verifyTitle,
})
