import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { issueTemporaryPassword, updateAccount } from '../../../api'
import type { AccountFilters, AccountPage, AccountPatch, AccountRow, AccountStatus, Option, Reference, Role } from '../../../api'
import { FilterSelect } from '../../../components/FilterSelect'
import { NoticeText } from '../../../components/NoticeText'
import type { Notice } from '../../../components/NoticeText'
import { SelectField } from '../../../components/SelectField'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import type { Loaded } from '../../../hooks/useSignedInData'
import { useOneAction } from '../../../hooks/useOneAction'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { formatFullDate } from '../../../utils/time'

export const PAGE_SIZE = 20

type Data = { reference: Reference; page: AccountPage }

interface AccountListProps {
  state: Loaded<Data>
  filters: AccountFilters
  onFilters: (filters: AccountFilters) => void
  onPage: (page: number) => void
  reload: (showSpinner?: boolean) => Promise<void>
  update: (change: (data: Data) => Data) => void
}

/** A temporary password just issued: shown this once, in its account's card, until dismissed. */
interface Issued {
  id: number
  name: string
  password: string
}

/** Every role, by its short name (the filter and each account's role choice). */
const ROLE_OPTIONS: Option[] = Object.entries(zh.admin.roleNames).map(([value, label]) => ({ value, label }))

