import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { deleteMyAccount, downloadMyData, getMe, isApiError, isSignedIn } from '../../../api'
import { NoticeText } from '../../../components/NoticeText'
import type { Notice } from '../../../components/NoticeText'
import { TextField } from '../../../components/TextField'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { downloadAndPresent } from '../../../utils/files'
import { goLogin } from '../../../utils/nav'
import './index.css'

/**
 * 注销账号 (practitioners; a staff account is an admin's to disable, and the server says so): what is
 * erased and what stays anonymised, the password again, a last confirmation. Afterwards the session
 * is gone: to the sign-in page.
 */
export default function AccountDeletionPage() {
  const t = zh.account
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [notice, setNotice] = useState<Notice | null>(null)
  const { busy, run, running } = useOneAction<'delete' | 'export'>()

  // an account made by WeChat login that never bound a phone has no password: WeChat confirms it is you
  const [wechatOnly, setWechatOnly] = useState(false)
  useEffect(() => {
    if (!isSignedIn()) {
      goLogin()
      return
    }
    getMe().then(
      (me) => setWechatOnly(me.user.phone === null && me.user.wechatBound),
      () => undefined,
    )
  }, [])

  const exportData = () =>
    run('export', () => downloadAndPresent(downloadMyData, { fileName: t.exportFileName, fileType: 'json', done: t.exported }))

  const remove = async () => {
    if (running.current) return
    setNotice(null)
    if (!wechatOnly && !password) {
      setError(undefined)
      setNotice({ ok: false, text: t.fillPassword })
      return
    }
    const { confirm } = await Taro.showModal({ title: t.deleteConfirmTitle, content: t.deleteConfirmContent, confirmText: t.deleteConfirm, cancelText: t.keep, confirmColor: '#c0392b' })
    if (!confirm) return
    await run('delete', async () => {
      setError(undefined)
      try {
        // the token is forgotten with the account
        await deleteMyAccount(wechatOnly ? { wechatCode: (await Taro.login()).code } : { password })
        Taro.showToast({ title: t.deleted, icon: 'none' })
        goLogin()
      } catch (e) {
        const message = failureMessage(e)
        if (message === null) return
        setError(isApiError(e) ? e.fieldErrors().password : undefined)
        setNotice({ ok: false, text: message })
      }
    })
  }

  return (
    <View className='page account-delete'>
      <View className='card'>
        <Text className='account-delete__warning'>{t.deleteWarning}</Text>
        <Text className='account-delete__list-title'>{t.deleteErasedTitle}</Text>
        {t.deleteErased.map((line) => (
          <Text key={line} className='account-delete__item'>
            · {line}
          </Text>
        ))}
        <Text className='account-delete__list-title'>{t.deleteKeptTitle}</Text>
        {t.deleteKept.map((line) => (
          <Text key={line} className='account-delete__item'>
            · {line}
          </Text>
        ))}
        <Button className={busy === 'export' ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={() => void exportData()}>
          {busy === 'export' ? t.exporting : t.exportData}
        </Button>
      </View>
      <NoticeText notice={notice} />
      {wechatOnly ? (
        <View className='card'>
          <Text className='account-delete__item'>{t.deleteByWechat}</Text>
        </View>
      ) : (
      <View className='card'>
        <TextField
          label={t.deletePassword}
          required
          password
          error={error}
          value={password}
          placeholder={t.deletePasswordPlaceholder}
          onInput={(v) => {
            setPassword(v)
            setError(undefined)
          }}
        />
      </View>
      )}
      <Button className={busy === 'delete' ? 'btn account-delete__submit btn--busy' : 'btn account-delete__submit'} onClick={() => void remove()}>
        {busy === 'delete' ? zh.common.submitting : t.deleteSubmit}
      </Button>
    </View>
  )
}
