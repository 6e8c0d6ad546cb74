import { Text } from '@tarojs/components'

/** What the last action on a page came to: its outcome, or the server's refusal. */
export interface Notice {
  ok: boolean
  text: string
}

/** The notice, green when the action worked and red when not; nothing when there is none. */
export function NoticeText({ notice, className }: { notice: Notice | null; className?: string }) {
  if (!notice) return null
  const look = notice.ok ? 'form-success' : 'form-error'
  return <Text className={className ? `${look} ${className}` : look}>{notice.text}</Text>
}