/** The admin's account list: search, filters, pages, and per account its role, status and a temporary password. */
export function AccountList({ state, filters, onFilters, onPage, reload, update }: AccountListProps) {
  const t = zh.admin
  const [query, setQuery] = useState(filters.q ?? '')
  const [issued, setIssued] = useState<Issued | null>(null)
  // what the last action on an account came to, shown in its card
  const [rowNotice, setRowNotice] = useState<{ id: number; notice: Notice } | null>(null)
  const { busy, run, running } = useOneAction<string>()
  // an account being given the district role: its district is picked before the change is sent
  const [districtDraft, setDistrictDraft] = useState<{ id: number; code: string } | null>(null)
  const districts: Option[] = state.kind === 'ready' ? state.data.reference.districts.map((d) => ({ value: d.code, label: d.name })) : []
  const districtName = (code: string | null) => (code ? districts.find((d) => d.value === code)?.label ?? code : '')

  const search = () => onFilters({ ...filters, q: query.trim() || undefined })

  const replaceRow = (row: AccountRow) =>
    update((d) => ({ ...d, page: { ...d.page, items: d.page.items.map((r) => (r.id === row.id ? row : r)) } }))

  const ask = async (title: string, content: string): Promise<boolean> => {
    const { confirm } = await Taro.showModal({ title, content, confirmText: t.confirm, cancelText: t.cancel })
    return confirm
  }

  const fail = (id: number, e: unknown) => {
    const message = failureMessage(e)
    if (message !== null) setRowNotice({ id, notice: { ok: false, text: message } })
  }

  /** Sends a change; true when the server took it. */
  const patch = async (row: AccountRow, change: AccountPatch, done: (row: AccountRow) => string): Promise<boolean> => {
    let ok = false
    await run(`patch:${row.id}`, async () => {
      setRowNotice(null)
      try {
        const updated = await updateAccount(row.id, change)
        replaceRow(updated)
        setRowNotice({ id: row.id, notice: { ok: true, text: done(updated) } })
        ok = true
      } catch (e) {
        fail(row.id, e)
      }
    })
    return ok
  }

  const roleDone = (r: AccountRow) => t.roleChanged(r.name, t.roleNames[r.role] ?? r.role)

  const changeRole = async (row: AccountRow, role: string) => {
    if (running.current) return
    if (role === row.role) {
      setDistrictDraft(null)
      return
    }
    // a district account works for one district: pick it first, then confirm
    if (role === 'district') {
      setRowNotice(null)
      setDistrictDraft({ id: row.id, code: '' })
      return
    }
    setDistrictDraft(null)
    const name = t.roleNames[role] ?? role
    if (!(await ask(t.roleTitle, t.roleContent(row.name, name)))) return
    await patch(row, { role: role as Role }, roleDone)
  }

  const confirmDistrictRole = async (row: AccountRow) => {
    if (running.current || districtDraft?.id !== row.id) return
    const code = districtDraft.code
    if (!code) {
      setRowNotice({ id: row.id, notice: { ok: false, text: t.pickDistrict } })
      return
    }
    if (!(await ask(t.roleTitle, t.roleContentDistrict(row.name, t.roleNames.district, districtName(code))))) return
    const change = { role: 'district', districtCode: code } as AccountPatch
    if (await patch(row, change, roleDone)) setDistrictDraft(null)
  }

  const changeDistrict = async (row: AccountRow, code: string) => {
    if (code === row.districtCode || running.current) return
    if (!(await ask(t.districtTitle, t.districtContent(row.name, districtName(code))))) return
    await patch(row, { districtCode: code } as AccountPatch, (r) => t.districtChanged(r.name, districtName(r.districtCode)))
  }

  const toggleStatus = async (row: AccountRow) => {
    if (running.current) return
    if (row.status === 'active') {
      if (!(await ask(t.disableTitle, t.disableContent(row.name)))) return
      await patch(row, { status: 'disabled' }, (r) => t.disabled(r.name))
    } else {
      await patch(row, { status: 'active' }, (r) => t.enabled(r.name))
    }
  }

  const resetPassword = async (row: AccountRow) => {
    if (running.current) return
    if (!(await ask(t.resetTitle, t.resetContent(row.name)))) return
    await run(`reset:${row.id}`, async () => {
      setRowNotice(null)
      setIssued(null)
      try {
        const password = await issueTemporaryPassword(row.id)
        setIssued({ id: row.id, name: row.name, password })
        // the row now awaits the password change: the server's list says so
        void reload(false)
      } catch (e) {
        fail(row.id, e)
      }
    })
  }

  const copy = (password: string) => {
    void Taro.setClipboardData({ data: password }).then(
      () => Taro.showToast({ title: t.copied, icon: 'none' }),
      () => undefined,
    )
  }

  const filtered = !!(filters.role || filters.status || filters.q)

  return (
    <View>
      <View className='admin-staff__search'>
        <Input
          className='office__input admin-staff__query'
          value={query}
          placeholder={t.searchPlaceholder}
          confirmType='search'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={search}
        />
        <Button className='btn btn--primary admin-staff__search-btn' onClick={search}>
          {t.search}
        </Button>
      </View>

      {state.kind === 'ready' ? (
        <View className='admin-staff__filters'>
          <FilterSelect
            id='filter-role'
            label={t.role}
            options={ROLE_OPTIONS}
            value={filters.role ?? ''}
            onChange={(v) => onFilters({ ...filters, role: (v || undefined) as Role | undefined })}
          />
          <FilterSelect
            id='filter-status'
            label={t.status}
            options={state.data.reference.accountStatuses}
            value={filters.status ?? ''}
            onChange={(v) => onFilters({ ...filters, status: (v || undefined) as AccountStatus | undefined })}
          />
        </View>
      ) : null}

      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.kind === 'ready' && !state.data.page.items.length ? <EmptyState text={filtered ? t.noMatch : t.accountsEmpty} /> : null}
      {state.kind === 'ready' && state.data.page.items.length ? (
        <View>
          <Text className='admin-staff__total'>{t.total(state.data.page.total)}</Text>
          {state.data.page.items.map((row) => (
            <AccountCard
              key={row.id}
              row={row}
              statuses={state.data.reference.accountStatuses}
              districts={districts}
              districtDraft={districtDraft?.id === row.id ? districtDraft.code : null}
              onDraftDistrict={(code) => setDistrictDraft({ id: row.id, code })}
              onConfirmDistrictRole={() => void confirmDistrictRole(row)}
              onCancelDistrictRole={() => setDistrictDraft(null)}
              onDistrict={(code) => void changeDistrict(row, code)}
              busy={busy}
              notice={rowNotice?.id === row.id ? rowNotice.notice : null}
              issued={issued?.id === row.id ? issued : null}
              onRole={(role) => void changeRole(row, role)}
              onToggle={() => void toggleStatus(row)}
              onReset={() => void resetPassword(row)}
              onCopy={copy}
              onDismiss={() => setIssued(null)}
            />
          ))}
          <Pager page={state.data.page} onPage={onPage} />
        </View>
      ) : null}
    </View>
  )
}

function AccountCard({
  row,
  statuses,
  districts,
  districtDraft,
  onDraftDistrict,
  onConfirmDistrictRole,
  onCancelDistrictRole,
  onDistrict,
  busy,
  notice,
  issued,
  onRole,
  onToggle,
  onReset,
  onCopy,
  onDismiss,
}: {
  row: AccountRow
  statuses: Option[]
  /** The 38 districts, for a district account's own (区县). */
  districts: Option[]
  /** The district picked so far while giving this account the district role; null when not doing that. */
  districtDraft: string | null
  onDraftDistrict: (code: string) => void
  onConfirmDistrictRole: () => void
  onCancelDistrictRole: () => void
  onDistrict: (code: string) => void
  busy: string | null
  notice: Notice | null
  issued: Issued | null
  onRole: (role: string) => void
  onToggle: () => void
  onReset: () => void
  onCopy: (password: string) => void
  onDismiss: () => void
}) {
  const t = zh.admin
  const statusLabel = statuses.find((s) => s.value === row.status)?.label ?? row.status
  const meta = [
    row.phoneMasked,
    t.createdAt(formatFullDate(row.createdAt)),
    row.wechatBound ? t.wechatBound : null,
    row.mustChangePassword ? t.mustChangePassword : null,
  ].filter(Boolean)
  const patching = busy === `patch:${row.id}`
  const resetting = busy === `reset:${row.id}`
  return (
    <View className='card admin-staff__item'>
      <View className='admin-staff__head'>
        <Text className='admin-staff__name'>{row.name}</Text>
        <View className='admin-staff__tags'>
          <Text className='tag'>{t.roleNames[row.role] ?? row.role}</Text>
          {row.role === 'district' && row.districtCode ? (
            <Text className='tag admin-staff__district'>{districts.find((d) => d.value === row.districtCode)?.label ?? row.districtCode}</Text>
          ) : null}
          {row.erased ? <Text className='tag tag--cancelled'>{t.erased}</Text> : <Text className={`tag tag--account-${row.status}`}>{statusLabel}</Text>}
        </View>
      </View>
      <Text className='admin-staff__meta'>{meta.join(' · ')}</Text>
      <NoticeText notice={notice} />
      {/* an erased account cannot be changed any more */}
      {row.erased ? null : (
        <View className='admin-staff__actions'>
          <SelectField id={`role-${row.id}`} label={t.roleOf(row.name)} options={ROLE_OPTIONS} value={districtDraft !== null ? 'district' : row.role} onChange={onRole} />
          {row.role === 'district' && districtDraft === null ? (
            <SelectField id={`district-${row.id}`} label={t.districtOf(row.name)} options={districts} value={row.districtCode ?? ''} onChange={onDistrict} />
          ) : null}
          <Button className={patching ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={onToggle}>
            {row.status === 'active' ? t.disable : t.enable}
          </Button>
          <Button className={resetting ? 'btn btn--plain btn--busy' : 'btn btn--plain'} onClick={onReset}>
            {t.resetPassword}
          </Button>
        </View>
      )}
      {districtDraft !== null && !row.erased ? (
        <View className='admin-staff__district-pick'>
          <Text className='field__label'>{t.district}</Text>
          <SelectField id={`district-${row.id}`} label={t.districtOf(row.name)} options={districts} value={districtDraft} onChange={onDraftDistrict} />
          <Text className='field__hint'>{t.districtHint}</Text>
          <View className='admin-staff__actions'>
            <Button className={patching ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={onConfirmDistrictRole}>
              {t.confirmRole}
            </Button>
            <Button className='btn btn--plain' onClick={onCancelDistrictRole}>
              {t.cancel}
            </Button>
          </View>
        </View>
      ) : null}
      {issued ? (
        <View className='admin-staff__temp'>
          <Text className='admin-staff__temp-title'>{t.temporaryPasswordFor(issued.name)}</Text>
          <Text className='admin-staff__temp-value'>{issued.password}</Text>
          <Text className='admin-staff__temp-hint'>{t.temporaryPasswordHint}</Text>
          <View className='admin-staff__temp-actions'>
            <Button className='btn btn--primary' onClick={() => onCopy(issued.password)}>
              {t.copy}
            </Button>
            <Button className='btn btn--plain' onClick={onDismiss}>
              {t.dismiss}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

function Pager({ page, onPage }: { page: AccountPage; onPage: (page: number) => void }) {
  const t = zh.office
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize))
  if (pages <= 1) return null
  return (
    <View className='admin-staff__pager'>
      <Button className={page.page <= 1 ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page.page > 1 && onPage(page.page - 1)}>
        {t.prev}
      </Button>
      <Text className='admin-staff__page'>{t.pageOf(page.page, pages)}</Text>
      <Button className={page.page >= pages ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page.page < pages && onPage(page.page + 1)}>
        {t.next}
      </Button>
    </View>
  )
}
